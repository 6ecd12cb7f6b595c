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
    watched_with(name, leak, &[])
}

/// [`watched`], with more of watch's options (`--profiles`, `--cpu`).
fn watched_with(name: &str, leak: bool, more: &[&str]) -> String {
    let (_svc, url) = service_with("127.0.0.1:0", leak);
    let out = scratch(name);
    let dir = out.to_str().unwrap().to_string();
    let mut args = vec![url.as_str(), "--every", "1s", "--count", "3", "--out", &dir];
    args.extend(more);
    let mut w = watch(&args);
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
    // a row is `flat flat% sum% cum cum% NAME [(inline)]`; -cum commands give cum
    let row = text
        .lines()
        .map(|l| l.trim_end().trim_end_matches("(inline)").trim_end_matches("(partial-inline)").trim_end())
        .find(|l| l.ends_with(&format!(" {function}")))
        .unwrap_or_else(|| panic!("{command} prints no row for {function}:\n{text}"));
    let column = if command.contains(" -cum ") { 3 } else { 0 };
    let cell = row.split_whitespace().nth(column).unwrap();
    cell.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse().unwrap()
}

fn check_evidence(r: &Value) {
    // a join's evidence is its two findings' own, checked with them
    for f in r["findings"].as_array().unwrap().iter().filter(|f| f["kind"] != "join") {
        for e in f["evidence"].as_array().unwrap() {
            // the row the command prints, when it is not the finding's function
            let function = e["function"].as_str().or(f["functions"][0].as_str()).unwrap_or("");
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

/// Every profile watch can take: heap, goroutines, block, mutex and a second of CPU.
const ALL_PROFILES: [&str; 4] = ["--profiles", "heap,goroutine,block,mutex", "--cpu", "1s"];

fn finding<'a>(r: &'a Value, kind: &str, function: &str) -> Option<&'a Value> {
    r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .take(10)
        .find(|f| f["kind"] == kind && f["functions"][0] == function)
}

#[test]
fn the_pool_and_the_lock_are_named_from_dumps_block_mutex_and_cpu_profiles() {
    let dir = watched_with("report-planted", true, &ALL_PROFILES);
    let r = report(&[&dir]);
    assert_eq!(r["files"].as_array().unwrap().len(), 18);
    let k = kinds(&r);
    // the four planted pathologies, each by its function, in the first ten
    assert!(finding(&r, "heap_growth", "main.rememberRequest").is_some(), "{k:?}");
    assert!(finding(&r, "goroutine_growth", "main.awaitCancel").is_some(), "{k:?}");
    // the pool: by its starved waiters, or by their growing group
    assert!(
        finding(&r, "starved", "main.(*pool).Get")
            .or(finding(&r, "goroutine_growth", "main.(*pool).Get"))
            .is_some(),
        "{k:?}"
    );
    let all = r["findings"].as_array().unwrap();
    let pool = all.iter().find(|f| f["kind"] == "starved" && f["functions"][0] == "main.(*pool).Get");
    let pool = pool.unwrap_or_else(|| panic!("{k:?}"));
    assert!(
        pool["title"].as_str().unwrap().contains("in `sync.(*Cond).Wait` under `main.(*pool).Get`"),
        "{pool}"
    );
    let held = r["findings"].as_array().unwrap().iter().take(10).find(|f| {
        f["kind"] == "contention"
            && f["functions"][0] == "main.updateStats"
            && f["title"].as_str().unwrap().contains("holds a lock")
    });
    let held = held.unwrap_or_else(|| panic!("{k:?}"));
    let title = held["title"].as_str().unwrap();
    assert!(
        title.contains("goroutines wait in it now") && title.contains("of CPU while it holds the lock"),
        "{title}"
    );
    assert!(held["links"].as_array().unwrap().iter().any(|l| l
        .as_str()
        .unwrap()
        .starts_with("goroutines#group=")
        && l.as_str().unwrap().contains("&dump=")));
    // the waiters' side, from the block profile, and the starved lock from the dump
    assert!(
        all.iter().any(|f| f["kind"] == "contention"
            && f["functions"][0] == "main.updateStats"
            && f["title"].as_str().unwrap().contains("waited")),
        "{k:?}"
    );
    let lock = all.iter().find(|f| f["kind"] == "starved" && f["functions"][0] == "main.updateStats");
    let lock = lock.unwrap_or_else(|| panic!("{k:?}"));
    assert!(
        lock["title"].as_str().unwrap().contains("in `sync.(*Mutex).Lock` under `main.updateStats`"),
        "{lock}"
    );
    assert!(
        lock["evidence"].as_array().unwrap().iter().any(|e| e["unit"] == "nanoseconds"),
        "its delay: {lock}"
    );
    // the hot spot, and the library call it spends in
    let hot = finding(&r, "hot_spot", "main.updateStats").unwrap_or_else(|| panic!("{k:?}"));
    assert!(hot["title"].as_str().unwrap().contains("in `encoding/json.Marshal`"), "{hot}");
    let path: Vec<&str> =
        hot["path"].as_array().unwrap().iter().map(|p| p["function"].as_str().unwrap()).collect();
    assert_eq!(&path[path.len() - 2..], ["main.updateStats", "encoding/json.Marshal"], "{path:?}");
    // every number, printed again by the real go tool pprof (or grep)
    check_evidence(&r);
}

#[test]
fn a_healthy_run_with_every_profile_has_no_growth_leak_or_contention_finding() {
    let dir = watched_with("report-control-all", false, &ALL_PROFILES);
    let r = report(&[&dir]);
    let k = kinds(&r);
    let bad = ["heap_growth", "goroutine_growth", "goroutine_leak", "starved", "contention", "join"];
    let titles: Vec<&str> =
        r["findings"].as_array().unwrap().iter().map(|f| f["title"].as_str().unwrap()).collect();
    assert!(k.iter().all(|(kind, _)| !bad.contains(&kind.as_str())), "{k:?}: {titles:#?}");
}

#[test]
fn the_fixed_run_marks_each_finding_gone() {
    let leaky = watched_with("report-before", true, &ALL_PROFILES);
    let fixed = watched_with("report-after", false, &ALL_PROFILES);
    let r = report(&[&leaky, "--after", &fixed]);
    let all = r["findings"].as_array().unwrap();
    let before: Vec<&Value> = all.iter().filter(|f| f["status"]["state"] != "new").collect();
    assert!(before.len() >= 6, "{all:?}");
    for f in &before {
        // a fresh process's heap grows while it warms up: HeapInuse's growth may only be smaller
        if f["kind"] == "runtime_memory" {
            assert!(f["status"]["state"] == "gone" || f["status"]["state"] == "smaller", "{f}");
            continue;
        }
        assert_eq!(f["status"]["state"], "gone", "{f}");
        assert_eq!(f["status"]["before"], f["evidence"][0]["value"], "{f}");
    }
    let sets: Vec<&str> = r["files"].as_array().unwrap().iter().map(|f| f["set"].as_str().unwrap()).collect();
    assert_eq!(sets.iter().filter(|s| **s == "after").count(), 18, "{sets:?}");
    // the same leaky run against itself: every finding is still there
    let same = report(&[&leaky, "--after", &leaky]);
    for f in same["findings"].as_array().unwrap() {
        assert_eq!(f["status"]["state"], "still_there", "{f}");
    }
}

#[test]
fn files_of_two_programs_are_refused_with_both_named() {
    let leaky = watched("report-two-programs", true);
    let heap = corpus().join("go/heap_t0.pb.gz").display().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_proflens")).args(["report", &leaky, &heap]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("come from 2 programs") && err.contains("leaky-service") && err.contains(&heap),
        "{err}"
    );
    // a dump of the corpus program goes with its heap snapshots (they share its functions)
    let dump = corpus().join("go/goroutine_debug2.txt").display().to_string();
    let r = report(&[&heap, &dump]);
    assert!(
        r["advice"].as_array().unwrap().iter().all(|a| !a.as_str().unwrap().contains("cannot tell")),
        "{r}"
    );
    // and a dump of the leaky service does not
    let theirs = std::fs::read_dir(&leaky)
        .unwrap()
        .flatten()
        .map(|e| e.path().display().to_string())
        .find(|p| p.contains("goroutine_"))
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_proflens")).args(["report", &heap, &theirs]).output().unwrap();
    assert!(!out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}
