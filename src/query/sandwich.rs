//! The sandwich of one function: who calls it (its callers tree, inverted: the function at
//! the root, each child a caller one step further out) and what it calls (its callees
//! tree: every call path below it merged), plus pprof's peek entry for the function (the
//! caller and callee tables with their edge weights).
//!
//! Both trees count a sample once, however often the function recurs on its stack, as
//! pprof counts cum: each sample is taken at the function's outermost occurrence. So both
//! roots equal the function's cum, and the callees tree's self values sum to it. Inner
//! occurrences stay visible in the callees tree, below the recursive call.

use super::calltree::{CallTree, Grower};
use super::flame::{layout, FlameGraph};
use super::peek::{peek_one, PeekEntry};
use super::view::StackView;
use crate::model::Profile;

const NONE: u32 = u32::MAX;

/// One function's sandwich for one sample type.
pub struct Sandwich {
    /// The callers tree laid out as a flame graph (depth 0 = the function itself).
    pub callers: FlameGraph,
    /// The callees tree laid out as a flame graph (depth 0 = the function itself).
    pub callees: FlameGraph,
    /// pprof's `-peek` entry: flat, cum, and the weighted caller and callee edges.
    pub peek: PeekEntry,
}

/// The sandwich of the function keyed `key` in `view` (`None` if the key is unknown).
pub fn sandwich(p: &Profile, view: &StackView, sample_index: usize, key: u32) -> Option<Sandwich> {
    if key as usize >= view.keys.names.len() {
        return None;
    }
    let tree = view.call_tree(p);
    let (self_value, self_abs) = tree.self_of(p, view, sample_index);
    let (callees, outermost) = callees_tree(tree, key, &self_value, &self_abs);
    let callers = callers_tree(tree, key, &outermost, &self_value, &self_abs);
    let flat =
        (0..tree.len()).filter(|&i| tree.key[i] == key).fold(0i64, |a, i| a.wrapping_add(self_value[i]));
    let callers = layout(&callers.0.tree, view, callers.1, callers.2);
    let callees = layout(&callees.0.tree, view, callees.1, callees.2);
    // both roots are the function's cum (0 and no root when it has no samples)
    let cum = callers.value.first().copied().unwrap_or(0);
    let peek = peek_one(p, view, sample_index, key, flat, cum);
    Some(Sandwich { callers, callees, peek })
}

/// A tree being grown with its per-node self values (signed and |value|).
type Valued = (Grower, Vec<i64>, Vec<u64>);

fn valued(root_key: u32) -> Valued {
    let mut g = Grower::default();
    g.child(NONE, root_key, false);
    (g, vec![0], vec![0])
}

/// Adds `(v, a)` to the self values of node `n`, growing the value columns as needed.
fn add(t: &mut Valued, n: u32, v: i64, a: u64) {
    let len = t.0.tree.len();
    t.1.resize(len, 0);
    t.2.resize(len, 0);
    t.1[n as usize] = t.1[n as usize].wrapping_add(v);
    t.2[n as usize] = t.2[n as usize].wrapping_add(a);
}

/// Every call path below the function's outermost occurrences, merged under one root.
/// Also returns those outermost occurrences (call nodes).
fn callees_tree(tree: &CallTree, key: u32, self_value: &[i64], self_abs: &[u64]) -> (Valued, Vec<u32>) {
    let mut t = valued(key);
    let mut outermost = Vec::new();
    // The callees-tree node of each call node, or NONE outside the function. Call nodes
    // come parents first, so one forward pass maps them all.
    let mut map = vec![NONE; tree.len()];
    for i in 0..tree.len() {
        let parent = tree.parent[i];
        let above = if parent == NONE { NONE } else { map[parent as usize] };
        map[i] = if above != NONE {
            t.0.child(above, tree.key[i], tree.inlined[i])
        } else if tree.key[i] == key {
            outermost.push(i as u32);
            0
        } else {
            continue;
        };
        add(&mut t, map[i], self_value[i], self_abs[i]);
    }
    (t, outermost)
}

/// The callers of each outermost occurrence, inverted: from the function out to the
/// outermost frame; each path carries the occurrence's subtree value.
fn callers_tree(
    tree: &CallTree,
    key: u32,
    outermost: &[u32],
    self_value: &[i64],
    self_abs: &[u64],
) -> Valued {
    let mut t = valued(key);
    let (subtree, subtree_abs) = tree.subtree_sums(self_value, self_abs);
    for &occurrence in outermost {
        let (mut node, mut below) = (0u32, occurrence);
        let mut caller = tree.parent[occurrence as usize];
        while caller != NONE {
            // the frame one step in was inlined into this caller
            node = t.0.child(node, tree.key[caller as usize], tree.inlined[below as usize]);
            below = caller;
            caller = tree.parent[caller as usize];
        }
        let o = occurrence as usize;
        add(&mut t, node, subtree[o], subtree_abs[o]);
    }
    t
}
