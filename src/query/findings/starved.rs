//! Starved pools and locks: many goroutines of the last dump waiting in `sync.Cond.Wait`,
//! a semaphore (`semacquire`) or `sync.Mutex.Lock` under one function of the program. A
//! pool that hands out and is never given back leaves its callers in `Cond.Wait`; a lock
//! held too long leaves them in `Lock`. The block and mutex profiles' delay for that
//! function is added when they are loaded.

use super::contention::delay_of;
use super::goroutines::{dump_path, goroutines_with, grep_command, group_link};
use super::{is_own, DumpFile, Evidence, Finding, Kind, PathFrame, Severity, Snapshot};
use crate::model::goroutines::DumpForm;
use crate::query::goroutines::group;
use crate::units::scaled_label;

/// At least this many goroutines must wait under the function.
pub const MIN_WAITING: u64 = 10;

/// The calls a goroutine waits in for a pool or a lock.
fn is_wait(function: &str) -> bool {
    function == "sync.(*Cond).Wait"
        || function.starts_with("sync.(*Mutex).")
        || function.starts_with("sync.(*RWMutex).")
        || function.contains("emacquire")
        || function == "sync.runtime_notifyListWait"
}

struct Site {
    function: String,
    waits_in: String,
    count: u64,
    groups: Vec<usize>,
    biggest: (u64, Vec<PathFrame>),
}

pub fn findings(last: Option<&DumpFile>, contention: &[Snapshot]) -> Vec<Finding> {
    let Some(file) = last else { return Vec::new() };
    let d = file.dump;
    let mut sites: Vec<Site> = Vec::new();
    for (i, g) in group(d).into_iter().enumerate() {
        let frames = g.frames(d);
        let name = |k: usize| d.str(d.frames.function(frames[k]));
        let Some(k) = (0..frames.len()).find(|&k| is_own(name(k))) else { continue };
        if k == 0 || !(0..k).any(|j| is_wait(name(j))) {
            continue;
        }
        let function = name(k).to_string();
        let at = match sites.iter().position(|s| s.function == function) {
            Some(at) => at,
            None => {
                sites.push(Site {
                    function,
                    waits_in: name(k - 1).to_string(),
                    count: 0,
                    groups: Vec::new(),
                    biggest: (0, Vec::new()),
                });
                sites.len() - 1
            }
        };
        let s = &mut sites[at];
        s.count += g.count;
        s.groups.push(i);
        if g.count > s.biggest.0 {
            s.biggest = (g.count, dump_path(d, frames));
        }
    }
    let total = d.total().max(1) as f64;
    sites
        .into_iter()
        .filter(|s| s.count >= MIN_WAITING)
        .map(|s| finding(file, s, total, contention))
        .collect()
}

fn finding(file: &DumpFile, s: Site, total: f64, contention: &[Snapshot]) -> Finding {
    let d = file.dump;
    let what = if s.waits_in == "sync.(*Cond).Wait" {
        "a starved pool: what it hands out is not given back fast enough"
    } else {
        "a lock held too long, or taken too often"
    };
    let mut evidence = Vec::new();
    if d.form == DumpForm::Debug2 {
        evidence.push(Evidence {
            file: file.file.to_string(),
            value: goroutines_with(d, &s.function) as i64,
            unit: "goroutines".into(),
            command: grep_command(&s.function, file.file),
            function: None,
        });
    }
    let delays = delay_of(contention, &s.function);
    let delay_text: String = delays
        .iter()
        .map(|e| format!("; {} of delay in {} there", scaled_label(e.value, "nanoseconds", "auto"), e.file))
        .collect();
    evidence.extend(delays);
    // half the share: a wait for a pool or a lock can pass, where a group that grows
    // (its own finding) does not
    let score = (s.count as f64 * 50.0 / total).min(50.0);
    Finding {
        kind: Kind::Starved,
        severity: Severity::of(score),
        score,
        certainty: "likely".into(),
        title: format!(
            "{} goroutines wait in `{}` under `{}` ({what}){delay_text}.",
            s.count, s.waits_in, s.function
        ),
        functions: vec![s.function.clone()],
        path: s.biggest.1,
        evidence,
        links: s.groups.iter().map(|&g| group_link(g, file.file)).collect(),
        status: None,
    }
}
