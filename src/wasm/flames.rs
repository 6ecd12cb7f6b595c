//! Flame graphs cut to what the page can show (see `query::flame`): the first request
//! for a flame graph makes its flame tree and keeps it, and each zoom or pan then asks
//! for a window of it, so only boxes at least a pixel or so wide ever cross to JS.

use super::{f64_array, flame_object, set, Session};
use crate::model::Profile;
use crate::query::diff_view::{diff_flame_tree, DiffFlameTree};
use crate::query::flame::{flame_tree, FlameTree, Window};
use crate::query::{Granularity, StackView};
use js_sys::{Object, Uint16Array};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// How many flame trees are kept: the Top view's and one more (a diff's or a dump's).
const KEPT: usize = 2;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// A profile's own flame graph.
    Plain,
    /// A diff made by `diff`: target widths, delta labels, both sides per box.
    Diff,
    /// A goroutine dump split first by state (`stateOf` per box).
    Goroutine,
}

impl Kind {
    fn parse(s: &str) -> Result<Kind, JsError> {
        match s {
            "plain" => Ok(Kind::Plain),
            "diff" => Ok(Kind::Diff),
            "goroutine" => Ok(Kind::Goroutine),
            _ => Err(JsError::new(&format!("unknown flame graph kind {s:?}"))),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Key {
    kind: Kind,
    id: u32,
    index: usize,
    granularity: Granularity,
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

struct Kept {
    key: Key,
    /// Owns the call tree (a goroutine flame graph's view outlives its by-state profile).
    view: Rc<StackView>,
    sums: Sums,
    unit: String,
}

impl Kept {
    fn call_tree(&self) -> &crate::query::calltree::CallTree {
        self.view.built_call_tree().expect("a kept flame tree's call tree was built with it")
    }
}

/// The kept flame trees, newest last.
#[derive(Default)]
pub(super) struct FlameCache {
    kept: Vec<Kept>,
}

impl FlameCache {
    /// Drops what was kept for a profile that is closed.
    pub(super) fn forget(&mut self, id: u32) {
        self.kept.retain(|k| k.key.id != id);
    }
}

#[wasm_bindgen]
impl Session {
    /// The boxes of a flame graph (`kind` "plain", "diff" or "goroutine") that overlap
    /// `[lo, hi)` in value units and are at least `min_fraction` of `hi - lo` wide (a
    /// pixel's share of the view); `hi` = Infinity means the total. Columns as in
    /// `FlameResult` (protocol.ts), plus `node` (each box's stable id) and the window.
    #[wasm_bindgen(js_name = flameWindow)]
    #[allow(clippy::too_many_arguments)]
    pub fn flame_window(
        &mut self,
        kind: &str,
        id: u32,
        sample_index: u32,
        granularity: &str,
        lo: f64,
        hi: f64,
        min_fraction: f64,
    ) -> Result<JsValue, JsError> {
        let k = self.kept_flame(kind, id, sample_index, granularity)?;
        let total = k.sums.tree().total;
        let lo = if lo.is_finite() { lo } else { 0.0 };
        let hi = if hi.is_finite() { hi } else { total };
        let w = Window { lo, hi, min_width: (hi - lo).max(0.0) * min_fraction.max(0.0) };
        let tree = k.call_tree();
        let (obj, g) = match &k.sums {
            Sums::Plain(t) => {
                let g = t.window(tree, &w);
                (flame_object(&k.unit, &k.view, &g), g)
            }
            Sums::Diff(d) => {
                let f = d.window(tree, &w);
                let obj = flame_object(&k.unit, &k.view, &f.graph);
                set(&obj, "base", f64_array(&f.base));
                set(&obj, "target", f64_array(&f.target));
                super::compare::set_vanished(&obj, &k.view, &d.vanished);
                (obj, f.graph)
            }
        };
        if k.key.kind == Kind::Goroutine {
            let (states, state_of) = super::goroutines::states_of(&g, &k.view);
            set(&obj, "states", super::strings(states.iter()));
            set(&obj, "stateOf", Uint16Array::from(&state_of[..]));
        }
        set(&obj, "lo", w.lo);
        set(&obj, "hi", w.hi);
        set(&obj, "minWidth", w.min_width);
        Ok(obj.into())
    }

    /// The widest box of a function in a flame graph: `{node, start, width}`, or null.
    #[wasm_bindgen(js_name = flameFind)]
    pub fn flame_find(
        &mut self,
        kind: &str,
        id: u32,
        sample_index: u32,
        granularity: &str,
        name: &str,
    ) -> Result<JsValue, JsError> {
        let k = self.kept_flame(kind, id, sample_index, granularity)?;
        let Some(key) = k.view.keys.names.iter().position(|n| n.as_str() == name) else {
            return Ok(JsValue::NULL);
        };
        let Some((node, start, width)) = k.sums.tree().widest(k.call_tree(), key as u32) else {
            return Ok(JsValue::NULL);
        };
        let obj = Object::new();
        set(&obj, "node", node);
        set(&obj, "start", start);
        set(&obj, "width", width);
        Ok(obj.into())
    }

    /// The signed value a search covers: boxes whose name contains `needle` (any case)
    /// and that are not below another such box.
    #[wasm_bindgen(js_name = flameMatch)]
    pub fn flame_match(
        &mut self,
        kind: &str,
        id: u32,
        sample_index: u32,
        granularity: &str,
        needle: &str,
    ) -> Result<f64, JsError> {
        let k = self.kept_flame(kind, id, sample_index, granularity)?;
        let needle = needle.to_lowercase();
        let matches: Vec<bool> =
            k.view.keys.names.iter().map(|n| n.to_lowercase().contains(&needle)).collect();
        Ok(k.sums.tree().matched_value(k.call_tree(), &matches) as f64)
    }
}

impl Session {
    /// The kept flame tree for this request, made (and kept) if it is not yet.
    fn kept_flame(
        &mut self,
        kind: &str,
        id: u32,
        sample_index: u32,
        granularity: &str,
    ) -> Result<&Kept, JsError> {
        let kind = Kind::parse(kind)?;
        let g = Granularity::parse(granularity)
            .ok_or_else(|| JsError::new(&format!("unknown granularity {granularity:?}")))?;
        let key = Key { kind, id, index: sample_index as usize, granularity: g };
        if let Some(at) = self.flames.kept.iter().position(|k| k.key == key) {
            let k = self.flames.kept.remove(at);
            self.flames.kept.push(k);
        } else {
            let made = self.make_flame(key, sample_index, granularity)?;
            if self.flames.kept.len() >= KEPT {
                self.flames.kept.remove(0);
            }
            self.flames.kept.push(made);
        }
        Ok(self.flames.kept.last().expect("just pushed"))
    }

    fn make_flame(&mut self, key: Key, sample_index: u32, granularity: &str) -> Result<Kept, JsError> {
        let unit_of = |p: &Profile, index: usize| p.str(p.sample_types[index].unit).to_string();
        match key.kind {
            Kind::Plain => {
                let (view, p, index) = self.query(key.id, sample_index, granularity)?;
                let sums = Sums::Plain(flame_tree(p, &view, index));
                Ok(Kept { key, unit: unit_of(p, index), view, sums })
            }
            Kind::Diff => {
                let (view, index) = self.diff_view(key.id, sample_index, granularity)?;
                let inputs = self.inputs(key.id)?;
                let sums = Sums::Diff(diff_flame_tree(&inputs, &view, index));
                Ok(Kept { key, unit: unit_of(inputs.merged, index), view, sums })
            }
            Kind::Goroutine => {
                let p = self.by_state_profile(key.id)?;
                let view = Rc::new(StackView::new(&p, Granularity::Functions));
                // The view owns the call tree that windows read; `p` can go.
                let sums = Sums::Plain(flame_tree(&p, &view, 0));
                Ok(Kept { key, unit: unit_of(&p, 0), view, sums })
            }
        }
    }
}
