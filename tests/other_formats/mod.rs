//! Helpers for the tests of other tools' formats: reading a kept example file, our folded
//! lines of one sample type, and the export round trip through live `go tool pprof`.
#![allow(dead_code)]

use proflens::decode::{decode_any, Decoded};
use proflens::query::folded::folded;
use proflens::query::top;
use proflens::query::{Granularity, StackView};
use proflens::Profile;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// A file of `examples/other-profilers`.
pub fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/other-profilers").join(name)
}

pub fn read_example(name: &str) -> Vec<u8> {
    std::fs::read(example(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Decodes bytes that must be a profile.
pub fn profile(data: &[u8]) -> Profile {
    match decode_any(data) {
        Ok(Decoded::Profile(p)) => p,
        Ok(Decoded::Goroutines(_)) => panic!("read as a goroutine dump"),
        Err(e) => panic!("{e}"),
    }
}

/// Our folded stacks of sample type `t` as `path value` lines (zero values left out),
/// sorted bytewise: the shape of inferno's output.
pub fn folded_lines(p: &Profile, t: usize) -> Vec<String> {
    let view = StackView::new(p, Granularity::Functions);
    let mut lines = Vec::new();
    folded(p, &view, |path, values| {
        if values[t] != 0 {
            lines.push(format!("{path} {}", values[t]));
        }
    });
    lines.sort();
    lines
}

/// Exports `p` to profile.proto and checks that live `go tool pprof -top` of the file
/// gives our top table, every sample type, raw units.
pub fn export_round_trip(p: &Profile, name: &str) {
    let dir = std::env::temp_dir().join("proflens-other-formats");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.pb"));
    std::fs::write(&path, proflens::encode::encode(p)).unwrap();
    let again = proflens::decode(&std::fs::read(&path).unwrap()).unwrap();
    let types = super::common::pprof::check_raw_values(&again, &[], &path, name);
    assert_eq!(types, p.sample_types.len());
    let view = StackView::new(p, Granularity::Functions);
    let view_again = StackView::new(&again, Granularity::Functions);
    for t in 0..p.sample_types.len() {
        assert_eq!(
            super::common::pprof::our_rows(p, &view, t),
            super::common::pprof::our_rows(&again, &view_again, t),
            "{name}: the export changed sample type {t}"
        );
    }
}

/// Per function name, (self, total) replayed from a speedscope evented profile: between
/// two events, the time goes to the top frame's self and once to each name on the stack.
pub fn speedscope_self_total(
    export: &Value,
    rename: impl Fn(&Value) -> String,
) -> BTreeMap<String, (i64, i64)> {
    let frames: Vec<String> = export["shared"]["frames"].as_array().unwrap().iter().map(rename).collect();
    let profile = &export["profiles"][0];
    assert_eq!(profile["type"], "evented");
    let mut out: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut last = profile["startValue"].as_i64().unwrap();
    for e in profile["events"].as_array().unwrap() {
        let at = e["at"].as_i64().unwrap();
        let dt = at - last;
        last = at;
        if let Some(&top) = stack.last() {
            out.entry(frames[top].clone()).or_default().0 += dt;
            let names: BTreeSet<&String> = stack.iter().map(|&f| &frames[f]).collect();
            for name in names {
                out.entry(name.clone()).or_default().1 += dt;
            }
        }
        let frame = e["frame"].as_u64().unwrap() as usize;
        match e["type"].as_str().unwrap() {
            "O" => stack.push(frame),
            "C" => assert_eq!(stack.pop(), Some(frame), "events close what they opened"),
            other => panic!("event type {other}"),
        }
    }
    out.retain(|_, v| *v != (0, 0));
    out
}

/// Our (self, total) per function name of sample type `t`, divided by `scale`.
pub fn ours(p: &proflens::Profile, t: usize, scale: i64) -> BTreeMap<String, (i64, i64)> {
    let view = StackView::new(p, Granularity::Functions);
    let table = top(p, &view, t);
    let mut out = BTreeMap::new();
    for r in &table.rows {
        assert_eq!((r.flat % scale, r.cum % scale), (0, 0), "{}", view.name(r.key));
        if (r.flat, r.cum) != (0, 0) {
            out.insert(view.name(r.key).to_string(), (r.flat / scale, r.cum / scale));
        }
    }
    out
}
