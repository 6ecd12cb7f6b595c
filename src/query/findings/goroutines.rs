//! Goroutine findings: groups the runtime reports as leaked (certain), groups that grew
//! over the dumps, and groups that have waited for minutes (likely). A group is one state
//! and one stack (`query::goroutines::group`); across dumps groups are lined up by what
//! they are (`align`), and ranked as `proflens goroutines` ranks them (`series`).

use super::{is_own, shell_word, DumpFile, Evidence, Finding, Kind, PathFrame, Severity};
use crate::model::goroutines::{Dump, DumpForm, FrameRef};
use crate::query::goroutines::{group, series, Group};
use crate::units::plural;

/// A group must have grown by this many goroutines…
pub const MIN_GROWTH: u64 = 10;
/// …and by this share of the last dump's goroutines, in %.
pub const MIN_GROWTH_SHARE: f64 = 5.0;
/// With three dumps or more, Kendall's tau must be at least this (steady growth), and the
/// group must still have grown between the last two.
pub const MIN_TAU: f64 = 0.6;
/// A group has waited long when its longest wait is this many minutes…
pub const LONG_WAIT_MINUTES: u32 = 10;
/// …and it has at least this many goroutines.
pub const LONG_WAIT_COUNT: u64 = 10;

pub fn findings(dumps: &[DumpFile]) -> Vec<Finding> {
    let Some(last) = dumps.last() else { return Vec::new() };
    let groups: Vec<Vec<Group>> = dumps.iter().map(|d| group(d.dump)).collect();
    let last_groups = groups.last().expect("a dump");
    let mut out = Vec::new();
    let mut reported = vec![false; last_groups.len()];
    if dumps.len() >= 2 {
        let pairs: Vec<_> = dumps.iter().zip(&groups).map(|(d, g)| (d.dump, &g[..])).collect();
        let n = dumps.len();
        let last_total = last.dump.total().max(1) as f64;
        for row in series(&pairs, &vec![0; n]) {
            let a = &row.aligned;
            let (Some(gi), first) = (a.groups[n - 1], a.counts[0]) else { continue };
            let grew = a.counts[n - 1].saturating_sub(first);
            let steady = n == 2 || (row.measures.mk_tau >= MIN_TAU && a.counts[n - 1] > a.counts[n - 2]);
            if grew >= MIN_GROWTH && grew as f64 * 100.0 / last_total >= MIN_GROWTH_SHARE && steady {
                reported[gi] = true;
                let growth = format!(", {grew} more than in {}", dumps[0].file);
                out.push(group_finding(
                    last,
                    (gi, &last_groups[gi]),
                    Kind::GoroutineGrowth,
                    row.score,
                    &growth,
                ));
            }
        }
    }
    for (gi, g) in last_groups.iter().enumerate() {
        if reported[gi] {
            continue;
        }
        if g.leaked > 0 {
            out.push(group_finding(last, (gi, g), Kind::GoroutineLeak, 100.0, ""));
        } else if g.wait.is_some_and(|w| w.max >= LONG_WAIT_MINUTES) && g.count >= LONG_WAIT_COUNT {
            let share = g.count as f64 * 100.0 / last.dump.total().max(1) as f64;
            out.push(group_finding(last, (gi, g), Kind::GoroutineWait, share.min(100.0), ""));
        }
    }
    out
}

