//! Navigating one function or one call path: the sandwich of a function (its callers
//! and callees flame graphs and its peek table) and the call tree table, expanded a
//! node at a time. The call tree's values are kept per (profile, granularity, sample
//! type), so expanding a row only lists that row's children.

use super::{f64_array, flame_object, set, strings, Session};
use crate::query::calltree_view::CallTreeValues;
use crate::query::peek::Edge;
use crate::query::sandwich::sandwich;
use crate::query::values::total;
use crate::query::{Granularity, StackView};
use js_sys::{Object, Uint32Array, Uint8Array};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Call tree values by (profile id, granularity, sample index). Few are kept: a page
/// looks at one profile and sample type at a time.
#[derive(Default)]
pub(super) struct TreeCache(HashMap<(u32, Granularity, usize), Rc<CallTreeValues>>);

const KEPT: usize = 4;

impl TreeCache {
    /// Drops what was kept for an unloaded profile.
    pub(super) fn forget(&mut self, id: u32) {
        self.0.retain(|k, _| k.0 != id);
    }
}

#[wasm_bindgen]
impl Session {
    /// The sandwich of the function named `name`: `callers` (a flame layout whose root is
    /// the function and whose children are its callers), `callees` (the function's call
    /// tree), and pprof's peek table (`callerNames`/`callerWeights`/`callerInline`, the
    /// same for callees), with `flat`, `cum` and the percent base `total`. `found` is
    /// false when the profile has no such function at this granularity.
    pub fn sandwich(
        &mut self,
        id: u32,
        sample_index: u32,
        granularity: &str,
        name: &str,
    ) -> Result<JsValue, JsError> {
        let base = self.percent_base(id, sample_index as usize)?;
        let (view, p, index) = self.query(id, sample_index, granularity)?;
        let obj = Object::new();
        let percent_base = base.unwrap_or_else(|| total(p, index));
        set(&obj, "unit", p.str(p.sample_types[index].unit));
        set(&obj, "total", percent_base as f64);
        let found =
            view.keys.names.iter().position(|n| n == name).and_then(|k| sandwich(p, &view, index, k as u32));
        set(&obj, "found", found.is_some());
        let Some(s) = found else { return Ok(obj.into()) };
        for (field, g) in [("callers", &s.callers), ("callees", &s.callees)] {
            let layout = flame_object(p.str(p.sample_types[index].unit), &view, g);
            set(&layout, "total", percent_base as f64);
            set(&obj, field, layout);
        }
        set(&obj, "flat", s.peek.flat as f64);
        set(&obj, "cum", s.peek.cum as f64);
        edge_columns(&obj, "caller", &view, &s.peek.callers);
        edge_columns(&obj, "callee", &view, &s.peek.callees);
        Ok(obj.into())
    }

    /// The children of call tree nodes (-1 for the outermost frames), heaviest first:
    /// node `nodes[i]`'s children are entries `start[i]..start[i + 1]` of `node` (ids to
    /// expand further), `names`, `self`, `totals` (signed), `inline` and `more` (1 when it
    /// has children itself). `total` at the top is the percent base.
    #[wasm_bindgen(js_name = callTreeChildren)]
    pub fn call_tree_children(
        &mut self,
        id: u32,
        sample_index: u32,
        granularity: &str,
        nodes: Vec<i32>,
    ) -> Result<JsValue, JsError> {
        let (view, values, percent_base, unit) = self.tree_values(id, sample_index, granularity)?;
        let p = &self.get(id)?.profile;
        let tree = view.call_tree(p);
        let mut start = vec![0u32];
        let mut list: Vec<u32> = Vec::new();
        for &n in &nodes {
            list.extend(values.children(u32::try_from(n).ok()));
            start.push(list.len() as u32);
        }
        let pick = |f: &dyn Fn(usize) -> i64| list.iter().map(|&c| f(c as usize)).collect::<Vec<i64>>();
        let obj = Object::new();
        set(&obj, "unit", unit);
        set(&obj, "total", percent_base as f64);
        set(&obj, "start", Uint32Array::from(&start[..]));
        set(&obj, "node", Uint32Array::from(&list[..]));
        set(&obj, "names", strings(list.iter().map(|&c| view.name(tree.key[c as usize]))));
        set(&obj, "self", f64_array(&pick(&|c| values.self_value[c])));
        set(&obj, "totals", f64_array(&pick(&|c| values.total[c])));
        let inline: Vec<u8> = list.iter().map(|&c| tree.inlined[c as usize] as u8).collect();
        let more: Vec<u8> = list.iter().map(|&c| values.has_children(c) as u8).collect();
        set(&obj, "inline", Uint8Array::from(&inline[..]));
        set(&obj, "more", Uint8Array::from(&more[..]));
        Ok(obj.into())
    }

    /// The heaviest path below call tree node `from` (-1: from the outermost frames), not
    /// including `from`: each step the child with the largest |total|.
    #[wasm_bindgen(js_name = callTreeHeaviest)]
    pub fn call_tree_heaviest(
        &mut self,
        id: u32,
        sample_index: u32,
        granularity: &str,
        from: i32,
    ) -> Result<Uint32Array, JsError> {
        let (_, values, _, _) = self.tree_values(id, sample_index, granularity)?;
        Ok(Uint32Array::from(&values.heaviest_path(u32::try_from(from).ok())[..]))
    }
}

/// A peek edge list as columns `<side>Names`, `<side>Weights`, `<side>Inline`.
fn edge_columns(obj: &Object, side: &str, view: &StackView, edges: &[Edge]) {
    let weights: Vec<i64> = edges.iter().map(|e| e.weight).collect();
    let inline: Vec<u8> = edges.iter().map(|e| e.inline as u8).collect();
    set(obj, &format!("{side}Names"), strings(edges.iter().map(|e| view.name(e.key))));
    set(obj, &format!("{side}Weights"), f64_array(&weights));
    set(obj, &format!("{side}Inline"), Uint8Array::from(&inline[..]));
}

impl Session {
    /// The call tree values of a profile at a granularity and sample type (kept), with the
    /// view, the percent base and the unit.
    fn tree_values(
        &mut self,
        id: u32,
        sample_index: u32,
        granularity: &str,
    ) -> Result<(Rc<StackView>, Rc<CallTreeValues>, i64, String), JsError> {
        let base = self.percent_base(id, sample_index as usize)?;
        let (view, p, index) = self.query(id, sample_index, granularity)?;
        let unit = p.str(p.sample_types[index].unit).to_string();
        let percent_base = base.unwrap_or_else(|| total(p, index));
        let key = (id, view.granularity, index);
        let values = match self.trees.0.get(&key) {
            Some(v) => v.clone(),
            None => {
                let (_, p, _) = self.query(id, sample_index, granularity)?;
                let v = Rc::new(CallTreeValues::new(p, &view, index));
                if self.trees.0.len() >= KEPT {
                    self.trees.0.clear();
                }
                self.trees.0.insert(key, v.clone());
                v
            }
        };
        Ok((view, values, percent_base, unit))
    }
}
