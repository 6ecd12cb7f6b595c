//! The two sides of a diff, valued apart on the merged stack tree: the diff table (base,
//! target and delta per function) and the differential flame graph.
//!
//! The flame graph is laid out by the target's values (what the program looks like now)
//! and coloured by the delta, after Brendan Gregg's differential flame graphs. Stacks the
//! target no longer has would have no width, so they are listed apart ([`Vanished`]).
//! With `normalize`, the target side is scaled by the normalizing ratio sample by sample.

use super::calltree::CallTree;
use super::diff::Sides;
use super::diff_delta::{apart_total, delta_values, without_netting};
use super::flame::{FlameGraph, FlameTree, Window};
use super::top::{top_many, InlineMark, Top};
use super::trend::{ratio, retention_pair};
use super::values::{flat_by_key, NodeValues};
use super::view::StackView;
use crate::model::{Profile, StackId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Target,
    Base,
}

/// One side's values (`source` is that side's own profile) summed over the merged tree
/// (`merged`, seen through `view`).
pub fn side_values(
    merged: &Profile,
    d: &Sides,
    side: Side,
    source: &Profile,
    view: &StackView,
    sample_index: usize,
) -> NodeValues {
    let (map, scale) = match side {
        Side::Target => (&d.target_stacks, d.target_scale.get(sample_index).copied().unwrap_or(1.0)),
        Side::Base => (&d.base_stacks, 1.0),
    };
    let column = &source.samples.values[sample_index];
    let samples = source.samples.stack.iter().zip(column).map(|(s, &v)| {
        let merged = s.index().map_or(StackId::EMPTY, |i| StackId(map[i]));
        let v = if scale == 1.0 { v } else { (v as f64 * scale).round() as i64 };
        (merged, v)
    });
    NodeValues::from_samples(merged, view, samples)
}

/// The row of `key`, made empty on first use.
fn entry(rows: &mut [Option<DiffRow>], key: u32) -> &mut DiffRow {
    rows[key as usize].get_or_insert(DiffRow {
        key,
        base_flat: 0,
        base_cum: 0,
        target_flat: 0,
        target_cum: 0,
        flat: 0,
        cum: 0,
        inline: InlineMark::None,
    })
}

/// Everything the two-sided views read: the merged profile, the stack maps, and each
/// side's own profile.
pub struct DiffInputs<'a> {
    pub merged: &'a Profile,
    pub sides: &'a Sides,
    pub target: &'a Profile,
    pub base: &'a Profile,
}

impl DiffInputs<'_> {
    fn values(&self, side: Side, view: &StackView, sample_index: usize) -> NodeValues {
        let source = if side == Side::Target { self.target } else { self.base };
        side_values(self.merged, self.sides, side, source, view, sample_index)
    }

    /// The delta (the merged profile's values): the merged profile's own sums when it has
    /// its samples, else made from the two sides' samples (see [`delta_values`]).
    /// The two sides are valued only when the delta is made from them without netting.
    pub fn delta(&self, view: &StackView, sample_index: usize) -> NodeValues {
        match self.total_apart(sample_index) {
            Some(total) => {
                let (target, base) = crate::par::join(
                    || self.values(Side::Target, view, sample_index),
                    || self.values(Side::Base, view, sample_index),
                );
                SideValues { target, base }.delta(self.merged, total)
            }
            None => self.delta_alone(view, sample_index),
        }
    }

    /// pprof's total when the delta follows from the two sides' values (no merged
    /// samples, and nothing nets: see [`apart_total`]); `None` when it is made alone.
    fn total_apart(&self, sample_index: usize) -> Option<i64> {
        if self.sides.merged_samples {
            return None;
        }
        apart_total(self.sides, (self.target, self.base), sample_index)
    }

    /// The delta where it does not follow from the two sides' values: the merged
    /// profile's own sums, or the netting.
    fn delta_alone(&self, view: &StackView, sample_index: usize) -> NodeValues {
        if self.sides.merged_samples {
            NodeValues::compute(self.merged, view, sample_index)
        } else {
            delta_values(self.merged, view, self.sides, (self.target, self.base), sample_index)
        }
    }
}

