#![cfg(not(target_arch = "wasm32"))]
//! A diff made without the merged samples (`diff_tree`, the delta from the two sides' own
//! samples: `query::diff_delta`) equals the one made by pprof's whole merge (whose samples
//! were netted by stack and labels): the same merged tree, and the same self values, where
//! non-zero samples lie, pprof's total, and so the delta's top table and flame graph, at
//! every granularity, for every sample type and both modes. Pairs: the corpus's diff pairs, every profile against
//! itself (everything nets to zero), and generated pairs with labels, negative values,
//! repeated samples and inlined frames, built so that the two files' ids differ.

mod common;

use common::{corpus, load};
use proflens::encode::encode;
use proflens::model::Samples;
use proflens::proto;
use proflens::query::diff::{diff_sides, diff_tree, diff_tree_keyed, DiffMode, DiffOptions};
use proflens::query::diff_delta::delta_values;
use proflens::query::diff_view::{diff_table_and_flame_in, DiffInputs, Parts};
use proflens::query::flame::flame;
use proflens::query::flame::Window;
use proflens::query::top::top_of;
use proflens::query::values::NodeValues;
use proflens::query::{Granularity, StackView};
use proflens::Profile;
use prost::Message;

const GRANULARITIES: [Granularity; 4] =
    [Granularity::Functions, Granularity::FileFunctions, Granularity::Files, Granularity::Lines];

/// Checks one pair in both modes; returns how many (mode, type, granularity) it checked.
fn check_pair(target: &Profile, base: &Profile, what: &str) -> usize {
    let mut checked = 0;
    for mode in [DiffMode::Base, DiffMode::DiffBase] {
        let d = diff_sides(target, base, DiffOptions { mode, normalize: false }).unwrap();
        let tree = diff_tree(target, base, mode).unwrap();
        assert_same_tree(&tree.profile, &d.profile, what);
        assert_eq!(
            (&tree.sides.target_stacks, &tree.sides.base_stacks),
            (&d.sides.target_stacks, &d.sides.base_stacks)
        );
        let inputs = DiffInputs { merged: &tree.profile, sides: &tree.sides, target, base };
        for (gi, &g) in GRANULARITIES.iter().enumerate() {
            let view = StackView::new(&d.profile, g);
            // the frame keys made beside the tree are the finished profile's own, unless
            // drop_frames cuts lines (then none are made)
            let (keyed, keys) = diff_tree_keyed(target, base, mode, Some(g)).unwrap();
            assert_same_tree(&keyed.profile, &d.profile, what);
            match keys {
                Some(k) => {
                    let own = StackView::new(&keyed.profile, g).keys;
                    assert_eq!((&k.names, &k.places), (&own.names, &own.places), "{what} {g:?}: key names");
                    assert_eq!(
                        (&k.loc_start, &k.frames),
                        (&own.loc_start, &own.frames),
                        "{what} {g:?}: frames"
                    );
                    assert_eq!(k.maybe_inline, own.maybe_inline, "{what} {g:?}: inline marks");
                }
                None => {
                    assert!(!keyed.profile.str(keyed.profile.drop_frames).is_empty(), "{what} {g:?}: no keys")
                }
            }
            for t in 0..d.profile.sample_types.len() {
                let what = format!("{what} {mode:?} type {t} {g:?}");
                let merged = NodeValues::compute(&d.profile, &view, t);
                let joined = inputs.delta(&view, t);
                if gi == 0 {
                    // the same at every granularity (only the cut of drop_frames matters); the
                    // netting path too, where the delta above needed none
                    let netted = delta_values(&tree.profile, &view, &tree.sides, (target, base), t);
                    for (v, how) in [(&joined, "from the sides"), (&netted, "netted")] {
                        assert_eq!(v.self_value, merged.self_value, "{what}: self values {how}");
                        assert_eq!(
                            v.subtree_nonzero, merged.subtree_nonzero,
                            "{what}: non-zero subtrees {how}"
                        );
                        assert_eq!(v.abs_total, merged.abs_total, "{what}: total {how}");
                    }
                }
                let (a, b) = (top_of(&d.profile, &view, &joined, t), top_of(&d.profile, &view, &merged, t));
                assert_eq!((a.total, &a.rows), (b.total, &b.rows), "{what}: top table");
                checked += 1;
            }
            // the diff table and flame tree come out the same made the lean way (as for a
            // large pair) as the other
            for t in 0..d.profile.sample_types.len() {
                let [(ta, fa), (tb, fb)] = [Parts::Beside, Parts::Lean]
                    .map(|parts| diff_table_and_flame_in(&inputs, &view, t, parts));
                let what = format!("{what} {mode:?} type {t} {g:?}");
                assert_eq!(
                    (ta.total, ta.base_total, ta.target_total),
                    (tb.total, tb.base_total, tb.target_total)
                );
                assert_eq!(ta.rows, tb.rows, "{what}: table rows");
                let nan_safe = |r: &Option<Vec<f64>>| {
                    r.as_ref().map(|r| r.iter().map(|x| x.to_bits()).collect::<Vec<_>>())
                };
                assert_eq!(nan_safe(&ta.retention), nan_safe(&tb.retention), "{what}: retention");
                let calls = view.call_tree(&tree.profile);
                let (wa, wb) = (fa.window(calls, &Window::ALL), fb.window(calls, &Window::ALL));
                assert_eq!(
                    (&wa.graph.node, &wa.graph.value, &wa.graph.width),
                    (&wb.graph.node, &wb.graph.value, &wb.graph.width),
                    "{what}: flame boxes"
                );
                assert_eq!((&wa.base, &wa.target), (&wb.base, &wb.target), "{what}: flame sides");
                assert_eq!(fa.vanished, fb.vanished, "{what}: vanished");
            }
            // the flame graph of the merged profile is what the delta's boxes must sum to
            let f = flame(&d.profile, &view, 0);
            let joined = inputs.delta(&view, 0);
            let calls = view.call_tree(&d.profile);
            let mut per_node = vec![0i64; calls.len()];
            for (s, &v) in joined.self_value.iter().enumerate() {
                let c = calls.of_stack[s] as usize;
                per_node[c] = per_node[c].wrapping_add(v);
            }
            let sub = calls.subtree_sum(per_node);
            for (i, &c) in f.node.iter().enumerate() {
                assert_eq!(f.value[i], sub[c as usize], "{what} {mode:?} {g:?}: flame box {i}");
            }
        }
    }
    checked
}

