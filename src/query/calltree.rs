//! The call tree: the stack tree with every location expanded into its frames and
//! identical frame paths merged. It is what a flame graph draws and what folded stacks
//! list. Because stack nodes come parents first, it is built in one forward pass.

use super::view::StackView;
use super::walk::Children;
use crate::model::{self, grow_gently, ChildIndex, Profile, StackId};
use std::sync::{Arc, OnceLock};

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
    by_name: OnceLock<Arc<Children>>,
}

impl CallTree {
    pub fn build(p: &Profile, view: &StackView) -> CallTree {
        // about a call node per stack node: room for them up front
        let mut t = Grower::with_capacity(p.stacks.len());
        t.tree.of_stack.reserve(p.stacks.len());
        for (i, &loc) in p.stacks.location.iter().enumerate() {
            let parent = p.stacks.parent[i];
            let mut node = if parent == u32::MAX { u32::MAX } else { t.tree.of_stack[parent as usize] };
            for (depth, &k) in view.keys.of(loc).iter().enumerate() {
                node = t.child(node, k, depth > 0);
            }
            t.tree.of_stack.push(node);
        }
        t.finish()
    }

    /// Each node's children sorted by frame name (`view` is the tree's own view).
    pub fn children_by_name(&self, view: &StackView) -> Arc<Children> {
        let children = self.by_name.get_or_init(|| {
            // the (few) distinct names are ranked once per set of keys, then sorted by rank
            let rank = &view.keys.name_order().distinct;
            let mut children = Children::from_parents(&self.parent);
            children.sort_each(|&c| rank[self.key[c as usize] as usize]);
            Arc::new(children)
        });
        Arc::clone(children)
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
        if let Some(signed) = self.self_of_non_negative(p, view, sample_index) {
            // every |value| is the value, so the |value| sums are the signed sums (wrapping
            // alike: the same bits)
            let abs = signed.iter().map(|&v| v as u64).collect();
            return (signed, abs);
        }
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

    /// The self values of a sample type without negative values (`None` if it has any):
    /// the view's sums per stack node (which the top table made) summed into call nodes,
    /// one pass in tree order instead of one over every sample in file order.
    pub fn self_of_non_negative(
        &self,
        p: &Profile,
        view: &StackView,
        sample_index: usize,
    ) -> Option<Vec<i64>> {
        if p.has_negative(sample_index) {
            return None;
        }
        let values = view.node_values(p, sample_index);
        let mut signed = vec![0i64; self.len()];
        for (&v, &node) in values.self_value.iter().zip(&self.of_stack) {
            if v != 0 {
                signed[node as usize] = signed[node as usize].wrapping_add(v);
            }
        }
        Some(signed)
    }

    /// Each node's subtree sums (its total) of per-node values, signed and |value|.
    pub fn subtree_sums(&self, self_value: &[i64], self_abs: &[u64]) -> (Vec<i64>, Vec<u64>) {
        let mut abs = self_abs.to_vec();
        self.sum_into_parents(&mut abs, u64::wrapping_add);
        (self.subtree_sum(self_value.to_vec()), abs)
    }

    /// Each node's subtree sum of one signed column (see [`CallTree::subtree_sums`]).
    pub fn subtree_sum(&self, mut values: Vec<i64>) -> Vec<i64> {
        self.sum_into_parents(&mut values, i64::wrapping_add);
        values
    }

    /// Adds every node's value into its parent's, deepest first, so each node ends up
    /// with its subtree's sum; in place, where the column is not needed after.
    pub fn sum_into_parents<T: Copy>(&self, values: &mut [T], add: impl Fn(T, T) -> T) {
        model::sum_into_parents(&self.parent, values, add);
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
#[derive(Default)]
pub struct Grower {
    pub tree: CallTree,
    children: ChildIndex,
    /// Sized for about the nodes it will have: outgrowing that, it grows gently.
    sized: bool,
}

impl Grower {
    pub fn with_capacity(nodes: usize) -> Grower {
        let mut tree = CallTree::default();
        tree.parent.reserve(nodes);
        tree.key.reserve(nodes);
        tree.inlined.reserve(nodes);
        Grower { tree, children: ChildIndex::with_capacity(nodes), sized: true }
    }

    /// The node for frame `key` below `parent` (`u32::MAX` for an outermost frame), made on
    /// first sight; `inlined` marks it inlined into its caller (on any path merged here).
    pub fn child(&mut self, parent: u32, key: u32, inlined: bool) -> u32 {
        let t = &mut self.tree;
        let node = match self.children.find(parent, key, &t.key) {
            Some(n) => n,
            None => {
                let n = t.key.len() as u32;
                if self.sized && t.key.len() == t.key.capacity() {
                    let more = grow_gently(t.key.len());
                    t.parent.reserve_exact(more);
                    t.key.reserve_exact(more);
                    t.inlined.reserve_exact(more);
                    self.children.reserve_exact(more);
                }
                t.parent.push(parent);
                t.key.push(key);
                t.inlined.push(false);
                self.children.insert(parent, n, &t.key);
                n
            }
        };
        t.inlined[node as usize] |= inlined;
        node
    }

    /// The tree, its columns trimmed to its nodes (the index is dropped).
    pub fn finish(mut self) -> CallTree {
        self.tree.parent.shrink_to_fit();
        self.tree.key.shrink_to_fit();
        self.tree.inlined.shrink_to_fit();
        self.tree
    }
}

#[cfg(test)]
mod tests {
    use super::Grower;

    /// A grower sized too small grows gently past its room and makes the same tree as one
    /// that doubles, and its finished columns hold just the nodes.
    #[test]
    fn a_grower_outgrowing_its_room_makes_the_same_tree() {
        let paths = (0..5000u32).map(|i| [i % 7, i % 300, i]);
        let (mut sized, mut doubling) = (Grower::with_capacity(10), Grower::default());
        for path in paths {
            for g in [&mut sized, &mut doubling] {
                let mut node = u32::MAX;
                for (depth, &k) in path.iter().enumerate() {
                    node = g.child(node, k, depth == 2);
                }
            }
        }
        let (a, b) = (sized.finish(), doubling.tree);
        // (i % 7, i % 300) repeats every lcm(7, 300) = 2100 paths
        assert_eq!(a.len(), 7 + 2100 + 5000);
        assert_eq!((&a.parent, &a.key, &a.inlined), (&b.parent, &b.key, &b.inlined));
        assert_eq!(a.key.capacity(), a.len());
    }
}
