//! Finds a tree node's child by its label (a location, a frame key), for trees grown one
//! node at a time: the stack tree of a derived profile, the call tree.
//!
//! A node's children are on a list of siblings: most nodes have one or two, and the list
//! of a node just made or just visited is in the cache, while a hash table over every
//! node of a large tree misses the cache on almost every lookup (building M's call tree
//! took 104 ms that way, 22 ms this way). A node whose list grows long (a root with many
//! entry points, say) has its children indexed by a hash table from then on.

use rustc_hash::FxHashMap;

/// No node: the parent of a root, the end of a list.
pub const NONE: u32 = u32::MAX;
/// A list longer than this moves its node's children to the hash table.
pub const LONG_LIST: usize = 8;

pub struct ChildIndex {
    /// Per node: its first child and its next sibling.
    first_child: Vec<u32>,
    next_sibling: Vec<u32>,
    first_root: u32,
    /// The children of nodes with many, keyed by (parent << 32 | label).
    wide: FxHashMap<u64, u32>,
    /// Per node, whether its children are in `wide` (for the roots, `wide_roots`).
    is_wide: Vec<bool>,
    wide_roots: bool,
}

impl Default for ChildIndex {
    fn default() -> Self {
        ChildIndex {
            first_child: Vec::new(),
            next_sibling: Vec::new(),
            first_root: NONE,
            wide: FxHashMap::default(),
            is_wide: Vec::new(),
            wide_roots: false,
        }
    }
}

impl ChildIndex {
    /// An index with room for `nodes` nodes (growing its columns copies them).
    pub fn with_capacity(nodes: usize) -> ChildIndex {
        ChildIndex {
            first_child: Vec::with_capacity(nodes),
            next_sibling: Vec::with_capacity(nodes),
            is_wide: Vec::with_capacity(nodes),
            ..ChildIndex::default()
        }
    }

    /// Room for `more` nodes beyond those indexed, exactly (see [`grow_gently`]).
    pub fn reserve_exact(&mut self, more: usize) {
        self.first_child.reserve_exact(more);
        self.next_sibling.reserve_exact(more);
        self.is_wide.reserve_exact(more);
    }

    /// The child of `parent` ([`NONE`]: the roots) labelled `label`, if there is one;
    /// `labels[n]` is node `n`'s label.
    #[inline]
    pub fn find(&self, parent: u32, label: u32, labels: &[u32]) -> Option<u32> {
        if self.wide(parent) {
            return self.wide.get(&wide_key(parent, label)).copied();
        }
        let mut c = self.head(parent);
        while c != NONE {
            if labels[c as usize] == label {
                return Some(c);
            }
            c = self.next_sibling[c as usize];
        }
        None
    }

    /// Indexes `node`, the tree's newest node (numbered after every node indexed so far),
    /// as the child of `parent` labelled `labels[node]`.
    pub fn insert(&mut self, parent: u32, node: u32, labels: &[u32]) {
        debug_assert_eq!(node as usize, self.first_child.len());
        self.first_child.push(NONE);
        self.is_wide.push(false);
        if self.wide(parent) {
            self.next_sibling.push(NONE);
            self.wide.insert(wide_key(parent, labels[node as usize]), node);
            return;
        }
        let head = if parent == NONE { &mut self.first_root } else { &mut self.first_child[parent as usize] };
        self.next_sibling.push(*head);
        *head = node;
        if self.list_len(parent) > LONG_LIST {
            self.make_wide(parent, labels);
        }
    }

    fn wide(&self, parent: u32) -> bool {
        if parent == NONE {
            self.wide_roots
        } else {
            self.is_wide[parent as usize]
        }
    }

    fn head(&self, parent: u32) -> u32 {
        if parent == NONE {
            self.first_root
        } else {
            self.first_child[parent as usize]
        }
    }

    fn list_len(&self, parent: u32) -> usize {
        let (mut c, mut n) = (self.head(parent), 0);
        while c != NONE && n <= LONG_LIST {
            c = self.next_sibling[c as usize];
            n += 1;
        }
        n
    }

    /// Indexes `parent`'s children in the hash table from now on.
    fn make_wide(&mut self, parent: u32, labels: &[u32]) {
        let mut c = self.head(parent);
        while c != NONE {
            self.wide.insert(wide_key(parent, labels[c as usize]), c);
            c = self.next_sibling[c as usize];
        }
        if parent == NONE {
            self.wide_roots = true;
        } else {
            self.is_wide[parent as usize] = true;
        }
    }
}

/// How many more nodes a tree grown one node at a time makes room for when its columns
/// are full: an eighth of those it has. Its columns were sized for about the nodes it will
/// have (a call tree for its stack tree's nodes), so a tree that outgrows them does so by
/// a little: M's call tree has 714,831 nodes for 708,604 stack nodes, and doubling seven
/// columns for those 6,000 nodes took 10 MB more at its peak and kept 6 MB.
pub fn grow_gently(len: usize) -> usize {
    (len / 8).max(1024)
}

fn wide_key(parent: u32, label: u32) -> u64 {
    ((parent as u64) << 32) | label as u64
}

#[cfg(test)]
mod tests {
    use super::{ChildIndex, LONG_LIST, NONE};

    /// A tree grown through the index: asking again for any (parent, label) finds the node
    /// made the first time, before and after a node's children move to the hash table.
    #[test]
    fn finds_every_child_in_short_and_long_lists() {
        let (mut index, mut parents, mut labels) = (ChildIndex::default(), Vec::new(), Vec::new());
        let mut child = |parent: u32, label: u32| {
            if let Some(n) = index.find(parent, label, &labels) {
                return n;
            }
            let n = labels.len() as u32;
            parents.push(parent);
            labels.push(label);
            index.insert(parent, n, &labels);
            n
        };
        let root = child(NONE, 7);
        let mut made = Vec::new();
        for label in 0..(3 * LONG_LIST as u32) {
            made.push((label, child(root, label)));
            for &(l, n) in &made {
                assert_eq!(child(root, l), n, "label {l} after {label}");
            }
        }
        let roots: Vec<u32> = (0..2 * LONG_LIST as u32).map(|l| child(NONE, l + 100)).collect();
        for (l, &n) in roots.iter().enumerate() {
            assert_eq!(child(NONE, l as u32 + 100), n);
        }
        assert_eq!(child(NONE, 7), root);
        // under another parent, the same labels are other nodes
        let other = made[0].1;
        assert!(made.iter().all(|&(l, n)| child(other, l) != n));
        assert_eq!(labels.len(), 1 + 3 * LONG_LIST + 2 * LONG_LIST + 3 * LONG_LIST);
        assert!(made.iter().all(|&(l, n)| labels[n as usize] == l && parents[n as usize] == root));
    }
}
