//! Per-stack-node sums of one sample type: the shared first step of every aggregation.
//! Aggregating over stack nodes instead of raw samples makes later walks O(nodes).

use super::diff::BASE_LABEL;
use super::view::StackView;
use crate::model::{sum_into_parents, LabelSetId, Profile, StackId};

/// Sums of one sample type over the stack tree.
pub struct NodeValues {
    /// Sum of the values of samples whose stack ends exactly at each node. The sums over
    /// each node's subtree are made from these when a walk needs them
    /// ([`NodeValues::subtree`]) and not kept: a view keeps its last sums for the flame
    /// graph, which needs only these, and on M the subtree column was 6 MB.
    pub self_value: Vec<i64>,
    /// Whether any sample in the node's subtree has a non-zero value. pprof ignores
    /// zero-valued samples when it builds graph edges, so edge facts need this.
    pub subtree_nonzero: Vec<bool>,
    /// pprof's total: the sum of |value| over all samples, or over the base samples of a
    /// `-diff_base` profile (see [`total`]).
    pub abs_total: i64,
}

impl NodeValues {
    pub fn compute(p: &Profile, view: &StackView, sample_index: usize) -> NodeValues {
        let column = &p.samples.values[sample_index];
        let v =
            NodeValues::from_samples(p, view, p.samples.stack.iter().copied().zip(column.iter().copied()));
        // the sum of |value| just made is pprof's total, unless some samples are the base
        // of a `-diff_base` profile: no second pass over every sample then
        if base_label_sets(p).is_empty() {
            v
        } else {
            v.with_total(total(p, sample_index))
        }
    }

    /// Sums `(stack, value)` pairs (stacks of `p`, whose view is `view`) over the tree. The
    /// total is the sum of |value|.
    pub fn from_samples(
        p: &Profile,
        view: &StackView,
        samples: impl Iterator<Item = (StackId, i64)>,
    ) -> NodeValues {
        let n = p.stacks.len();
        let mut self_value = vec![0i64; n];
        let mut nonzero = vec![false; n];
        let mut abs_total = 0i64;
        for (stack, v) in samples {
            abs_total = abs_total.wrapping_add(v.wrapping_abs());
            if let Some(i) = view.prune.leaf(stack) {
                self_value[i] = self_value[i].wrapping_add(v);
                nonzero[i] |= v != 0;
            }
        }
        for i in (0..n).rev() {
            let parent = p.stacks.parent[i];
            if parent != u32::MAX {
                nonzero[parent as usize] |= nonzero[i];
            }
        }
        NodeValues { self_value, subtree_nonzero: nonzero, abs_total }
    }

    /// Sum over each node's subtree (its own samples and all its descendants'); `p` is
    /// the profile whose stack tree these sums are over.
    pub fn subtree(&self, p: &Profile) -> Vec<i64> {
        let mut subtree = self.self_value.clone();
        sum_into_parents(&p.stacks.parent, &mut subtree, i64::wrapping_add);
        subtree
    }

    fn with_total(mut self, total: i64) -> NodeValues {
        self.abs_total = total;
        self
    }
}

/// Flat value per frame key (the leaf frame of each stack node takes its self value): the
/// top table's flat column without the walk that cum needs.
pub fn flat_by_key(p: &Profile, view: &StackView, v: &NodeValues) -> Vec<i64> {
    let mut flat = vec![0i64; view.keys.names.len()];
    for (i, &x) in v.self_value.iter().enumerate() {
        if x != 0 {
            if let Some(&leaf) = view.keys.of(p.stacks.location[i]).last() {
                flat[leaf as usize] = flat[leaf as usize].wrapping_add(x);
            }
        }
    }
    flat
}

/// Each frame key's flat value of sample type `sample_index`, made from the samples in one
/// pass, and pprof's total: what [`flat_by_key`] of [`NodeValues::compute`] gives (with its
/// `abs_total`), without two columns as long as the stack tree (a trend asks this of every
/// snapshot, and of the last one twice more for its retention).
pub fn flat_by_key_of_samples(p: &Profile, view: &StackView, sample_index: usize) -> (Vec<i64>, i64) {
    let mut flat = vec![0i64; view.keys.names.len()];
    let mut abs_total = 0i64;
    for (&stack, &v) in p.samples.stack.iter().zip(&p.samples.values[sample_index]) {
        abs_total = abs_total.wrapping_add(v.wrapping_abs());
        let Some(leaf) = view.prune.leaf(stack).filter(|_| v != 0) else { continue };
        if let Some(&key) = view.keys.of(p.stacks.location[leaf]).last() {
            flat[key as usize] = flat[key as usize].wrapping_add(v);
        }
    }
    let total = if base_label_sets(p).is_empty() { abs_total } else { total(p, sample_index) };
    (flat, total)
}

/// pprof's `computeTotal`: the sum of |value| over all samples; but when some samples carry
/// `pprof::base=true` (a `-diff_base` profile) and theirs is not zero, the sum over those
/// alone, so that percentages are of the base.
pub fn total(p: &Profile, sample_index: usize) -> i64 {
    let base_sets = base_label_sets(p);
    let (mut all, mut base) = (0i64, 0i64);
    for (labels, &v) in p.samples.labels.iter().zip(&p.samples.values[sample_index]) {
        let a = v.wrapping_abs();
        all = all.wrapping_add(a);
        if base_sets.get(labels.0 as usize).copied().unwrap_or(false) {
            base = base.wrapping_add(a);
        }
    }
    if base > 0 {
        base
    } else {
        all
    }
}

/// For each label set, whether it marks a `-diff_base` base sample (empty if none does).
pub fn base_label_sets(p: &Profile) -> Vec<bool> {
    let (key, value) = BASE_LABEL;
    let sets: Vec<bool> = (0..p.label_sets.len() as u32)
        .map(|i| p.label_sets.get(LabelSetId(i)).iter().any(|l| p.str(l.key) == key && p.str(l.str) == value))
        .collect();
    if sets.contains(&true) {
        sets
    } else {
        Vec::new()
    }
}
