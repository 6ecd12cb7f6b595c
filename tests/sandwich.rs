#![cfg(not(target_arch = "wasm32"))]
//! The sandwich (a function's callers and callees trees and its peek table) and the call
//! tree table: hand-computed recursion cases, and on corpus profiles against pprof: the
//! peek table against live `go tool pprof -peek`, the roots against live `-top`'s cum, and
//! both trees path by path against the oracle's folded stacks (pprof's own output).

mod common;

use common::oracle::self_by_path;
use common::pprof::{pprof_command, pprof_rows, raw_unit};
use common::{corpus, load, read_text_maybe_gz};
use proflens::query::calltree_view::CallTreeValues;
use proflens::query::sandwich::{sandwich, Sandwich};
use proflens::query::{Granularity, StackView};
use proflens::Profile;
use prost::Message;
use std::collections::BTreeMap;

/// A profile of one sample type (`cpu`, nanoseconds) from folded stacks, root first.
fn hand_made(stacks: &[(&str, i64)]) -> Profile {
    use proflens::proto as pb;
    let mut strings = vec![String::new(), "cpu".to_string(), "nanoseconds".to_string()];
    let mut functions: Vec<String> = Vec::new();
    let mut samples = Vec::new();
    for (path, v) in stacks {
        let ids = path.split(';').rev().map(|name| {
            let i = functions.iter().position(|f| f == name).unwrap_or_else(|| {
                functions.push(name.to_string());
                functions.len() - 1
            });
            i as u64 + 1
        });
        samples.push(pb::Sample { location_id: ids.collect(), value: vec![*v], ..Default::default() });
    }
    let mut proto = pb::Profile {
        sample_type: vec![pb::ValueType { r#type: 1, unit: 2 }],
        sample: samples,
        ..Default::default()
    };
    for (i, name) in functions.iter().enumerate() {
        strings.push(name.clone());
        let id = i as u64 + 1;
        proto.function.push(pb::Function { id, name: strings.len() as i64 - 1, ..Default::default() });
        let line = pb::Line { function_id: id, ..Default::default() };
        proto.location.push(pb::Location { id, address: id, line: vec![line], ..Default::default() });
    }
    proto.string_table = strings;
    proflens::decode(&proto.encode_to_vec()).unwrap()
}

fn key_of(view: &StackView, name: &str) -> u32 {
    view.keys.names.iter().position(|n| n == name).unwrap_or_else(|| panic!("no {name}")) as u32
}

fn edges(view: &StackView, list: &[proflens::query::peek::Edge]) -> Vec<(String, i64)> {
    list.iter().map(|e| (view.name(e.key).to_string(), e.weight)).collect()
}

fn map(list: &[(&str, i64)]) -> BTreeMap<String, i64> {
    list.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

const RECURSIVE: &[(&str, i64)] = &[("main;a;f;b;f;c", 5), ("main;f", 3), ("main;a;f", 2), ("main;g", 7)];

#[test]
fn recursion_counts_each_sample_once() {
    let p = hand_made(RECURSIVE);
    let view = StackView::new(&p, Granularity::Functions);
    let s: Sandwich = sandwich(&p, &view, 0, key_of(&view, "f")).unwrap();
    // Callees: below the outermost f only; the inner f stays under b.
    assert_eq!(self_by_path(&view, &s.callees), map(&[("f", 5), ("f;b;f;c", 5)]));
    // Callers, inverted: from f out to the root.
    assert_eq!(self_by_path(&view, &s.callers), map(&[("f;a;main", 7), ("f;main", 3)]));
    assert_eq!((s.callees.value[0], s.callers.value[0]), (10, 10));
    let peek = s.peek;
    assert_eq!((peek.flat, peek.cum), (2 + 3, 10));
    // peek counts an edge once per sample, so the inner f's caller b appears too.
    assert_eq!(edges(&view, &peek.callers), [("a".into(), 7), ("b".into(), 5), ("main".into(), 3)]);
    assert_eq!(edges(&view, &peek.callees), [("b".into(), 5), ("c".into(), 5)]);
}

#[test]
fn direct_recursion_is_one_path() {
    // f calls itself three deep: still one sample of 4 at the root.
    let p = hand_made(&[("main;f;f;f", 4), ("main;f;g", 1)]);
    let view = StackView::new(&p, Granularity::Functions);
    let s = sandwich(&p, &view, 0, key_of(&view, "f")).unwrap();
    assert_eq!(self_by_path(&view, &s.callees), map(&[("f;f;f", 4), ("f;g", 1)]));
    assert_eq!(self_by_path(&view, &s.callers), map(&[("f;main", 5)]));
    assert_eq!(s.callers.value[0], 5);
}

#[test]
fn unknown_key_has_no_sandwich() {
    let p = hand_made(RECURSIVE);
    let view = StackView::new(&p, Granularity::Functions);
    assert!(sandwich(&p, &view, 0, 999).is_none());
}

#[test]
fn call_tree_children_are_heaviest_first_and_the_heaviest_path_follows_them() {
    let p = hand_made(RECURSIVE);
    let view = StackView::new(&p, Granularity::Functions);
    let t = CallTreeValues::new(&p, &view, 0);
    let tree = view.call_tree(&p);
    let name = |n: u32| view.name(tree.key[n as usize]).to_string();
    let roots: Vec<u32> = t.children(None).collect();
    assert_eq!(roots.len(), 1);
    let main = roots[0];
    assert_eq!((t.self_value[main as usize], t.total[main as usize]), (0, 17));
    let kids: Vec<(String, i64)> = t.children(Some(main)).map(|c| (name(c), t.total[c as usize])).collect();
    // a and g tie at 7: by name
    assert_eq!(kids, [("a".into(), 7), ("g".into(), 7), ("f".into(), 3)]);
    let path: Vec<String> = t.heaviest_path(None).into_iter().map(name).collect();
    assert_eq!(path, ["main", "a", "f", "b", "f", "c"]);
    let leaf = *t.heaviest_path(None).last().unwrap();
    assert!(!t.has_children(leaf) && t.heaviest_path(Some(leaf)).is_empty());
    assert_eq!(t.children(Some(u32::MAX - 1)).count(), 0, "an unknown node has no children");
}

// ---- corpus, against pprof ------------------------------------------------------------

/// (profile, sample type, functions): recursive ones, inlined ones, and busy ones.
const CASES: &[(&str, &str, &[&str])] = &[
    ("go/cpu.pb.gz", "cpu", &["main.handleValuation", "main.checksum", "runtime.mallocgc", "sort.Slice"]),
    ("go/heap_t2.pb.gz", "inuse_space", &["main.parseItems", "main.newItem"]),
    ("node/node_cpu.pb.gz", "wall", &["recurseDiscount", "priceCart"]),
    ("external/parca/fib.pb.gz", "samples", &["github.com/polarsignals/pprof-example-app-go/fib.Fibonacci"]),
];

/// One corpus case loaded: the profile, its view and the sample type's index.
struct Case {
    rel: &'static str,
    ty: &'static str,
    functions: &'static [&'static str],
    p: Profile,
    view: StackView,
    t: usize,
}

fn cases() -> impl Iterator<Item = Case> {
    CASES.iter().map(|&(rel, ty, functions)| {
        let p = load(rel);
        let view = StackView::new(&p, Granularity::Functions);
        let t = index_of(&p, ty);
        Case { rel, ty, functions, p, view, t }
    })
}

fn index_of(p: &Profile, ty: &str) -> usize {
    p.sample_types.iter().position(|t| p.str(t.ty) == ty).unwrap_or_else(|| panic!("no type {ty}"))
}

/// The oracle's folded stacks of sample type `t`: (frames root first, value).
fn folded(rel: &str, t: usize) -> Vec<(Vec<String>, i64)> {
    let text = read_text_maybe_gz(&corpus().join("oracle").join(format!("{rel}.folded.txt"))).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            let (path, values) = line.rsplit_once('\t').unwrap();
            let v: i64 = values.split(' ').nth(t).unwrap().parse().unwrap();
            (v != 0).then(|| (path.split(';').map(str::to_string).collect(), v))
        })
        .collect()
}

