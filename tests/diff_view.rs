#![cfg(not(target_arch = "wasm32"))]
//! The diff table's base and target columns, and the differential flame graph.

mod common;

use common::{corpus, load, read_text_maybe_gz};
use proflens::model::text::profile_from_text;
use proflens::query::diff::{diff_sides, DiffMode, DiffOptions};
use proflens::query::diff_view::{diff_flame, diff_table, DiffFlame, DiffInputs};
use proflens::query::{Granularity, StackView};
use serde_json::Value;
use std::collections::HashMap;

const TYPES: [(&str, &str); 1] = [("space", "bytes")];

/// Each box of a diff flame graph by name: (width, delta, base, target).
fn boxes(f: &DiffFlame, view: &StackView) -> HashMap<String, (f64, i64, i64, i64)> {
    (0..f.graph.key.len())
        .map(|i| {
            (
                view.name(f.graph.key[i]).to_string(),
                (f.graph.width[i], f.graph.value[i], f.base[i], f.target[i]),
            )
        })
        .collect()
}

#[test]
fn small_diff_table_and_flame_by_hand() {
    let base = profile_from_text(&TYPES, "main;a 10\nmain;b 5\nmain;a;x 4");
    let target = profile_from_text(&TYPES, "main;a 30\nmain;c 7\nmain;a;x 4");
    let d = diff_sides(&target, &base, DiffOptions::default()).unwrap();
    let view = StackView::new(&d.profile, Granularity::Functions);
    let inputs = DiffInputs { merged: &d.profile, sides: &d.sides, target: &target, base: &base };
    let t = diff_table(&inputs, &view, 0);
    let rows: HashMap<&str, (i64, i64, i64, i64, i64, i64)> = t
        .rows
        .iter()
        .map(|r| (view.name(r.key), (r.base_flat, r.base_cum, r.target_flat, r.target_cum, r.flat, r.cum)))
        .collect();
    assert_eq!(rows["a"], (10, 14, 30, 34, 20, 20));
    assert_eq!(rows["b"], (5, 5, 0, 0, -5, -5));
    assert_eq!(rows["c"], (0, 0, 7, 7, 7, 7));
    assert_eq!(rows["x"], (4, 4, 4, 4, 0, 0), "unchanged functions stay in the table");
    assert_eq!(rows["main"], (0, 19, 0, 41, 0, 22));
    assert_eq!(view.name(t.rows[0].key), "a", "largest |delta flat| first");
    assert_eq!(view.name(t.rows.last().unwrap().key), "x", "unchanged last");
    assert_eq!((t.base_total, t.target_total), (19, 41));
    // -base total: |30-10| + |0-5| + |7| + |4-4| = 32.
    assert_eq!(t.total, 32);

    let f = diff_flame(&inputs, &view, 0);
    let boxes = boxes(&f, &view);
    assert_eq!(boxes["main"], (41.0, 22, 19, 41));
    assert_eq!(boxes["a"], (34.0, 20, 14, 34));
    assert_eq!(boxes["c"], (7.0, 7, 0, 7));
    assert!(!boxes.contains_key("b"), "b has no width in the target");
    assert_eq!(f.vanished.len(), 1);
    let path: Vec<&str> =
        f.vanished[0].path(view.call_tree(&d.profile)).iter().map(|&k| view.name(k)).collect();
    assert_eq!((path, f.vanished[0].base), (vec!["main", "b"], 5));
}