/// One function of the diff table. `flat`/`cum` are the delta, exactly pprof's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffRow {
    pub key: u32,
    pub base_flat: i64,
    pub base_cum: i64,
    pub target_flat: i64,
    pub target_cum: i64,
    pub flat: i64,
    pub cum: i64,
    pub inline: InlineMark,
}

pub struct DiffTable {
    pub rows: Vec<DiffRow>,
    /// Per row, the target's retention (inuse/alloc flat) for a heap profile; NaN where
    /// the target allocated nothing at the site.
    pub retention: Option<Vec<f64>>,
    /// The percent base of the diff mode (pprof's total).
    pub total: i64,
    pub base_total: i64,
    pub target_total: i64,
}

/// Every function present on either side, with base, target and delta, in pprof's order
/// of the delta (|flat| descending, then name); unchanged functions come last.
pub fn diff_table(sides: &DiffInputs, view: &StackView, sample_index: usize) -> DiffTable {
    let values = SideValues::new(sides, view, sample_index);
    let delta = match sides.total_apart(sample_index) {
        Some(total) => values.delta(sides.merged, total),
        None => sides.delta_alone(view, sample_index),
    };
    table_of(sides, view, sample_index, &values, &delta)
}

/// The diff table and the differential flame graph's tree, which the page always asks for
/// together, from one valuation of the two sides (each a pass over that side's samples).
///
/// A pair of up to `LEAN_ABOVE` merged stack nodes makes its parts two at a time; a
/// larger one holds fewer columns at a time, for memory: see [`Parts`].
pub fn diff_table_and_flame(
    sides: &DiffInputs,
    view: &StackView,
    sample_index: usize,
) -> (DiffTable, DiffFlameTree) {
    let parts = if sides.merged.stacks.len() > LEAN_ABOVE { Parts::Lean } else { Parts::Beside };
    diff_table_and_flame_in(sides, view, sample_index, parts)
}

/// How [`diff_table_and_flame_in`] makes its parts (the same results either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parts {
    /// Two at a time where there are two threads, each part's columns beside the other's.
    Beside,
    /// Fewer at a time, each column dropped once no part after it reads it (see `lean`).
    Lean,
}

/// [`diff_table_and_flame`], its parts made as `parts` says.
pub fn diff_table_and_flame_in(
    sides: &DiffInputs,
    view: &StackView,
    sample_index: usize,
    parts: Parts,
) -> (DiffTable, DiffFlameTree) {
    match parts {
        Parts::Beside => beside(sides, view, sample_index),
        Parts::Lean => lean(sides, view, sample_index),
    }
}

/// [`diff_table_and_flame`] with its parts two at a time: where there are two threads
/// (`par::join`), the delta's netting (when it nets) beside the two sides' values and the
/// call tree (else the values beside the call tree), then the table beside the flame tree.
fn beside(sides: &DiffInputs, view: &StackView, sample_index: usize) -> (DiffTable, DiffFlameTree) {
    let values = || SideValues::new(sides, view, sample_index);
    let (values, delta) = match sides.total_apart(sample_index) {
        Some(total) => {
            let (values, ()) = crate::par::join(values, || call_tree(sides, view));
            let delta = values.delta(sides.merged, total);
            (values, delta)
        }
        None => {
            let (delta, (values, ())) = crate::par::join(
                || sides.delta_alone(view, sample_index),
                || (values(), call_tree(sides, view)),
            );
            (values, delta)
        }
    };
    crate::par::join(
        || table_of(sides, view, sample_index, &values, &delta),
        || flame_tree_of(sides, view, &values),
    )
}

/// The merged tree's size (stack nodes) above which [`diff_table_and_flame`] makes its
/// parts the lean way ([`Parts::Lean`]). L's pair (3 million) reached 2.1× its raw size in
/// the page the other way; M's (1.1 million) peaks at its load either way.
const LEAN_ABOVE: usize = 2 << 20;

