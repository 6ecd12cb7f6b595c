//! `proflens goroutines` and `proflens info` on the corpus dumps.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::corpus;
use std::process::Command;

fn proflens(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_proflens")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap())
}

fn path(name: &str) -> String {
    corpus().join("go").join(name).display().to_string()
}

#[test]
fn json_has_exactly_the_documented_shape() {
    let (code, out) = proflens(&["goroutines", &path("goroutine_debug2.txt"), "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let keys = |o: &serde_json::Value| {
        let mut k: Vec<String> = o.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&v), ["groups", "total"]);
    assert_eq!(v["total"], 1250);
    let groups = v["groups"].as_array().unwrap();
    let sum: u64 = groups.iter().map(|g| g["count"].as_u64().unwrap()).sum();
    assert_eq!(sum, 1250);
    let g = &groups[0];
    assert_eq!(keys(g), ["count", "created_by", "frames", "state", "wait_minutes"]);
    assert_eq!((&g["state"], &g["count"]), (&"chan receive".into(), &1238.into()));
    assert_eq!(g["wait_minutes"], serde_json::json!({"min": 1, "median": 1, "max": 1}));
    assert_eq!(
        g["created_by"],
        serde_json::json!({"function": "main.handleOrder", "file": "inventory-server/main.go", "line": 186})
    );
    assert_eq!(
        g["frames"],
        serde_json::json!([{"function": "main.awaitConfirmation", "file": "inventory-server/main.go", "line": 166}])
    );
    let running = groups.iter().find(|g| g["state"] == "running").unwrap();
    assert_eq!(running["wait_minutes"], serde_json::Value::Null);
    let semacquire = groups.iter().find(|g| g["state"] == "semacquire").unwrap();
    assert_eq!(semacquire["frames"][1]["function"], "sync.(*WaitGroup).Wait");
}

#[test]
fn base_adds_base_count_to_every_group() {
    let (code, out) = proflens(&[
        "goroutines",
        &path("goroutine_debug2.txt"),
        "--base",
        &path("goroutine_debug2.txt"),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for g in v["groups"].as_array().unwrap() {
        assert_eq!(g["base_count"], g["count"]);
    }
}

#[test]
fn text_reads_one_group_per_paragraph() {
    let (code, out) = proflens(&["goroutines", &path("goroutine_debug2.txt")]);
    assert_eq!(code, 0);
    let paragraphs: Vec<&str> = out.split("\n\n").collect();
    assert!(paragraphs[0].contains("1250 goroutines in 10 groups"), "{}", paragraphs[0]);
    assert!(paragraphs[1].starts_with("1238: chan receive"), "{}", paragraphs[1]);
    assert!(paragraphs[1].contains("main.awaitConfirmation"));
    assert!(paragraphs[1].contains("created by main.handleOrder"));
    assert_eq!(paragraphs.len(), 11);
}

#[test]
fn info_describes_a_dump() {
    let (code, out) = proflens(&["info", &path("goroutine_debug2.txt")]);
    assert_eq!(code, 0);
    assert!(out.contains("Kind: goroutine dump (debug=2)"), "{out}");
    assert!(out.contains("Goroutines: 1250"));
    assert!(out.lines().any(|l| l.trim() == "1238  chan receive"), "{out}");
    let (code, out) = proflens(&["info", &path("goroutine_debug1.txt")]);
    assert_eq!(code, 0);
    assert!(out.contains("Header total: 1250"), "{out}");
}

#[test]
fn top_and_goroutines_read_every_form() {
    for file in ["goroutine_debug2.txt", "goroutine_debug1.txt", "goroutine.pb.gz"] {
        let (code, out) = proflens(&["top", &path(file), "--format", "json"]);
        assert_eq!(code, 0, "{file}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["total"], 1250, "{file}");
        let (code, out) = proflens(&["goroutines", &path(file), "--format", "json"]);
        assert_eq!(code, 0, "{file}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["groups"][0]["count"], 1238, "{file}");
    }
    let (code, _) = proflens(&["goroutines", &path("heap_t0.pb.gz")]);
    assert_eq!(code, 1);
}

/// Three dumps of the corpus server made from its debug=2 dump: the leak keeps 300, then
/// 800, then all of its goroutines (and waits only in the last two).
#[test]
fn several_dumps_rank_the_growing_group_first() {
    let text = std::fs::read_to_string(path("goroutine_debug2.txt")).unwrap();
    let dir = std::env::temp_dir().join(format!("proflens-series-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for (name, keep, waits) in [("a.txt", 300, false), ("b.txt", 800, true)] {
        let mut seen = 0;
        let blocks: Vec<String> = text
            .split("\n\n")
            .filter(|b| !b.contains("main.awaitConfirmation") || (seen += 1, seen <= keep).1)
            .map(|b| if waits { b.to_string() } else { b.replace(", 1 minutes]", "]") })
            .collect();
        let file = dir.join(name);
        std::fs::write(&file, blocks.join("\n\n")).unwrap();
        files.push(file.display().to_string());
    }
    files.push(path("goroutine_debug2.txt"));
    let mut args = vec!["goroutines"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--format", "json"]);
    let (code, out) = proflens(&args);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["totals"], serde_json::json!([312, 812, 1250]));
    let first = &v["groups"][0];
    assert_eq!(
        (&first["function"], &first["counts"]),
        (&"main.awaitConfirmation".into(), &serde_json::json!([300, 800, 1238]))
    );
    assert_eq!((&first["mk_tau"], &first["likely_leak"]), (&1.0.into(), &true.into()));
    assert!(v["groups"].as_array().unwrap()[1..]
        .iter()
        .all(|g| g["likely_leak"] == false && g["delta"] == 0));
}
