//! The only module that touches wasm-bindgen: the web worker's `Session`, a thin layer
//! over [`crate::session::Session`] that converts. A request comes in as one JS object
//! (`{type, ...}`, see `session::protocol`) and its result goes out through one shared
//! serde-wasm-bindgen serializer, bulk columns as typed arrays (see `js`); reading a file
//! (bytes and a progress callback) has its own entry. It holds nothing else: no cache,
//! lineage or domain rule.

use wasm_bindgen::prelude::*;

use js::to_js;

mod js;

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
    pub fn load(
        &mut self,
        name: String,
        bytes: Vec<u8>,
        progress: &js_sys::Function,
    ) -> Result<u32, JsError> {
        let mut report = |stage: crate::Stage, f: f64| {
            let _ = progress.call2(&JsValue::NULL, &JsValue::from_str(stage.name()), &JsValue::from_f64(f));
        };
        Ok(self.inner.load(name, bytes, &mut report)?)
    }

    /// Decodes two files at once (on two threads in the threaded build) and keeps them;
    /// answers, per file, its id or the message of its error (a string). `progress`
    /// follows the first file.
    #[wasm_bindgen(js_name = loadTwo)]
    pub fn load_two(
        &mut self,
        first: String,
        first_bytes: Vec<u8>,
        second: String,
        second_bytes: Vec<u8>,
        progress: &js_sys::Function,
    ) -> js_sys::Array {
        let mut report = |stage: crate::Stage, f: f64| {
            let _ = progress.call2(&JsValue::NULL, &JsValue::from_str(stage.name()), &JsValue::from_f64(f));
        };
        let both = self.inner.load_two((first, first_bytes), (second, second_bytes), &mut report);
        both.iter()
            .map(|r| match r {
                Ok(id) => JsValue::from_f64(*id as f64),
                Err(e) => JsValue::from_str(&e.0),
            })
            .collect()
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