fn group_finding(
    file: &DumpFile,
    (index, g): (usize, &Group),
    kind: Kind,
    score: f64,
    growth: &str,
) -> Finding {
    let d = file.dump;
    let frames = g.frames(d);
    let name = |f| d.str(d.frames.function(f)).to_string();
    // the program's own function that waits, and the call it waits in
    let own = frames.iter().copied().find(|&f| is_own(&name(f)));
    let waits_in = frames.iter().copied().find(|&f| !name(f).starts_with("runtime."));
    let mut functions: Vec<String> = own.map(name).into_iter().collect();
    let creator = g.created_by.as_ref().map(|c| d.str(d.frames.function(c.frame)).to_string());
    if let Some(c) = creator.as_ref().filter(|c| is_own(c) && !functions.contains(c)) {
        functions.push(c.clone());
    }
    let place = match (own, waits_in) {
        (Some(o), Some(w)) if o != w => format!("`{}` (in `{}`)", name(o), name(w)),
        (Some(o), _) => format!("`{}`", name(o)),
        (None, Some(w)) => format!("`{}`", name(w)),
        (None, None) => "the runtime".into(),
    };
    let state = d.str(g.state);
    let state = if state.is_empty() { String::new() } else { format!(" in state `{state}`") };
    let wait = g.wait.map_or(String::new(), |w| format!(", waiting {}–{} minutes", w.min, w.max));
    let started = creator.map_or(String::new(), |c| format!("; started by `{c}`"));
    let n = g.count;
    let title = match kind {
        Kind::GoroutineLeak => {
            format!("{n} goroutine{} leaked (the runtime says so) at {place}{started}.", plural(n))
        }
        _ => format!(
            "{n} goroutine{} wait{} at {place}{state}{wait}{growth}{started}.",
            plural(n),
            if n == 1 { "s" } else { "" }
        ),
    };
    let path = dump_path(d, frames);
    let evidence = own.filter(|_| d.form == DumpForm::Debug2).map(|o| {
        let f = name(o);
        Evidence {
            file: file.file.to_string(),
            value: goroutines_with(d, &f) as i64,
            unit: "goroutines".into(),
            command: grep_command(&f, file.file),
            function: None,
        }
    });
    Finding {
        kind,
        severity: if kind == Kind::GoroutineLeak { Severity::High } else { Severity::of(score) },
        score,
        certainty: if kind == Kind::GoroutineLeak { "certain" } else { "likely" }.into(),
        title,
        functions,
        path,
        evidence: evidence.into_iter().collect(),
        links: vec![group_link(index, file.file)],
        status: None,
    }
}

/// The goroutines with `function` on their stack: what `grep -c '^function('` counts
/// in a debug=2 dump (each goroutine prints each of its frames on a line of its own).
pub(super) fn goroutines_with(d: &Dump, function: &str) -> u64 {
    d.goroutines
        .iter()
        .filter(|g| d.stacks.get(g.stack).iter().any(|&f| d.str(d.frames.function(f)) == function))
        .map(|g| g.count)
        .sum()
}

/// The link to a group of a dump: its index among the dump's groups (most goroutines
/// first, as `query::goroutines::group` orders them and the page's group table numbers
/// its rows), then the dump's file name (last, since a name may hold any character).
pub(super) fn group_link(index: usize, dump: &str) -> String {
    format!("goroutines#group={index}&dump={dump}")
}

/// The frames of a dump's stack (innermost first) as a code path, from the entry point down.
pub(super) fn dump_path(d: &Dump, frames: &[FrameRef]) -> Vec<PathFrame> {
    frames
        .iter()
        .rev()
        .map(|&f| PathFrame {
            function: d.str(d.frames.function(f)).to_string(),
            file: d.str(d.frames.file(f)).to_string(),
            line: i64::from(d.frames.line[f.0 as usize]),
            inline: false,
        })
        .collect()
}

/// `grep -c '^function(' FILE`: the goroutines of a debug=2 dump with `function` on their
/// stack.
pub(super) fn grep_command(function: &str, file: &str) -> String {
    format!("grep -c {} {}", shell_word(&format!("^{}(", grep_escape(function))), shell_word(file))
}

/// `function` as a basic regular expression that matches it literally.
pub(super) fn grep_escape(function: &str) -> String {
    function.chars().flat_map(|c| if ".[]*^$\\".contains(c) { vec!['\\', c] } else { vec![c] }).collect()
}
