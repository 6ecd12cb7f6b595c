//! The page's `findings` request: the same report as `proflens report --format json` over
//! the same files (the CLI is the reference, itself checked against `go tool pprof` in
//! tests/report.rs), files of two programs refused until the user says they are one, and
//! the Markdown export with the Export menu's redaction.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::corpus;
use proflens::query::redact::{name, Redaction};
use proflens::session::protocol::{Request, Response};
use proflens::session::Session;
use serde_json::{json, Value};
use std::process::Command;

const FILES: [&str; 4] =
    ["go/heap_t0.pb.gz", "go/heap_t1.pb.gz", "go/heap_t2.pb.gz", "go/goroutine_debug2.txt"];

/// The session with `files` loaded, each named by its path as the CLI names it.
fn session(files: &[String]) -> (Session, Vec<u32>) {
    let mut s = Session::new();
    let ids =
        files.iter().map(|f| s.load(f.clone(), std::fs::read(f).unwrap(), &mut |_, _| {}).unwrap()).collect();
    (s, ids)
}

fn paths(rel: &[&str]) -> Vec<String> {
    rel.iter().map(|f| corpus().join(f).display().to_string()).collect()
}

fn request(s: &mut Session, r: Value) -> Result<Value, String> {
    let r: Request = serde_json::from_value(r).unwrap();
    match s.handle(r) {
        Ok(Response::Findings(x)) => Ok(serde_json::to_value(x).unwrap()),
        Ok(Response::FindingsMarkdown(t)) => Ok(json!(t.text)),
        Ok(_) => panic!("another response"),
        Err(e) => Err(e.0),
    }
}

#[test]
fn the_findings_request_answers_what_the_cli_prints() {
    let files = paths(&FILES);
    let (mut s, ids) = session(&files);
    let page = request(&mut s, json!({"type": "findings", "profiles": ids})).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_proflens"))
        .arg("report")
        .args(&files)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page, cli);
    assert_eq!(page["findings"][0]["kind"], "heap_growth");
    assert_eq!(page["findings"][0]["functions"][0], "main.newItem");
    // before/after: the first snapshot then the last two, as the user split them
    let split = request(&mut s, json!({"type": "findings", "profiles": [ids[0], ids[1]], "after": [ids[2]]}))
        .unwrap();
    assert!(
        split["findings"].as_array().unwrap().iter().all(|f| f["status"]["state"].is_string()),
        "{split}"
    );
}

#[test]
fn two_programs_are_refused_until_the_user_says_they_are_one() {
    let leak = std::env::temp_dir().join("proflens-session-findings-other.txt");
    // a dump of another program: its own functions are not the corpus program's
    std::fs::write(
        &leak,
        "goroutine 1 [chan receive, 12 minutes]:\nexample.com/other.wait()\n\t/src/other/wait.go:10 +0x1\n\
         created by example.com/other.start\n\t/src/other/start.go:5 +0x2\n",
    )
    .unwrap();
    let mut files = paths(&FILES[..1]);
    files.push(leak.display().to_string());
    let (mut s, ids) = session(&files);
    let err = request(&mut s, json!({"type": "findings", "profiles": ids})).unwrap_err();
    assert!(err.contains("2 programs") && err.contains("proflens-session-findings-other.txt"), "{err}");
    let ok = request(&mut s, json!({"type": "findings", "profiles": ids, "sameProgram": true})).unwrap();
    assert_eq!(ok["files"].as_array().unwrap().len(), 2);
}

#[test]
fn the_markdown_export_redacts_names_and_keeps_numbers() {
    let files = paths(&FILES);
    let (mut s, ids) = session(&files);
    let plain = request(&mut s, json!({"type": "findingsMarkdown", "profiles": ids})).unwrap();
    let plain = plain.as_str().unwrap();
    assert!(plain.contains("main\\.newItem") || plain.contains("main.newItem"), "{plain}");
    let hashed =
        request(&mut s, json!({"type": "findingsMarkdown", "profiles": ids, "redaction": "hash"})).unwrap();
    let hashed = hashed.as_str().unwrap();
    assert!(!hashed.contains("newItem"), "{hashed}");
    // (Markdown escapes the `_` of the hash)
    let hash = name('f', "main.newItem", &Redaction::Hash).replace('_', "\\_");
    assert!(hashed.contains(&hash), "{hash} in {hashed}");
    // the numbers stay
    let report: Value = request(&mut s, json!({"type": "findings", "profiles": ids})).unwrap();
    let grew = report["findings"][0]["evidence"][0]["value"].as_i64().unwrap().to_string();
    assert!(plain.contains(&grew) && hashed.contains(&grew), "{grew}");
}
