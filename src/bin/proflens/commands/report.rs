//! `proflens report FILE|DIR... [--after FILE|DIR...] [--format text|md|json]`: the
//! findings (see `query::findings`) of the files of one program. A folder stands for its
//! files, in name order, which is time order for a folder `proflens watch` wrote. With
//! `--after`, the files after it are the run after a fix, and each finding says whether
//! it is gone; without it, a wide time gap splits the files the same way (the README's
//! "Before and after").

use super::report_files::{inputs, File};
use crate::load::{expand_dirs, load_any};
use crate::Failure;
use proflens::query::findings::{compare, findings, one_program, split_by_gap, Findings, Member};
use proflens::report::findings::{self as render, Context, FileInfo};

pub fn run(args: &[String]) -> Result<(), Failure> {
    let mut format = "text".to_string();
    let (mut before, mut after, mut in_after) = (Vec::new(), Vec::new(), false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => {
                format = it.next().cloned().ok_or_else(|| Failure::Usage("--format needs a value".into()))?
            }
            "--after" if !in_after => in_after = true,
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
    let load = |paths| -> Result<Vec<File>, Failure> {
        expand_dirs("report", paths)?
            .into_iter()
            .map(|f| Ok(File::new(f.clone(), load_any(&f, 0)?)))
            .collect()
    };
    let (before, after) = (load(before)?, load(after)?);
    if before.is_empty() {
        return Err(Failure::Usage("report needs files or folders".into()));
    }
    let all: Vec<&File> = before.iter().chain(&after).collect();
    let members: Vec<(&str, Member)> = all.iter().map(|f| (f.name.as_str(), f.member())).collect();
    let program = one_program(&members).map_err(|programs| {
        let list: Vec<String> =
            programs.iter().map(|(name, files)| format!("  {name}: {}", files.join(", "))).collect();
        Failure::Input(format!(
            "these files come from {} programs; report each apart:\n{}",
            programs.len(),
            list.join("\n")
        ))
    })?;
    let (sets, found) = analyse(&before, &after);
    let mut found = found;
    if !program.unsure.is_empty() {
        found.advice.push(format!(
            "Proflens cannot tell whether {} come{} from {}: they share none of its functions (kept in the report).",
            program.unsure.join(", "),
            if program.unsure.len() == 1 { "s" } else { "" },
            program.name
        ));
    }
    let infos: Vec<FileInfo> = all.iter().zip(&sets).map(|(f, &set)| f.info(set)).collect();
    let cx = Context { program: &program.name, files: &infos };
    let out = match format.as_str() {
        "json" => render::json(&cx, &found) + "\n",
        "md" => render::markdown(&cx, &found),
        _ => render::text(&cx, &found),
    };
    print!("{out}");
    Ok(())
}

/// The findings, in before/after mode when the user split the files or a time gap does;
/// and each file's set.
fn analyse(before: &[File], after: &[File]) -> (Vec<Option<&'static str>>, Findings) {
    let all: Vec<&File> = before.iter().chain(after).collect();
    let is_after: Vec<bool> = if after.is_empty() {
        let mut times: Vec<i64> = all.iter().filter_map(|f| f.time()).collect();
        times.sort_unstable();
        match split_by_gap(&times) {
            // a file without a time stays in the before set
            Some(k) => all.iter().map(|f| f.time().is_some_and(|t| t >= times[k])).collect(),
            None => return (vec![None; all.len()], findings(&inputs(&all))),
        }
    } else {
        (0..all.len()).map(|i| i >= before.len()).collect()
    };
    let side = |want: bool| -> Vec<&File> {
        all.iter().zip(&is_after).filter(|(_, &a)| a == want).map(|(f, _)| *f).collect()
    };
    let found = compare(findings(&inputs(&side(false))), findings(&inputs(&side(true))));
    (is_after.iter().map(|&a| Some(if a { "after" } else { "before" })).collect(), found)
}