/// [`diff_table_and_flame`] for a large pair: the netting (when it nets) beside the two
/// sides' values, then the table beside the call tree, then the flame tree, each column
/// dropped once no part after it reads it (the delta after the table, the sides' values
/// once the call nodes have their self values). On L's pair the peak is about 70 MB lower.
fn lean(sides: &DiffInputs, view: &StackView, sample_index: usize) -> (DiffTable, DiffFlameTree) {
    let (netted, values) = crate::par::join(
        || match sides.total_apart(sample_index) {
            Some(total) => Err(total),
            None => Ok(sides.delta_alone(view, sample_index)),
        },
        || SideValues::new(sides, view, sample_index),
    );
    let delta = netted.unwrap_or_else(|total| values.delta(sides.merged, total));
    let (table, ()) =
        crate::par::join(|| table_of(sides, view, sample_index, &values, &delta), || call_tree(sides, view));
    drop(delta);
    (table, flame_tree_dropping(sides, view, values, false))
}

/// Builds the merged view's call tree, which the flame tree reads (on the other thread,
/// while the first does other work). Its children sorted by name are left to the flame
/// tree: made beside the netting, they raised L's peak by about 35 MB for no time on M.
fn call_tree(sides: &DiffInputs, view: &StackView) {
    view.call_tree(sides.merged);
}

/// Both sides' values on the merged tree at one sample type.
struct SideValues {
    target: NodeValues,
    base: NodeValues,
}

impl SideValues {
    fn new(sides: &DiffInputs, view: &StackView, sample_index: usize) -> SideValues {
        SideValues {
            target: sides.values(Side::Target, view, sample_index),
            base: sides.values(Side::Base, view, sample_index),
        }
    }

    /// The delta when it follows from these values (see [`DiffInputs::total_apart`]).
    fn delta(&self, merged: &Profile, total: i64) -> NodeValues {
        without_netting(merged, &self.target, &self.base, total)
    }
}

fn table_of(
    sides: &DiffInputs,
    view: &StackView,
    sample_index: usize,
    values: &SideValues,
    dv: &NodeValues,
) -> DiffTable {
    let merged = sides.merged;
    let (tv, bv) = (&values.target, &values.base);
    let [delta, t, b]: [Top; 3] =
        top_many(merged, view, &[dv, tv, bv], sample_index).try_into().expect("three columns");
    let n = view.keys.names.len();
    let mut rows: Vec<Option<DiffRow>> = vec![None; n];
    for r in &delta.rows {
        let x = entry(&mut rows, r.key);
        (x.flat, x.cum, x.inline) = (r.flat, r.cum, r.inline);
    }
    for (side, table) in [(Side::Target, &t), (Side::Base, &b)] {
        for r in &table.rows {
            let x = entry(&mut rows, r.key);
            match side {
                Side::Target => (x.target_flat, x.target_cum) = (r.flat, r.cum),
                Side::Base => (x.base_flat, x.base_cum) = (r.flat, r.cum),
            }
            if x.inline == InlineMark::None {
                x.inline = r.inline;
            }
        }
    }
    let mut rows: Vec<DiffRow> = rows.into_iter().flatten().collect();
    rows.sort_by(|a, b| {
        let changed = |r: &DiffRow| r.flat != 0 || r.cum != 0;
        changed(b)
            .cmp(&changed(a))
            .then(b.flat.unsigned_abs().cmp(&a.flat.unsigned_abs()))
            .then_with(|| view.name(a.key).cmp(view.name(b.key)))
            .then(b.cum.unsigned_abs().cmp(&a.cum.unsigned_abs()))
    });
    let ty = merged.str(merged.sample_types[sample_index].ty);
    let retention = retention_pair(merged, ty).map(|(inuse, alloc)| {
        // the target's values at the table's own type are made already
        let flat = |index| {
            if index == sample_index {
                flat_by_key(merged, view, tv)
            } else {
                flat_by_key(merged, view, &sides.values(Side::Target, view, index))
            }
        };
        let per_key = ratio(&flat(inuse), &flat(alloc));
        rows.iter().map(|r| per_key[r.key as usize]).collect()
    });
    DiffTable { rows, retention, total: delta.total, base_total: bv.abs_total, target_total: tv.abs_total }
}

