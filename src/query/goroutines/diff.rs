//! Two dumps of one program compared group by group (see `align` for how groups match).
//!
//! A group is a **likely leak** when, from the base dump to the newer one, both its count
//! and its longest wait rose (a missing wait counts as 0 minutes, since the runtime prints
//! none under a minute), or when the runtime itself flagged any of its goroutines as
//! leaked (`(leaked)` in debug=2, or a goroutineleak profile).

use super::align::{align, Aligned, Grouped};

/// One group of the newer dump, or of the base only, with its counts in both.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDiff {
    /// Index into the newer dump's groups; `None` for a group that is gone.
    pub group: Option<usize>,
    /// Index into the base dump's groups; `None` for a new group.
    pub base_group: Option<usize>,
    pub count: u64,
    pub base_count: u64,
    pub wait_max: u32,
    pub base_wait_max: u32,
    pub likely_leak: bool,
}

impl GroupDiff {
    /// `count - base_count`.
    pub fn growth(&self) -> i64 {
        self.count as i64 - self.base_count as i64
    }
}

/// Compares `target` with `base`. Rows keep the newer dump's group order, and the groups
/// found only in the base come last.
pub fn diff(target: Grouped, base: Grouped) -> Vec<GroupDiff> {
    align(&[base, target])
        .iter()
        .map(|a| GroupDiff {
            group: a.groups[1],
            base_group: a.groups[0],
            count: a.counts[1],
            base_count: a.counts[0],
            wait_max: a.wait_max[1],
            base_wait_max: a.wait_max[0],
            likely_leak: likely_leak(a, 0, 1),
        })
        .collect()
}

/// The likely-leak rule between dumps `from` and `to` of an aligned row.
pub(super) fn likely_leak(a: &Aligned, from: usize, to: usize) -> bool {
    let rose = a.counts[to] > a.counts[from] && a.wait_max[to] > a.wait_max[from];
    rose || a.leaked[to] > 0
}
