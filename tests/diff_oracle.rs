#![cfg(not(target_arch = "wasm32"))]
//! Diffs against `go tool pprof -base` and `-diff_base`, for every pair and sample type in
//! the corpus's `gen/oracle_diffs.txt`. The oracle files were made by
//! `gen/make_oracle.sh`: `go tool pprof -top -nodecount=1000000 -nodefraction=0
//! -edgefraction=0 -symbolize=none -sample_index=T -base A B` (and `-diff_base`), and
//! `gen/pprof-oracle -base A B` for the JSON and folded stacks.

mod common;

use common::oracle::{assert_folded_equals, assert_text_rows_equal, assert_top_equals};
use common::{corpus, load, read_text_maybe_gz};
use proflens::query::diff::{diff, DiffMode, DiffOptions};
use proflens::query::top::sort_rows;
use proflens::query::{top, Granularity, SortOrder, StackView};
use proflens::report;
use serde_json::Value;

/// (dir, base file, target file, sample types with text oracles)
fn pairs() -> Vec<(String, String, String, Vec<String>)> {
    let list = std::fs::read_to_string(corpus().join("gen/oracle_diffs.txt")).unwrap();
    let pairs: Vec<_> = list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            (w[0].into(), w[1].into(), w[2].into(), w[3..].iter().map(|s| s.to_string()).collect())
        })
        .collect();
    assert!(pairs.len() >= 4, "expected the corpus's diff pairs");
    pairs
}

fn stem(file: &str) -> &str {
    file.trim_end_matches(".gz").trim_end_matches(".pb")
}

fn oracle_text(dir: &str, name: &str) -> String {
    let path = corpus().join("oracle").join(dir).join(name);
    read_text_maybe_gz(&path).unwrap_or_else(|| panic!("missing oracle {}", path.display()))
}

#[test]
fn diffs_equal_pprof_for_every_pair_mode_and_type() {
    let mut checked = 0;
    for (dir, base_file, target_file, text_types) in pairs() {
        let base = load(&format!("{dir}/{base_file}"));
        let target = load(&format!("{dir}/{target_file}"));
        for (mode, flag) in [(DiffMode::Base, "base"), (DiffMode::DiffBase, "diff_base")] {
            let prefix = format!("{flag}.{}__{}", stem(&base_file), stem(&target_file));
            let what = format!("{dir}/{prefix}");
            let d = diff(&target, &base, DiffOptions { mode, normalize: false }).unwrap();
            let oracle: Value = serde_json::from_str(&oracle_text(&dir, &format!("{prefix}.json"))).unwrap();
            assert_eq!(oracle["mode"].as_str(), Some(flag));
            assert_eq!(
                d.samples.len() as u64,
                oracle["counts"]["samples_after_merge"].as_u64().unwrap(),
                "{what}: merged samples"
            );
            let view = StackView::new(&d, Granularity::Functions);
            for (i, st) in d.sample_types.iter().enumerate() {
                let name = d.str(st.ty);
                assert_top_equals(&d, &view, i, &oracle["types"][name], &format!("{what} {name}"));
                checked += 1;
            }
            assert_folded_equals(&d, &oracle_text(&dir, &format!("{prefix}.folded.txt")), &what);
            for ty in &text_types {
                let i = d.sample_index(ty).unwrap();
                for (suffix, order) in [("top", SortOrder::Flat), ("cum", SortOrder::Cum)] {
                    let want = oracle_text(&dir, &format!("{prefix}.{ty}.{suffix}.txt"));
                    let mut t = top(&d, &view, i);
                    sort_rows(&mut t.rows, &view, order);
                    let got = report::top_text::render(&d, &view, &t, t.rows.len());
                    assert_text_rows_equal(&got, &want, &format!("{what} {ty} {suffix}"));
                }
            }
        }
    }
    assert!(checked >= 24, "only {checked} (pair, mode, type) checked");
}
