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

#[test]
fn top_with_base_or_diff_base_equals_the_oracle_json() {
    let oracle = |mode: &str| -> serde_json::Value {
        let file = corpus().join(format!("oracle/go/{mode}.heap_t0__heap_t2.json"));
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
    };
    for (flag, mode, ty) in [
        ("--diff-base", "diff_base", "inuse_space"),
        ("--diff-base", "diff_base", "alloc_objects"),
        ("--base", "base", "inuse_space"),
    ] {
        let oracle = oracle(mode);
        let (code, out, err) = proflens(&[
            "top",
            &path("go/heap_t2.pb.gz"),
            flag,
            &path("go/heap_t0.pb.gz"),
            "--sample-index",
            ty,
            "--format",
            "json",
        ]);
        assert_eq!(code, 0, "{err}");
        let got: serde_json::Value = serde_json::from_str(&out).unwrap();
        let want = &oracle["types"][ty];
        assert_eq!(got["total"], want["total"], "{flag} {ty}");
        let names = |v: &serde_json::Value, k: &str| -> Vec<(String, i64, i64)> {
            v[k].as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r["name"].as_str().unwrap().into(),
                        r["flat"].as_i64().unwrap(),
                        r["cum"].as_i64().unwrap(),
                    )
                })
                .collect()
        };
        assert_eq!(names(&got, "rows"), names(want, "functions"), "{flag} {ty}");
    }
}

#[test]
fn folded_with_base_equals_the_oracle() {
    let (code, out, _) =
        proflens(&["folded", &path("go/heap_t1.pb.gz"), "--base", &path("go/heap_t0.pb.gz")]);
    assert_eq!(code, 0);
    let want = std::fs::read_to_string(corpus().join("oracle/go/base.heap_t0__heap_t1.folded.txt")).unwrap();
    assert!(out == want, "folded --base differs from the oracle");
}

