//! Flame graph layout: the call tree for one sample type, in depth-first order with
//! children sorted by name, and each node's horizontal extent in value units.
//!
//! Widths use |value| summed over the subtree, so profiles with negative values (deltas,
//! diffs) still lay out; `value` keeps the signed total for labels.
//!
//! Layout is lazy: a [`FlameTree`] holds the per-node sums and the sorted children once,
//! and [`FlameTree::window`] lays out only the boxes that a view can show (those that
//! overlap its range and are at least a minimum width). A box too narrow skips its whole
//! subtree, since no descendant is wider. A large profile's first frame then costs a few
//! thousand boxes, not millions.

use super::calltree::CallTree;
use super::view::StackView;
use super::walk::Children;
use crate::model::Profile;
use std::sync::Arc;

/// A laid-out flame graph. Node `i`'s box spans `[start[i], start[i] + width[i])` at row
/// `depth[i]`. Nodes are in depth-first order: a subtree is a contiguous range.
#[derive(Debug, Clone, Default)]
pub struct FlameGraph {
    pub key: Vec<u32>,
    /// Parent node in this order, or -1 for an outermost frame.
    pub parent: Vec<i32>,
    pub depth: Vec<u32>,
    pub start: Vec<f64>,
    pub width: Vec<f64>,
    /// Signed total of the subtree (pprof's cum for this path).
    pub value: Vec<i64>,
    /// Signed value of samples ending here (pprof's flat for this path).
    pub self_value: Vec<i64>,
    pub inlined: Vec<bool>,
    /// The call-tree node each box draws: its identity across windows.
    pub node: Vec<u32>,
    /// Sum of |value| over all samples: the full width.
    pub total: f64,
}

/// What part of the flame graph to lay out, in value units: boxes that overlap
/// `[lo, hi)` and are at least `min_width` wide (empty boxes never are).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    pub lo: f64,
    pub hi: f64,
    pub min_width: f64,
}

impl Window {
    /// Every non-empty box.
    pub const ALL: Window = Window { lo: f64::NEG_INFINITY, hi: f64::INFINITY, min_width: 0.0 };

    /// Whether a box of this extent is laid out.
    #[inline]
    pub fn shows(&self, start: f64, width: f64) -> bool {
        width > 0.0 && width >= self.min_width && start + width > self.lo && start < self.hi
    }
}

/// A call tree with its flame sums, ready to lay out any window.
pub struct FlameTree {
    /// Signed value of each call node's subtree.
    value: Vec<i64>,
    /// Each call node's box width (the |value| of its samples), where it is not |value|:
    /// with negative values (a diff, a delta profile) or widths of their own (a diff's
    /// flame graph is as wide as the target). Kept only then: on a large profile each
    /// column of a flame tree is tens of MB.
    width: Option<Vec<u64>>,
    /// Children sorted by name (the call tree's own, shared by its flame graphs).
    children: Arc<Children>,
    pub total: f64,
}

pub fn flame(p: &Profile, view: &StackView, sample_index: usize) -> FlameGraph {
    flame_tree(p, view, sample_index).window(view.call_tree(p), &Window::ALL)
}

/// The flame sums of one sample type, to lay out windows of.
pub fn flame_tree(p: &Profile, view: &StackView, sample_index: usize) -> FlameTree {
    let tree = view.call_tree(p);
    match tree.self_of_non_negative(p, view, sample_index) {
        // widths are values: no second column, even for a moment
        Some(self_value) => FlameTree::summing(tree, view, self_value, None),
        None => {
            let (self_value, self_abs) = tree.self_of(p, view, sample_index);
            FlameTree::summing(tree, view, self_value, Some(self_abs))
        }
    }
}

/// Lays out a whole call tree from per-node self values (signed, for labels) and self
/// widths. A diff lays out by the target's widths and labels by the delta (see `diff_view`).
pub fn layout(tree: &CallTree, view: &StackView, self_value: Vec<i64>, self_width: Vec<u64>) -> FlameGraph {
    FlameTree::new(tree, view, self_value, self_width).window(tree, &Window::ALL)
}

impl FlameTree {
    /// Sums self values into subtree values (parents come before children) and sorts
    /// every children list by name.
    pub fn new(tree: &CallTree, view: &StackView, self_value: Vec<i64>, self_width: Vec<u64>) -> FlameTree {
        let plain = self_value.iter().zip(&self_width).all(|(&v, &w)| v >= 0 && v as u64 == w);
        FlameTree::summing(tree, view, self_value, (!plain).then_some(self_width))
    }

