//! The call tree: the stack tree with every location expanded into its frames and
//! identical frame paths merged. It is what a flame graph draws and what folded stacks
//! list. Because stack nodes come parents first, it is built in one forward pass.

use super::view::StackView;
use super::walk::Children;
use crate::model::{Profile, StackId};
use rustc_hash::FxHashMap;
use std::cell::OnceCell;
use std::rc::Rc;

/// A prefix tree over frame keys. Nodes are numbered parents first.
#[derive(Default)]
pub struct CallTree {
    /// Parent node, or `u32::MAX` for an outermost frame.
    pub parent: Vec<u32>,
    /// Frame key of the node (index into the view's names).
    pub key: Vec<u32>,
    /// Whether the frame was inlined into its caller (at any path merged here).
    pub inlined: Vec<bool>,
    /// For each stack node, the call node of its leaf frame.
    pub of_stack: Vec<u32>,
    /// Children lists sorted by name, built on first use (they do not depend on values,
    /// so every flame graph of this tree shares them).
    by_name: OnceCell<Rc<Children>>,
}

impl CallTree {
    pub fn build(p: &Profile, view: &StackView) -> CallTree {
        let mut t = Grower::default();
        t.tree.of_stack.reserve(p.stacks.len());
        for (i, &loc) in p.stacks.location.iter().enumerate() {
            let parent = p.stacks.parent[i];
            let mut node = if parent == u32::MAX { u32::MAX } else { t.tree.of_stack[parent as usize] };
            for (depth, &k) in view.keys.of(loc).iter().enumerate() {
                node = t.child(node, k, depth > 0);
            }
            t.tree.of_stack.push(node);
        }
        t.tree
    }

    /// Each node's children sorted by frame name (`view` is the tree's own view).
    pub fn children_by_name(&self, view: &StackView) -> Rc<Children> {
        let children = self.by_name.get_or_init(|| {
            // Rank the (few) distinct names once, then sort by rank.
            let mut by_name: Vec<u32> = (0..view.keys.names.len() as u32).collect();
            by_name.sort_unstable_by(|&a, &b| view.name(a).cmp(view.name(b)));
            let mut rank = vec![0u32; by_name.len()];
            for (r, &k) in by_name.iter().enumerate() {
                rank[k as usize] = r as u32;
            }
            let mut children = Children::from_parents(&self.parent);
            children.sort_each(|&c| rank[self.key[c as usize] as usize]);
            Rc::new(children)
        });
        Rc::clone(children)
    }

    pub fn len(&self) -> usize {
        self.key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.key.is_empty()
    }

    /// The call node a sample with this stack is counted at, after the view's
    /// `drop_frames` cut (`None` for an empty stack).
    #[inline]
    pub fn node_of(&self, view: &StackView, stack: StackId) -> Option<usize> {
        view.prune.leaf(stack).map(|s| self.of_stack[s] as usize)
    }

    /// One sample type's self values per call node: signed (for labels) and as |value|
    /// sums (for widths, so deltas and diffs still lay out).
    pub fn self_of(&self, p: &Profile, view: &StackView, sample_index: usize) -> (Vec<i64>, Vec<u64>) {
        let mut signed = vec![0i64; self.len()];
        let mut abs = vec![0u64; self.len()];
        for (stack, &v) in p.samples.stack.iter().zip(&p.samples.values[sample_index]) {
            if let Some(node) = self.node_of(view, *stack) {
                signed[node] = signed[node].wrapping_add(v);
                abs[node] = abs[node].wrapping_add(v.unsigned_abs());
            }
        }
        (signed, abs)
    }

    /// Each node's subtree sums (its total) of per-node values, signed and |value|.
    pub fn subtree_sums(&self, self_value: &[i64], self_abs: &[u64]) -> (Vec<i64>, Vec<u64>) {
        let (mut total, mut abs) = (self_value.to_vec(), self_abs.to_vec());
        for i in (0..self.len()).rev() {
            let parent = self.parent[i];
            if parent != u32::MAX {
                total[parent as usize] = total[parent as usize].wrapping_add(total[i]);
                abs[parent as usize] = abs[parent as usize].wrapping_add(abs[i]);
            }
        }
        (total, abs)
    }

    /// Each node's subtree sum of one signed column (see [`CallTree::subtree_sums`]).
    pub fn subtree_sum(&self, mut values: Vec<i64>) -> Vec<i64> {
        for i in (0..self.len()).rev() {
            let parent = self.parent[i];
            if parent != u32::MAX {
                values[parent as usize] = values[parent as usize].wrapping_add(values[i]);
            }
        }
        values
    }

    /// Sums every sample type's values per call node (self values), `[type][node]`.
    pub fn self_values(&self, p: &Profile, view: &StackView) -> Vec<Vec<i64>> {
        p.samples
            .values
            .iter()
            .map(|column| {
                let mut out = vec![0i64; self.len()];
                for (stack, &v) in p.samples.stack.iter().zip(column) {
                    if let Some(node) = self.node_of(view, *stack) {
                        out[node] = out[node].wrapping_add(v);
                    }
                }
                out
            })
            .collect()
    }
}