/// What the sandwich trees must be, from pprof's folded stacks: each stack with `f` on it
/// is cut at its outermost `f`; the rest below gives a callees path, the part above
/// (reversed) a callers path.
fn expected_trees(stacks: &[(Vec<String>, i64)], f: &str) -> (BTreeMap<String, i64>, BTreeMap<String, i64>) {
    let (mut callers, mut callees) = (BTreeMap::new(), BTreeMap::new());
    for (frames, v) in stacks {
        let Some(at) = frames.iter().position(|x| x == f) else { continue };
        *callees.entry(frames[at..].join(";")).or_insert(0) += v;
        let up: Vec<&str> = frames[..=at].iter().rev().map(String::as_str).collect();
        *callers.entry(up.join(";")).or_insert(0) += v;
    }
    callers.retain(|_, v| *v != 0);
    callees.retain(|_, v| *v != 0);
    (callers, callees)
}

#[test]
fn sandwich_trees_equal_the_oracle_folded_stacks_and_roots_equal_pprof_cum() {
    for Case { rel, ty, functions, p, view, t } in cases() {
        let path = corpus().join(rel);
        let cum: BTreeMap<String, i64> = pprof_rows(&path, ty, p.str(p.sample_types[t].unit), &[])
            .into_iter()
            .map(|(_, c, n)| (n, c))
            .collect();
        let stacks = folded(rel, t);
        for f in functions {
            let s = sandwich(&p, &view, t, key_of(&view, f)).unwrap();
            let want_cum =
                cum.iter().find(|(n, _)| n.split(" (").next() == Some(f)).map(|(_, c)| *c).unwrap();
            assert_eq!(s.callers.value[0], want_cum, "{rel} {f}: callers root");
            assert_eq!(s.callees.value[0], want_cum, "{rel} {f}: callees root");
            assert_eq!(s.callees.self_value.iter().sum::<i64>(), want_cum, "{rel} {f}: callees self sum");
            let (callers, callees) = expected_trees(&stacks, f);
            assert_eq!(self_by_path(&view, &s.callers), callers, "{rel} {f}: callers tree");
            assert_eq!(self_by_path(&view, &s.callees), callees, "{rel} {f}: callees tree");
        }
    }
}

