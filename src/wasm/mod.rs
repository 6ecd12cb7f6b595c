//! The only module that touches wasm-bindgen (split by feature: one file per feature, each
//! adding an `impl Session` block). A `Session` holds the profiles loaded in
//! one page; the web worker owns it. Small results cross as plain objects (through one
//! shared serde-wasm-bindgen serializer); bulk columns cross as typed arrays that JS owns.

use crate::decode::goroutines::dump_from_profile;
use crate::decode::{decode_any_owned, DecodeOptions, Decoded};
use crate::model::Profile;
use crate::query::kind::kind;
use crate::query::{top, Granularity, StackView};
use js_sys::{Float64Array, Int32Array, Object, Uint32Array, Uint8Array};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

use js::{f64_array, set, strings, to_js};

/// Values above this are not exact as JS numbers.
const MAX_SAFE: u64 = (1 << 53) - 1;

mod compare;
mod export;
mod filter;
mod flames;
mod goroutines;
mod js;
mod labels;
mod lines;
mod memstats;
mod navigate;

struct Loaded {
    name: String,
    profile: Profile,
    /// Stack views per granularity, built on first use.
    views: HashMap<Granularity, Rc<StackView>>,
    /// For a diff made in this session: its two loaded profiles and their stack maps.
    diff: Option<compare::DiffOf>,
    /// For a filtered view made in this session: the profile it was filtered from, whose
    /// total stays the percent base (as in pprof).
    filtered_from: Option<u32>,
    /// A filtered view whose filters only dropped samples: it has the frames and the stack
    /// tree of `filtered_from`, so it shares that profile's stack views (see `view_from_source`).
    same_tree_as_source: bool,
    /// pprof's total per sample type, once asked for: the percent base of every profile
    /// filtered from this one, which each of their tables would otherwise sum again.
    totals: RefCell<HashMap<usize, i64>>,
}

#[wasm_bindgen]
#[derive(Default)]
pub struct Session {
    profiles: Vec<Option<Loaded>>,
    /// Threads a decode may use: 0 for as many as pay (see `DecodeOptions::threads`).
    threads: usize,
    /// The most a file may decompress to, if lower than what memory allows.
    max_decompressed: Option<u64>,
    /// Goroutine dumps, by the id of their profile (see `goroutines`).
    dumps: HashMap<u32, goroutines::Held>,
    /// Call tree values kept for the call tree table (see `navigate`).
    trees: navigate::TreeCache,
    /// Flame trees that windows are cut from (see `flames`).
    flames: flames::FlameCache,
}

#[derive(Serialize)]
struct SampleTypeJs<'a> {
    #[serde(rename = "type")]
    ty: &'a str,
    unit: &'a str,
}

