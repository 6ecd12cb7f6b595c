//! Flame graphs cut to what the page can show (see `query::flame`): the first request
//! for a flame graph makes its flame tree and keeps it (in the session's cache), and each
//! zoom or pan then asks for a window of it, so only boxes at least a pixel or so wide ever
//! cross to JS.

use super::cache::{Entry, Key};
use super::{fail, unit, Column, Names, Result, Session};
use crate::query::diff_view::{diff_flame_tree, DiffFlameTree};
use crate::query::flame::{flame_tree, FlameGraph, FlameTree, Window};
use crate::query::goroutines::states_of;
use crate::query::{Granularity, StackView};
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use ts_rs::TS;

/// Which flame graph: a profile's own, a diff's (target widths, delta labels, both sides
/// per box), or a goroutine dump's split first by state.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug, TS)]
#[serde(rename_all = "lowercase")]
pub enum FlameKind {
    Plain,
    Diff,
    Goroutine,
}

/// What to lay out, in value units: boxes overlapping `[lo, hi)` (`hi` = Infinity: the
/// total) and at least `min_fraction` × (hi − lo) wide. Narrower subtrees are skipped.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Debug, TS)]
#[serde(rename_all = "camelCase")]
pub struct FlameWindow {
    pub lo: f64,
    pub hi: f64,
    pub min_fraction: f64,
}

impl FlameWindow {
    /// Every box.
    pub const ALL: FlameWindow = FlameWindow { lo: 0.0, hi: f64::INFINITY, min_fraction: 0.0 };
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FlameKey {
    pub kind: FlameKind,
    pub id: u32,
    pub index: usize,
    pub granularity: Granularity,
}

/// A flame layout as columns: nodes in depth-first order, parents first.
#[derive(Serialize, Debug, Clone, TS)]
pub struct FlameLayout {
    pub unit: String,
    pub total: f64,
    /// The names (and files) of the functions this layout shows; `key` indexes them.
    pub names: Names,
    pub files: Names,
    pub key: Column<u32>,
    pub parent: Column<i32>,
    pub depth: Column<u32>,
    /// x offset in value units (from 0)
    pub start: Column<f64>,
    /// box width in value units (|value|-based, so diffs lay out)
    pub width: Column<f64>,
    /// signed total of the node
    pub value: Column<i64>,
    #[serde(rename = "self")]
    pub self_value: Column<i64>,
    pub inline: Column<u8>,
    /// each box's call-tree node: its identity across windows
    pub node: Column<u32>,
}

/// A window of a flame graph.
#[derive(Serialize, Debug, Clone, TS)]
#[serde(rename_all = "camelCase")]
pub struct FlameResult {
    #[serde(flatten)]
    pub layout: FlameLayout,
    /// The window laid out (value units): boxes overlapping [lo, hi) at least minWidth wide.
    pub lo: f64,
    pub hi: f64,
    pub min_width: f64,
}

/// A window of a diff's flame graph: widths of the target, `value`/`self` = target − base.
#[derive(Serialize, Debug, Clone, TS)]
pub struct DiffFlameResult {
    #[serde(flatten)]
    pub window: FlameResult,
    #[serde(flatten)]
    pub sides: DiffSides,
}

/// A window of a goroutine dump's flame graph, split first by state.
#[derive(Serialize, Debug, Clone, TS)]
pub struct GoroutineFlameResult {
    #[serde(flatten)]
    pub window: FlameResult,
    #[serde(flatten)]
    pub states: States,
}

/// A window of any kind of flame graph.
#[derive(Serialize, Debug, Clone, TS)]
#[serde(untagged)]
pub enum AnyFlameResult {
    Plain(FlameResult),
    Diff(DiffFlameResult),
    Goroutine(GoroutineFlameResult),
}

/// A diff's flame window: each box's base and target values, and the vanished subtrees.
#[derive(Serialize, Debug, Clone, TS)]
#[serde(rename_all = "camelCase")]
pub struct DiffSides {
    pub base: Column<i64>,
    pub target: Column<i64>,
    /// Subtrees the target no longer has (largest first, at most 200), as "a ▸ b ▸ c".
    pub vanished_paths: Names,
    pub vanished_base: Column<i64>,
    pub vanished_count: usize,
}

/// A goroutine flame window: `state_of[box]` indexes `states`.
#[derive(Serialize, Debug, Clone, TS)]
#[serde(rename_all = "camelCase")]
pub struct States {
    pub states: Names,
    pub state_of: Column<u16>,
}

/// One box of a flame graph, by its node id and extent in value units.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, TS)]
pub struct FlameBox {
    pub node: u32,
    pub start: f64,
    pub width: f64,
}

enum Sums {
    Plain(FlameTree),
    Diff(DiffFlameTree),
}

impl Sums {
    fn tree(&self) -> &FlameTree {
        match self {
            Sums::Plain(t) => t,
            Sums::Diff(d) => &d.tree,
        }
    }
}

/// A flame tree kept in the cache.
pub struct KeptFlame {
    key: FlameKey,
    /// Owns the call tree (a goroutine flame graph's view outlives its by-state profile).
    view: Rc<StackView>,
    sums: Sums,
    unit: String,
}

impl KeptFlame {
    fn call_tree(&self) -> &crate::query::calltree::CallTree {
        self.view.built_call_tree().expect("a kept flame tree's call tree was built with it")
    }

