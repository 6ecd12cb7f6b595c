#![cfg(not(target_arch = "wasm32"))]
//! `proflens tags` against live `go tool pprof -tags` (Go 1.19): the same keys, values
//! and amounts, line for line (pprof aligns columns with a tab writer; spacing aside).

mod common;

use common::corpus;
use common::pprof::pprof_command;
use std::process::Command;

fn normalized(text: &str) -> Vec<String> {
    text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

#[test]
fn tags_equal_pprof_tags() {
    let cases: &[(&str, &str)] = &[
        ("external/parca/profile-with-labels.pb.gz", "samples"),
        ("go/heap_t2.pb.gz", "inuse_space"),
        ("go/heap_t2.pb.gz", "alloc_objects"),
        ("go/allocs.pb.gz", "alloc_space"),
    ];
    for (rel, ty) in cases {
        let path = corpus().join(rel);
        let want = pprof_command(&["-tags".into(), format!("-sample_index={ty}")], &path);
        let out = Command::new(env!("CARGO_BIN_EXE_proflens"))
            .args(["tags", &path.display().to_string(), "--sample-index", ty])
            .output()
            .unwrap();
        assert!(out.status.success(), "{rel}: {}", String::from_utf8_lossy(&out.stderr));
        let got = String::from_utf8(out.stdout).unwrap();
        assert!(got.lines().count() > 3, "{rel}: {got}");
        assert_eq!(normalized(&got), normalized(&want), "{rel} {ty}");
    }
}

/// After a filter the tags are those of the samples left (a filtered profile keeps every
/// label set, so sets no sample carries any more must not show up).
#[test]
fn tags_after_filters_equal_pprof_tags() {
    let cases: &[(&str, &str, &str)] = &[
        ("external/parca/profile-with-labels.pb.gz", "samples", "-tagfocus=thread_id=^2756170$"),
        ("go/heap_t2.pb.gz", "inuse_space", "-tagfocus=bytes=2688bytes"),
        ("go/heap_t2.pb.gz", "alloc_space", "-focus=main\\."),
    ];
    for (rel, ty, flag) in cases {
        let path = corpus().join(rel);
        let want = pprof_command(&["-tags".into(), format!("-sample_index={ty}"), flag.to_string()], &path);
        let (name, value) = flag.trim_start_matches('-').split_once('=').unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_proflens"))
            .args(["tags", &path.display().to_string(), "--sample-index", ty, &format!("--{name}"), value])
            .output()
            .unwrap();
        assert!(out.status.success(), "{rel}: {}", String::from_utf8_lossy(&out.stderr));
        let got = String::from_utf8(out.stdout).unwrap();
        assert!(got.lines().count() >= 3, "{rel}: {got}");
        assert_eq!(normalized(&got), normalized(&want), "{rel} {ty} {flag}");
    }
}
