//! `proflens report FILE|DIR... [--after FILE|DIR...] [--same-program] [--format
//! text|md|json]`: the findings (see `query::findings`) of the files of one program. A
//! folder stands for its files, in name order, which is time order for a folder
//! `proflens watch` wrote. With `--after`, the files after it are the run after a fix,
//! and each finding says whether it is gone; without it, a wide time gap splits the
//! files the same way (the README's "Before and after"). Files that seem to come from
//! several programs are refused, unless `--same-program` says they are one.

use crate::load::{expand_dirs, load_any};
use crate::Failure;
use proflens::decode::goroutines::dump_from_profile;
use proflens::decode::Decoded;
use proflens::model::goroutines::Dump;
use proflens::model::Profile;
use proflens::query::findings::{report, Member, Source};
use proflens::report::findings as render;

/// A file as read: a profile, or a goroutine dump (in any of its forms).
enum Read {
    Profile(Profile),
    Dump(Dump),
}

pub fn run(args: &[String]) -> Result<(), Failure> {
    let mut format = "text".to_string();
    let (mut before, mut after, mut in_after, mut same_program) = (Vec::new(), Vec::new(), false, false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => {
                format = it.next().cloned().ok_or_else(|| Failure::Usage("--format needs a value".into()))?
            }
            "--after" if !in_after => in_after = true,
            "--same-program" => same_program = true,
            f if f.starts_with('-') => return Err(Failure::Usage(format!("unknown option {f:?}"))),
            _ if in_after => after.push(a.clone()),
            _ => before.push(a.clone()),
        }
    }
    if !matches!(format.as_str(), "text" | "md" | "json") {
        return Err(Failure::Usage(format!("unknown format {format:?} (text, md or json)")));
    }
    if in_after && (after.is_empty() || before.is_empty()) {
        return Err(Failure::Usage("--after needs files or folders on both sides".into()));
    }
    let (before, after) = (read(before)?, read(after)?);
    if before.is_empty() {
        return Err(Failure::Usage("report needs files or folders".into()));
    }
    let r = report(&sources(&before), &sources(&after), same_program).map_err(|programs| {
        let list: Vec<String> =
            programs.iter().map(|(name, files)| format!("  {name}: {}", files.join(", "))).collect();
        Failure::Input(format!(
            "these files come from {} programs; report each apart, or add --same-program if they are one:\n{}",
            programs.len(),
            list.join("\n")
        ))
    })?;
    let out = match format.as_str() {
        "json" => render::json(&r) + "\n",
        "md" => render::markdown(&r),
        _ => render::text(&r),
    };
    print!("{out}");
    Ok(())
}

fn read(paths: Vec<String>) -> Result<Vec<(String, Read)>, Failure> {
    let mut out = Vec::new();
    for f in expand_dirs("report", paths)? {
        let read = match load_any(&f, 0)? {
            Decoded::Goroutines(d) => Read::Dump(d),
            Decoded::Profile(p) => match dump_from_profile(&p) {
                Some(d) => Read::Dump(d),
                None => Read::Profile(p),
            },
        };
        out.push((f, read));
    }
    Ok(out)
}

fn sources(files: &[(String, Read)]) -> Vec<Source<'_>> {
    files
        .iter()
        .map(|(name, r)| {
            let member = match r {
                Read::Profile(p) => Member::Profile(p),
                Read::Dump(d) => Member::Dump(d),
            };
            Source { name, member }
        })
        .collect()
}
