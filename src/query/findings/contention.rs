//! Contention: from block and mutex profiles, the program's own functions that wait
//! longest for a lock or a channel (block), or that hold a lock while others wait for it
//! (mutex: Go records the delay at the `Unlock`). Each is joined to the goroutine groups
//! of the last dump blocked in the same function, and, for a lock held, to the CPU the
//! function spends (the work done while holding it).
//!
//! Block and mutex profiles are cumulative since the program started: from two or more
//! of one kind the numbers are the last minus the first (pprof's `-base`), over the time
//! between them; from one, they are its totals.

use super::goroutines::group_link;
use super::profiles::{heaviest_path, own_sites, pprof_cum, sample_index, Rows};
use super::{Evidence, Finding, Kind, Severity, Snapshot};
use crate::model::goroutines::Dump;
use crate::model::Profile;
use crate::query::diff::{diff, DiffOptions};
use crate::query::goroutines::group;
use crate::units::scaled_label;
use std::borrow::Cow;

/// A function's delay must be at least this share of the profile's (or the diff's), in %…
pub const MIN_SHARE: f64 = 10.0;
/// …and at least this many nanoseconds (100 ms).
pub const MIN_DELAY_NS: i64 = 100_000_000;

/// Which of the two contention profiles a file is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Block,
    Mutex,
}

/// A mutex profile records the delay at the unlock; a block profile at the wait.
pub fn which(p: &Profile) -> Option<Which> {
    let (Some(_), Some(d)) = (sample_index(p, "contentions"), sample_index(p, "delay")) else { return None };
    let unlocks = (0..p.samples.len()).any(|i| {
        p.samples.values[d][i] != 0
            && super::profiles::stack_names(p, i).first().is_some_and(|f| f.ends_with("Unlock"))
    });
    Some(if unlocks { Which::Mutex } else { Which::Block })
}

/// The contention findings of the block and mutex profiles in `files` (any order), joined
/// to `dump` and `cpu` when given.
pub fn findings(files: &[Snapshot], dump: Option<(&str, &Dump)>, cpu: Option<&Snapshot>) -> Vec<Finding> {
    let mut out = Vec::new();
    for kind in [Which::Block, Which::Mutex] {
        let mut of_kind: Vec<&Snapshot> = files.iter().filter(|s| which(s.profile) == Some(kind)).collect();
        of_kind.sort_by_key(|s| s.profile.time_nanos);
        if let Some(series) = Series::of(&of_kind) {
            out.extend(series.findings(kind, dump, cpu));
        }
    }
    out
}

/// The delay of `function` in the block and in the mutex profiles of `files` (one evidence
/// each where it has some), for the starved pools and locks.
pub fn delay_of(files: &[Snapshot], function: &str) -> Vec<Evidence> {
    let mut out = Vec::new();
    for kind in [Which::Block, Which::Mutex] {
        let mut of_kind: Vec<&Snapshot> = files.iter().filter(|s| which(s.profile) == Some(kind)).collect();
        of_kind.sort_by_key(|s| s.profile.time_nanos);
        if let Some(s) = Series::of(&of_kind) {
            let delay = s.rows(s.delay).cum(function);
            if delay > 0 {
                out.push(s.evidence("delay", "ns", delay, function));
            }
        }
    }
    out
}

/// One kind's profiles: the last, or the last minus the first.
struct Series<'a> {
    first: &'a Snapshot<'a>,
    last: &'a Snapshot<'a>,
    profile: Cow<'a, Profile>,
    delay: usize,
    contentions: usize,
    span_ns: i64,
}

