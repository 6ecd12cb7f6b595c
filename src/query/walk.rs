//! Depth-first traversal of the stack tree. The table stores only parent links, so the
//! children are first gathered into a compact CSR layout (one counting pass).

use crate::model::StackTable;

/// Children lists of a stack table: `list[start[n]..start[n + 1]]` are node n's children;
/// the root-level nodes are `roots`.
pub struct Children {
    start: Vec<u32>,
    list: Vec<u32>,
    roots: Vec<u32>,
}

impl Children {
    /// The heap bytes of its three columns.
    pub fn heap_bytes(&self) -> usize {
        (self.start.len() + self.list.len() + self.roots.len()) * 4
    }

    pub fn build(t: &StackTable) -> Children {
        Children::from_parents(&t.parent)
    }

    /// Children lists of any tree given as parent links (`u32::MAX` for a root), with
    /// parents before children.
    pub fn from_parents(parents: &[u32]) -> Children {
        // Node p's children are counted at p + 2, so after the prefix sums `start[p + 1]`
        // is where p's list begins; filling advances it to where p's list ends, which is
        // where p + 1's begins: the fill leaves `start` right, with no second column.
        let n = parents.len();
        let mut start = vec![0u32; n + 2];
        let mut roots = Vec::new();
        for (i, &p) in parents.iter().enumerate() {
            if p == u32::MAX {
                roots.push(i as u32);
            } else {
                start[p as usize + 2] += 1;
            }
        }
        for i in 2..n + 2 {
            start[i] += start[i - 1];
        }
        let mut list = vec![0u32; start[n + 1] as usize];
        for (i, &p) in parents.iter().enumerate() {
            if p != u32::MAX {
                let at = &mut start[p as usize + 1];
                list[*at as usize] = i as u32;
                *at += 1;
            }
        }
        start.truncate(n + 1);
        Children { start, list, roots }
    }

    /// Sorts every children list, and the roots, by `key`.
    pub fn sort_each<K: Ord>(&mut self, mut key: impl FnMut(&u32) -> K) {
        self.roots.sort_unstable_by_key(&mut key);
        for n in 0..self.start.len() - 1 {
            let (a, b) = (self.start[n] as usize, self.start[n + 1] as usize);
            if b - a > 1 {
                self.list[a..b].sort_unstable_by_key(&mut key);
            }
        }
    }

    /// The nodes without a parent.
    pub fn roots(&self) -> &[u32] {
        &self.roots
    }

    pub fn of(&self, n: u32) -> &[u32] {
        &self.list[self.start[n as usize] as usize..self.start[n as usize + 1] as usize]
    }

    /// Visits every node depth-first, calling `visit(node, Visit::Enter)` on the way down
    /// and `visit(node, Visit::Leave)` on the way up. Returning false from `Enter` skips
    /// the node's subtree and its `Leave`.
    pub fn walk(&self, mut visit: impl FnMut(u32, Visit) -> bool) {
        // Each entry is (node, next child position); an explicit stack, since real
        // stacks can be thousands deep.
        let mut stack: Vec<(u32, u32)> = Vec::new();
        for &root in &self.roots {
            if !visit(root, Visit::Enter) {
                continue;
            }
            stack.push((root, self.start[root as usize]));
            while let Some(top) = stack.last_mut() {
                let (node, pos) = *top;
                if pos < self.start[node as usize + 1] {
                    top.1 += 1;
                    let child = self.list[pos as usize];
                    if visit(child, Visit::Enter) {
                        stack.push((child, self.start[child as usize]));
                    }
                } else {
                    visit(node, Visit::Leave);
                    stack.pop();
                }
            }
        }
    }
}

/// Which way a depth-first walk is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visit {
    Enter,
    Leave,
}

#[cfg(test)]
mod tests {
    use super::Children;

    /// Each node's children in the order of their numbers, the roots apart, and leaves
    /// with none: the tree as its parent links give it.
    #[test]
    fn children_lists_follow_the_parent_links() {
        const R: u32 = u32::MAX;
        //   0 ─ 2 ─ 5        4
        //   ├ 3              └ 6
        //   └ 7              (1 is a root too)
        let parents = [R, R, 0, 0, R, 2, 4, 0];
        let c = Children::from_parents(&parents);
        assert_eq!(c.roots(), [0, 1, 4]);
        assert_eq!(c.of(0), [2, 3, 7]);
        assert_eq!(c.of(2), [5]);
        assert_eq!(c.of(4), [6]);
        for leaf in [1, 3, 5, 6, 7] {
            assert!(c.of(leaf).is_empty(), "node {leaf}");
        }
        let empty = Children::from_parents(&[]);
        assert!(empty.roots().is_empty());
    }
}
