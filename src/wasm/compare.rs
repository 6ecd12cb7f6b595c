//! Comparing loaded profiles: diffs (kept as profiles of their own, so every single-profile
//! view works on them) with their two-sided table and flame graph, and trends.

use super::{f64_array, set, strings, Session};
use crate::query::diff::{diff_sides, DiffMode, DiffOptions, Sides};
use crate::query::diff_view::{diff_table, DiffInputs, Vanished};
use crate::query::trend::trend;
use crate::query::StackView;
use js_sys::{Float64Array, Object, Uint32Array, Uint8Array};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// What a diff was made from.
pub(super) struct DiffOf {
    pub target: u32,
    pub base: u32,
    pub sides: Sides,
}

#[wasm_bindgen]
impl Session {
    /// Diffs two loaded profiles as `go tool pprof -base` (`mode` "base") or `-diff_base`
    /// ("diff_base") would, optionally normalized; keeps the result and returns its id.
    pub fn diff(&mut self, target: u32, base: u32, mode: &str, normalize: bool) -> Result<u32, JsError> {
        let mode =
            DiffMode::parse(mode).ok_or_else(|| JsError::new(&format!("unknown diff mode {mode:?}")))?;
        let (t, b) = (self.get(target)?, self.get(base)?);
        let d = diff_sides(&t.profile, &b.profile, DiffOptions { mode, normalize })
            .map_err(|e| JsError::new(&format!("{} and {} cannot be compared: {e}", t.name, b.name)))?;
        let name = format!("{} − {}", t.name, b.name);
        Ok(self.keep(name, d.profile, Some(DiffOf { target, base, sides: d.sides })))
    }

    /// The diff table: base, target and delta flat/cum per function, and the target's
    /// retention (inuse/alloc) where it is a heap profile.
    #[wasm_bindgen(js_name = diffTable)]
    pub fn diff_table(&mut self, id: u32, sample_index: u32, granularity: &str) -> Result<JsValue, JsError> {
        let (view, index) = self.diff_view(id, sample_index, granularity)?;
        let inputs = self.inputs(id)?;
        let t = diff_table(&inputs, &view, index);
        let ret = t.retention.clone().unwrap_or_else(|| vec![f64::NAN; t.rows.len()]);
        let col = |f: fn(&crate::query::diff_view::DiffRow) -> i64| -> Float64Array {
            f64_array(&t.rows.iter().map(f).collect::<Vec<i64>>())
        };
        let obj = Object::new();
        set(&obj, "unit", inputs.merged.str(inputs.merged.sample_types[index].unit));
        set(&obj, "total", t.total as f64);
        set(&obj, "baseTotal", t.base_total as f64);
        set(&obj, "targetTotal", t.target_total as f64);
        set(&obj, "rows", t.rows.len() as u32);
        set(&obj, "names", strings(t.rows.iter().map(|r| view.name(r.key))));
        let marks: Vec<u8> = t.rows.iter().map(|r| r.inline as u8).collect();
        set(&obj, "inline", Uint8Array::from(&marks[..]));
        set(&obj, "baseFlat", col(|r| r.base_flat));
        set(&obj, "baseCum", col(|r| r.base_cum));
        set(&obj, "targetFlat", col(|r| r.target_flat));
        set(&obj, "targetCum", col(|r| r.target_cum));
        set(&obj, "flat", col(|r| r.flat));
        set(&obj, "cum", col(|r| r.cum));
        set(&obj, "retention", Float64Array::from(&ret[..]));
        Ok(obj.into())
    }

    /// The whole differential flame graph: the flame layout (widths of the target, values
    /// of the delta), each box's base and target values, and the vanished subtrees.
    #[wasm_bindgen(js_name = diffFlame)]
    pub fn diff_flame(&mut self, id: u32, sample_index: u32, granularity: &str) -> Result<JsValue, JsError> {
        self.flame_window("diff", id, sample_index, granularity, 0.0, f64::INFINITY, 0.0)
    }

