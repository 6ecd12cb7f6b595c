//! `proflens report`: the findings of a real leaking service name its leaks, a healthy
//! run of the same service has none, and every evidence command, run for real (`go tool
//! pprof`, `grep`), prints the number the finding gives.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::corpus;
use common::service::{scratch, service_with, watch};
use serde_json::Value;
use std::process::Command;

fn report(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_proflens"))
        .arg("report")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Snapshots of the example service, three rounds a second apart.
fn watched(name: &str, leak: bool) -> String {
    let (_svc, url) = service_with("127.0.0.1:0", leak);
    let out = scratch(name);
    let dir = out.to_str().unwrap().to_string();
    let mut w = watch(&[&url, "--every", "1s", "--count", "3", "--out", &dir]);
    assert_eq!(w.wait(), 0, "{}", w.seen.join("\n"));
    dir
}

fn kinds(r: &Value) -> Vec<(String, Vec<String>)> {
    r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let functions =
                f["functions"].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect();
            (f["kind"].as_str().unwrap().to_string(), functions)
        })
        .collect()
}

/// Runs an evidence command for real and finds the number it prints: pprof's row for
/// `function` (flat, with -unit=B), or grep's count.
fn printed(command: &str, function: &str) -> i64 {
    let out = Command::new("sh").arg("-c").arg(command).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    if command.starts_with("grep") {
        // grep -c prints a count; grep '^# Field = ' prints the field's line
        return text.split_whitespace().last().unwrap().parse().unwrap();
    }
    assert!(out.status.success(), "{command}: {}", String::from_utf8_lossy(&out.stderr));
    let row = text
        .lines()
        .find(|l| l.split_whitespace().last() == Some(function))
        .unwrap_or_else(|| panic!("{command} prints no row for {function}:\n{text}"));
    row.split_whitespace().next().unwrap().trim_end_matches('B').parse().unwrap()
}

fn check_evidence(r: &Value) {
    // a join's evidence is its two findings' own, checked with them
    for f in r["findings"].as_array().unwrap().iter().filter(|f| f["kind"] != "join") {
        let function = f["functions"][0].as_str().unwrap_or("");
        for e in f["evidence"].as_array().unwrap() {
            let cmd = e["command"].as_str().unwrap();
            assert_eq!(printed(cmd, function), e["value"].as_i64().unwrap(), "{cmd}");
        }
    }
}

#[test]
fn the_leaking_service_has_its_leaks_named_with_evidence_pprof_prints() {
    let dir = watched("report-leak", true);
    let r = report(&[&dir]);
    assert_eq!(r["program"], "leaky-service");
    assert_eq!(r["files"].as_array().unwrap().len(), 9);
    let k = kinds(&r);
    let top: Vec<_> = k.iter().take(3).collect();
    assert!(top.iter().any(|(kind, f)| kind == "heap_growth" && f[0] == "main.rememberRequest"), "{k:?}");
    assert!(
        top.iter().any(|(kind, f)| kind == "goroutine_growth"
            && f[0] == "main.awaitCancel"
            && f[1] == "main.handle"),
        "{k:?}"
    );
    assert!(
        k.iter().any(|(kind, f)| kind == "join" && f == &["main.handle"]),
        "the handler behind both leaks: {k:?}"
    );
    let heap = r["findings"].as_array().unwrap().iter().find(|f| f["kind"] == "heap_growth").unwrap();
    let path: Vec<&str> =
        heap["path"].as_array().unwrap().iter().map(|p| p["function"].as_str().unwrap()).collect();
    assert_eq!(path.last(), Some(&"main.rememberRequest"), "{path:?}");
    assert!(path.contains(&"main.handle"), "{path:?}");
    assert!(heap["path"][path.len() - 1]["file"].as_str().unwrap().ends_with("leaky-service/main.go"));
    check_evidence(&r);
}

#[test]
fn a_healthy_run_of_the_same_service_has_no_growth_finding() {
    let dir = watched("report-control", false);
    let r = report(&[&dir]);
    let k = kinds(&r);
    assert!(
        k.iter()
            .all(|(kind, _)| kind != "heap_growth" && kind != "goroutine_growth" && kind != "goroutine_leak"),
        "{k:?}"
    );
}

#[test]
fn the_corpus_snapshots_name_the_growing_site_and_pprof_agrees() {
    let files: Vec<String> = ["go/heap_t0.pb.gz", "go/heap_t1.pb.gz", "go/heap_t2.pb.gz"]
        .iter()
        .map(|f| corpus().join(f).display().to_string())
        .collect();
    let r = report(&files.iter().map(String::as_str).collect::<Vec<_>>());
    let first = &r["findings"][0];
    assert_eq!(first["kind"], "heap_growth");
    assert_eq!(first["functions"][0], "main.newItem");
    assert_eq!(first["severity"], "high");
    assert!(first["title"].as_str().unwrap().contains("grew by 114.99MB"), "{}", first["title"]);
    check_evidence(&r);
    // one snapshot shows no growth, and says what to take next
    let one = report(&[&files[2]]);
    assert!(one["findings"].as_array().unwrap().iter().all(|f| f["kind"] != "heap_growth"));
    assert!(one["advice"][0].as_str().unwrap().contains("curl -o heap_t1.pb.gz"));
}

#[test]
fn markdown_and_text_name_the_findings() {
    let files: Vec<String> = ["go/heap_t0.pb.gz", "go/heap_t2.pb.gz"]
        .iter()
        .map(|f| corpus().join(f).display().to_string())
        .collect();
    for (format, want) in
        [("md", "### 1. Memory allocated in \\`main.newItem\\`"), ("text", "1. [likely High")]
    {
        let out = Command::new(env!("CARGO_BIN_EXE_proflens"))
            .arg("report")
            .args(&files)
            .args(["--format", format])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(want), "{format}:\n{text}");
    }
}
