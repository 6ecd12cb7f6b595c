#![cfg(not(target_arch = "wasm32"))]
//! The lines panel (`query::function_lines`) against live `go tool pprof -top -lines`:
//! for the busiest functions of a few corpus profiles, our rows are exactly pprof's rows
//! named after that function (`function file:line`), with the same flat and cum.

mod common;

use common::pprof::pprof_rows;
use common::{corpus, load};
use proflens::query::function_lines::function_lines;
use proflens::query::{top, Granularity, StackView};

#[test]
fn function_lines_equal_pprof_top_lines() {
    for (rel, ty) in [("go/cpu.pb.gz", "samples"), ("go/heap_t2.pb.gz", "alloc_space")] {
        let p = load(rel);
        let index = p.sample_types.iter().position(|t| p.str(t.ty) == ty).unwrap();
        let unit = p.str(p.sample_types[index].unit).to_string();
        let want_all = pprof_rows(&corpus().join(rel), ty, &unit, &["-lines".into()]);
        let functions = StackView::new(&p, Granularity::Functions);
        let lines = StackView::new(&p, Granularity::Lines);
        let mut busiest = top(&p, &functions, index).rows;
        busiest.sort_by_key(|r| std::cmp::Reverse(r.cum.abs()));
        let mut checked = 0;
        for r in busiest.iter().take(8) {
            let f = functions.name(r.key);
            let mut want: Vec<(i64, i64, String)> = want_all
                .iter()
                .filter(|(_, _, name)| name.strip_prefix(f).is_some_and(|rest| rest.starts_with(' ')))
                .map(|(flat, cum, name)| (*flat, *cum, name.trim_end_matches(" (inline)").to_string()))
                .collect();
            let mut got: Vec<(i64, i64, String)> =
                function_lines(&p, &lines, index, f).into_iter().map(|l| (l.flat, l.cum, l.name)).collect();
            want.sort_by(|a, b| a.2.cmp(&b.2));
            got.sort_by(|a, b| a.2.cmp(&b.2));
            assert!(!got.is_empty(), "{rel}: {f} has lines");
            assert_eq!(got, want, "{rel} {ty}: lines of {f}");
            checked += got.len();
        }
        assert!(checked > 8, "{rel}: only {checked} lines compared");
    }
}
