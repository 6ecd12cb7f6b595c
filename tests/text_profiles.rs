//! Unit tests on small profiles described as text (see `model::text`). Expected numbers
//! are worked out by hand from pprof's definitions, not copied from our output.
#![cfg(not(target_arch = "wasm32"))]

use proflens::model::text::profile_from_text;
use proflens::query::folded::folded;
use proflens::query::{top, Granularity, InlineMark, StackView};

const COUNT: &[(&str, &str)] = &[("samples", "count")];

/// (name, flat, cum, inline mark) rows of the top table.
fn rows(text: &str, g: Granularity) -> Vec<(String, i64, i64, &'static str)> {
    let p = profile_from_text(COUNT, text);
    let view = StackView::new(&p, g);
    top(&p, &view, 0)
        .rows
        .iter()
        .map(|r| (view.name(r.key).to_string(), r.flat, r.cum, r.inline.label()))
        .collect()
}

fn row(name: &str, flat: i64, cum: i64) -> (String, i64, i64, &'static str) {
    (name.to_string(), flat, cum, "")
}

#[test]
fn flat_is_leaf_cum_is_whole_stack() {
    let got = rows("main;a;b 10\nmain;a;c 5\nmain 1", Granularity::Functions);
    assert_eq!(got, vec![row("b", 10, 10), row("c", 5, 5), row("main", 1, 16), row("a", 0, 15)]);
}

#[test]
fn recursion_counts_cum_once_per_sample() {
    // f appears three times on one stack: its cum is still the sample's value once.
    let got = rows("main;f;g;f;g;f 7", Granularity::Functions);
    assert_eq!(got, vec![row("f", 7, 7), row("g", 0, 7), row("main", 0, 7)]);
}

#[test]
fn ties_sort_by_name_then_cum() {
    let got = rows("main;b 3\nmain;a 3\nx;y;z 0\nmain;c;d 3", Granularity::Functions);
    let names: Vec<&str> = got.iter().map(|r| r.0.as_str()).collect();
    // |flat| desc, then name: a, b, d (3 each), then main and c (0 flat) by name.
    assert_eq!(names, ["a", "b", "d", "c", "main"]);
}

#[test]
fn zero_valued_functions_are_omitted() {
    let got = rows("main;a 5\nmain;zero 0", Granularity::Functions);
    assert!(got.iter().all(|r| r.0 != "zero"), "{got:?}");
}

#[test]
fn negative_values_use_absolute_order_and_total() {
    let p = profile_from_text(COUNT, "main;grow 10\nmain;shrink -20");
    let view = StackView::new(&p, Granularity::Functions);
    let t = top(&p, &view, 0);
    assert_eq!(t.total, 30, "pprof's total is the sum of |v|");
    let got: Vec<(&str, i64, i64)> = t.rows.iter().map(|r| (view.name(r.key), r.flat, r.cum)).collect();
    assert_eq!(got, vec![("shrink", -20, -20), ("grow", 10, 10), ("main", 0, -10)]);
}

#[test]
fn inline_marks_follow_every_incoming_edge() {
    // check is always inlined into handle; parse is inlined from one caller only.
    let text = "main;handle+check 4\nmain;handle+parse 2\nmain;other;parse 1";
    let got = rows(text, Granularity::Functions);
    let mark = |n: &str| got.iter().find(|r| r.0 == n).unwrap().3;
    assert_eq!(mark("check"), InlineMark::Inline.label());
    assert_eq!(mark("parse"), InlineMark::PartialInline.label());
    assert_eq!(mark("handle"), "");
    // The inlined frame is the leaf: flat goes to it, not to the caller it was inlined into.
    assert_eq!(got.iter().find(|r| r.0 == "check").unwrap().1, 4);
    assert_eq!(got.iter().find(|r| r.0 == "handle").unwrap().1, 0);
}

#[test]
fn empty_stacks_count_in_the_total_only() {
    let p = profile_from_text(COUNT, "main;a 5\n- 3");
    let view = StackView::new(&p, Granularity::Functions);
    let t = top(&p, &view, 0);
    assert_eq!(t.total, 8);
    assert_eq!(t.rows.iter().map(|r| r.flat).sum::<i64>(), 5);
}

#[test]
fn lines_granularity_names_file_and_line() {
    // profile_from_text puts function i at main.go line 10 + i.
    let got = rows("main;a 1", Granularity::Lines);
    assert_eq!(got, vec![row("a main.go:11", 1, 1), row("main main.go:10", 0, 1)]);
    let files = rows("main;a 1", Granularity::Files);
    assert_eq!(files, vec![row("main.go", 1, 1)]);
}

#[test]
fn folded_expands_inlined_frames_caller_first_and_merges_paths() {
    let types = &[("samples", "count"), ("cpu", "nanoseconds")];
    let p = profile_from_text(types, "main;h+c 1 10\nmain;h+c 2 20\nmain;x 0 0\nmain 3 30");
    let view = StackView::new(&p, Granularity::Functions);
    let mut got = Vec::new();
    folded(&p, &view, |path, values| got.push((path.to_string(), values.to_vec())));
    assert_eq!(
        got,
        vec![("main".to_string(), vec![3, 30]), ("main;h;c".to_string(), vec![3, 30])],
        "the all-zero main;x line is dropped"
    );
}
