//! Comparisons against the corpus oracle (`go tool pprof`'s numbers), shared by the
//! single-profile and the diff tests.

use proflens::query::{top, StackView};
use proflens::report;
use proflens::Profile;
use serde_json::Value;

/// The top table of sample type `index` equals one `types.<name>` entry of a
/// `pprof-oracle` JSON: total, and every row's name, flat, cum, inline mark, in order.
pub fn assert_top_equals(p: &Profile, view: &StackView, index: usize, want: &Value, what: &str) {
    let t = top(p, view, index);
    assert_eq!(t.total, want["total"].as_i64().unwrap(), "{what}: total");
    let got: Vec<(String, i64, i64, String)> = t
        .rows
        .iter()
        .map(|r| (view.name(r.key).to_string(), r.flat, r.cum, r.inline.label().to_string()))
        .collect();
    let expect: Vec<(String, i64, i64, String)> = want["functions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["flat"].as_i64().unwrap(),
                r["cum"].as_i64().unwrap(),
                r["inline"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(got.len(), expect.len(), "{what}: row count");
    for (k, (g, e)) in got.iter().zip(&expect).enumerate() {
        assert_eq!(g, e, "{what}: row {k}");
    }
}

/// Our folded stacks (functions granularity) equal an oracle `*.folded.txt` byte for byte.
pub fn assert_folded_equals(p: &Profile, want: &str, what: &str) {
    let view = StackView::new(p, proflens::query::Granularity::Functions);
    let mut got = Vec::new();
    report::folded_text::write(p, &view, &mut got).unwrap();
    let got = String::from_utf8(got).unwrap();
    if got != want {
        let first = got.lines().zip(want.lines()).position(|(a, b)| a != b);
        panic!(
            "{what}: folded differs ({} vs {} lines), first difference at line {first:?}",
            got.lines().count(),
            want.lines().count()
        );
    }
}

/// The rows of a `-top` text report: everything after the column header line.
pub fn rows_of(text: &str) -> Vec<&str> {
    text.lines().skip_while(|l| !l.trim_start().starts_with("flat  flat%")).skip(1).collect()
}

/// Two `-top` texts have the same rows and the same legend line (pprof's total formatting).
pub fn assert_text_rows_equal(got: &str, want: &str, what: &str) {
    assert_eq!(rows_of(got), rows_of(want), "{what}");
    let legend = |s: &str| s.lines().find(|l| l.starts_with("Showing nodes")).map(str::to_string);
    assert_eq!(legend(got), legend(want), "{what}: legend");
}

/// The self value of every path of a laid-out flame graph, keyed `root;…;leaf` as the
/// oracle's folded stacks are (paths with a zero self value are left out).
pub fn self_by_path(
    view: &StackView,
    g: &proflens::query::flame::FlameGraph,
) -> std::collections::BTreeMap<String, i64> {
    let mut paths: Vec<String> = Vec::with_capacity(g.key.len());
    let mut out = std::collections::BTreeMap::new();
    for i in 0..g.key.len() {
        let name = view.name(g.key[i]);
        let path = match g.parent[i] {
            -1 => name.to_string(),
            p => format!("{};{name}", paths[p as usize]),
        };
        if g.self_value[i] != 0 {
            out.insert(path.clone(), g.self_value[i]);
        }
        paths.push(path);
    }
    out
}
