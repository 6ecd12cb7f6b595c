//! Growing heap sites: the trend of `inuse_space` over the snapshots (the same rows as
//! `proflens trend`), kept where the growth is steady and large enough to matter.

use super::profiles::path_of;
use super::{is_own, shell_word, Evidence, Finding, Kind, PathFrame, Severity, Snapshot};
use crate::model::Profile;
use crate::query::trend::{trend, TrendRow};
use crate::query::{Granularity, StackView};
use crate::units::scaled_label;

const SAMPLE_TYPE: &str = "inuse_space";
/// A site must grow by at least this share of the last snapshot's in-use total, in %.
pub const MIN_SHARE: f64 = 1.0;
/// …and by at least this many bytes: below it, start-up noise (a goroutine stack, a
/// table built once) can be a large share of a small heap.
pub const MIN_BYTES: f64 = 1024.0 * 1024.0;
/// With only two snapshots there is no trend to read, so the growth must be larger.
pub const MIN_SHARE_OF_TWO: f64 = 5.0;
/// With three snapshots or more, Kendall's tau must be at least this (steady growth).
pub const MIN_TAU: f64 = 0.6;

pub fn growth(heaps: &[Snapshot]) -> Vec<Finding> {
    let heaps: Vec<&Snapshot> = heaps.iter().filter(|s| has_inuse(s.profile)).collect();
    if heaps.len() < 2 {
        return Vec::new();
    }
    let views: Vec<StackView> =
        heaps.iter().map(|s| StackView::new(s.profile, Granularity::Functions)).collect();
    let pairs: Vec<_> = heaps.iter().map(|s| s.profile).zip(&views).collect();
    let Ok(t) = trend(&pairs, SAMPLE_TYPE) else { return Vec::new() };
    let n = t.order.len();
    let (first, last) = (heaps[t.order[0]], heaps[t.order[n - 1]]);
    let last_total = t.totals[n - 1].max(1) as f64;
    let span_ns = t.times_ns[n - 1] - t.times_ns[0];
    t.rows
        .iter()
        .filter(|r| growing(r, n, last_total) && !is_profilers(&r.name))
        .map(|r| finding(r, first, last, span_ns))
        .collect()
}

/// Memory the profiler itself allocates (`runtime/pprof`'s CPU profile buffer, made
/// while a CPU profile runs) is the act of profiling, not the program's: `proflens watch
/// --cpu` would otherwise see it come and go between snapshots.
fn is_profilers(site: &str) -> bool {
    site.starts_with("runtime/pprof.")
}

fn has_inuse(p: &Profile) -> bool {
    p.sample_types.iter().any(|t| p.str(t.ty) == SAMPLE_TYPE)
}

/// The thresholds of the README's "Findings": growth of at least [`MIN_BYTES`] and
/// [`MIN_SHARE`] % of the last total ([`MIN_SHARE_OF_TWO`] % from two snapshots), steady ([`MIN_TAU`]) over three
/// or more, and still growing between the last two (a step at start-up, a cache filled
/// once, is not a leak).
fn growing(r: &TrendRow, n: usize, last_total: f64) -> bool {
    let share = r.measures.delta / last_total * 100.0;
    let steady = n == 2 || (r.measures.mk_tau >= MIN_TAU && r.values[n - 1] > r.values[n - 2]);
    let min = if n == 2 { MIN_SHARE_OF_TWO } else { MIN_SHARE };
    r.measures.delta >= MIN_BYTES && share >= min && steady
}

fn finding(r: &TrendRow, first: &Snapshot, last: &Snapshot, span_ns: i64) -> Finding {
    let delta = r.measures.delta as i64;
    let last_value = *r.values.last().expect("a row has a value per snapshot");
    let path = heaviest_path(last.profile, &r.name);
    // the allocation site, and the first function of the program's own code above it
    let own_above = path.iter().rev().skip(1).find(|f| is_own(&f.function)).map(|f| f.function.clone());
    let mut functions = vec![r.name.clone()];
    functions.extend(own_above.iter().cloned().filter(|f| *f != r.name));
    let under = own_above.filter(|f| *f != r.name).map_or(String::new(), |f| format!(" under `{f}`"));
    let grew = scaled_label(delta, "bytes", "auto");
    let span = scaled_label(span_ns, "nanoseconds", "auto");
    let rate = r
        .measures
        .per_minute
        .map_or(String::new(), |m| format!(" ({}/min)", scaled_label(m as i64, "bytes", "auto")));
    let kept = r.retention.map_or(String::new(), |x| match (x * 100.0).round() as i64 {
        100.. => "; all of it is still in use".to_string(),
        p => format!("; {p}% of what it allocated is still in use"),
    });
    let score = r.score;
    Finding {
        kind: Kind::HeapGrowth,
        severity: Severity::of(score),
        score,
        certainty: "likely".into(),
        title: format!("Memory allocated in `{}`{under} grew by {grew} in {span}{rate}{kept}.", r.name),
        functions,
        path,
        evidence: vec![
            Evidence {
                file: last.file.to_string(),
                value: delta,
                unit: "bytes".into(),
                command: format!(
                    "go tool pprof -top -unit=B -sample_index={SAMPLE_TYPE} -base {} {}",
                    shell_word(first.file),
                    shell_word(last.file)
                ),
                function: None,
            },
            Evidence {
                file: last.file.to_string(),
                value: last_value,
                unit: "bytes".into(),
                command: format!(
                    "go tool pprof -top -unit=B -sample_index={SAMPLE_TYPE} {}",
                    shell_word(last.file)
                ),
                function: None,
            },
        ],
        links: vec![format!("trend#site={}", r.name)],
        status: None,
    }
}

/// The path, from the entry point down, of the sample that holds the most in-use memory
/// at `site` in `p` (the site is the innermost function of its stack).
fn heaviest_path(p: &Profile, site: &str) -> Vec<PathFrame> {
    let Some(index) = p.sample_types.iter().position(|t| p.str(t.ty) == SAMPLE_TYPE) else {
        return Vec::new();
    };
    let leaf_name = |stack| {
        let loc = p.stacks.locations_leaf_first(stack).next()?;
        let line = p.location_lines(&p.locations[loc as usize]).first()?;
        Some(p.str(p.functions[line.function as usize].name))
    };
    let best = (0..p.samples.len())
        .filter(|&i| leaf_name(p.samples.stack[i]) == Some(site))
        .max_by_key(|&i| p.samples.values[index][i]);
    best.map_or_else(Vec::new, |i| path_of(p, i))
}