/// `name` as an RE2 pattern matching exactly itself.
fn quote_meta(name: &str) -> String {
    name.chars()
        .flat_map(|c| ("\\.+*?()|[]{}^$".contains(c).then_some('\\')).into_iter().chain([c]))
        .collect()
}

/// Calls in or out of a function: (name with inline mark, weight), in pprof's order.
type Calls = Vec<(String, i64)>;

/// pprof `-peek` text with raw units: the peeked function's callers and callees, each
/// as (name with inline mark, weight), in pprof's order.
fn pprof_peek(path: &std::path::Path, ty: &str, unit: &str, f: &str) -> (Calls, Calls) {
    let args: Vec<String> = [
        "-nodefraction=0".to_string(),
        "-edgefraction=0".to_string(),
        "-symbolize=none".to_string(),
        format!("-sample_index={ty}"),
        format!("-unit={}", raw_unit(unit)),
        format!("-peek=^{}$", quote_meta(f)),
    ]
    .to_vec();
    let text = pprof_command(&args, path);
    let (mut callers, mut callees, mut seen_self) = (Vec::new(), Vec::new(), false);
    for line in text.lines().filter(|l| l.contains('|') && !l.starts_with('-')) {
        let (left, name) = line.rsplit_once('|').unwrap();
        let fields: Vec<&str> = left.split_whitespace().collect();
        if fields.len() == 5 {
            seen_self = true;
            continue;
        }
        let digits: String = fields[0].chars().take_while(|c| *c == '-' || c.is_ascii_digit()).collect();
        let entry = (name.trim().to_string(), digits.parse().unwrap());
        if seen_self {
            callees.push(entry)
        } else {
            callers.push(entry)
        }
    }
    assert!(seen_self, "pprof -peek found no {f}:\n{text}");
    (callers, callees)
}

#[test]
fn sandwich_tables_equal_live_pprof_peek() {
    for Case { rel, ty, functions, p, view, t } in cases() {
        let path = corpus().join(rel);
        for f in functions {
            let s = sandwich(&p, &view, t, key_of(&view, f)).unwrap();
            let peek = s.peek;
            let named = |list: &[proflens::query::peek::Edge]| -> Vec<(String, i64)> {
                list.iter()
                    .map(|e| {
                        let mark = if e.inline { " (inline)" } else { "" };
                        (format!("{}{mark}", view.name(e.key)), e.weight)
                    })
                    .collect()
            };
            let (want_callers, want_callees) = pprof_peek(&path, ty, p.str(p.sample_types[t].unit), f);
            assert_eq!(named(&peek.callers), want_callers, "{rel} {f}: callers");
            assert_eq!(named(&peek.callees), want_callees, "{rel} {f}: callees");
        }
    }
}

#[test]
fn call_tree_totals_equal_the_oracle_folded_prefix_sums() {
    for Case { rel, p, view, t, .. } in cases() {
        let stacks = folded(rel, t);
        let values = CallTreeValues::new(&p, &view, t);
        let tree = view.call_tree(&p);
        // every node on the heaviest path and every child of those nodes
        let mut path: Vec<String> = Vec::new();
        let mut at = None;
        for next in values.heaviest_path(None) {
            for c in values.children(at) {
                let mut prefix = path.clone();
                prefix.push(view.name(tree.key[c as usize]).to_string());
                let want: i64 = stacks.iter().filter(|(s, _)| s.starts_with(&prefix)).map(|(_, v)| v).sum();
                assert_eq!(values.total[c as usize], want, "{rel}: {}", prefix.join(";"));
                let own: i64 = stacks.iter().filter(|(s, _)| *s == prefix).map(|(_, v)| v).sum();
                assert_eq!(values.self_value[c as usize], own, "{rel}: self of {}", prefix.join(";"));
            }
            path.push(view.name(tree.key[next as usize]).to_string());
            at = Some(next);
        }
        assert!(path.len() > 1, "{rel}: a path");
    }
}
