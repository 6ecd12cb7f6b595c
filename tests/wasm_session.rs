//! The real `Session` API in headless Chromium (wasm-bindgen-test). The profile and its
//! oracle are compiled in from the shared corpus (nothing is copied into the repo): the
//! browser has no file system.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Float64Array, Reflect, Uint8Array};
use proflens::wasm::Session;
use serde_json::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const HEAP: &[u8] = include_bytes!("../../shared/corpus/go/heap_t2.pb.gz");
const HEAP_ORACLE: &str = include_str!("../../shared/corpus/oracle/go/heap_t2.pb.gz.json");
const CPU: &[u8] = include_bytes!("../../shared/corpus/go/cpu.pb.gz");

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap()
}

fn noop() -> js_sys::Function {
    js_sys::Function::new_no_args("")
}

/// The page's requests, each sent as the worker sends it: one message `{type, ...}` to
/// `Session.request` (reading a file is `Session.load`).
trait Requests {
    fn ask(&mut self, msg: serde_json::Value) -> Result<JsValue, JsValue>;

    fn summary(&mut self, id: u32) -> Result<JsValue, JsValue> {
        self.ask(json!({"type": "summary", "profile": id}))
    }
    fn top(&mut self, id: u32, sample_index: u32, g: &str) -> Result<JsValue, JsValue> {
        self.ask(json!({"type": "top", "profile": id, "sampleIndex": sample_index, "granularity": g}))
    }
    fn flame(&mut self, id: u32, sample_index: u32, g: &str) -> Result<JsValue, JsValue> {
        self.ask(json!({"type": "flame", "profile": id, "sampleIndex": sample_index, "granularity": g}))
    }
    fn diff(&mut self, target: u32, base: u32, mode: &str, normalize: bool) -> Result<u32, JsValue> {
        let made = self.ask(
            json!({"type": "diff", "target": target, "base": base, "mode": mode, "normalize": normalize}),
        )?;
        Ok(get(&made, "profile").as_f64().unwrap() as u32)
    }
    fn diff_table(&mut self, id: u32, sample_index: u32, g: &str) -> Result<JsValue, JsValue> {
        self.ask(json!({"type": "diffTable", "profile": id, "sampleIndex": sample_index, "granularity": g}))
    }
    fn diff_flame(&mut self, id: u32, sample_index: u32, g: &str) -> Result<JsValue, JsValue> {
        self.ask(json!({"type": "diffFlame", "profile": id, "sampleIndex": sample_index, "granularity": g}))
    }
    fn trend(&mut self, ids: Vec<u32>, sample_type: &str, g: &str) -> Result<JsValue, JsValue> {
        self.ask(json!({"type": "trend", "profiles": ids, "sampleType": sample_type, "granularity": g}))
    }
    fn filter(&mut self, id: u32, transforms: &str) -> Result<u32, JsValue> {
        let transforms: serde_json::Value = serde_json::from_str(transforms).unwrap();
        let made = self.ask(json!({"type": "filter", "profile": id, "transforms": transforms}))?;
        Ok(get(&made, "profile").as_f64().unwrap() as u32)
    }
    fn flame_svg(
        &mut self,
        id: u32,
        sample_index: u32,
        g: &str,
        search: &str,
        root: i32,
    ) -> Result<String, JsValue> {
        let msg = json!({"type": "flameSvg", "profile": id, "sampleIndex": sample_index, "granularity": g, "search": search, "root": root});
        Ok(get(&self.ask(msg)?, "svg").as_string().unwrap())
    }
    fn folded(&mut self, id: u32, g: &str) -> Result<String, JsValue> {
        Ok(get(&self.ask(json!({"type": "folded", "profile": id, "granularity": g}))?, "text")
            .as_string()
            .unwrap())
    }
    fn export_profile(&mut self, id: u32, redaction: &str) -> Result<Vec<u8>, JsValue> {
        let r = self.ask(json!({"type": "exportProfile", "profile": id, "redaction": redaction}))?;
        Ok(Uint8Array::from(get(&r, "bytes")).to_vec())
    }
    fn goroutine_summary(&mut self, id: u32) -> Result<JsValue, JsValue> {
        Ok(get(&self.ask(json!({"type": "opened", "profile": id}))?, "goroutines"))
    }
    fn goroutine_groups(&mut self, id: u32, base: i32) -> Result<JsValue, JsValue> {
        self.ask(json!({"type": "goroutineGroups", "profile": id, "base": base}))
    }
    fn goroutine_group(&mut self, id: u32, row: u32, base: i32) -> Result<JsValue, JsValue> {
        self.ask(json!({"type": "goroutineGroup", "profile": id, "row": row, "base": base}))
    }
    fn goroutine_flame(&mut self, id: u32) -> Result<JsValue, JsValue> {
        self.ask(json!({"type": "goroutineFlame", "profile": id}))
    }
    fn goroutine_waits(&mut self, id: u32, state: &str) -> Result<JsValue, JsValue> {
        self.ask(json!({"type": "goroutineWaits", "profile": id, "state": state}))
    }
}