#[derive(Serialize)]
struct Summary<'a> {
    name: &'a str,
    kind: &'static str,
    sample_types: Vec<SampleTypeJs<'a>>,
    default_index: usize,
    period_type: Option<SampleTypeJs<'a>>,
    // Numbers cross as f64: timestamps in ns exceed 2^53, and ms precision is plenty.
    period: f64,
    time_nanos: f64,
    duration_nanos: f64,
    sample_count: usize,
    location_count: usize,
    function_count: usize,
    mapping_count: usize,
    comments: Vec<&'a str>,
    drop_frames: &'a str,
    keep_frames: &'a str,
    /// Per sample type: whether some value is negative (a delta profile or a diff).
    negative: Vec<bool>,
    /// The main binary (first mapping's file), to tell snapshots of one program.
    binary: &'a str,
    /// For a diff made in this session: the ids of its target and base.
    diff_of: Option<[u32; 2]>,
    /// What the file was: `profile.proto`, `heap text (debug=1)`, …
    format: &'static str,
    /// The `runtime.MemStats` block of a heap text profile.
    memstats: Option<Vec<memstats::MemStatJs<'a>>>,
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

    /// Sets the threads a decode may use; 0 (the default) lets the engine choose, and a
    /// number splits the work that many ways even where it would not pay, which is how
    /// the tests check that the parallel and the sequential paths agree.
    #[wasm_bindgen(js_name = setThreads)]
    pub fn set_threads(&mut self, threads: u32) {
        self.threads = threads as usize;
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
        let opts = DecodeOptions {
            progress: Some(&mut report),
            max_decompressed: self.size_limit(),
            threads: self.threads,
        };
        let (profile, dump) = match decode_any_owned(bytes, opts).map_err(|e| JsError::new(&e.to_string()))? {
            Decoded::Goroutines(d) => (d.to_profile(), Some(d)),
            Decoded::Profile(p) => {
                let d = dump_from_profile(&p);
                (p, d)
            }
        };
        let id = self.keep(name, profile, None);
        if let Some(d) = dump {
            self.dumps.insert(id, goroutines::Held::new(d));
        }
        Ok(id)
    }

    /// Lowers the size limit for files (bytes after decompression), e.g. for tests.
    #[wasm_bindgen(js_name = setMaxDecompressed)]
    pub fn set_max_decompressed(&mut self, bytes: f64) {
        self.max_decompressed = Some(bytes as u64);
    }

    pub fn unload(&mut self, id: u32) {
        if let Some(slot) = self.profiles.get_mut(id as usize) {
            *slot = None;
        }
        self.dumps.remove(&id);
        self.trees.forget(id);
        self.flames.forget(id);
    }

    pub fn summary(&self, id: u32) -> Result<JsValue, JsError> {
        let l = self.get(id)?;
        let p = &l.profile;
        let vt = |t: &crate::model::ValueType| SampleTypeJs { ty: p.str(t.ty), unit: p.str(t.unit) };
        to_js(&Summary {
            name: &l.name,
            kind: kind(p),
            sample_types: p.sample_types.iter().map(vt).collect(),
            default_index: p.default_sample_index(),
            period_type: p.period_type.as_ref().map(vt),
            period: p.period as f64,
            time_nanos: p.time_nanos as f64,
            duration_nanos: p.duration_nanos as f64,
            sample_count: p.samples.len(),
            location_count: p.locations.len(),
            function_count: p.functions.len(),
            mapping_count: p.mappings.len(),
            comments: p.comments.iter().map(|&c| p.str(c)).collect(),
            drop_frames: p.str(p.drop_frames),
            keep_frames: p.str(p.keep_frames),
            negative: (0..p.sample_types.len()).map(|t| p.has_negative(t)).collect(),
            binary: p.mappings.first().map_or("", |m| p.str(m.file)),
            diff_of: l.diff.as_ref().map(|d| [d.target, d.base]),
            format: p.format.name(),
            memstats: memstats::fields(p),
        })
    }

    /// The top table in pprof's `-top` order, as columns.
    pub fn top(&mut self, id: u32, sample_index: u32, granularity: &str) -> Result<JsValue, JsError> {
        let percent_base = self.percent_base(id, sample_index as usize)?;
        let (view, p, index) = self.query(id, sample_index, granularity)?;
        let mut t = top(p, &view, index);
        t.total = percent_base.unwrap_or(t.total);
        let obj = Object::new();
        let unit = p.str(p.sample_types[index].unit);
        let flat: Vec<f64> = t.rows.iter().map(|r| r.flat as f64).collect();
        let cum: Vec<f64> = t.rows.iter().map(|r| r.cum as f64).collect();
        let marks: Vec<u8> = t.rows.iter().map(|r| r.inline as u8).collect();
        let exact = t.total.unsigned_abs() <= MAX_SAFE;
        set(&obj, "unit", unit);
        set(&obj, "total", t.total as f64);
        set(&obj, "rows", t.rows.len() as u32);
        set(&obj, "names", strings(t.rows.iter().map(|r| view.name(r.key))));
        set(&obj, "inline", Uint8Array::from(&marks[..]));
        set(&obj, "flat", Float64Array::from(&flat[..]));
        set(&obj, "cum", Float64Array::from(&cum[..]));
        set(&obj, "exact", exact);
        Ok(obj.into())
    }

    /// The whole flame graph layout, as columns (see `query::flame`; `flameWindow` lays
    /// out only what a view shows).
    pub fn flame(&mut self, id: u32, sample_index: u32, granularity: &str) -> Result<JsValue, JsError> {
        self.flame_window("plain", id, sample_index, granularity, 0.0, f64::INFINITY, 0.0)
    }
}

