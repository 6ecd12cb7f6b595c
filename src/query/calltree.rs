//! The call tree: the stack tree with every location expanded into its frames and
//! identical frame paths merged. It is what a flame graph draws and what folded stacks
//! list. Because stack nodes come parents first, it is built in one forward pass.

use super::view::StackView;
use crate::model::{Profile, StackId};
use rustc_hash::FxHashMap;

/// A prefix tree over frame keys. Nodes are numbered parents first.
pub struct CallTree {
    /// Parent node, or `u32::MAX` for an outermost frame.
    pub parent: Vec<u32>,
    /// Frame key of the node (index into the view's names).
    pub key: Vec<u32>,
    /// Whether the frame was inlined into its caller (at any path merged here).
    pub inlined: Vec<bool>,
    /// For each stack node, the call node of its leaf frame.
    pub of_stack: Vec<u32>,
}

impl CallTree {
    pub fn build(p: &Profile, view: &StackView) -> CallTree {
        let mut t = CallTree {
            parent: Vec::new(),
            key: Vec::new(),
            inlined: Vec::new(),
            of_stack: Vec::with_capacity(p.stacks.len()),
        };
        // Keyed by (parent << 32 | key): one u64 hashes in one step, a pair in two.
        let mut index: FxHashMap<u64, u32> = FxHashMap::default();
        for (i, &loc) in p.stacks.location.iter().enumerate() {
            let parent = p.stacks.parent[i];
            let mut node = if parent == u32::MAX { u32::MAX } else { t.of_stack[parent as usize] };
            for (depth, &k) in view.keys.of(loc).iter().enumerate() {
                let next = *index.entry(((node as u64) << 32) | k as u64).or_insert_with(|| {
                    t.parent.push(node);
                    t.key.push(k);
                    t.inlined.push(false);
                    (t.key.len() - 1) as u32
                });
                t.inlined[next as usize] |= depth > 0;
                node = next;
            }
            t.of_stack.push(node);
        }
        t
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