    /// The trend of `sample_type` over loaded profiles: per site, its values in time order,
    /// delta, rate per minute, Mann-Kendall tau, leak score and retention.
    pub fn trend(&mut self, ids: Vec<u32>, sample_type: &str, granularity: &str) -> Result<JsValue, JsError> {
        let mut views: Vec<Rc<StackView>> = Vec::with_capacity(ids.len());
        for &id in &ids {
            views.push(self.view(id, granularity)?.0);
        }
        let mut pairs = Vec::with_capacity(ids.len());
        for (&id, view) in ids.iter().zip(&views) {
            pairs.push((&self.get(id)?.profile, &**view));
        }
        let t = trend(&pairs, sample_type).map_err(|e| JsError::new(&e.to_string()))?;
        let first = pairs[t.order[0]].0;
        let unit = first
            .sample_types
            .iter()
            .find(|v| first.str(v.ty) == sample_type)
            .map_or("", |v| first.str(v.unit));
        let opt = |x: Option<f64>| x.unwrap_or(f64::NAN);
        let col = |f: &dyn Fn(&crate::query::trend::TrendRow) -> f64| -> Float64Array {
            Float64Array::from(&t.rows.iter().map(f).collect::<Vec<f64>>()[..])
        };
        let values: Vec<f64> = t.rows.iter().flat_map(|r| r.values.iter().map(|&v| v as f64)).collect();
        let order: Vec<u32> = t.order.iter().map(|&i| ids[i]).collect();
        let obj = Object::new();
        set(&obj, "unit", unit);
        set(&obj, "order", Uint32Array::from(&order[..]));
        set(&obj, "times", f64_array(&t.times_ns));
        set(&obj, "totals", f64_array(&t.totals));
        set(&obj, "memstats", super::memstats::series(&t.memstats));
        set(&obj, "rows", t.rows.len() as u32);
        set(&obj, "names", strings(t.rows.iter().map(|r| r.name.as_str())));
        set(&obj, "values", Float64Array::from(&values[..]));
        set(&obj, "delta", col(&|r| r.measures.delta));
        set(&obj, "perMinute", col(&|r| opt(r.measures.per_minute)));
        set(&obj, "tau", col(&|r| r.measures.mk_tau));
        set(&obj, "score", col(&|r| r.score));
        set(&obj, "retention", col(&|r| opt(r.retention)));
        Ok(obj.into())
    }
}

/// The largest vanished subtrees as "a ▸ b ▸ c" paths, their base values and how many.
pub(super) fn set_vanished(obj: &Object, view: &StackView, all: &[Vanished]) {
    const SHOWN: usize = 200;
    let vanished = &all[..all.len().min(SHOWN)];
    let paths = strings(
        vanished.iter().map(|v| v.path.iter().map(|&k| view.name(k)).collect::<Vec<_>>().join(" ▸ ")),
    );
    set(obj, "vanishedPaths", paths);
    set(obj, "vanishedBase", f64_array(&vanished.iter().map(|v| v.base).collect::<Vec<_>>()));
    set(obj, "vanishedCount", all.len() as u32);
}

impl Session {
    fn diff_of(&self, id: u32) -> Result<&DiffOf, JsError> {
        self.get(id)?.diff.as_ref().ok_or_else(|| JsError::new(&format!("profile {id} is not a diff")))
    }

    /// The merged profile's view and the checked sample index.
    pub(super) fn diff_view(
        &mut self,
        id: u32,
        sample_index: u32,
        granularity: &str,
    ) -> Result<(Rc<StackView>, usize), JsError> {
        self.diff_of(id)?;
        let (view, _, index) = self.query(id, sample_index, granularity)?;
        Ok((view, index))
    }

    pub(super) fn inputs(&self, id: u32) -> Result<DiffInputs<'_>, JsError> {
        let l = self.get(id)?;
        let d = self.diff_of(id)?;
        let gone = |_| JsError::new("a profile of this diff was closed");
        Ok(DiffInputs {
            merged: &l.profile,
            sides: &d.sides,
            target: &self.get(d.target).map_err(gone)?.profile,
            base: &self.get(d.base).map_err(gone)?.profile,
        })
    }
}
