#![cfg(not(target_arch = "wasm32"))]
//! `proflens peek` against live `go tool pprof -peek` (Go 1.19): the whole text, header
//! and all, for several profiles, regexes, sample types and filters.

mod common;

use common::corpus;
use common::pprof::pprof_command;
use std::process::Command;

const CASES: &[(&str, &str, &[&str])] = &[
    ("go/cpu.pb.gz", "handleValuation|checksum", &[]),
    ("go/cpu.pb.gz", "^runtime\\.mallocgc$", &["-sample_index=samples"]),
    ("go/heap_t2.pb.gz", "newItem|storeBatch", &[]),
    ("go/heap_t2.pb.gz", "parseItems", &["-sample_index=alloc_objects"]),
    ("go/block.pb.gz", "Lock", &[]),
    ("go/mutex.pb.gz", "Unlock", &["-focus=main"]),
    // Recursion: an edge is counted once per sample.
    ("node/node_cpu.pb.gz", "recurseDiscount", &[]),
    ("external/parca/fib.pb.gz", "fib", &[]),
];

/// Our flags for pprof's (`-sample_index=x` -> `--sample-index x`).
fn ours(flags: &[&str]) -> Vec<String> {
    flags
        .iter()
        .flat_map(|f| {
            let (k, v) = f.trim_start_matches('-').split_once('=').unwrap();
            [format!("--{}", k.replace('_', "-")), v.to_string()]
        })
        .collect()
}

#[test]
fn peek_text_equals_pprof_peek() {
    for (rel, re, flags) in CASES {
        let path = corpus().join(rel);
        let mut args: Vec<String> =
            ["-nodefraction=0", "-edgefraction=0", "-symbolize=none"].iter().map(|s| s.to_string()).collect();
        args.extend(flags.iter().map(|s| s.to_string()));
        args.push(format!("-peek={re}"));
        let want = pprof_command(&args, &path);
        let out = Command::new(env!("CARGO_BIN_EXE_proflens"))
            .args(["peek", &path.display().to_string(), re])
            .args(ours(flags))
            .env("TZ", "UTC")
            .output()
            .unwrap();
        assert!(out.status.success(), "{rel}: {}", String::from_utf8_lossy(&out.stderr));
        let got = String::from_utf8(out.stdout).unwrap();
        // pprof lists active filters in its legend; the rest must be equal.
        let want = without_active_filters(&want);
        assert_eq!(got, want, "{rel} {re} {flags:?}");
    }
}

/// pprof's legend lists active filters (`Active filters:` and one indented line each);
/// Proflens's does not.
fn without_active_filters(text: &str) -> String {
    let mut out = String::new();
    let mut in_filters = false;
    for line in text.lines() {
        in_filters = line == "Active filters:" || (in_filters && line.starts_with("   "));
        if !in_filters {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