impl<'a> Series<'a> {
    fn of(files: &[&'a Snapshot<'a>]) -> Option<Series<'a>> {
        let (first, last) = (*files.first()?, *files.last()?);
        let profile = if files.len() >= 2 {
            Cow::Owned(diff(last.profile, first.profile, DiffOptions::default()).ok()?)
        } else {
            Cow::Borrowed(last.profile)
        };
        let delay = sample_index(&profile, "delay")?;
        let contentions = sample_index(&profile, "contentions")?;
        let span_ns = last.profile.time_nanos - first.profile.time_nanos;
        Some(Series { first, last, profile, delay, contentions, span_ns })
    }

    fn base(&self) -> Option<&str> {
        (!std::ptr::eq(self.first, self.last)).then_some(self.first.file)
    }

    fn rows(&self, index: usize) -> Rows {
        Rows::of(&self.profile, index)
    }

    fn evidence(&self, ty: &str, unit: &str, value: i64, function: &str) -> Evidence {
        Evidence {
            file: self.last.file.to_string(),
            value,
            unit: if unit == "ns" { "nanoseconds".into() } else { "contentions".into() },
            command: pprof_cum(ty, unit, None, self.base(), self.last.file),
            function: Some(function.to_string()),
        }
    }

    fn per_minute(&self, v: i64) -> Option<f64> {
        (self.span_ns > 0).then(|| v as f64 * 60e9 / self.span_ns as f64)
    }

    fn findings(&self, kind: Which, dump: Option<(&str, &Dump)>, cpu: Option<&Snapshot>) -> Vec<Finding> {
        let delays = self.rows(self.delay);
        let counts = self.rows(self.contentions);
        let total = delays.total.max(1);
        let mut out = Vec::new();
        for (site, callees) in own_sites(&self.profile, self.delay) {
            let delay = delays.cum(&site);
            let share = delay as f64 * 100.0 / total as f64;
            if delay < MIN_DELAY_NS || share < MIN_SHARE {
                continue;
            }
            let n = counts.cum(&site);
            let mut evidence = vec![
                self.evidence("delay", "ns", delay, &site),
                self.evidence("contentions", "count", n, &site),
            ];
            let mut links = vec![format!("flame#focus={site}")];
            let rate = self.per_minute(n).map_or(String::new(), |m| format!(" ({m:.0}/min)"));
            let d = scaled_label(delay, "nanoseconds", "auto");
            let what = match kind {
                Which::Block => {
                    let wait = callees.first().map_or(String::new(), |c| format!(" in `{c}`"));
                    format!("Goroutines in `{site}` waited {d}{wait}")
                }
                Which::Mutex => format!("`{site}` holds a lock while others wait: {d} of their delay"),
            };
            let mut title = format!(
                "{what} ({share:.0}% of the {} profile's delay), {n} contention{}{rate}",
                if kind == Which::Block { "block" } else { "mutex" },
                if n == 1 { "" } else { "s" }
            );
            if let Some((file, d)) = dump {
                let (n, groups) = waiting_in(d, &site);
                if n > 0 {
                    title.push_str(&format!("; {n} goroutines wait in it now ({file})"));
                    links.extend(groups.iter().map(|&g| group_link(g, file)));
                }
            }
            if let (Which::Mutex, Some(c)) = (kind, cpu) {
                if let Some(i) = sample_index(c.profile, "cpu") {
                    let used = Rows::of(c.profile, i).cum(&site);
                    if used > 0 {
                        title.push_str(&format!(
                            "; it spends {} of CPU while it holds the lock",
                            scaled_label(used, "nanoseconds", "auto")
                        ));
                        evidence.push(Evidence {
                            file: c.file.to_string(),
                            value: used,
                            unit: "nanoseconds".into(),
                            command: pprof_cum("cpu", "ns", None, None, c.file),
                            function: Some(site.clone()),
                        });
                    }
                }
            }
            title.push('.');
            let score = share / 5.0;
            out.push(Finding {
                kind: Kind::Contention,
                severity: Severity::of(score),
                score,
                certainty: "likely".into(),
                title,
                functions: vec![site.clone()],
                path: heaviest_path(&self.profile, self.delay, &site),
                evidence,
                links,
                status: None,
            });
        }
        out
    }
}

/// The goroutines of `d` blocked with `function` on their stack (in a state other than
/// running or runnable), and the indices of their groups.
pub fn waiting_in(d: &Dump, function: &str) -> (u64, Vec<usize>) {
    let mut n = 0;
    let mut groups = Vec::new();
    for (i, g) in group(d).into_iter().enumerate() {
        let state = d.str(g.state);
        if state.starts_with("running") || state.starts_with("runnable") {
            continue;
        }
        if g.frames(d).iter().any(|&f| d.str(d.frames.function(f)) == function) {
            n += g.count;
            groups.push(i);
        }
    }
    (n, groups)
}