/// A target with negative values (itself a delta): its boxes are as wide as its |values|,
/// and each box still gives the target's signed value and the base's.
#[test]
fn a_target_with_negative_values_keeps_its_signed_sides() {
    let (base, target) = (
        profile_from_text(&TYPES, "main;a 10\nmain;b 5"),
        profile_from_text(&TYPES, "main;a -3\nmain;c 7\nmain;b;y -2"),
    );
    let d = diff_sides(&target, &base, DiffOptions::default()).unwrap();
    let view = StackView::new(&d.profile, Granularity::Functions);
    let f = diff_flame(
        &DiffInputs { merged: &d.profile, sides: &d.sides, target: &target, base: &base },
        &view,
        0,
    );
    let boxes = boxes(&f, &view);
    // (width: the target's |values|, delta, base, target)
    assert_eq!(boxes["main"], (12.0, -13, 15, 2));
    assert_eq!(boxes["a"], (3.0, -13, 10, -3));
    assert_eq!(boxes["b"], (2.0, -7, 5, -2));
    assert_eq!(boxes["y"], (2.0, -2, 0, -2));
    assert_eq!(boxes["c"], (7.0, 7, 0, 7));
    assert!(f.vanished.is_empty(), "every subtree of the base has width in the target");
}

#[test]
fn sides_of_corpus_diffs_equal_pprof_on_each_file_alone() {
    let oracle = |rel: &str| -> Value {
        serde_json::from_str(&read_text_maybe_gz(&corpus().join(format!("oracle/{rel}.json"))).unwrap())
            .unwrap()
    };
    let (base_rel, target_rel) = ("go/heap_t0.pb.gz", "go/heap_t2.pb.gz");
    let (base, target) = (load(base_rel), load(target_rel));
    let (ob, ot) = (oracle(base_rel), oracle(target_rel));
    for mode in [DiffMode::Base, DiffMode::DiffBase] {
        let d = diff_sides(&target, &base, DiffOptions { mode, normalize: false }).unwrap();
        let view = StackView::new(&d.profile, Granularity::Functions);
        let inputs = DiffInputs { merged: &d.profile, sides: &d.sides, target: &target, base: &base };
        for (i, st) in d.profile.sample_types.iter().enumerate() {
            let ty = d.profile.str(st.ty);
            let t = diff_table(&inputs, &view, i);
            let want = |o: &Value| -> HashMap<String, (i64, i64)> {
                o["types"][ty]["functions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| {
                        (
                            r["name"].as_str().unwrap().into(),
                            (r["flat"].as_i64().unwrap(), r["cum"].as_i64().unwrap()),
                        )
                    })
                    .collect()
            };
            let side =
                |f: fn(&proflens::query::diff_view::DiffRow) -> (i64, i64)| -> HashMap<String, (i64, i64)> {
                    t.rows
                        .iter()
                        .map(|r| (view.name(r.key).to_string(), f(r)))
                        .filter(|(_, v)| *v != (0, 0))
                        .collect()
                };
            assert_eq!(side(|r| (r.base_flat, r.base_cum)), want(&ob), "{ty} base");
            assert_eq!(side(|r| (r.target_flat, r.target_cum)), want(&ot), "{ty} target");
            assert_eq!(t.base_total, ob["types"][ty]["total"].as_i64().unwrap());
            assert_eq!(t.target_total, ot["types"][ty]["total"].as_i64().unwrap());
            // Retention: the target's inuse/alloc flat, from pprof's numbers for the file.
            let flat_of = |o: &Value, t: &str, name: &str| {
                o["types"][t]["functions"].as_array().unwrap().iter().find(|r| r["name"] == name).unwrap()
                    ["flat"]
                    .as_f64()
                    .unwrap()
            };
            let pair = if ty.ends_with("_objects") {
                ("inuse_objects", "alloc_objects")
            } else {
                ("inuse_space", "alloc_space")
            };
            let k = t.rows.iter().position(|r| view.name(r.key) == "main.newItem").unwrap();
            let want = flat_of(&ot, pair.0, "main.newItem") / flat_of(&ot, pair.1, "main.newItem");
            assert!((t.retention.as_ref().unwrap()[k] - want).abs() < 1e-12, "{ty} retention");
            // The flame graph is as wide as the target.
            let f = diff_flame(&inputs, &view, i);
            assert_eq!(f.graph.total as i64, t.target_total, "{ty}");
        }
    }
}