    /// [`FlameTree::new`] with the self widths given only where they are not the values.
    fn summing(
        tree: &CallTree,
        view: &StackView,
        mut self_value: Vec<i64>,
        self_width: Option<Vec<u64>>,
    ) -> FlameTree {
        let width = self_width.map(|mut width| {
            tree.sum_into_parents(&mut width, u64::wrapping_add);
            width
        });
        tree.sum_into_parents(&mut self_value, i64::wrapping_add);
        let mut f = FlameTree { value: self_value, width, children: tree.children_by_name(view), total: 0.0 };
        f.total = f.children.roots().iter().map(|&r| f.width(r) as f64).sum();
        f
    }

    /// A call node's box width: the |value| (or the width given) summed over its subtree.
    pub fn width(&self, node: u32) -> u64 {
        match &self.width {
            Some(width) => width[node as usize],
            None => self.value[node as usize].unsigned_abs(),
        }
    }

    /// A call node's own value: its subtree's, less its children's.
    fn self_value(&self, node: u32) -> i64 {
        let children = self.children.of(node).iter().map(|&c| self.value[c as usize]);
        children.fold(self.value[node as usize], i64::wrapping_sub)
    }

    /// An estimate of the heap bytes held (for the session's cache budget); the children
    /// lists are shared with the call tree and not counted.
    pub fn heap_bytes(&self) -> usize {
        self.value.len() * 8 + self.width.as_ref().map_or(0, |w| w.len() * 8)
    }

    /// Signed subtree value of a call node.
    pub fn value_of(&self, node: u32) -> i64 {
        self.value[node as usize]
    }

    /// Lays out the boxes `w` shows, depth-first with children by name. `tree` is the call
    /// tree this was made from.
    pub fn window(&self, tree: &CallTree, w: &Window) -> FlameGraph {
        let mut g = FlameGraph { total: self.total, ..FlameGraph::default() };
        // (call node, parent in output order, depth, start)
        let mut stack: Vec<(u32, i32, u32, f64)> = Vec::new();
        self.push_shown(&mut stack, self.children.roots(), -1, 0, 0.0, w);
        while let Some((node, parent, depth, x)) = stack.pop() {
            let i = node as usize;
            let me = g.key.len() as i32;
            g.key.push(tree.key[i]);
            g.parent.push(parent);
            g.depth.push(depth);
            g.start.push(x);
            g.width.push(self.width(node) as f64);
            g.value.push(self.value[i]);
            g.self_value.push(self.self_value(node));
            g.inlined.push(tree.inlined[i]);
            g.node.push(node);
            self.push_shown(&mut stack, self.children.of(node), me, depth + 1, x, w);
        }
        g
    }

    /// Pushes the shown nodes of one children list, first child on top. Every sibling's
    /// width is added to `x` in the same order, shown or not, so a box's start is the same
    /// in every window.
    fn push_shown(
        &self,
        stack: &mut Vec<(u32, i32, u32, f64)>,
        list: &[u32],
        parent: i32,
        depth: u32,
        mut x: f64,
        w: &Window,
    ) {
        let first = stack.len();
        for &c in list {
            let width = self.width(c);
            if width == 0 {
                continue;
            }
            if w.shows(x, width as f64) {
                stack.push((c, parent, depth, x));
            }
            x += width as f64;
        }
        stack[first..].reverse();
    }

    /// Where a call node's box starts: the same sums a window makes on the way down.
    pub fn start_of(&self, tree: &CallTree, node: u32) -> f64 {
        let mut path = vec![node];
        while let Some(&n) = path.last() {
            match tree.parent[n as usize] {
                u32::MAX => break,
                p => path.push(p),
            }
        }
        let mut x = 0.0;
        let mut list = self.children.roots();
        for &n in path.iter().rev() {
            for &c in list.iter().take_while(|&&c| c != n) {
                let width = self.width(c);
                if width != 0 {
                    x += width as f64;
                }
            }
            list = self.children.of(n);
        }
        x
    }

    /// The widest box of a frame key: (call node, start, width), or None if it has none.
    pub fn widest(&self, tree: &CallTree, key: u32) -> Option<(u32, f64, f64)> {
        let best = (0..tree.len() as u32)
            .filter(|&i| tree.key[i as usize] == key && self.width(i) != 0)
            .max_by_key(|&i| (self.width(i), std::cmp::Reverse(i)))?;
        Some((best, self.start_of(tree, best), self.width(best) as f64))
    }

    /// The signed value of the boxes whose key `matches` and that have no matching
    /// ancestor (what a search covers, each sample once).
    pub fn matched_value(&self, tree: &CallTree, matches: &[bool]) -> i64 {
        // Parents come before children, so one forward pass knows each ancestor.
        let mut covered = vec![false; tree.len()];
        let mut sum = 0i64;
        for i in 0..tree.len() {
            let parent = tree.parent[i];
            let above = parent != u32::MAX && covered[parent as usize];
            let hit = matches[tree.key[i] as usize] && self.width(i as u32) != 0;
            if hit && !above {
                sum = sum.wrapping_add(self.value[i]);
            }
            covered[i] = above || hit;
        }
        sum
    }
}
