//! Merging stack trees, the costly part of a merge: every stack node of every source needs
//! its node in the merged tree. A hash of (parent, location) over millions of nodes misses
//! the cache on nearly every probe, so the first tree is copied as it is (when no two of
//! its locations merged into one, its shape cannot change) and indexed by sorted children
//! lists; later trees look their nodes up there, by binary search among a node's children,
//! and only the nodes they add go to a hash.

use crate::model::StackTable;
use rustc_hash::FxHashMap;

/// The merged stack tree, grown one source tree at a time.
#[derive(Default)]
pub struct StackMerger {
    pub table: StackTable,
    /// Nodes `0..copied` are the first tree's; `kids[start[n]..start[n + 1]]` are node n's
    /// children sorted by location, and slot `copied` holds the roots.
    copied: usize,
    start: Vec<u32>,
    kids: Vec<u32>,
    /// Nodes added after the copy, by (parent, location).
    added: FxHashMap<(u32, u32), u32>,
}

impl StackMerger {
    /// Adds a source's tree; `loc_map[l]` is the merged location of its location `l`, and
    /// `merged_locations` how many merged locations there are. Returns each source node's
    /// merged node.
    pub fn add(&mut self, tree: &StackTable, loc_map: &[u32], merged_locations: usize) -> Vec<u32> {
        if self.table.is_empty() && injective(loc_map, merged_locations) {
            let location = tree.location.iter().map(|&l| loc_map[l as usize]).collect();
            self.table = StackTable { parent: tree.parent.clone(), location };
            self.index_copy();
            return (0..tree.len() as u32).collect();
        }
        let mut map = Vec::with_capacity(tree.len());
        for (&parent, &loc) in tree.parent.iter().zip(&tree.location) {
            let parent = if parent == u32::MAX { u32::MAX } else { map[parent as usize] };
            map.push(self.child(parent, loc_map[loc as usize]));
        }
        map
    }

    /// The child of `parent` (`u32::MAX`: a root) at `location`, made if missing.
    fn child(&mut self, parent: u32, location: u32) -> u32 {
        // Slot `copied` holds the roots; an added node has no sorted list.
        let slot = match parent {
            u32::MAX => Some(self.copied),
            p if (p as usize) < self.copied => Some(p as usize),
            _ => None,
        };
        if let Some(slot) = slot.filter(|_| !self.start.is_empty()) {
            let list = &self.kids[self.start[slot] as usize..self.start[slot + 1] as usize];
            let at = list.binary_search_by_key(&location, |&k| self.table.location[k as usize]);
            if let Ok(i) = at {
                return list[i];
            }
        }
        let t = &mut self.table;
        *self.added.entry((parent, location)).or_insert_with(|| {
            t.parent.push(parent);
            t.location.push(location);
            (t.parent.len() - 1) as u32
        })
    }

    /// Children lists of the copied tree, each sorted by location (counting sort by parent).
    fn index_copy(&mut self) {
        let n = self.table.len();
        self.copied = n;
        let slot = |p: u32| if p == u32::MAX { n } else { p as usize };
        let mut start = vec![0u32; n + 2];
        for &p in &self.table.parent {
            start[slot(p) + 1] += 1;
        }
        for i in 0..n + 1 {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut kids = vec![0u32; n];
        for (i, &p) in self.table.parent.iter().enumerate() {
            kids[fill[slot(p)] as usize] = i as u32;
            fill[slot(p)] += 1;
        }
        let location = &self.table.location;
        for s in 0..n + 1 {
            let list = &mut kids[start[s] as usize..start[s + 1] as usize];
            if list.len() > 1 {
                list.sort_unstable_by_key(|&k| location[k as usize]);
            }
        }
        self.start = start;
        self.kids = kids;
    }
}

/// Whether no two source locations became one merged location (values below `bound`).
/// Then the copied tree keeps its shape: siblings stay distinct.
fn injective(loc_map: &[u32], bound: usize) -> bool {
    let mut seen = vec![false; bound];
    loc_map.iter().all(|&l| !std::mem::replace(&mut seen[l as usize], true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(parent: &[u32], location: &[u32]) -> StackTable {
        StackTable { parent: parent.to_vec(), location: location.to_vec() }
    }

    const ROOT: u32 = u32::MAX;

    #[test]
    fn the_second_tree_finds_shared_nodes_and_adds_new_ones() {
        let mut m = StackMerger::default();
        // a, a>b, a>c, d
        let first = m.add(&tree(&[ROOT, 0, 0, ROOT], &[0, 1, 2, 3]), &[0, 1, 2, 3], 5);
        assert_eq!(first, vec![0, 1, 2, 3]);
        // a, a>c, a>c>e, b (a root here)
        let second = m.add(&tree(&[ROOT, 0, 1, ROOT], &[0, 2, 4, 1]), &[0, 1, 2, 3, 4], 5);
        assert_eq!(second[..2], [0, 2]);
        assert_eq!(m.table.parent[second[2] as usize], 2);
        assert_eq!(m.table.parent[second[3] as usize], ROOT);
        assert_eq!(m.table.len(), 6);
        // A child of the first added node (a>c>e, numbered like the roots' slot) is not a
        // root: a>c>e>a is a new node under it.
        assert_eq!(second[2] as usize, 4);
        let third = m.add(&tree(&[ROOT, 0, 1, 2], &[0, 2, 4, 0]), &[0, 1, 2, 3, 4], 5);
        assert_eq!(third[..3], second[..3]);
        assert_eq!(m.table.parent[third[3] as usize], 4);
    }

    #[test]
    fn a_tree_whose_locations_merge_is_rebuilt_not_copied() {
        let mut m = StackMerger::default();
        // Two roots whose locations both become merged location 0: one merged node.
        let map = m.add(&tree(&[ROOT, ROOT, 1], &[0, 1, 2]), &[0, 0, 1], 2);
        assert_eq!(map, vec![0, 0, 1]);
        assert_eq!(m.table.len(), 2);
    }
}
