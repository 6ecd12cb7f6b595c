//! V8's `.cpuprofile` and `.heapprofile`, recorded from examples/other-profilers/work.js
//! by `node --cpu-prof` and `node --heap-prof` (record_node.sh). Oracle: speedscope's
//! own import of the same files, as its Export button wrote it in Chromium
//! (speedscope_export.mjs): per function, self and total equal ours.

mod common;
mod other_formats;

use other_formats::{ours, profile, read_example, speedscope_self_total};
use proflens::model::Format;
use serde_json::Value;

fn export(name: &str) -> Value {
    serde_json::from_slice(&read_example(&format!("{name}.speedscope.json"))).unwrap()
}

fn frame_name(f: &Value) -> String {
    f["name"].as_str().unwrap().to_string()
}

#[test]
fn cpuprofile_self_and_total_equal_speedscope() {
    let p = profile(&read_example("work.cpuprofile"));
    assert_eq!(p.format, Format::CpuProfile);
    let types: Vec<&str> = p.sample_types.iter().map(|t| p.str(t.ty)).collect();
    assert_eq!(types, ["samples", "time"]);
    let want = speedscope_self_total(&export("work.cpuprofile"), frame_name);
    assert!(want.len() > 20 && want.contains_key("fib") && want.contains_key("priceOrder"), "{want:?}");
    // Ours is in nanoseconds, speedscope's in microseconds.
    assert_eq!(ours(&p, 1, 1000), want);
}

#[test]
fn cpuprofile_frames_keep_script_and_line_column() {
    let p = profile(&read_example("work.cpuprofile"));
    let fib = p.functions.iter().position(|f| p.str(f.name) == "fib").expect("fib") as u32;
    assert!(p.str(p.functions[fib as usize].file).ends_with("/work.js"));
    let line = p.lines.iter().find(|l| l.function == fib).unwrap();
    // `function fib(n) {` is line 8 of work.js; V8's column is where the name starts.
    assert_eq!((line.line, line.column), (8, 13));
    let samples: i64 = p.samples.values[0].iter().sum();
    let json: Value = serde_json::from_slice(&read_example("work.cpuprofile")).unwrap();
    assert_eq!(samples as usize, json["samples"].as_array().unwrap().len());
}

#[test]
fn heapprofile_self_and_total_equal_speedscope() {
    let p = profile(&read_example("work.heapprofile"));
    assert_eq!(p.format, Format::HeapProfile);
    let types: Vec<(&str, &str)> = p.sample_types.iter().map(|t| (p.str(t.ty), p.str(t.unit))).collect();
    assert_eq!(types, [("objects", "count"), ("space", "bytes")]);
    // speedscope names an anonymous heap frame by its 0-based line (its CPU frames by the
    // 1-based one, as we name both); it keeps V8's `(root)` node as a frame, we do not.
    let rename = |f: &Value| {
        let (name, file, line) = (frame_name(f), f["file"].as_str().unwrap(), f["line"].as_i64().unwrap());
        let base = file.rsplit('/').next().unwrap();
        match name == format!("(anonymous {base}:{line})") {
            true => format!("(anonymous {base}:{})", line + 1),
            false => name,
        }
    };
    let mut want = speedscope_self_total(&export("work.heapprofile"), rename);
    want.remove("(root)");
    assert!(want.len() > 10, "{want:?}");
    assert_eq!(ours(&p, 1, 1), want);
}

#[test]
fn exports_read_in_go_tool_pprof_as_our_top_tables() {
    other_formats::export_round_trip(&profile(&read_example("work.cpuprofile")), "work.cpuprofile");
    other_formats::export_round_trip(&profile(&read_example("work.heapprofile")), "work.heapprofile");
}

#[test]
fn broken_json_is_corrupt_at_its_line_or_truncated() {
    let text = String::from_utf8(read_example("work.cpuprofile")).unwrap();
    let broken = text.replacen("\"hitCount\":", "\n\n\"hitCount\" ", 1);
    let err = proflens::decode(broken.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), "corrupt", "{err}");
    assert!(err.to_string().contains("line 3"), "{err}");
    let err = proflens::decode(&text.as_bytes()[..text.len() / 2]).unwrap_err();
    assert_eq!(err.kind(), "truncated", "{err}");
}
