//! speedscope's JSON, as its own exporter wrote it in Chromium (speedscope_export.mjs):
//! its import of our V8 CPU profile (evented, microseconds) and of a Go heap profile from
//! the corpus. Oracle: speedscope's per-function self and total (replayed from its
//! events), which must equal ours when we read its file, and, for the pprof file, our
//! reading of the pprof file itself (so speedscope and we agree on the profile too).

mod common;
mod other_formats;

use other_formats::{ours, profile, read_example, speedscope_self_total};
use proflens::model::Format;
use serde_json::Value;

fn export(name: &str) -> (Vec<u8>, Value) {
    let bytes = read_example(&format!("{name}.speedscope.json"));
    let json = serde_json::from_slice(&bytes).unwrap();
    (bytes, json)
}

fn name(f: &Value) -> String {
    f["name"].as_str().unwrap().to_string()
}

#[test]
fn cpuprofile_export_reads_as_speedscope_computes_it() {
    let (bytes, json) = export("work.cpuprofile");
    let p = profile(&bytes);
    assert_eq!(p.format, Format::Speedscope);
    let types: Vec<(&str, &str)> = p.sample_types.iter().map(|t| (p.str(t.ty), p.str(t.unit))).collect();
    assert_eq!(types, [("time", "nanoseconds")]);
    let want = speedscope_self_total(&json, name);
    assert!(want.len() > 20, "{want:?}");
    assert_eq!(ours(&p, 0, 1000), want);
    // The same numbers as our reading of the .cpuprofile itself.
    let v8 = profile(&read_example("work.cpuprofile"));
    assert_eq!(ours(&v8, 1, 1000), want);
}

#[test]
fn pprof_export_agrees_with_speedscope_and_with_the_pprof_file() {
    let (bytes, json) = export("heap_t0.pb.gz");
    let want = speedscope_self_total(&json, name);
    let p = profile(&bytes);
    assert_eq!(ours(&p, 0, 1), want);
    let go = common::load("go/heap_t0.pb.gz");
    let t = go.sample_index("inuse_space").unwrap();
    assert_eq!(ours(&go, t, 1), want);
}

#[test]
fn each_profile_of_a_file_is_one_named_profile() {
    let (bytes, _) = export("work.cpuprofile");
    let each = proflens::decode::speedscope::read_each(&bytes).unwrap();
    assert_eq!(each.len(), 1);
    assert_eq!(each[0].0, "work.cpuprofile");
    assert_eq!(ours(&each[0].1, 0, 1000), ours(&profile(&bytes), 0, 1000));
}

#[test]
fn export_reads_in_go_tool_pprof_as_our_top_table() {
    other_formats::export_round_trip(&profile(&export("work.cpuprofile").0), "work.cpuprofile.speedscope");
}

#[test]
fn broken_json_is_corrupt_at_its_line() {
    let (bytes, _) = export("heap_t0.pb.gz");
    let text = String::from_utf8(bytes).unwrap().replacen("\"frames\":", "\n\"frames\" ", 1);
    let err = proflens::decode(text.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), "corrupt", "{err}");
    assert!(err.to_string().contains("line 2"), "{err}");
}
