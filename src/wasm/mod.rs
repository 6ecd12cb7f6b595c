//! The only module that touches wasm-bindgen: the web worker's `Session`, a thin layer
//! over [`crate::session::Session`] that converts. Arguments come in as JS numbers and
//! strings; results go out through one shared serde-wasm-bindgen serializer, their bulk
//! columns as typed arrays (see `js`). It holds nothing else: no cache, lineage or rule.
//! One file per group of requests, each adding an `impl Session` block.

use js_sys::Uint32Array;
use wasm_bindgen::prelude::*;

use js::{granularity, optional, to_js};

mod compare;
mod goroutines;
mod js;
mod views;

#[wasm_bindgen]
#[derive(Default)]
pub struct Session {
    inner: crate::session::Session,
}

#[wasm_bindgen]
impl Session {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Session {
        Session::default()
    }

    /// A synthetic profile of about `samples` samples, shaped like a Go heap profile,
    /// gzip'd (as the Go runtime serves them) or not. The worker opens it through this
    /// Session's own methods while the page loads, so that the browser compiles every
    /// function a real open calls (the exported wrappers included, into which most of the
    /// work is inlined) with its optimizing tier before the user's first file; see
    /// `synthetic`.
    #[wasm_bindgen(js_name = syntheticProfile)]
    pub fn synthetic_profile(samples: u32, gzip: bool) -> Vec<u8> {
        let bytes = crate::synthetic::synthetic_profile(samples as usize);
        if gzip {
            crate::synthetic::gzipped(&bytes)
        } else {
            bytes
        }
    }

    /// How many threads the engine can use: 1 in the single-threaded build, or 1 plus the
    /// helper workers that have started (see `crate::par`).
    pub fn threads() -> u32 {
        crate::par::threads() as u32
    }

    /// Sets the threads a decode may use (see `session::Session::set_threads`).
    #[wasm_bindgen(js_name = setThreads)]
    pub fn set_threads(&mut self, threads: u32) {
        self.inner.set_threads(threads as usize);
    }

    /// Bytes of wasm linear memory, for memory reports.
    #[wasm_bindgen(js_name = memoryBytes)]
    pub fn memory_bytes() -> f64 {
        (core::arch::wasm32::memory_size(0) * 65536) as f64
    }

    /// Decodes a profile and keeps it; returns its id. Throws an Error with a human
    /// message (naming the problem) for bad input. `progress(stage, fraction)` is called
    /// during long work.
    pub fn load(&mut self, name: String, bytes: Vec<u8>, progress: &js_sys::Function) -> Result<u32, JsError> {
        let mut report = |stage: crate::Stage, f: f64| {
            let _ = progress.call2(&JsValue::NULL, &JsValue::from_str(stage.name()), &JsValue::from_f64(f));
        };
        Ok(self.inner.load(name, bytes, &mut report)?)
    }

    /// Lowers the size limit for files (bytes after decompression), e.g. for tests.
    #[wasm_bindgen(js_name = setMaxDecompressed)]
    pub fn set_max_decompressed(&mut self, bytes: f64) {
        self.inner.set_max_decompressed(bytes as u64);
    }

    pub fn unload(&mut self, id: u32) {
        self.inner.unload(id);
    }

    /// Answers any request of the page (`{type, ...}`, see `session::protocol`); the
    /// worker sends every request but reading a file through here.
    pub fn request(&mut self, msg: JsValue) -> Result<JsValue, JsError> {
        let r: crate::session::protocol::Request =
            serde_wasm_bindgen::from_value(msg).map_err(|e| JsError::new(&format!("bad request: {e}")))?;
        to_js(&self.inner.handle(r)?)
    }

    pub fn summary(&self, id: u32) -> Result<JsValue, JsError> {
        to_js(&self.inner.summary(id)?)
    }

    /// The top table in pprof's `-top` order, as columns.
    pub fn top(&mut self, id: u32, sample_index: u32, g: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.top(id, sample_index as usize, granularity(g)?)?)
    }

    /// The lines of `function` at lines granularity.
    #[wasm_bindgen(js_name = functionLines)]
    pub fn function_lines(&mut self, id: u32, sample_index: u32, function: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.function_lines(id, sample_index as usize, function)?)
    }

    /// The label keys of a profile for one sample type.
    pub fn labels(&self, id: u32, sample_index: u32) -> Result<JsValue, JsError> {
        to_js(&self.inner.labels(id, sample_index as usize)?)
    }

    /// The sandwich of the function named `name`.
    pub fn sandwich(&mut self, id: u32, sample_index: u32, g: &str, name: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.sandwich(id, sample_index as usize, granularity(g)?, name)?)
    }

    /// The children of call tree nodes (-1 for the outermost frames), heaviest first.
    #[wasm_bindgen(js_name = callTreeChildren)]
    pub fn call_tree_children(&mut self, id: u32, sample_index: u32, g: &str, nodes: Vec<i32>) -> Result<JsValue, JsError> {
        let nodes: Vec<Option<u32>> = nodes.into_iter().map(optional).collect();
        to_js(&self.inner.call_tree_children(id, sample_index as usize, granularity(g)?, &nodes)?)
    }

    /// The heaviest path below call tree node `from` (-1: from the outermost frames).
    #[wasm_bindgen(js_name = callTreeHeaviest)]
    pub fn call_tree_heaviest(&mut self, id: u32, sample_index: u32, g: &str, from: i32) -> Result<Uint32Array, JsError> {
        let path = self.inner.call_tree_heaviest(id, sample_index as usize, granularity(g)?, optional(from))?;
        Ok(Uint32Array::from(&path[..]))
    }
}

/// Runs on a helper worker of the threaded build and never returns: it takes the parts
/// of parallel work the engine hands out (see `crate::par::wasm_pool`).
#[cfg(target_feature = "atomics")]
#[wasm_bindgen(js_name = helperLoop)]
pub fn helper_loop() {
    crate::par::wasm_pool::helper_loop()
}

/// Called by a helper worker whose loop trapped, so the engine stops waiting for it.
#[cfg(target_feature = "atomics")]
#[wasm_bindgen(js_name = helperFailed)]
pub fn helper_failed() {
    crate::par::wasm_pool::helper_failed()
}
