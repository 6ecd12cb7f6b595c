//! Per-stack-node sums of one sample type: the shared first step of every aggregation.
//! Aggregating over stack nodes instead of raw samples makes later walks O(nodes).

use super::view::StackView;
use crate::model::Profile;

/// Sums of one sample type over the stack tree.
pub struct NodeValues {
    /// Sum of the values of samples whose stack ends exactly at each node.
    pub self_value: Vec<i64>,
    /// Sum over each node's subtree (its own samples and all descendants').
    pub subtree: Vec<i64>,
    /// Whether any sample in the node's subtree has a non-zero value. pprof ignores
    /// zero-valued samples when it builds graph edges, so edge facts need this.
    pub subtree_nonzero: Vec<bool>,
    /// pprof's total: the sum of |value| over all samples.
    pub abs_total: i64,
}

impl NodeValues {
    pub fn compute(p: &Profile, view: &StackView, sample_index: usize) -> NodeValues {
        let n = p.stacks.len();
        let mut self_value = vec![0i64; n];
        let mut nonzero = vec![false; n];
        let mut abs_total = 0i64;
        let column = &p.samples.values[sample_index];
        for (stack, &v) in p.samples.stack.iter().zip(column) {
            abs_total = abs_total.wrapping_add(v.wrapping_abs());
            if let Some(i) = view.prune.leaf(*stack) {
                self_value[i] = self_value[i].wrapping_add(v);
                nonzero[i] |= v != 0;
            }
        }
        let mut subtree = self_value.clone();
        for i in (0..n).rev() {
            let parent = p.stacks.parent[i];
            if parent != u32::MAX {
                subtree[parent as usize] = subtree[parent as usize].wrapping_add(subtree[i]);
                nonzero[parent as usize] |= nonzero[i];
            }
        }
        NodeValues { self_value, subtree, subtree_nonzero: nonzero, abs_total }
    }
}