    /// An estimate of its bytes: the flame sums, a diff's target column where it keeps one,
    /// and the call tree of a goroutine flame graph's own view (other views belong to their
    /// profile).
    pub(super) fn heap_bytes(&self) -> usize {
        let sides = match &self.sums {
            Sums::Diff(d) => d.sides_heap_bytes(),
            Sums::Plain(_) => 0,
        };
        let own_view = if self.key.kind == FlameKind::Goroutine { self.call_tree().len() * 24 } else { 0 };
        self.sums.tree().heap_bytes() + sides + own_view
    }
}

/// The layout of `g` (boxes named through `view`) as columns.
pub(super) fn layout(unit: &str, total: f64, view: &StackView, g: &FlameGraph) -> FlameLayout {
    let (keys, local) = local_keys(&g.key, view.keys.names.len());
    FlameLayout {
        unit: unit.to_string(),
        total,
        names: keys.iter().map(|&k| &view.keys.names[k as usize]).collect(),
        files: keys.iter().map(|&k| &view.keys.places[k as usize]).collect(),
        key: Column(local),
        parent: Column(g.parent.clone()),
        depth: Column(g.depth.clone()),
        start: Column(g.start.clone()),
        width: Column(g.width.clone()),
        value: Column(g.value.clone()),
        self_value: Column(g.self_value.clone()),
        inline: g.inlined.iter().map(|&b| b as u8).collect(),
        node: Column(g.node.clone()),
    }
}

/// The frame keys a flame window uses, in order of first use, and each box's key as an
/// index into them. A window names a few thousand functions at most, while the view may
/// have tens of thousands: naming every one cost more than the layout.
fn local_keys(key: &[u32], nkeys: usize) -> (Vec<u32>, Vec<u32>) {
    let mut index = vec![u32::MAX; nkeys];
    let mut keys = Vec::new();
    let local = key
        .iter()
        .map(|&k| {
            let slot = &mut index[k as usize];
            if *slot == u32::MAX {
                *slot = keys.len() as u32;
                keys.push(k);
            }
            *slot
        })
        .collect();
    (keys, local)
}

impl Session {
    /// The boxes of a flame graph that overlap the window and are wide enough.
    pub fn flame_window(&mut self, key: FlameKey, w: FlameWindow) -> Result<AnyFlameResult> {
        let (window, sides, states) = self.window_parts(key, w)?;
        Ok(match (sides, states) {
            (Some(sides), _) => AnyFlameResult::Diff(DiffFlameResult { window, sides }),
            (_, Some(states)) => AnyFlameResult::Goroutine(GoroutineFlameResult { window, states }),
            _ => AnyFlameResult::Plain(window),
        })
    }

    /// A window of a profile's own flame graph.
    pub fn flame(
        &mut self,
        id: u32,
        sample_index: usize,
        g: Granularity,
        w: FlameWindow,
    ) -> Result<FlameResult> {
        let key = FlameKey { kind: FlameKind::Plain, id, index: sample_index, granularity: g };
        Ok(self.window_parts(key, w)?.0)
    }

    /// A window of a diff's flame graph.
    pub fn diff_flame(
        &mut self,
        id: u32,
        sample_index: usize,
        g: Granularity,
        w: FlameWindow,
    ) -> Result<DiffFlameResult> {
        let key = FlameKey { kind: FlameKind::Diff, id, index: sample_index, granularity: g };
        let (window, sides, _) = self.window_parts(key, w)?;
        Ok(DiffFlameResult { window, sides: sides.expect("a diff's flame tree has two sides") })
    }

    /// A window of a goroutine dump's flame graph, split first by state.
    pub fn goroutine_flame(&mut self, id: u32, w: FlameWindow) -> Result<GoroutineFlameResult> {
        let key = FlameKey { kind: FlameKind::Goroutine, id, index: 0, granularity: Granularity::Functions };
        let (window, _, states) = self.window_parts(key, w)?;
        Ok(GoroutineFlameResult { window, states: states.expect("a goroutine flame graph has states") })
    }

