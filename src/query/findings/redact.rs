//! A report with the names of private code redacted, as the Export menu redacts a
//! profile (`query::redact`): each function name and source path becomes what the
//! profile's redaction makes of it, wherever it appears (titles, code paths, the
//! evidence's commands, escaped in their regexps too), so a redacted report and a
//! redacted profile still line up. The numbers stay, and so do the names of the
//! profile files the commands read (the user chose them).

use super::goroutines::grep_escape;
use super::profiles::focus_regex;
use super::Report;
use crate::query::redact::{name, Redaction};

pub fn redacted(r: &Report, how: &Redaction) -> Report {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut add = |role: char, s: &str| {
        if !s.is_empty() && !pairs.iter().any(|(from, _)| from == s) {
            pairs.push((s.to_string(), name(role, s, how)));
        }
    };
    add('p', &r.program);
    for f in &r.findings {
        for p in &f.path {
            add('f', &p.function);
            add('p', &p.file);
        }
        for g in &f.functions {
            add('f', g);
        }
        for e in f.evidence.iter().filter_map(|e| e.function.as_deref()) {
            add('f', e);
        }
    }
    // the forms the commands quote names in: a Go regexp's and grep's escapes
    let escaped: Vec<(String, String)> = pairs
        .iter()
        .flat_map(|(from, to)| {
            let re = focus_regex(from);
            let re = re[1..re.len() - 1].to_string();
            [(re, to.clone()), (grep_escape(from), to.clone())]
        })
        .collect();
    pairs.extend(escaped);
    // the longest first, so a name is never half replaced as part of a longer one
    pairs.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    pairs.dedup_by(|a, b| a.0 == b.0);
    let swap = |s: &str| -> String {
        let mut out = s.to_string();
        for (from, to) in &pairs {
            if from != to && out.contains(from.as_str()) {
                out = out.replace(from.as_str(), to);
            }
        }
        out
    };
    let mut out = r.clone();
    out.program = swap(&r.program);
    out.advice = r.advice.iter().map(|a| swap(a)).collect();
    for f in &mut out.findings {
        f.title = swap(&f.title);
        f.functions = f.functions.iter().map(|g| swap(g)).collect();
        f.links = f.links.iter().map(|l| swap(l)).collect();
        for p in &mut f.path {
            p.function = swap(&p.function);
            p.file = swap(&p.file);
        }
        for e in &mut f.evidence {
            e.command = swap(&e.command);
            e.function = e.function.as_deref().map(swap);
        }
    }
    out
}
