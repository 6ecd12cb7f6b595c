#![cfg(not(target_arch = "wasm32"))]
//! Differential tests against `go tool pprof`'s numbers, as stored in the corpus oracle
//! (made by `gen/make_oracle.sh`: `go tool pprof -top -nodecount=1000000 -nodefraction=0
//! -edgefraction=0 -symbolize=none -sample_index=T P` and `gen/pprof-oracle P`).
//! Every profile, every sample type: flat, cum, inline mark, order and total must be
//! equal; folded stacks must be equal line for line; the -top text rows must be equal.

mod common;

use common::oracle::{assert_folded_equals, assert_text_rows_equal, assert_top_equals};
use common::{corpus, corpus_profiles, load, read_text_maybe_gz};
use proflens::query::top::sort_rows;
use proflens::query::{top, Granularity, SortOrder, StackView};
use proflens::report;
use serde_json::Value;

fn oracle_json(rel: &str) -> Value {
    let path = corpus().join("oracle").join(format!("{rel}.json"));
    let text = read_text_maybe_gz(&path).unwrap_or_else(|| panic!("missing oracle {}", path.display()));
    serde_json::from_str(&text).unwrap()
}

#[test]
fn flat_cum_and_totals_equal_pprof_for_every_profile_and_type() {
    let mut checked = 0;
    for rel in corpus_profiles() {
        let oracle = oracle_json(&rel);
        let p = load(&rel);
        let view = StackView::new(&p, Granularity::Functions);
        assert_eq!(p.samples.len() as u64, oracle["counts"]["samples_in_file"].as_u64().unwrap(), "{rel}");
        assert_eq!(
            p.locations.len() as u64,
            oracle["counts"]["locations_in_file"].as_u64().unwrap(),
            "{rel}"
        );
        assert_eq!(
            p.functions.len() as u64,
            oracle["counts"]["functions_in_file"].as_u64().unwrap(),
            "{rel}"
        );
        let default = oracle["default_sample_type"].as_str().unwrap_or("");
        if !default.is_empty() {
            assert_eq!(p.str(p.sample_types[p.default_sample_index()].ty), default, "{rel}");
        }
        for (i, st) in p.sample_types.iter().enumerate() {
            let name = p.str(st.ty);
            assert_top_equals(&p, &view, i, &oracle["types"][name], &format!("{rel} {name}"));
            checked += 1;
        }
    }
    assert!(checked >= 60, "only {checked} (profile, type) pairs checked");
}

/// The trend's flat values, made from the samples without the stack tree's sums: per
/// function name (pprof prints keys alike as one) and pprof's total, for every type.
#[test]
fn flat_values_made_from_samples_equal_pprof_for_every_profile_and_type() {
    use proflens::query::values::flat_by_key_of_samples;
    use std::collections::BTreeMap;
    let mut checked = 0;
    for rel in corpus_profiles() {
        let oracle = oracle_json(&rel);
        let p = load(&rel);
        let view = StackView::new(&p, Granularity::Functions);
        for (i, st) in p.sample_types.iter().enumerate() {
            let want = &oracle["types"][p.str(st.ty)];
            let (flat, total) = flat_by_key_of_samples(&p, &view, i);
            assert_eq!(total, want["total"].as_i64().unwrap(), "{rel} {i}: total");
            let mut got: BTreeMap<&str, i64> = BTreeMap::new();
            for (key, &f) in flat.iter().enumerate() {
                *got.entry(view.name(key as u32)).or_default() += f;
            }
            let mut expect: BTreeMap<&str, i64> = BTreeMap::new();
            for r in want["functions"].as_array().unwrap() {
                *expect.entry(r["name"].as_str().unwrap()).or_default() += r["flat"].as_i64().unwrap();
            }
            got.retain(|_, f| *f != 0);
            expect.retain(|_, f| *f != 0);
            assert_eq!(got, expect, "{rel} {i}: flat by function");
            checked += 1;
        }
    }
    assert!(checked >= 60, "only {checked} (profile, type) pairs checked");
}

#[test]
fn folded_stacks_equal_the_oracle() {
    for rel in corpus_profiles() {
        let path = corpus().join("oracle").join(format!("{rel}.folded.txt"));
        let want = read_text_maybe_gz(&path).unwrap_or_else(|| panic!("missing {}", path.display()));
        let p = load(&rel);
        assert_folded_equals(&p, &want, &rel);
    }
}

#[test]
fn top_text_rows_equal_pprof_top_and_cum_text() {
    let mut checked = 0;
    for rel in corpus_profiles() {
        let p = load(&rel);
        let view = StackView::new(&p, Granularity::Functions);
        for (i, st) in p.sample_types.iter().enumerate() {
            let name = p.str(st.ty);
            for (suffix, order) in [("top", SortOrder::Flat), ("cum", SortOrder::Cum)] {
                let path = corpus().join("oracle").join(format!("{rel}.{name}.{suffix}.txt"));
                let Some(want) = read_text_maybe_gz(&path) else {
                    panic!("missing oracle {}", path.display());
                };
                let mut t = top(&p, &view, i);
                sort_rows(&mut t.rows, &view, order);
                let n = t.rows.len();
                let got = report::top_text::render(&p, &view, &t, n);
                assert_text_rows_equal(&got, &want, &format!("{rel} {name} {suffix}"));
                checked += 1;
            }
        }
    }
    assert!(checked >= 120);
}