#[test]
fn trend_ranks_the_leaking_allocation_site_first() {
    // Given out of time order on purpose: the trend sorts by time_nanos.
    let files = [path("go/heap_t2.pb.gz"), path("go/heap_t0.pb.gz"), path("go/heap_t1.pb.gz")];
    let (code, out, err) = proflens(&[
        "trend",
        &files[0],
        &files[1],
        &files[2],
        "--sample-index",
        "inuse_space",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let got: serde_json::Value = serde_json::from_str(&out).unwrap();
    let times: Vec<i64> = got["times"].as_array().unwrap().iter().map(|t| t.as_i64().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    assert!(got["files"][0].as_str().unwrap().ends_with("heap_t0.pb.gz"));
    let first = &got["rows"][0];
    assert_eq!(first["name"], "main.newItem");
    // Its series is its flat inuse_space in each snapshot, as pprof reports it.
    for (k, snap) in ["heap_t0", "heap_t1", "heap_t2"].iter().enumerate() {
        let oracle: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(corpus().join(format!("oracle/go/{snap}.pb.gz.json"))).unwrap(),
        )
        .unwrap();
        let want = oracle["types"]["inuse_space"]["functions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == "main.newItem")
            .unwrap()["flat"]
            .clone();
        assert_eq!(first["values"][k], want, "{snap}");
    }
    assert_eq!(first["mk_tau"], 1.0);
    let scores: Vec<f64> =
        got["rows"].as_array().unwrap().iter().map(|r| r["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "rows sorted by score");
}

#[test]
fn diff_usage_errors_and_incompatible_profiles() {
    let (code, _, err) = proflens(&["trend", &path("go/heap_t0.pb.gz")]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = proflens(&["export", &path("go/heap_t0.pb.gz")]);
    assert_eq!((code, err.contains("-o")), (2, true), "{err}");
    let (code, _, err) = proflens(&["top", &path("go/cpu.pb.gz"), "--base", &path("go/heap_t0.pb.gz")]);
    assert_eq!(code, 1);
    assert!(err.contains("incompatible"), "{err}");
}

#[test]
fn export_writes_a_profile_we_read_back_as_the_diff() {
    let out = std::env::temp_dir().join("proflens-cli-export.pb.gz");
    let out_s = out.display().to_string();
    let (code, _, err) = proflens(&[
        "export",
        &path("go/heap_t2.pb.gz"),
        "--diff-base",
        &path("go/heap_t0.pb.gz"),
        "-o",
        &out_s,
    ]);
    assert_eq!(code, 0, "{err}");
    let direct = proflens(&[
        "top",
        &path("go/heap_t2.pb.gz"),
        "--diff-base",
        &path("go/heap_t0.pb.gz"),
        "--format",
        "json",
    ]);
    let exported = proflens(&["top", &out_s, "--format", "json"]);
    assert_eq!(exported.1, direct.1);
    // A diff has negative values: info says it reads as a delta profile.
    let (_, info, _) = proflens(&["info", &out_s]);
    assert!(info.contains("inuse_space/bytes  (default)  (has negative values"), "{info}");
    let (_, plain, _) = proflens(&["info", &path("go/heap_t2.pb.gz")]);
    assert!(!plain.contains("negative"), "{plain}");
}

#[test]
fn filter_flags_reach_the_engine_and_keep_the_unfiltered_total() {
    let file = path("go/heap_t2.pb.gz");
    let json = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["top", &file, "--format", "json"];
        args.extend_from_slice(extra);
        let (code, out, err) = proflens(&args);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str(&out).unwrap()
    };
    let all = json(&[]);
    let focused = json(&["--focus", "newItem", "--hide", "runtime", "--tagfocus", "bytes=1kb:"]);
    assert_eq!(focused["total"], all["total"], "pprof keeps the unfiltered total");
    let names: Vec<&str> =
        focused["rows"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"main.newItem"), "{names:?}");
    assert!(names.iter().all(|n| !n.starts_with("runtime.")), "{names:?}");
    assert!(names.len() < all["rows"].as_array().unwrap().len());
    let (code, _, err) = proflens(&["top", &file, "--focus", "("]);
    assert_eq!(code, 2, "a bad regexp is bad usage: {err}");
    let (code, _, err) = proflens(&["peek", &file, "^nothing matches this$"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no matches"), "{err}");
}

#[test]
fn export_redacts_names_on_request() {
    let out = std::env::temp_dir().join("proflens-cli-redacted.pb.gz");
    let out_s = out.display().to_string();
    let (code, _, err) = proflens(&["export", &path("go/heap_t2.pb.gz"), "--redact", "-o", &out_s]);
    assert_eq!(code, 0, "{err}");
    let (_, text, _) = proflens(&["top", &out_s]);
    assert!(!text.contains("main.newItem"), "{text}");
    assert!(text.contains("f_"), "hashed names: {text}");
}

/// `top --format csv|md`: the rows of `--format json`, with `-top`'s scaled cells and the
/// exact values beside them.
#[test]
fn top_csv_and_markdown_carry_the_exact_values() {
    let file = path("go/heap_t2.pb.gz");
    let (_, json, _) = proflens(&["top", &file, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = json["rows"].as_array().unwrap();
    let (code, csv, _) = proflens(&["top", &file, "--format", "csv"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "Flat,Flat%,Sum%,Cum,Cum%,Name,Inline,Flat (bytes),Cum (bytes)");
    assert_eq!(lines.len(), rows.len() + 1);
    for (line, r) in lines[1..].iter().zip(rows) {
        let cells: Vec<&str> = line.rsplitn(3, ',').collect();
        assert_eq!((cells[1], cells[0]), (&*r["flat"].to_string(), &*r["cum"].to_string()), "{line}");
    }
    let (text_code, text, _) = proflens(&["top", &file]);
    assert_eq!(text_code, 0);
    let first = text.lines().skip_while(|l| !l.contains("flat%")).nth(1).unwrap();
    let cells: Vec<&str> = lines[1].split(',').collect();
    assert!(first.split_whitespace().take(5).eq(cells[..5].iter().copied()), "{first} vs {}", lines[1]);
    let (code, md, _) = proflens(&["top", &file, "--format", "md", "--nodecount", "2"]);
    assert_eq!(code, 0);
    assert_eq!(md.lines().count(), 4, "{md}");
    assert!(
        md.starts_with(
            "| Flat | Flat% | Sum% | Cum | Cum% | Name | Inline | Flat (bytes) | Cum (bytes) |\n|---:|"
        ),
        "{md}"
    );
    assert_eq!(proflens(&["info", &file, "--format", "csv"]).0, 2);
}
