//! Flame graphs (windows of a kept flame tree, a box search, a search's value) and what
//! leaves the page (SVG, folded stacks, the profile as `.pb.gz`).

use super::{granularity, optional, to_js, Session};
use crate::session::export::parse_redaction;
use crate::session::flames::{FlameKey, FlameKind, FlameWindow};
use wasm_bindgen::prelude::*;

fn flame_key(kind: &str, id: u32, sample_index: u32, g: &str) -> Result<FlameKey, JsError> {
    let kind = match kind {
        "plain" => FlameKind::Plain,
        "diff" => FlameKind::Diff,
        "goroutine" => FlameKind::Goroutine,
        _ => return Err(JsError::new(&format!("unknown flame graph kind {kind:?}"))),
    };
    Ok(FlameKey { kind, id, index: sample_index as usize, granularity: granularity(g)? })
}

#[wasm_bindgen]
impl Session {
    /// The whole flame graph layout, as columns (`flameWindow` lays out only what a view
    /// shows).
    pub fn flame(&mut self, id: u32, sample_index: u32, g: &str) -> Result<JsValue, JsError> {
        self.flame_window("plain", id, sample_index, g, 0.0, f64::INFINITY, 0.0)
    }

    /// The boxes of a flame graph (`kind` "plain", "diff" or "goroutine") that overlap
    /// `[lo, hi)` in value units and are at least `min_fraction` of `hi - lo` wide; `hi` =
    /// Infinity means the total.
    #[wasm_bindgen(js_name = flameWindow)]
    #[allow(clippy::too_many_arguments)]
    pub fn flame_window(
        &mut self,
        kind: &str,
        id: u32,
        sample_index: u32,
        g: &str,
        lo: f64,
        hi: f64,
        min_fraction: f64,
    ) -> Result<JsValue, JsError> {
        let key = flame_key(kind, id, sample_index, g)?;
        to_js(&self.inner.flame_window(key, FlameWindow { lo, hi, min_fraction })?)
    }

    /// The widest box of a function in a flame graph: `{node, start, width}`, or null.
    #[wasm_bindgen(js_name = flameFind)]
    pub fn flame_find(&mut self, kind: &str, id: u32, sample_index: u32, g: &str, name: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.flame_find(flame_key(kind, id, sample_index, g)?, name)?)
    }

    /// The signed value a search covers (see `session::Session::flame_match`).
    #[wasm_bindgen(js_name = flameMatch)]
    pub fn flame_match(&mut self, kind: &str, id: u32, sample_index: u32, g: &str, needle: &str) -> Result<f64, JsError> {
        Ok(self.inner.flame_match(flame_key(kind, id, sample_index, g)?, needle)? as f64)
    }

    /// The flame graph as a standalone SVG, as shown: `root` is the zoomed box's node id
    /// (or -1), `search` a regexp to outline (or "").
    #[wasm_bindgen(js_name = flameSvg)]
    pub fn flame_svg(&mut self, id: u32, sample_index: u32, g: &str, search: &str, root: i32) -> Result<String, JsError> {
        Ok(self.inner.flame_svg(id, sample_index as usize, granularity(g)?, search, optional(root))?)
    }

    /// Folded stacks, as flamegraph.pl and inferno read them.
    pub fn folded(&mut self, id: u32, g: &str) -> Result<String, JsError> {
        Ok(self.inner.folded(id, granularity(g)?)?)
    }

    /// The profile as gzip'd profile.proto; `redaction` is "" (none), "hash" or "trim:PREFIX".
    #[wasm_bindgen(js_name = exportProfile)]
    pub fn export_profile(&self, id: u32, redaction: &str) -> Result<Vec<u8>, JsError> {
        Ok(self.inner.export_profile(id, parse_redaction(redaction)?.as_ref())?)
    }
}
