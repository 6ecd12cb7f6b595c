//! Flame graph layout: the call tree for one sample type, in depth-first order with
//! children sorted by name, and each node's horizontal extent in value units.
//!
//! Widths use |value| summed over the subtree, so profiles with negative values (deltas,
//! diffs) still lay out; `value` keeps the signed total for labels.

use super::calltree::CallTree;
use super::view::StackView;
use crate::model::Profile;

/// A laid-out flame graph. Node `i`'s box spans `[start[i], start[i] + width[i])` at row
/// `depth[i]`. Nodes are in depth-first order: a subtree is a contiguous range.
#[derive(Debug, Clone, Default)]
pub struct FlameGraph {
    pub key: Vec<u32>,
    /// Parent node in this order, or -1 for an outermost frame.
    pub parent: Vec<i32>,
    pub depth: Vec<u32>,
    pub start: Vec<f64>,
    pub width: Vec<f64>,
    /// Signed total of the subtree (pprof's cum for this path).
    pub value: Vec<i64>,
    /// Signed value of samples ending here (pprof's flat for this path).
    pub self_value: Vec<i64>,
    pub inlined: Vec<bool>,
    /// The call-tree node each box draws.
    pub node: Vec<u32>,
    /// Sum of |value| over all samples: the full width.
    pub total: f64,
}

pub fn flame(p: &Profile, view: &StackView, sample_index: usize) -> FlameGraph {
    let tree = view.call_tree(p);
    let (self_value, self_abs) = tree.self_of(p, view, sample_index);
    layout(tree, view, self_value, self_abs)
}

/// Lays out a call tree from per-node self values (signed, for labels) and self widths.
/// A diff lays out by the target's widths and labels by the delta (see `diff_view`).
pub fn layout(tree: &CallTree, view: &StackView, self_value: Vec<i64>, self_width: Vec<u64>) -> FlameGraph {
    let (total, width) = tree.subtree_sums(&self_value, &self_width);

    let children = tree.children_by_name(view);

    let live = width.iter().filter(|&&w| w != 0).count();
    let mut g = FlameGraph {
        key: Vec::with_capacity(live),
        parent: Vec::with_capacity(live),
        depth: Vec::with_capacity(live),
        start: Vec::with_capacity(live),
        width: Vec::with_capacity(live),
        value: Vec::with_capacity(live),
        self_value: Vec::with_capacity(live),
        inlined: Vec::with_capacity(live),
        node: Vec::with_capacity(live),
        total: width_total(children.roots(), &width),
    };
    // (tree node, parent in output order, depth, start); empty subtrees are skipped.
    let mut stack: Vec<(u32, i32, u32, f64)> = Vec::new();
    let push_children =
        |stack: &mut Vec<(u32, i32, u32, f64)>, list: &[u32], parent: i32, depth: u32, mut x: f64| {
            let first = stack.len();
            for &c in list.iter().filter(|&&c| width[c as usize] != 0) {
                stack.push((c, parent, depth, x));
                x += width[c as usize] as f64;
            }
            stack[first..].reverse();
        };
    push_children(&mut stack, children.roots(), -1, 0, 0.0);
    while let Some((node, parent, depth, x)) = stack.pop() {
        let i = node as usize;
        let me = g.key.len() as i32;
        g.key.push(tree.key[i]);
        g.parent.push(parent);
        g.depth.push(depth);
        g.start.push(x);
        g.width.push(width[i] as f64);
        g.value.push(total[i]);
        g.self_value.push(self_value[i]);
        g.inlined.push(tree.inlined[i]);
        g.node.push(node);
        push_children(&mut stack, children.of(node), me, depth + 1, x);
    }
    g
}

fn width_total(roots: &[u32], width: &[u64]) -> f64 {
    roots.iter().map(|&r| width[r as usize] as f64).sum()
}
