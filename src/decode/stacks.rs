//! Builds the stack prefix tree from the samples' location lists, one depth at a time.
//!
//! Inserting stacks one at a time walks the tree from the root with a hash lookup per
//! frame; once the tree outgrows the cache nearly every step misses, and that dominated
//! decoding (about 3 s for a 166 MB profile). Here the location lists are first transposed
//! into one column per depth (samples in file order), and then each depth is resolved in
//! one sequential sweep against a hash table that holds only that depth's nodes. Every
//! pass reads and writes memory in order.
//!
//! The columns take 4 bytes per location reference. To bound memory, depths are handled
//! in chunks of about `budget` references. The lists come packed root first (see
//! `stack_ids.rs`), and each sample keeps its read position from one chunk to the next:
//! every index is read once.
//!
//! Nodes come out breadth first, so parents still precede children.
//!
//! With two threads (natively, on large profiles), the first depths are built until they
//! have enough nodes to share out; then the stacks are split by their node there, in two
//! halves of about as many references, and each half grows on its own thread with a table
//! of its own, appended after. A node's children all grow on one thread, in the order of
//! their first stacks, so once the tree is numbered in preorder (which orders siblings by
//! when they were made) it is the same tree, node for node, as from one thread.

use super::stack_ids::PackedIds;
use crate::model::{StackId, StackTable};
use rustc_hash::FxHashMap;

/// Returns the stack table and each stack's leaf node, from the packed location lists:
/// stack `i` has `depth[i]` locations packed from byte `at[i]` of `ids`. `threads` is 1
/// or 2 (see the module doc).
pub fn build_stacks(
    ids: &PackedIds,
    at: &[u32],
    depth: &[u32],
    budget: usize,
    threads: usize,
    progress: &mut dyn FnMut(f64),
) -> (StackTable, Vec<StackId>) {
    let mut table = StackTable::default();
    let mut leaf = vec![StackId::EMPTY; depth.len()];
    let mut grower = Grower::new(ids, depth, at);
    let max_depth = grower.max_depth();
    let report = |d: usize, progress: &mut dyn FnMut(f64)| progress(d as f64 / max_depth.max(1) as f64);
    if threads < 2 {
        grower.grow(usize::MAX, budget, &mut table, 0, &mut leaf, &mut |d| report(d, progress));
        return (table, leaf);
    }
    // one depth at a time until a depth has enough nodes to share out
    while grower.depth < max_depth {
        let before = table.len();
        grower.grow(grower.depth + 1, budget, &mut table, 0, &mut leaf, &mut |d| report(d, progress));
        if table.len() - before >= SHARE_FROM {
            break;
        }
    }
    let [a, b] = grower.split();
    let base = table.len() as u32;
    let half = budget / 2;
    let run = |mut g: Grower<'_>| {
        let (mut t, mut l) = (StackTable::default(), Vec::new());
        g.grow(usize::MAX, half, &mut t, base, &mut l, &mut |_| {});
        (t, l)
    };
    let ((ta, la), (tb, lb)) = crate::par::join(|| run(a), || run(b));
    // b's nodes come after a's: its own nodes (from `base` on) move up by a's count
    let shift = ta.len() as u32;
    let moved = |n: u32| if n >= base && n != u32::MAX { n + shift } else { n };
    table.parent.extend(ta.parent);
    table.location.extend(ta.location);
    table.parent.extend(tb.parent.iter().map(|&p| moved(p)));
    table.location.extend(tb.location);
    for (s, n) in la {
        leaf[s as usize] = StackId(n);
    }
    for (s, n) in lb {
        leaf[s as usize] = StackId(moved(n));
    }
    progress(1.0);
    (table, leaf)
}

/// With two threads, the depth from which the stacks are shared out needs this many new
/// nodes, so the halves can be made about even.
const SHARE_FROM: usize = 64;

/// Where a leaf goes: a slot per stack, or (stack, node) pairs for a thread's half.
trait Leaves {
    fn set(&mut self, stack: u32, node: u32);
}

impl Leaves for Vec<StackId> {
    fn set(&mut self, stack: u32, node: u32) {
        self[stack as usize] = StackId(node);
    }
}

impl Leaves for Vec<(u32, u32)> {
    fn set(&mut self, stack: u32, node: u32) {
        self.push((stack, node));
    }
}

/// The stacks still going at the current depth, in order, with their node so far and
/// where their next (deeper) index is.
struct Grower<'a> {
    ids: &'a PackedIds,
    depth_of: &'a [u32],
    active: Vec<u32>,
    node: Vec<u32>,
    next: Vec<u32>,
    /// The depth the active stacks have reached.
    depth: usize,
}

