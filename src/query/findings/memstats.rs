//! Runtime memory: `runtime.MemStats` from the heap's `?debug=1` texts, in the order
//! given. HeapInuse that grows steadily is a finding of its own (the heap grows, whatever
//! the sampled sites say), and so is a heap profile that accounts for little of HeapInuse:
//! then the sites miss the memory (a coarse sampling rate, or memory the Go heap holds
//! for something the profile does not see).

use super::{shell_word, Evidence, Finding, Kind, Severity, Snapshot};
use crate::query::trend::{leak_score, measures};
use crate::query::values::total;
use crate::units::scaled_label;

/// HeapInuse must grow by at least this many bytes…
pub const MIN_GROWTH_BYTES: u64 = 1024 * 1024;
/// …and Kendall's tau must be at least this over three texts or more.
pub const MIN_TAU: f64 = 0.6;
/// Below this share of HeapInuse (in %), the heap profile's sampled in-use bytes are
/// said to miss memory.
pub const LOW_SHARE: f64 = 50.0;

pub fn findings(texts: &[Snapshot]) -> Vec<Finding> {
    let texts: Vec<&Snapshot> = texts.iter().filter(|t| heap_inuse(t).is_some()).collect();
    let Some(last) = texts.last() else { return Vec::new() };
    let mut out = Vec::new();
    let inuse: Vec<u64> = texts.iter().filter_map(|t| heap_inuse(t)).collect();
    let n = inuse.len();
    let last_inuse = inuse[n - 1];
    if n >= 2 {
        let values: Vec<f64> = inuse.iter().map(|&v| v as f64).collect();
        let m = measures(&vec![0; n], &values);
        let grew = last_inuse.saturating_sub(inuse[0]);
        if grew >= MIN_GROWTH_BYTES && (n == 2 || m.mk_tau >= MIN_TAU) && last_inuse > inuse[n - 2] {
            let score = if n == 2 {
                grew as f64 * 100.0 / last_inuse.max(1) as f64
            } else {
                leak_score(&m, last_inuse as i64)
            };
            let (from, to) = (bytes(inuse[0]), bytes(last_inuse));
            let objects = stat(last, "HeapObjects").map_or(String::new(), |o| format!(", {o} objects"));
            let gcs = match (stat(texts[0], "NumGC"), stat(last, "NumGC")) {
                (Some(a), Some(b)) => match b.saturating_sub(a) {
                    1 => " while 1 collection ran".to_string(),
                    k => format!(" while {k} collections ran"),
                },
                _ => String::new(),
            };
            out.push(Finding {
                kind: Kind::RuntimeMemory,
                severity: Severity::of(score),
                score,
                certainty: "likely".into(),
                title: format!(
                    "The Go heap in use (HeapInuse) grew from {from} to {to} over {n} snapshots{gcs}{objects}."
                ),
                functions: Vec::new(),
                path: Vec::new(),
                evidence: [(texts[0], inuse[0]), (*last, last_inuse)].iter().map(|&(t, v)| grep(t, "HeapInuse", v)).collect(),
                links: vec!["trend#memstats".into()],
                status: None,
            });
        }
    }
    // the share of HeapInuse that the last text's sampled in-use bytes account for
    let p = last.profile;
    if let Some(i) =
        p.sample_types.iter().position(|t| p.str(t.ty) == "inuse_space" || p.str(t.ty) == "space")
    {
        let sampled = total(p, i).max(0) as u64;
        let share = sampled as f64 * 100.0 / last_inuse.max(1) as f64;
        if share < LOW_SHARE && last_inuse >= MIN_GROWTH_BYTES {
            out.push(Finding {
                kind: Kind::RuntimeMemory,
                severity: Severity::Low,
                score: (LOW_SHARE - share).max(0.0) / 10.0,
                certainty: "likely".into(),
                title: format!(
                    "The heap profile accounts for {share:.0}% of HeapInuse ({} of {}): its sites miss the rest (sampling, fragmentation, or memory outside the profiled allocations).",
                    bytes(sampled),
                    bytes(last_inuse)
                ),
                functions: Vec::new(),
                path: Vec::new(),
                evidence: vec![grep(last, "HeapInuse", last_inuse)],
                links: vec!["trend#memstats".into()],
                status: None,
            });
        }
    }
    out
}

fn heap_inuse(t: &Snapshot) -> Option<u64> {
    stat(t, "HeapInuse")
}

fn stat(t: &Snapshot, name: &str) -> Option<u64> {
    t.profile.memstats.as_ref().and_then(|m| m.int(name))
}

fn bytes(v: u64) -> String {
    scaled_label(v.min(i64::MAX as u64) as i64, "bytes", "auto")
}

/// `grep '^# HeapInuse = ' FILE`, which prints the field's line.
fn grep(t: &Snapshot, field: &str, value: u64) -> Evidence {
    Evidence {
        file: t.file.to_string(),
        value: value as i64,
        unit: "bytes".into(),
        command: format!("grep {} {}", shell_word(&format!("^# {field} = ")), shell_word(t.file)),
        function: None,
    }
}