/// A subtree the target no longer has: its call node (the first one of its path that the
/// target does not have) and the base's value. Its path is made only for what is shown:
/// on M's pair there are about 20,000, and walking every path up took as long as the rest
/// of the flame tree's vanished list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vanished {
    pub node: u32,
    pub base: i64,
}

impl Vanished {
    /// Frame keys from the root down to this subtree; `tree` is the call tree of the
    /// flame tree that listed it.
    pub fn path(&self, tree: &CallTree) -> Vec<u32> {
        let mut node = self.node as usize;
        let mut path = vec![tree.key[node]];
        while tree.parent[node] != u32::MAX {
            node = tree.parent[node] as usize;
            path.push(tree.key[node]);
        }
        path.reverse();
        path
    }
}

/// A differential flame graph: boxes as wide as the target, labelled with the delta.
pub struct DiffFlame {
    /// `value`/`self_value` are target − base; widths are the target's |value|.
    pub graph: FlameGraph,
    /// For each box, the base's and the target's value of its subtree.
    pub base: Vec<i64>,
    pub target: Vec<i64>,
    /// Vanished subtrees, largest first.
    pub vanished: Vec<Vanished>,
}

/// A differential flame graph before layout: windows of it are cut as the view zooms.
///
/// Each call node's two sides follow from the tree's columns: the delta is the tree's
/// value, the target is its width (the target's |value| summed), and the base is the
/// target less the delta. Only a target with negative values (itself a delta) keeps a
/// column of its own. On L's pair each column is tens of MB, and keeping both sides as
/// columns raised the pair's peak past 2× its raw size.
pub struct DiffFlameTree {
    /// Widths of the target, values of the delta.
    pub tree: FlameTree,
    /// The target's subtree values, where they are not the widths.
    target: Option<Vec<i64>>,
    /// Vanished subtrees, largest first.
    pub vanished: Vec<Vanished>,
}

impl DiffFlameTree {
    /// The target's value of a call node's subtree.
    pub fn target(&self, node: u32) -> i64 {
        match &self.target {
            Some(t) => t[node as usize],
            None => self.tree.width(node) as i64,
        }
    }

    /// The base's value of a call node's subtree.
    pub fn base(&self, node: u32) -> i64 {
        self.target(node).wrapping_sub(self.tree.value_of(node))
    }

    /// Lays out one window, with each box's two sides.
    pub fn window(&self, tree: &CallTree, w: &Window) -> DiffFlame {
        let graph = self.tree.window(tree, w);
        DiffFlame {
            base: graph.node.iter().map(|&c| self.base(c)).collect(),
            target: graph.node.iter().map(|&c| self.target(c)).collect(),
            graph,
            vanished: Vec::new(),
        }
    }

    /// An estimate of the heap bytes held beside the flame tree's own.
    pub fn sides_heap_bytes(&self) -> usize {
        self.target.as_ref().map_or(0, |t| t.len() * 8)
    }
}

/// The whole differential flame graph, with the vanished subtrees.
pub fn diff_flame(sides: &DiffInputs, view: &StackView, sample_index: usize) -> DiffFlame {
    let mut t = diff_flame_tree(sides, view, sample_index);
    let mut f = t.window(view.call_tree(sides.merged), &Window::ALL);
    f.vanished = std::mem::take(&mut t.vanished);
    f
}

