//! Derived profiles (diffs, filtered views) and the views that compare profiles.

use super::{granularity, to_js, Session};
use crate::query::diff::DiffMode;
use crate::session::filter::Transform;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Session {
    /// Whether two profiles can be diffed: `{comparable, reason}`.
    pub fn comparable(&self, a: u32, b: u32) -> Result<JsValue, JsError> {
        to_js(&self.inner.comparable(a, b)?)
    }

    /// Diffs two loaded profiles as `go tool pprof -base` (`mode` "base") or `-diff_base`
    /// ("diff_base") would, optionally normalized; keeps the result and returns its id.
    pub fn diff(&mut self, target: u32, base: u32, mode: &str, normalize: bool) -> Result<u32, JsError> {
        let mode = DiffMode::parse(mode).ok_or_else(|| JsError::new(&format!("unknown diff mode {mode:?}")))?;
        Ok(self.inner.diff(target, base, mode, normalize)?)
    }

    /// The diff table: base, target and delta flat/cum per function.
    #[wasm_bindgen(js_name = diffTable)]
    pub fn diff_table(&mut self, id: u32, sample_index: u32, g: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.diff_table(id, sample_index as usize, granularity(g)?)?)
    }

    /// The whole differential flame graph.
    #[wasm_bindgen(js_name = diffFlame)]
    pub fn diff_flame(&mut self, id: u32, sample_index: u32, g: &str) -> Result<JsValue, JsError> {
        self.flame_window("diff", id, sample_index, g, 0.0, f64::INFINITY, 0.0)
    }

    /// The trend of `sample_type` over loaded profiles.
    pub fn trend(&mut self, ids: Vec<u32>, sample_type: &str, g: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.trend(&ids, sample_type, granularity(g)?)?)
    }

    /// Applies `transforms` (a JSON array of `{op, value}`) to profile `id`, in order;
    /// keeps the result and returns its id.
    pub fn filter(&mut self, id: u32, transforms: &str) -> Result<u32, JsError> {
        let list: Vec<Transform> =
            serde_json::from_str(transforms).map_err(|e| JsError::new(&format!("bad transforms: {e}")))?;
        Ok(self.inner.filter(id, &list)?)
    }
}