impl Requests for Session {
    fn ask(&mut self, msg: serde_json::Value) -> Result<JsValue, JsValue> {
        let msg = js_sys::JSON::parse(&msg.to_string()).unwrap();
        self.request(msg).map_err(JsValue::from)
    }
}

#[wasm_bindgen_test]
fn top_matches_pprof_for_every_heap_sample_type() {
    let mut s = Session::new();
    let id = s.load("heap_t2.pb.gz".into(), HEAP.to_vec(), &noop()).unwrap();
    let oracle: serde_json::Value = serde_json::from_str(HEAP_ORACLE).unwrap();
    let summary = s.summary(id).unwrap();
    let types = Array::from(&get(&summary, "sampleTypes"));
    assert_eq!(types.length(), 4);
    // No default_sample_type in the file: pprof uses the last type.
    assert_eq!(get(&summary, "defaultIndex").as_f64(), Some(3.0));
    for i in 0..types.length() {
        let name = get(&types.get(i), "type").as_string().unwrap();
        let want = &oracle["types"][&name];
        let t = s.top(id, i, "functions").unwrap();
        assert_eq!(get(&t, "total").as_f64().unwrap(), want["total"].as_i64().unwrap() as f64, "{name}");
        let names = Array::from(&get(&t, "names"));
        let flat = Float64Array::from(get(&t, "flat"));
        let cum = Float64Array::from(get(&t, "cum"));
        let rows = want["functions"].as_array().unwrap();
        assert_eq!(names.length() as usize, rows.len(), "{name}");
        for (k, r) in rows.iter().enumerate() {
            assert_eq!(names.get(k as u32).as_string().unwrap(), r["name"].as_str().unwrap());
            assert_eq!(flat.get_index(k as u32), r["flat"].as_i64().unwrap() as f64);
            assert_eq!(cum.get_index(k as u32), r["cum"].as_i64().unwrap() as f64);
        }
    }
}

