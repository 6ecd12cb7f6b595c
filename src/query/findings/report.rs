//! The whole report over a set of files: the program they come from (or why they seem
//! to come from several), each file's kind and time, and the findings, before and after
//! a fix when the user split the files or a time gap does. This is what `proflens report
//! --format json` prints and what the page's `findings` request returns.

use super::files::{inputs, FileInfo, Source};
use super::{compare, findings, one_program, split_by_gap, Finding, Findings, Member, Programs};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Report {
    pub program: String,
    pub files: Vec<FileInfo>,
    pub findings: Vec<Finding>,
    /// What more to take when the files cannot show growth, and the files Proflens could
    /// not tell are of the program.
    pub advice: Vec<String>,
}

/// The report of `before` (and `after`, the run after a fix, when not empty). Files that
/// seem to come from several programs are an error naming them, unless `same_program`.
pub fn report(before: &[Source], after: &[Source], same_program: bool) -> Result<Report, Programs> {
    let all: Vec<&Source> = before.iter().chain(after).collect();
    let members: Vec<(&str, Member)> = all.iter().map(|f| (f.name, f.member)).collect();
    let program = match one_program(&members) {
        Ok(p) => p,
        Err(programs) if same_program => super::Program { name: programs[0].0.clone(), unsure: Vec::new() },
        Err(programs) => return Err(programs),
    };
    let is_after: Option<Vec<bool>> = if after.is_empty() {
        let mut times: Vec<i64> = all.iter().filter_map(|f| f.time()).collect();
        times.sort_unstable();
        // a file without a time stays in the before set
        split_by_gap(&times).map(|k| all.iter().map(|f| f.time().is_some_and(|t| t >= times[k])).collect())
    } else {
        Some((0..all.len()).map(|i| i >= before.len()).collect())
    };
    let (sets, mut found): (Vec<Option<&str>>, Findings) = match is_after {
        None => (vec![None; all.len()], findings(&inputs(&all))),
        Some(is_after) => {
            let side = |want: bool| -> Vec<&Source> {
                all.iter().zip(&is_after).filter(|(_, &a)| a == want).map(|(f, _)| *f).collect()
            };
            let found = compare(findings(&inputs(&side(false))), findings(&inputs(&side(true))));
            (is_after.iter().map(|&a| Some(if a { "after" } else { "before" })).collect(), found)
        }
    };
    if !program.unsure.is_empty() {
        found.advice.push(format!(
            "Proflens cannot tell whether {} come{} from {}: they share none of its functions (kept in the report).",
            program.unsure.join(", "),
            if program.unsure.len() == 1 { "s" } else { "" },
            program.name
        ));
    }
    Ok(Report {
        program: program.name,
        files: all.iter().zip(&sets).map(|(f, set)| f.info(*set)).collect(),
        findings: found.findings,
        advice: found.advice,
    })
}