    fn window_parts(
        &mut self,
        key: FlameKey,
        w: FlameWindow,
    ) -> Result<(FlameResult, Option<DiffSides>, Option<States>)> {
        let k = self.kept_flame(key)?;
        let total = k.sums.tree().total;
        let lo = if w.lo.is_finite() { w.lo } else { 0.0 };
        let hi = if w.hi.is_finite() { w.hi } else { total };
        let w = Window { lo, hi, min_width: (hi - lo).max(0.0) * w.min_fraction.max(0.0) };
        let tree = k.call_tree();
        let (g, diff) = match &k.sums {
            Sums::Plain(t) => (t.window(tree, &w), None),
            Sums::Diff(d) => {
                const SHOWN: usize = 200;
                let f = d.window(tree, &w);
                let vanished = &d.vanished[..d.vanished.len().min(SHOWN)];
                let path = |v: &crate::query::diff_view::Vanished| {
                    v.path(tree).iter().map(|&p| k.view.name(p)).collect::<Vec<_>>().join(" ▸ ")
                };
                let sides = DiffSides {
                    base: Column(f.base),
                    target: Column(f.target),
                    vanished_paths: vanished.iter().map(path).collect(),
                    vanished_base: vanished.iter().map(|v| v.base).collect(),
                    vanished_count: d.vanished.len(),
                };
                (f.graph, Some(sides))
            }
        };
        let states = (k.key.kind == FlameKind::Goroutine).then(|| {
            let (states, state_of) = states_of(&g, |key| k.view.name(key));
            States { states: states.iter().collect(), state_of: Column(state_of) }
        });
        let layout = layout(&k.unit, g.total, &k.view, &g);
        Ok((FlameResult { layout, lo: w.lo, hi: w.hi, min_width: w.min_width }, diff, states))
    }

    /// The widest box of the function `name` in a flame graph, if it has one.
    pub fn flame_find(&mut self, key: FlameKey, name: &str) -> Result<Option<FlameBox>> {
        let k = self.kept_flame(key)?;
        let Some(key) = k.view.keys.names.iter().position(|n| n == name) else { return Ok(None) };
        let found = k.sums.tree().widest(k.call_tree(), key as u32);
        Ok(found.map(|(node, start, width)| FlameBox { node, start, width }))
    }

    /// The signed value a search covers: boxes whose name contains `needle` (any case)
    /// and that are not below another such box.
    pub fn flame_match(&mut self, key: FlameKey, needle: &str) -> Result<i64> {
        let k = self.kept_flame(key)?;
        let needle = needle.to_lowercase();
        let matches: Vec<bool> =
            k.view.keys.names.iter().map(|n| n.to_lowercase().contains(&needle)).collect();
        Ok(k.sums.tree().matched_value(k.call_tree(), &matches))
    }

    /// Whether a flame tree is kept for `key` (a diff's is made with its table).
    pub(super) fn has_flame(&mut self, key: FlameKey) -> bool {
        self.cache.get(&Key::Flame(key)).is_some()
    }

    /// Keeps a diff's flame tree that was made with its table (see `diff_table_and_flame`).
    pub(super) fn keep_diff_flame(
        &mut self,
        key: FlameKey,
        unit: String,
        view: Rc<StackView>,
        tree: DiffFlameTree,
    ) {
        let kept = KeptFlame { key, unit, view, sums: Sums::Diff(tree) };
        self.cache.put(Key::Flame(key), Entry::Flame(Rc::new(kept)));
    }

    /// The kept flame tree for this request, made (and kept) if it is not yet.
    fn kept_flame(&mut self, key: FlameKey) -> Result<Rc<KeptFlame>> {
        if let Some(Entry::Flame(k)) = self.cache.get(&Key::Flame(key)) {
            return Ok(k);
        }
        let made = Rc::new(self.make_flame(key)?);
        self.cache.put(Key::Flame(key), Entry::Flame(made.clone()));
        Ok(made)
    }

    fn make_flame(&mut self, key: FlameKey) -> Result<KeptFlame> {
        match key.kind {
            FlameKind::Plain => {
                let (view, p, index) = self.query(key.id, key.index, key.granularity)?;
                let sums = Sums::Plain(flame_tree(p, &view, index));
                Ok(KeptFlame { key, unit: unit(p, index), view, sums })
            }
            FlameKind::Diff => {
                let (view, index) = self.diff_view(key.id, key.index, key.granularity)?;
                let inputs = self.inputs(key.id)?;
                let sums = Sums::Diff(diff_flame_tree(&inputs, &view, index));
                Ok(KeptFlame { key, unit: unit(inputs.merged, index), view, sums })
            }
            FlameKind::Goroutine => {
                let Some(p) = self.by_state_profile(key.id) else {
                    return fail(format!("profile {} is not a goroutine dump", key.id));
                };
                let view = Rc::new(StackView::new(&p, Granularity::Functions));
                // The view owns the call tree that windows read; `p` can go.
                let sums = Sums::Plain(flame_tree(&p, &view, 0));
                Ok(KeptFlame { key, unit: unit(&p, 0), view, sums })
            }
        }
    }
}
