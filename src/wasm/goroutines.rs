//! The Goroutines view's requests.

use super::{optional, to_js, Session};
use crate::session::flames::FlameWindow;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Session {
    /// For a loaded goroutine dump: its form, total, groups and goroutines per state;
    /// `null` for any other profile.
    #[wasm_bindgen(js_name = goroutineSummary)]
    pub fn goroutine_summary(&self, id: u32) -> Result<JsValue, JsError> {
        to_js(&self.inner.goroutine_summary(id))
    }

    /// The group table as columns; `base` is another loaded dump, or -1.
    #[wasm_bindgen(js_name = goroutineGroups)]
    pub fn goroutine_groups(&self, id: u32, base: i32) -> Result<JsValue, JsError> {
        to_js(&self.inner.goroutine_groups(id, optional(base))?)
    }

    /// One row of the group table in full.
    #[wasm_bindgen(js_name = goroutineGroup)]
    pub fn goroutine_group(&self, id: u32, row: u32, base: i32) -> Result<JsValue, JsError> {
        to_js(&self.inner.goroutine_group(id, row as usize, optional(base))?)
    }

    /// Goroutines per wait-time bucket (`labels`, `counts`) in a normalized state ("": all).
    #[wasm_bindgen(js_name = goroutineWaits)]
    pub fn goroutine_waits(&self, id: u32, state: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.goroutine_waits(id, state)?)
    }

    /// A flame graph of every goroutine, split first by normalized state.
    #[wasm_bindgen(js_name = goroutineFlame)]
    pub fn goroutine_flame(&mut self, id: u32) -> Result<JsValue, JsError> {
        to_js(&self.inner.goroutine_flame(id, FlameWindow::ALL)?)
    }
}