impl<'a> Grower<'a> {
    fn new(ids: &'a PackedIds, depth_of: &'a [u32], at: &[u32]) -> Grower<'a> {
        let (mut active, mut next) = (Vec::new(), Vec::new());
        for (s, (&d, &at)) in depth_of.iter().zip(at).enumerate() {
            if d > 0 {
                active.push(s as u32);
                next.push(at);
            }
        }
        let node = vec![u32::MAX; active.len()];
        Grower { ids, depth_of, active, node, next, depth: 0 }
    }

    fn max_depth(&self) -> usize {
        self.active.iter().map(|&s| self.depth_of[s as usize] as usize).max().unwrap_or(0)
    }

    /// Grows the active stacks to depth `until` (or their ends), making nodes in `table`
    /// numbered from `first_id`; a stack that ends gets its leaf.
    fn grow(
        &mut self,
        until: usize,
        budget: usize,
        table: &mut StackTable,
        first_id: u32,
        leaf: &mut impl Leaves,
        progress: &mut dyn FnMut(usize),
    ) {
        let max_depth = self.max_depth().min(until);
        // deeper[d - from] = how many active stacks have more than d locations
        let from = self.depth;
        let mut deeper = vec![0usize; max_depth.saturating_sub(from) + 1];
        for &s in &self.active {
            let d = (self.depth_of[s as usize] as usize).min(max_depth);
            if d > from {
                deeper[d - 1 - from] += 1;
            }
        }
        for d in (0..deeper.len() - 1).rev() {
            deeper[d] += deeper[d + 1];
        }
        let mut index: FxHashMap<u64, u32> = FxHashMap::default();
        let mut column: Vec<u32> = Vec::new();
        let mut start = from;
        while start < max_depth {
            // Depths start..end, about `budget` references in all (at least one depth).
            let mut end = start;
            let mut refs = 0usize;
            while end < max_depth && (end == start || refs + deeper[end - from] <= budget) {
                refs += deeper[end - from];
                end += 1;
            }
            // Column d starts at base[d - start] and holds deeper[d - from] entries.
            let base: Vec<usize> =
                (start..end).scan(0, |at, d| Some(std::mem::replace(at, *at + deeper[d - from]))).collect();
            column.clear();
            column.resize(refs, 0);
            self.transpose(start, end, &base, &mut column);
            for d in start..end {
                index.clear();
                let col = &column[base[d - start]..base[d - start] + deeper[d - from]];
                let mut kept = 0;
                for (i, &loc) in col.iter().enumerate() {
                    let parent = self.node[i];
                    let key = ((parent as u64) << 32) | loc as u64;
                    let n = *index.entry(key).or_insert_with(|| {
                        table.parent.push(parent);
                        table.location.push(loc);
                        first_id + (table.parent.len() - 1) as u32
                    });
                    let s = self.active[i];
                    if self.depth_of[s as usize] as usize > d + 1 {
                        self.active[kept] = s;
                        self.node[kept] = n;
                        self.next[kept] = self.next[i];
                        kept += 1;
                    } else {
                        leaf.set(s, n);
                    }
                }
                self.active.truncate(kept);
                self.node.truncate(kept);
                self.next.truncate(kept);
                progress(d + 1);
            }
            start = end;
        }
        self.depth = max_depth.max(from);
    }

    /// Splits the active stacks in two, by their current node, with about as many
    /// references left in each; each half keeps the stacks' order.
    fn split(self) -> [Grower<'a>; 2] {
        let mut weight: FxHashMap<u32, usize> = FxHashMap::default();
        for (i, &s) in self.active.iter().enumerate() {
            *weight.entry(self.node[i]).or_default() += self.depth_of[s as usize] as usize - self.depth;
        }
        let mut nodes: Vec<(usize, u32)> = weight.into_iter().map(|(n, w)| (w, n)).collect();
        nodes.sort_unstable_by(|a, b| b.cmp(a));
        let (mut load, mut second) = ([0usize; 2], rustc_hash::FxHashSet::default());
        for (w, n) in nodes {
            let to = usize::from(load[1] < load[0]);
            load[to] += w;
            if to == 1 {
                second.insert(n);
            }
        }
        let mut halves = [self.empty_like(), self.empty_like()];
        for (i, &s) in self.active.iter().enumerate() {
            let h = &mut halves[usize::from(second.contains(&self.node[i]))];
            h.active.push(s);
            h.node.push(self.node[i]);
            h.next.push(self.next[i]);
        }
        halves
    }

    /// Writes the location index at depth `d` of every active stack to column `d - start`
    /// (which starts at `base[d - start]`), for the depths `start..end`, and moves each
    /// stack's read position past what it wrote.
    fn transpose(&mut self, start: usize, end: usize, base: &[usize], column: &mut [u32]) {
        let width = self.ids.width;
        let mut cursor = base.to_vec();
        for (i, &s) in self.active.iter().enumerate() {
            let stop = end.min(self.depth_of[s as usize] as usize);
            let mut at = self.next[i] as usize;
            for slot in &mut cursor[..stop - start] {
                column[*slot] = self.ids.get(at);
                *slot += 1;
                at += width;
            }
            self.next[i] = at as u32;
        }
    }

    fn empty_like(&self) -> Grower<'a> {
        Grower {
            ids: self.ids,
            depth_of: self.depth_of,
            active: Vec::new(),
            node: Vec::new(),
            next: Vec::new(),
            depth: self.depth,
        }
    }
}