/// The merge without samples numbers everything as the whole merge does: the same
/// profile once samples and label sets are set aside.
fn assert_same_tree(tree: &Profile, full: &Profile, what: &str) {
    assert!(tree.samples.is_empty(), "{what}: the tree merge has no sample");
    let mut full = full.clone();
    full.samples = Samples { stack: vec![], labels: vec![], values: vec![vec![]; full.sample_types.len()] };
    full.label_sets = Default::default();
    assert!(encode(tree) == encode(&full), "{what}: the tree merge's profile differs from the whole merge's");
}

#[test]
fn delta_of_corpus_pairs_equals_the_merged_profiles() {
    let list = std::fs::read_to_string(corpus().join("gen/oracle_diffs.txt")).unwrap();
    let mut checked = 0;
    for line in list.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let w: Vec<&str> = line.split_whitespace().collect();
        let (base, target) = (load(&format!("{}/{}", w[0], w[1])), load(&format!("{}/{}", w[0], w[2])));
        checked += check_pair(&target, &base, line);
        checked += check_pair(&base, &target, &format!("{line} reversed"));
    }
    for rel in ["go/heap_t1.pb.gz", "go/cpu.pb.gz", "go/goroutine.pb.gz", "node/node_heap.pb.gz"] {
        let p = load(rel);
        checked += check_pair(&p, &p, &format!("{rel} against itself"));
    }
    assert!(checked >= 100, "checked {checked}");
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// A profile of random stacks over a few shared function names, with labels (strings and
/// numbers, sometimes `pprof::base=true`), values of both signs, samples repeated with
/// the same stack and labels, and two-line (inlined) locations. Ids and string order are
/// shuffled by `seed`, so the two files of a pair number everything differently.
fn generated(rng: &mut Rng, functions: u64) -> Profile {
    let mut strings: Vec<String> = vec!["".into(), "space".into(), "bytes".into(), "count".into()];
    let mut s = |x: &str| -> i64 {
        strings.iter().position(|y| y == x).unwrap_or_else(|| {
            strings.push(x.into());
            strings.len() - 1
        }) as i64
    };
    let shift = 100 + rng.below(50);
    let function: Vec<proto::Function> = (1..=functions)
        .map(|i| proto::Function {
            id: i + shift,
            name: s(&format!("f{}", (i * 7) % functions)),
            filename: s(&format!("file{}.go", i % 3)),
            ..Default::default()
        })
        .collect();
    let location: Vec<proto::Location> = (1..=functions)
        .map(|i| {
            let mut line = vec![proto::Line { function_id: i + shift, line: 1 + (i as i64 % 4), column: 0 }];
            if i % 5 == 0 {
                line.insert(0, proto::Line { function_id: (i % functions) + 1 + shift, line: 9, column: 0 });
            }
            proto::Location { id: i + shift * 2, line, ..Default::default() }
        })
        .collect();
    let labels = [("a", "x"), ("a", "y"), ("b", "x"), ("pprof::base", "true")];
    let mut sample = Vec::new();
    for _ in 0..(20 + rng.below(60)) {
        let depth = rng.below(5);
        let location_id = (0..depth).map(|_| 1 + rng.below(functions) + shift * 2).collect();
        let mut label = Vec::new();
        for _ in 0..rng.below(3) {
            let l = if rng.below(2) == 0 {
                let kinds = if rng.below(8) == 0 { 4 } else { 3 };
                let (k, v) = labels[rng.below(kinds) as usize];
                proto::Label { key: s(k), str: s(v), ..Default::default() }
            } else {
                proto::Label {
                    key: s("bytes"),
                    num: rng.below(3) as i64 * 512,
                    num_unit: s("bytes"),
                    ..Default::default()
                }
            };
            label.push(l);
        }
        let value = vec![rng.below(7) as i64 - 2, rng.below(5) as i64 * 100];
        for _ in 0..1 + rng.below(2) {
            sample.push(proto::Sample {
                location_id: Vec::clone(&location_id),
                value: value.clone(),
                label: label.clone(),
            });
        }
    }
    let vt = |ty: i64, unit: i64| proto::ValueType { r#type: ty, unit };
    let p = proto::Profile {
        sample_type: vec![vt(3, 3), vt(1, 2)],
        sample,
        location,
        function,
        string_table: strings,
        ..Default::default()
    };
    proflens::decode(&p.encode_to_vec()).unwrap()
}

#[test]
fn delta_of_generated_pairs_equals_the_merged_profiles() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut checked = 0;
    for case in 0..200 {
        let functions = 3 + rng.below(10);
        let (target, base) = (generated(&mut rng, functions), generated(&mut rng, functions));
        checked += check_pair(&target, &base, &format!("generated pair {case}"));
    }
    assert!(checked >= 200 * 2 * 4 * 2);
}