/// The differential flame graph's tree alone (a trend's first→last diff): the two sides'
/// values are made beside the call tree, then the call nodes' self values beside the
/// flame tree's order, where there are two threads; the sides' values are dropped once
/// the call nodes have theirs.
pub fn diff_flame_tree(sides: &DiffInputs, view: &StackView, sample_index: usize) -> DiffFlameTree {
    let (values, ()) =
        crate::par::join(|| SideValues::new(sides, view, sample_index), || call_tree(sides, view));
    flame_tree_dropping(sides, view, values, true)
}

/// The flame tree from the two sides' values, which are dropped once the call nodes have
/// theirs. With `order_beside`, the flame tree's order (children by name) is made beside
/// the call nodes' self values, where there are two threads; a large pair (`lean`) leaves
/// it to the flame tree, so that it is not held beside the sides' values at the peak.
fn flame_tree_dropping(
    sides: &DiffInputs,
    view: &StackView,
    values: SideValues,
    order_beside: bool,
) -> DiffFlameTree {
    let tree = view.call_tree(sides.merged);
    let columns = if order_beside {
        crate::par::join(|| self_columns(tree, &values), || tree.children_by_name(view)).0
    } else {
        self_columns(tree, &values)
    };
    drop(values);
    flame_tree_from(tree, view, columns)
}

fn flame_tree_of(sides: &DiffInputs, view: &StackView, values: &SideValues) -> DiffFlameTree {
    let tree = view.call_tree(sides.merged);
    flame_tree_from(tree, view, self_columns(tree, values))
}

/// Both sides' self values per call node, in one pass over the stack nodes: the target's,
/// and the delta's (made in place in the base's column).
fn self_columns(tree: &CallTree, values: &SideValues) -> (Vec<i64>, Vec<i64>) {
    let n = tree.len();
    let (mut t_self, mut delta) = (vec![0i64; n], vec![0i64; n]);
    for (s, (&t, &b)) in values.target.self_value.iter().zip(&values.base.self_value).enumerate() {
        if t != 0 || b != 0 {
            let c = tree.of_stack[s] as usize;
            t_self[c] = t_self[c].wrapping_add(t);
            delta[c] = delta[c].wrapping_add(b);
        }
    }
    for (d, &t) in delta.iter_mut().zip(&t_self) {
        *d = t.wrapping_sub(*d);
    }
    (t_self, delta)
}

/// The flame tree from the call nodes' self values ([`self_columns`]): two columns of the
/// call tree's length at a time, three for a target with negative values.
fn flame_tree_from(
    tree: &CallTree,
    view: &StackView,
    (t_self, delta): (Vec<i64>, Vec<i64>),
) -> DiffFlameTree {
    // The widths are the target's |values|: where none is negative, the target's column
    // becomes them in place (its allocation reused); else it is kept beside them.
    let (width, target): (Vec<u64>, _) = match t_self.iter().any(|&t| t < 0) {
        true => (t_self.iter().map(|t| t.unsigned_abs()).collect(), Some(tree.subtree_sum(t_self))),
        false => (t_self.into_iter().map(|t| t as u64).collect(), None),
    };
    let mut flame =
        DiffFlameTree { tree: FlameTree::new(tree, view, delta, width), target, vanished: Vec::new() };
    flame.vanished = vanished(tree, &flame);
    flame
}

/// The subtrees the target no longer has under a box it has (or at the roots), where the
/// base had something: largest base first, equal ones in call-node order (depth first,
/// as the merged tree first met them). Ties are many (heap values come in steps): ordering
/// them by path instead made every tied path, about 10 ms on M's pair natively.
fn vanished(tree: &CallTree, flame: &DiffFlameTree) -> Vec<Vanished> {
    let gone = |i: u32| flame.tree.width(i) == 0;
    let mut vanished: Vec<Vanished> = (0..tree.len() as u32)
        .filter(|&i| {
            let parent = tree.parent[i as usize];
            gone(i) && flame.base(i) != 0 && (parent == u32::MAX || !gone(parent))
        })
        .map(|node| Vanished { node, base: flame.base(node) })
        .collect();
    vanished.sort_unstable_by_key(|v| (std::cmp::Reverse(v.base.unsigned_abs()), v.node));
    vanished
}
