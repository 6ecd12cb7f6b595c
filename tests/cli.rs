//! The `proflens` command: output formats against the oracle, and exit codes.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::corpus;
use std::process::Command;

fn proflens(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_proflens")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn path(rel: &str) -> String {
    corpus().join(rel).display().to_string()
}

#[test]
fn top_json_has_every_row_of_the_oracle() {
    let (code, out, _) = proflens(&["top", &path("go/allocs.pb.gz"), "--format", "json"]);
    assert_eq!(code, 0);
    let got: serde_json::Value = serde_json::from_str(&out).unwrap();
    let oracle: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(corpus().join("oracle/go/allocs.pb.gz.json")).unwrap())
            .unwrap();
    // allocs.pb.gz names alloc_space as its default sample type.
    assert_eq!(got["sample_type"]["type"], "alloc_space");
    let want = &oracle["types"]["alloc_space"];
    assert_eq!(got["total"], want["total"]);
    let rows = got["rows"].as_array().unwrap();
    assert_eq!(rows.len(), want["functions"].as_array().unwrap().len());
    for (g, w) in rows.iter().zip(want["functions"].as_array().unwrap()) {
        assert_eq!(
            (&g["name"], &g["flat"], &g["cum"], &g["inline"]),
            (&w["name"], &w["flat"], &w["cum"], &w["inline"])
        );
    }
}

#[test]
fn top_text_with_nodecount_says_how_many_were_cut() {
    let (code, out, _) = proflens(&["top", &path("go/cpu.pb.gz"), "--sample-index", "1", "--nodecount", "3"]);
    assert_eq!(code, 0);
    assert!(out.contains("Type: cpu"), "{out}");
    assert!(out.contains("Showing top 3 nodes out of "), "{out}");
    let rows: Vec<&str> = out.lines().skip_while(|l| !l.contains("flat%")).skip(1).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows[0].ends_with("main.checksum (inline)"), "{}", rows[0]);
}

#[test]
fn info_marks_the_default_type() {
    let (code, out, _) = proflens(&["info", &path("go/heap_t1.pb.gz")]);
    assert_eq!(code, 0);
    // No default_sample_type in the file: pprof's choice is the last type.
    assert!(out.contains("3: inuse_space/bytes  (default)"), "{out}");
    assert!(out.contains("Samples: "), "{out}");
}

#[test]
fn exit_codes_tell_bad_input_from_bad_usage() {
    let dir = std::env::temp_dir().join("proflens-cli-test");
    std::fs::create_dir_all(&dir).unwrap();
    let junk = dir.join("junk.pb.gz");
    std::fs::write(&junk, b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage").unwrap();
    let (code, _, err) = proflens(&["top", junk.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("junk.pb.gz"), "{err}");
    assert_eq!(proflens(&["top"]).0, 2);
    assert_eq!(proflens(&["frobnicate", &path("go/cpu.pb.gz")]).0, 2);
    assert_eq!(proflens(&["top", &path("go/cpu.pb.gz"), "--granularity", "atoms"]).0, 2);
    assert_eq!(proflens(&["top", &path("go/cpu.pb.gz"), "--sample-index", "9"]).0, 2);
}
