//! The call tree as an expandable table: one sample type's self and total per call-tree
//! node, with each node's children heaviest first. Made once per (profile, granularity,
//! sample type) and then asked for one node's children at a time, so expanding a row
//! costs only that row's children.

use super::calltree::CallTree;
use super::view::StackView;
use super::walk::Children;
use crate::model::Profile;
use std::cmp::Reverse;

/// Self and total per call-tree node, and the non-empty children of each, by |total|
/// descending (then name, so equal totals keep a stable order).
pub struct CallTreeValues {
    pub self_value: Vec<i64>,
    /// The node's subtree sum: pprof's cum for this one call path.
    pub total: Vec<i64>,
    children: Children,
    /// |value| sums over each subtree: a node with 0 here is empty and never listed.
    total_abs: Vec<u64>,
}

impl CallTreeValues {
    /// An estimate of the heap bytes held (for the session's cache budget): five columns of
    /// 4 to 8 bytes per node.
    pub fn heap_bytes(&self) -> usize {
        self.self_value.len() * 8 + self.total.len() * 16 + self.children.heap_bytes()
    }

    pub fn new(p: &Profile, view: &StackView, sample_index: usize) -> CallTreeValues {
        let tree: &CallTree = view.call_tree(p);
        let (self_value, self_abs) = tree.self_of(p, view, sample_index);
        let (total, total_abs) = tree.subtree_sums(&self_value, &self_abs);
        let mut children = Children::from_parents(&tree.parent);
        children.sort_each(|&c| (Reverse(total_abs[c as usize]), view.name(tree.key[c as usize])));
        CallTreeValues { self_value, total, children, total_abs }
    }

    /// The non-empty children of `node`, heaviest first; `None` gives the outermost frames.
    pub fn children(&self, node: Option<u32>) -> impl Iterator<Item = u32> + '_ {
        let list = match node {
            None => self.children.roots(),
            Some(n) if (n as usize) < self.total.len() => self.children.of(n),
            Some(_) => &[],
        };
        // sorted by |total| descending, so the empty ones come last
        list.iter().copied().take_while(|&c| self.total_abs[c as usize] != 0)
    }

    /// Whether `node` has a non-empty child (its row can expand).
    pub fn has_children(&self, node: u32) -> bool {
        self.children(Some(node)).next().is_some()
    }

    /// The heaviest path below `node` (or from the outermost frames): the heaviest child,
    /// its heaviest child, and so on to a leaf. `node` itself is not included.
    pub fn heaviest_path(&self, node: Option<u32>) -> Vec<u32> {
        let mut path = Vec::new();
        let mut at = node;
        while let Some(next) = self.children(at).next() {
            path.push(next);
            at = Some(next);
        }
        path
    }
}
