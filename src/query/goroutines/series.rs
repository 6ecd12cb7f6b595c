//! Three or more dumps of one program: each group's count over time, ranked like the heap
//! trend (`query::trend`): by leak score, steady growth (Kendall's tau) times the growth
//! as a share of the last dump's goroutines. A group is a likely leak when its count and
//! its longest wait both rose from the first dump to the last, or the runtime flagged it
//! (see `diff`).

use super::align::{align, Aligned, Grouped};
use super::diff::likely_leak;
use crate::query::trend::{leak_score, measures, Measures};

/// One group followed over the dumps.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesRow {
    pub aligned: Aligned,
    pub measures: Measures,
    pub score: f64,
    pub likely_leak: bool,
}

/// The groups of `dumps` (in time order, taken at `times_ns`), highest score first, then
/// largest growth, then most goroutines in the last dump.
pub fn series(dumps: &[Grouped], times_ns: &[i64]) -> Vec<SeriesRow> {
    let last = dumps.len().saturating_sub(1);
    let last_total = dumps.last().map_or(0, |(d, _)| d.total().min(i64::MAX as u64) as i64);
    let mut rows: Vec<SeriesRow> = align(dumps)
        .into_iter()
        .map(|a| {
            let values: Vec<f64> = a.counts.iter().map(|&c| c as f64).collect();
            let m = measures(times_ns, &values);
            let likely_leak = likely_leak(&a, 0, last);
            SeriesRow { score: leak_score(&m, last_total), measures: m, likely_leak, aligned: a }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.measures.delta.total_cmp(&a.measures.delta))
            .then(b.aligned.counts[last].cmp(&a.aligned.counts[last]))
    });
    rows
}
