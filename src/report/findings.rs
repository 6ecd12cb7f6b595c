//! The findings report (`proflens report`): text for the terminal, Markdown for an
//! incident or a pull request (every piece of profile text through `escape::markdown`),
//! and JSON.

use super::escape::markdown;
use crate::query::findings::{Finding, Report, State, Status};
use crate::units::plural;

/// At most this many findings are shown in text and Markdown (JSON has every one).
pub const SHOWN: usize = 10;

pub fn json(r: &Report) -> String {
    serde_json::to_string(r).expect("a report serializes")
}

pub fn text(f: &Report) -> String {
    let mut s =
        format!("Findings for {} ({} file{}):\n", f.program, f.files.len(), plural(f.files.len() as u64));
    if f.findings.is_empty() {
        s.push_str(
            "  nothing above the thresholds: no site grew steadily, no goroutine group grew or waited long\n",
        );
    }
    for (i, x) in f.findings.iter().take(SHOWN).enumerate() {
        s.push_str(&format!(
            "\n{}. [{} {:?}, score {:.1}]{} {}\n",
            i + 1,
            x.certainty,
            x.severity,
            x.score,
            x.status.as_ref().map_or(String::new(), |st| format!(" [{}]", status_text(st))),
            x.title
        ));
        if let Some(path) = short_path(x) {
            s.push_str(&format!("   path: {path}\n"));
        }
        for e in &x.evidence {
            s.push_str(&format!("   {} {} in {}: {}\n", e.value, e.unit, e.file, e.command));
        }
    }
    if f.findings.len() > SHOWN {
        s.push_str(&format!("\n{} more with --format json\n", f.findings.len() - SHOWN));
    }
    for a in &f.advice {
        s.push_str(&format!("\nNote: {a}\n"));
    }
    s
}

pub fn markdown(f: &Report) -> String {
    let mut s = format!("## Findings for {}\n\n", markdown::cell(&f.program));
    let files: Vec<Vec<String>> = f
        .files
        .iter()
        .map(|fi| vec![fi.name.clone(), fi.kind.clone(), fi.time.clone().unwrap_or_default()])
        .collect();
    s.push_str(&markdown::table(&["File".into(), "Kind".into(), "Time".into()], &files));
    if f.findings.is_empty() {
        s.push_str("\nNothing above the thresholds.\n");
    }
    for (i, x) in f.findings.iter().take(SHOWN).enumerate() {
        s.push_str(&format!(
            "\n### {}. {}\n\n{} {:?}, score {:.1}.{}\n\n",
            i + 1,
            markdown::cell(&x.title),
            x.certainty,
            x.severity,
            x.score,
            x.status.as_ref().map_or(String::new(), |st| format!(" After the fix: {}.", status_text(st)))
        ));
        let evidence: Vec<Vec<String>> = x
            .evidence
            .iter()
            .map(|e| vec![format!("{} {}", e.value, e.unit), e.file.clone(), e.command.clone()])
            .collect();
        if !evidence.is_empty() {
            s.push_str(&markdown::table(&["Value".into(), "File".into(), "Command".into()], &evidence));
            s.push('\n');
        }
        let path: Vec<Vec<String>> = x
            .path
            .iter()
            .map(|p| {
                vec![
                    p.function.clone(),
                    format!("{}:{}", p.file, p.line),
                    if p.inline { "inline".into() } else { String::new() },
                ]
            })
            .collect();
        if !path.is_empty() {
            s.push_str(&markdown::table(&["Function".into(), "Place".into(), "".into()], &path));
        }
    }
    for a in &f.advice {
        s.push_str(&format!("\n> {}\n", markdown::cell(a)));
    }
    s
}

/// `main.main ▸ … ▸ main.handle ▸ main.newItem`: the entry and the last three frames.
fn short_path(x: &Finding) -> Option<String> {
    let names: Vec<&str> = x.path.iter().map(|p| p.function.as_str()).collect();
    match names.len() {
        0 => None,
        1..=4 => Some(names.join(" ▸ ")),
        n => Some(format!("{} ▸ … ▸ {}", names[0], names[n - 3..].join(" ▸ "))),
    }
}

/// `gone (was 120 goroutines)`, `smaller: 120 → 40 goroutines`, `still there: 120 → 130
/// goroutines`, `new: 40 goroutines`.
pub fn status_text(st: &Status) -> String {
    let unit = st.unit.as_deref().unwrap_or("");
    let n = |v: Option<i64>| v.map_or("?".to_string(), |v| format!("{v}"));
    match st.state {
        State::Gone => format!("gone (was {} {unit})", n(st.before)),
        State::Smaller => format!("smaller: {} → {} {unit}", n(st.before), n(st.after)),
        State::StillThere => format!("still there: {} → {} {unit}", n(st.before), n(st.after)),
        State::New => format!("new: {} {unit}", n(st.after)),
    }
}
