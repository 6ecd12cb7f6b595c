//! The stack table: a prefix tree of locations, after fxprof-processed-profile's stack
//! table. Each node is (parent, location); a sample points at the node of its leaf.
//! Parents always come before their children, so a reverse scan visits children first
//! (used to sum subtree values in one pass).

use super::ChildIndex;

/// A node of the [`StackTable`]. [`StackId::EMPTY`] is the empty stack (no locations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StackId(pub u32);

impl StackId {
    pub const EMPTY: StackId = StackId(u32::MAX);

    pub fn index(self) -> Option<usize> {
        (self != StackId::EMPTY).then_some(self.0 as usize)
    }
}

/// The prefix tree, as two parallel columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StackTable {
    /// Parent node, or `u32::MAX` for a root-level node (the outermost frame).
    pub parent: Vec<u32>,
    /// Index into `Profile::locations` of this node's location.
    pub location: Vec<u32>,
}

impl StackTable {
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    /// The same tree numbered in depth-first preorder (siblings keep their order), and each
    /// old node's new number. Walks visit a preorder tree front to back, so every per-node
    /// column they read is read in memory order: on large profiles the depth-first walks
    /// (top, call tree) were bound by cache misses in the order the decoder numbers nodes.
    pub fn into_preorder(self) -> (StackTable, Vec<u32>) {
        let n = self.len();
        // Subtree sizes: parents come first, so a reverse scan has every child counted.
        let mut size = vec![1u32; n];
        for i in (0..n).rev() {
            let p = self.parent[i];
            if p != u32::MAX {
                size[p as usize] += size[i];
            }
        }
        // A node's number: its parent's, plus one, plus the sizes of its earlier siblings.
        let mut order = vec![0u32; n];
        let mut next_child = vec![0u32; n];
        let mut next_root = 0u32;
        for i in 0..n {
            let slot = match self.parent[i] {
                u32::MAX => &mut next_root,
                p => &mut next_child[p as usize],
            };
            order[i] = *slot;
            *slot += size[i];
            next_child[i] = order[i] + 1;
        }
        let mut table = StackTable { parent: vec![u32::MAX; n], location: vec![0; n] };
        for i in 0..n {
            let at = order[i] as usize;
            table.parent[at] = match self.parent[i] {
                u32::MAX => u32::MAX,
                p => order[p as usize],
            };
            table.location[at] = self.location[i];
        }
        (table, order)
    }

    /// The locations of a stack, leaf first (the order of `Sample.location_id`).
    pub fn locations_leaf_first(&self, stack: StackId) -> impl Iterator<Item = u32> + '_ {
        let mut node = stack.0;
        std::iter::from_fn(move || {
            if node == u32::MAX {
                return None;
            }
            let n = node as usize;
            node = self.parent[n];
            Some(self.location[n])
        })
    }
}

/// Adds every node's value into its parent's, deepest first, so that each node ends up
/// with its subtree's sum, in place. `parent[i]` is node `i`'s parent (`u32::MAX` for a
/// root), and parents come before their children, as in the stack table and the call tree.
pub fn sum_into_parents<T: Copy>(parent: &[u32], values: &mut [T], add: impl Fn(T, T) -> T) {
    for i in (0..parent.len()).rev() {
        let p = parent[i];
        if p != u32::MAX {
            values[p as usize] = add(values[p as usize], values[i]);
        }
    }
}

/// Builds a [`StackTable`] one stack at a time, for profiles made in code (see
/// `model::text`). The decoder builds its table depth by depth instead, which is much
/// faster on large profiles (`decode::stacks`).
#[derive(Default)]
pub struct StackBuilder {
    table: StackTable,
    children: ChildIndex,
}

impl StackBuilder {
    /// Inserts a stack given root first and returns the id of its leaf node.
    pub fn insert_root_first(&mut self, locs: &[u32]) -> StackId {
        let mut node = StackId::EMPTY;
        for &loc in locs {
            node = self.child(node, loc);
        }
        node
    }

    /// A builder with room for `nodes` nodes: a filter's derived tree has at most its
    /// source's, and growing five columns of that size copies each of them a few times.
    pub fn with_capacity(nodes: usize) -> StackBuilder {
        let table = StackTable { parent: Vec::with_capacity(nodes), location: Vec::with_capacity(nodes) };
        StackBuilder { table, children: ChildIndex::with_capacity(nodes) }
    }

    /// The node for `parent`'s stack plus `loc` as its new leaf ([`StackId::EMPTY`] as
    /// parent: a root), added if new.
    pub fn child(&mut self, parent: StackId, loc: u32) -> StackId {
        let t = &mut self.table;
        if let Some(n) = self.children.find(parent.0, loc, &t.location) {
            return StackId(n);
        }
        let n = t.parent.len() as u32;
        t.parent.push(parent.0);
        t.location.push(loc);
        self.children.insert(parent.0, n, &t.location);
        StackId(n)
    }

    pub fn finish(self) -> StackTable {
        self.table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preorder_numbers_each_subtree_contiguously() {
        // Nodes in the order a decoder makes them: two roots, branches added late.
        //   0 (loc 10) ─ 1 (11) ─ 3 (13)
        //              └ 4 (14)
        //   2 (12) ─ 5 (15)
        let t = StackTable {
            parent: vec![u32::MAX, 0, u32::MAX, 1, 0, 2],
            location: vec![10, 11, 12, 13, 14, 15],
        };
        let stacks: Vec<Vec<u32>> = (0..6).map(|i| t.locations_leaf_first(StackId(i)).collect()).collect();
        let (p, order) = t.into_preorder();
        assert_eq!(order, [0, 1, 4, 2, 3, 5]);
        assert_eq!(p.location, [10, 11, 13, 14, 12, 15]);
        assert_eq!(p.parent, [u32::MAX, 0, 1, 0, u32::MAX, 4]);
        for (old, want) in stacks.iter().enumerate() {
            let got: Vec<u32> = p.locations_leaf_first(StackId(order[old])).collect();
            assert_eq!(&got, want, "stack {old}");
        }
    }
}
