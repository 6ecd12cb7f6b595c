//! The stack table: a prefix tree of locations, after fxprof-processed-profile's stack
//! table. Each node is (parent, location); a sample points at the node of its leaf.
//! Parents always come before their children, so a reverse scan visits children first
//! (used to sum subtree values in one pass).

use rustc_hash::FxHashMap;

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

/// Builds a [`StackTable`] one stack at a time, for profiles made in code (see
/// `model::text`). The decoder builds its table depth by depth instead, which is much
/// faster on large profiles (`decode::stacks`).
#[derive(Default)]
pub struct StackBuilder {
    table: StackTable,
    children: FxHashMap<(u32, u32), u32>,
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

    /// The node for `parent`'s stack plus `loc` as its new leaf ([`StackId::EMPTY`] as
    /// parent: a root), added if new.
    pub fn child(&mut self, parent: StackId, loc: u32) -> StackId {
        let table = &mut self.table;
        StackId(*self.children.entry((parent.0, loc)).or_insert_with(|| {
            table.parent.push(parent.0);
            table.location.push(loc);
            (table.parent.len() - 1) as u32
        }))
    }

    /// A builder that starts from a finished table (its nodes are not indexed: for a
    /// table kept as it is).
    pub fn from_table(table: StackTable) -> StackBuilder {
        StackBuilder { table, children: FxHashMap::default() }
    }

    pub fn finish(self) -> StackTable {
        self.table
    }
}