/// Grows a call tree one frame at a time, merging identical paths: `child(parent, key)`
/// is the same node every time it is asked for.
///
/// A node's children are found on a list of siblings: most nodes have one or two, and
/// the list of a node just made or just visited is in the cache, while a hash table over
/// every node of a large tree misses the cache on almost every lookup. A node whose list
/// grows long (a root with many entry points, say) gets its children indexed by a hash
/// table instead.
pub struct Grower {
    pub tree: CallTree,
    /// Per node: its first child and its next sibling ([`NONE`] for none).
    first_child: Vec<u32>,
    next_sibling: Vec<u32>,
    first_root: u32,
    /// The children of nodes with many, keyed by (parent << 32 | key).
    wide: FxHashMap<u64, u32>,
    /// Per node, whether its children are in `wide` (the roots' flag is `wide_roots`).
    is_wide: Vec<bool>,
    wide_roots: bool,
}

/// No node.
const NONE: u32 = u32::MAX;
/// A list longer than this moves its node's children to the hash table.
const LONG_LIST: usize = 8;

impl Default for Grower {
    fn default() -> Self {
        Grower {
            tree: CallTree::default(),
            first_child: Vec::new(),
            next_sibling: Vec::new(),
            first_root: NONE,
            wide: FxHashMap::default(),
            is_wide: Vec::new(),
            wide_roots: false,
        }
    }
}

impl Grower {
    /// The node for frame `key` below `parent` (`u32::MAX` for an outermost frame), made on
    /// first sight; `inlined` marks it inlined into its caller (on any path merged here).
    pub fn child(&mut self, parent: u32, key: u32, inlined: bool) -> u32 {
        let node = self.find_or_add(parent, key);
        self.tree.inlined[node as usize] |= inlined;
        node
    }

    fn find_or_add(&mut self, parent: u32, key: u32) -> u32 {
        let wide_key = ((parent as u64) << 32) | key as u64;
        let wide = if parent == NONE { self.wide_roots } else { self.is_wide[parent as usize] };
        if wide {
            if let Some(&n) = self.wide.get(&wide_key) {
                return n;
            }
            let n = self.add(parent, key);
            self.wide.insert(wide_key, n);
            return n;
        }
        let mut c = if parent == NONE { self.first_root } else { self.first_child[parent as usize] };
        let mut len = 0;
        while c != NONE {
            if self.tree.key[c as usize] == key {
                return c;
            }
            c = self.next_sibling[c as usize];
            len += 1;
        }
        let n = self.add(parent, key);
        if len >= LONG_LIST {
            self.make_wide(parent);
        }
        n
    }

    /// A new last-made child of `parent`, at the head of its list.
    fn add(&mut self, parent: u32, key: u32) -> u32 {
        let t = &mut self.tree;
        let n = t.key.len() as u32;
        t.parent.push(parent);
        t.key.push(key);
        t.inlined.push(false);
        self.first_child.push(NONE);
        self.is_wide.push(false);
        let head = if parent == NONE { &mut self.first_root } else { &mut self.first_child[parent as usize] };
        self.next_sibling.push(*head);
        *head = n;
        n
    }

    /// Indexes `parent`'s children in the hash table from now on.
    fn make_wide(&mut self, parent: u32) {
        let mut c = if parent == NONE { self.first_root } else { self.first_child[parent as usize] };
        while c != NONE {
            self.wide.insert(((parent as u64) << 32) | self.tree.key[c as usize] as u64, c);
            c = self.next_sibling[c as usize];
        }
        if parent == NONE {
            self.wide_roots = true;
        } else {
            self.is_wide[parent as usize] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Grower, LONG_LIST, NONE};

    /// Asking again for any (parent, key) gives the node made the first time, before and
    /// after a node's children move from its sibling list to the hash table.
    #[test]
    fn the_same_child_every_time_for_short_and_long_lists() {
        let mut g = Grower::default();
        let root = g.child(NONE, 7, false);
        let mut made = Vec::new();
        for key in 0..(3 * LONG_LIST as u32) {
            made.push((key, g.child(root, key, false)));
            // every child made so far is found again, none is made twice
            for &(k, n) in &made {
                assert_eq!(g.child(root, k, false), n, "key {k} after {key}");
            }
        }
        for key in 0..(2 * LONG_LIST as u32) {
            assert_eq!(g.child(NONE, key + 100, false), g.child(NONE, key + 100, true));
        }
        assert_eq!(g.child(NONE, 7, false), root);
        assert_eq!(g.tree.len(), 1 + 3 * LONG_LIST + 2 * LONG_LIST);
        let first = g.child(NONE, 100, false);
        assert!(g.tree.inlined[first as usize], "inlined on any path merged");
        assert!(made.iter().all(|&(k, n)| g.tree.key[n as usize] == k && g.tree.parent[n as usize] == root));
    }
}