/// A flame layout as a plain object of typed arrays (see `FlameResult` in protocol.ts).
fn flame_object(unit: &str, view: &StackView, g: &crate::query::flame::FlameGraph) -> Object {
    let obj = Object::new();
    let parent: Vec<i32> = g.parent.clone();
    let inlined: Vec<u8> = g.inlined.iter().map(|&b| b as u8).collect();
    let (keys, local) = local_keys(&g.key, view.keys.names.len());
    set(&obj, "unit", unit);
    set(&obj, "total", g.total);
    set(&obj, "names", strings(keys.iter().map(|&k| &view.keys.names[k as usize])));
    set(&obj, "files", strings(keys.iter().map(|&k| &view.keys.places[k as usize])));
    set(&obj, "key", Uint32Array::from(&local[..]));
    set(&obj, "parent", Int32Array::from(&parent[..]));
    set(&obj, "depth", Uint32Array::from(&g.depth[..]));
    set(&obj, "start", Float64Array::from(&g.start[..]));
    set(&obj, "width", Float64Array::from(&g.width[..]));
    set(&obj, "value", f64_array(&g.value));
    set(&obj, "self", f64_array(&g.self_value));
    set(&obj, "inline", Uint8Array::from(&inlined[..]));
    set(&obj, "node", Uint32Array::from(&g.node[..]));
    obj
}

/// The frame keys a flame window uses, in order of first use, and each box's key as an
/// index into them. A window names a few thousand functions at most, while the view may
/// have tens of thousands: making a JS string of every name cost more than the layout.
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
    /// The size limit for the next file. wasm32 memory ends at 4 GiB and a failed
    /// allocation aborts the whole engine, losing every loaded profile; decoding needs about
    /// twice the raw size, so a file that cannot fit is refused up front with an error.
    fn size_limit(&self) -> u64 {
        const WASM32_MAX: u64 = 4 << 30;
        let used = core::arch::wasm32::memory_size(0) as u64 * 65536;
        let fits = WASM32_MAX.saturating_sub(used) * 2 / 5;
        let default = DecodeOptions::default().max_decompressed;
        fits.min(default).min(self.max_decompressed.unwrap_or(u64::MAX))
    }

    /// Keeps a profile (loaded or derived) and returns its id.
    fn keep(&mut self, name: String, profile: Profile, diff: Option<compare::DiffOf>) -> u32 {
        self.profiles.push(Some(Loaded {
            name,
            profile,
            views: HashMap::new(),
            diff,
            filtered_from: None,
            same_tree_as_source: false,
            totals: RefCell::default(),
        }));
        (self.profiles.len() - 1) as u32
    }

    fn get(&self, id: u32) -> Result<&Loaded, JsError> {
        self.profiles
            .get(id as usize)
            .and_then(Option::as_ref)
            .ok_or_else(|| JsError::new(&format!("no profile with id {id}")))
    }

    /// The view, profile and checked sample index that a query needs.
    fn query(
        &mut self,
        id: u32,
        sample_index: u32,
        granularity: &str,
    ) -> Result<(Rc<StackView>, &Profile, usize), JsError> {
        let (view, l) = self.view(id, granularity)?;
        let index = check_index(&l.profile, sample_index)?;
        Ok((view, &l.profile, index))
    }

    fn view(&mut self, id: u32, granularity: &str) -> Result<(Rc<StackView>, &Loaded), JsError> {
        let g = Granularity::parse(granularity)
            .ok_or_else(|| JsError::new(&format!("unknown granularity {granularity:?}")))?;
        let made = self.view_from_source(id, g);
        let l = self
            .profiles
            .get_mut(id as usize)
            .and_then(Option::as_mut)
            .ok_or_else(|| JsError::new(&format!("no profile with id {id}")))?;
        let profile = &l.profile;
        let view = l
            .views
            .entry(g)
            .or_insert_with(|| Rc::new(made.unwrap_or_else(|| StackView::new(profile, g))))
            .clone();
        Ok((view, l))
    }

    /// For a filtered profile without a view at `g` yet, its view made from its source's
    /// view at `g`, if the source has one: shared whole when the filters only dropped
    /// samples (`StackView::sharing_keys`: applying a focus is then mostly the filter
    /// itself), else with the frame keys taken from it (`StackView::deriving_keys`: a hide
    /// does not name every frame again).
    fn view_from_source(&self, id: u32, g: Granularity) -> Option<StackView> {
        let l = self.get(id).ok()?;
        if l.views.contains_key(&g) {
            return None;
        }
        let source = self.get(l.filtered_from?).ok()?;
        let like = source.views.get(&g)?;
        Some(if l.same_tree_as_source {
            StackView::sharing_keys(&l.profile, like, true)
        } else {
            StackView::deriving_keys(&l.profile, &source.profile, like)
        })
    }
}

fn check_index(p: &Profile, sample_index: u32) -> Result<usize, JsError> {
    let i = sample_index as usize;
    if i < p.sample_types.len() {
        Ok(i)
    } else {
        Err(JsError::new(&format!(
            "sample index {i} out of range (the profile has {})",
            p.sample_types.len()
        )))
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