#[wasm_bindgen_test]
fn flame_layout_spans_the_total_and_children_fit_in_parents() {
    let mut s = Session::new();
    let id = s.load("cpu.pb.gz".into(), CPU.to_vec(), &noop()).unwrap();
    let g = s.flame(id, 1, "functions").unwrap();
    let total = get(&g, "total").as_f64().unwrap();
    let start = Float64Array::from(get(&g, "start")).to_vec();
    let width = Float64Array::from(get(&g, "width")).to_vec();
    let parent = js_sys::Int32Array::from(get(&g, "parent")).to_vec();
    assert!(total > 0.0 && !start.is_empty());
    let roots: f64 = (0..start.len()).filter(|&i| parent[i] < 0).map(|i| width[i]).sum();
    assert_eq!(roots, total);
    for i in 0..start.len() {
        if parent[i] >= 0 {
            let p = parent[i] as usize;
            assert!(p < i, "parents come first");
            assert!(start[i] >= start[p] && start[i] + width[i] <= start[p] + width[p] + 1e-6);
        }
    }
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_and_keeps_loaded_profiles() {
    let mut s = Session::new();
    let id = s.load("cpu.pb.gz".into(), CPU.to_vec(), &noop()).unwrap();
    let err = s.load("junk.bin".into(), vec![0xff, 0x13, 0x37, 0x00, 0x42], &noop());
    let msg = match err {
        Err(e) => JsValue::from(e),
        Ok(_) => panic!("junk decoded"),
    };
    let text = get(&msg, "message").as_string().unwrap();
    assert!(text.contains("not a pprof profile"), "{text}");
    let truncated = s.load("cut.pb.gz".into(), HEAP[..HEAP.len() / 2].to_vec(), &noop());
    assert!(truncated.is_err());
    // The first profile is still there.
    assert!(s.summary(id).is_ok());
    let inline = Uint8Array::from(get(&s.top(id, 1, "lines").unwrap(), "inline"));
    assert!(inline.length() > 0);
}

#[wasm_bindgen_test]
fn two_files_load_at_once_each_with_its_id_or_its_error() {
    let mut s = Session::new();
    let both =
        s.load_two("cpu.pb.gz".into(), CPU.to_vec(), "junk.bin".into(), vec![0xff, 0x13, 0x37], &noop());
    assert_eq!(both.length(), 2);
    let id = both.get(0).as_f64().expect("the first file's id") as u32;
    let text = both.get(1).as_string().expect("the second file's error");
    assert!(text.contains("not a pprof profile"), "{text}");
    assert!(s.top(id, 1, "functions").is_ok());
    let both = s.load_two("heap".into(), HEAP.to_vec(), "cpu".into(), CPU.to_vec(), &noop());
    let ids: Vec<u32> = both.iter().map(|v| v.as_f64().expect("an id") as u32).collect();
    assert!(ids[0] != ids[1] && ids[0] != id && ids[1] != id);
    assert!(s.summary(ids[0]).is_ok() && s.summary(ids[1]).is_ok());
}

#[wasm_bindgen_test]
fn a_file_over_the_size_limit_is_refused_and_loaded_profiles_stay() {
    let mut s = Session::new();
    let id = s.load("cpu.pb.gz".into(), CPU.to_vec(), &noop()).unwrap();
    s.set_max_decompressed(10_000.0);
    let err = match s.load("heap_t2.pb.gz".into(), HEAP.to_vec(), &noop()) {
        Err(e) => JsValue::from(e),
        Ok(_) => panic!("a 136 kB profile passed a 10 kB limit"),
    };
    let text = get(&err, "message").as_string().unwrap();
    assert!(text.contains("too large"), "{text}");
    assert!(s.top(id, 1, "functions").is_ok());
}

const HEAP0: &[u8] = include_bytes!("../../shared/corpus/go/heap_t0.pb.gz");
const HEAP1: &[u8] = include_bytes!("../../shared/corpus/go/heap_t1.pb.gz");
const DIFF_BASE_ORACLE: &str = include_str!("../../shared/corpus/oracle/go/diff_base.heap_t0__heap_t2.json");

#[wasm_bindgen_test]
fn diff_of_two_loaded_profiles_matches_pprof_diff_base() {
    let mut s = Session::new();
    let base = s.load("heap_t0.pb.gz".into(), HEAP0.to_vec(), &noop()).unwrap();
    let target = s.load("heap_t2.pb.gz".into(), HEAP.to_vec(), &noop()).unwrap();
    let d = s.diff(target, base, "diff_base", false).unwrap();
    let oracle: serde_json::Value = serde_json::from_str(DIFF_BASE_ORACLE).unwrap();
    let want = &oracle["types"]["inuse_space"];
    // The diff is a profile of its own: the plain top table is pprof's -diff_base table.
    let t = s.top(d, 3, "functions").unwrap();
    assert_eq!(get(&t, "total").as_f64().unwrap(), want["total"].as_i64().unwrap() as f64);
    let table = s.diff_table(d, 3, "functions").unwrap();
    let names = Array::from(&get(&table, "names"));
    let flat = Float64Array::from(get(&table, "flat"));
    let base_flat = Float64Array::from(get(&table, "baseFlat"));
    let target_flat = Float64Array::from(get(&table, "targetFlat"));
    assert_eq!(names.get(0).as_string().unwrap(), "main.newItem");
    assert_eq!(flat.get_index(0), want["functions"][0]["flat"].as_i64().unwrap() as f64);
    assert_eq!(target_flat.get_index(0) - base_flat.get_index(0), flat.get_index(0));
    let f = s.diff_flame(d, 3, "functions").unwrap();
    let value = Float64Array::from(get(&f, "value")).to_vec();
    let b = Float64Array::from(get(&f, "base")).to_vec();
    let tv = Float64Array::from(get(&f, "target")).to_vec();
    assert!(!value.is_empty());
    for i in 0..value.len() {
        assert_eq!(value[i], tv[i] - b[i], "box {i}: delta = target - base");
    }
    assert!(s.diff(target, base, "sideways", false).is_err());
    // Closing a side keeps the other profiles and makes the diff's two-sided views fail.
    s.unload(base);
    assert!(s.diff_table(d, 3, "functions").is_err());
    assert!(s.top(target, 3, "functions").is_ok());
}

#[wasm_bindgen_test]
fn trend_over_three_snapshots_ranks_new_item_first() {
    let mut s = Session::new();
    // Out of time order on purpose.
    let ids = [
        s.load("t2".into(), HEAP.to_vec(), &noop()).unwrap(),
        s.load("t0".into(), HEAP0.to_vec(), &noop()).unwrap(),
        s.load("t1".into(), HEAP1.to_vec(), &noop()).unwrap(),
    ];
    let t = s.trend(ids.to_vec(), "inuse_space", "functions").unwrap();
    let order = js_sys::Uint32Array::from(get(&t, "order")).to_vec();
    assert_eq!(order, vec![ids[1], ids[2], ids[0]]);
    let names = Array::from(&get(&t, "names"));
    assert_eq!(names.get(0).as_string().unwrap(), "main.newItem");
    let tau = Float64Array::from(get(&t, "tau"));
    assert_eq!(tau.get_index(0), 1.0);
    assert!(s.trend(vec![ids[0]], "inuse_space", "functions").is_err());
}

#[wasm_bindgen_test]
fn filters_derive_a_profile_and_keep_the_source_total() {
    let mut s = Session::new();
    let id = s.load("cpu.pb.gz".into(), CPU.to_vec(), &noop()).unwrap();
    let all = s.top(id, 1, "functions").unwrap();
    let f = s.filter(id, r#"[{"op":"focus","value":"checksum"},{"op":"hide","value":"runtime"}]"#).unwrap();
    assert_ne!(f, id);
    let t = s.top(f, 1, "functions").unwrap();
    // pprof's percentages stay of the unfiltered total.
    assert_eq!(get(&t, "total").as_f64(), get(&all, "total").as_f64());
    let names: Vec<String> = Array::from(&get(&t, "names")).iter().map(|v| v.as_string().unwrap()).collect();
    assert!(names.iter().any(|n| n == "main.checksum"));
    assert!(!names.iter().any(|n| n.starts_with("runtime.")), "{names:?}");
    assert!(names.len() < Array::from(&get(&all, "names")).length() as usize);
    assert!(s.filter(id, r#"[{"op":"focus","value":"("}]"#).is_err());
    assert!(s.filter(id, r#"[{"op":"sideways","value":"x"}]"#).is_err());
    // The source is untouched.
    let again = s.top(id, 1, "functions").unwrap();
    assert_eq!(Array::from(&get(&again, "names")).length(), Array::from(&get(&all, "names")).length());
}

#[wasm_bindgen_test]
fn exports_svg_folded_and_a_profile_that_reads_back() {
    let mut s = Session::new();
    let base = s.load("heap_t0.pb.gz".into(), HEAP0.to_vec(), &noop()).unwrap();
    let target = s.load("heap_t2.pb.gz".into(), HEAP.to_vec(), &noop()).unwrap();
    let d = s.diff(target, base, "diff_base", false).unwrap();
    let svg = s.flame_svg(d, 3, "functions", "newItem", -1).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains(">main.newItem<"));
    let folded = s.folded(target, "functions").unwrap();
    assert!(folded.lines().any(|l| l.contains("main.newItem")));
    // The exported diff reads back to the same table.
    let bytes = s.export_profile(d, "").unwrap();
    let back = s.load("back.pb.gz".into(), bytes, &noop()).unwrap();
    let (a, b) = (s.top(d, 3, "functions").unwrap(), s.top(back, 3, "functions").unwrap());
    assert_eq!(get(&a, "total").as_f64(), get(&b, "total").as_f64());
    assert_eq!(Float64Array::from(get(&a, "flat")).to_vec(), Float64Array::from(get(&b, "flat")).to_vec());
    let hidden = s.export_profile(target, "hash").unwrap();
    let text = String::from_utf8_lossy(&hidden).to_string();
    let mut raw = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&hidden[..]), &mut raw).unwrap();
    assert!(!String::from_utf8_lossy(&raw).contains("main.newItem"), "{}", text.len());
    assert!(s.export_profile(target, "sideways").is_err());
}

const DUMP: &[u8] = include_bytes!("../../shared/corpus/go/goroutine_debug2.txt");

#[wasm_bindgen_test]
fn a_goroutine_dump_is_a_profile_and_a_dump() {
    let mut s = Session::new();
    let id = s.load("goroutine_debug2.txt".into(), DUMP.to_vec(), &noop()).unwrap();
    let heap = s.load("heap_t2.pb.gz".into(), HEAP.to_vec(), &noop()).unwrap();
    assert!(s.goroutine_summary(heap).unwrap().is_null());
    let summary = s.goroutine_summary(id).unwrap();
    assert_eq!(get(&summary, "total").as_f64(), Some(1250.0));
    assert_eq!(get(&summary, "form").as_string().unwrap(), "debug=2");
    // The profile side: top works on the dump.
    let t = s.top(id, 0, "functions").unwrap();
    assert_eq!(get(&t, "total").as_f64(), Some(1250.0));
    // The group table, alone and against itself as the base.
    for base in [-1, id as i32] {
        let g = s.goroutine_groups(id, base).unwrap();
        let count = Float64Array::from(get(&g, "count"));
        assert_eq!(count.get_index(0), 1238.0);
        assert_eq!(Array::from(&get(&g, "state")).get(0).as_string().unwrap(), "chan receive");
        let base_count = Float64Array::from(get(&g, "baseCount"));
        assert_eq!(base_count.get_index(0).is_nan(), base < 0);
        assert_eq!(Uint8Array::from(get(&g, "likelyLeak")).get_index(0), 0);
    }
    let detail = s.goroutine_group(id, 0, -1).unwrap();
    let creator = get(&detail, "createdBy");
    assert_eq!(get(&creator, "function").as_string().unwrap(), "main.handleOrder");
    assert_eq!(get(&detail, "idCount").as_f64(), Some(1238.0));
    let flame = s.goroutine_flame(id).unwrap();
    let nodes = Array::from(&get(&flame, "states")).length();
    assert!(nodes >= 8, "one root per state");
    let waits = s.goroutine_waits(id, "chan receive").unwrap();
    let counts = Float64Array::from(get(&waits, "counts"));
    assert_eq!(counts.get_index(0) + counts.get_index(1), 1238.0);
}
