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

/// Builds a [`StackTable`] from stacks given root first.
///
/// Looking a child up in a hash table costs a cache miss once the tree is large, and that
/// dominated decoding. Two cheaper checks come first: consecutive samples often share a
/// prefix, so the previous path is reused; and each node remembers the child it last led
/// to, which is right most of the time because hot call chains have one main continuation.
pub struct StackBuilder {
    table: StackTable,
    children: FxHashMap<u64, u32>,
    /// `last_child[parent + 1]` is (location, child) of the last lookup from `parent`;
    /// slot 0 is for root-level nodes.
    last_child: Vec<(u32, u32)>,
    prev_locs: Vec<u32>,
    prev_nodes: Vec<u32>,
}

impl Default for StackBuilder {
    fn default() -> Self {
        StackBuilder {
            table: StackTable::default(),
            children: FxHashMap::default(),
            last_child: vec![(u32::MAX, u32::MAX)],
            prev_locs: Vec::new(),
            prev_nodes: Vec::new(),
        }
    }
}

impl StackBuilder {
    /// Inserts a stack given root first and returns the id of its leaf node.
    pub fn insert_root_first(&mut self, locs: &[u32]) -> StackId {
        let common = self.prev_locs.iter().zip(locs).take_while(|(a, b)| a == b).count();
        self.prev_locs.truncate(common);
        self.prev_nodes.truncate(common);
        let mut node = self.prev_nodes.last().copied().unwrap_or(u32::MAX);
        for &loc in &locs[common..] {
            node = self.child(node, loc);
            self.prev_locs.push(loc);
            self.prev_nodes.push(node);
        }
        StackId(node)
    }

    #[inline]
    fn child(&mut self, parent: u32, loc: u32) -> u32 {
        let slot = parent.wrapping_add(1) as usize;
        let (last_loc, last) = self.last_child[slot];
        if last_loc == loc {
            return last;
        }
        let key = ((parent as u64) << 32) | loc as u64;
        let table = &mut self.table;
        let last_child = &mut self.last_child;
        let child = *self.children.entry(key).or_insert_with(|| {
            table.parent.push(parent);
            table.location.push(loc);
            last_child.push((u32::MAX, u32::MAX));
            (table.parent.len() - 1) as u32
        });
        self.last_child[slot] = (loc, child);
        child
    }

    pub fn finish(self) -> StackTable {
        self.table
    }
}
