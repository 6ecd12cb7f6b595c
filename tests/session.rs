//! Every request of the web app, natively, through `session::Session` (the wasm layer only
//! converts; tests/wasm_session.rs checks that binding in Chromium). Numbers are checked
//! against `go tool pprof`'s oracles where pprof has the notion, and against each other
//! where two requests must agree (a call tree's roots and the top table, a sandwich's
//! peek and the top row, a function's lines and its top row).

mod common;

use proflens::query::diff::DiffMode;
use proflens::query::redact::Redaction;
use proflens::query::Granularity::{Functions, Lines};
use proflens::session::filter::{Transform, TransformOp};
use proflens::session::flames::{AnyFlameResult, FlameKey, FlameKind, FlameWindow};
use proflens::session::Session;
use serde_json::Value;

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(common::corpus().join(rel)).unwrap()
}

fn oracle(rel: &str) -> Value {
    serde_json::from_slice(&read(&format!("oracle/{rel}"))).unwrap()
}

fn load(s: &mut Session, rel: &str) -> u32 {
    s.load(rel.into(), read(rel), &mut |_, _| {}).unwrap()
}

fn key(kind: FlameKind, id: u32, index: usize) -> FlameKey {
    FlameKey { kind, id, index, granularity: Functions }
}

#[test]
fn summary_and_top_match_pprof_for_every_heap_sample_type() {
    let mut s = Session::new();
    let id = load(&mut s, "go/heap_t2.pb.gz");
    let o = oracle("go/heap_t2.pb.gz.json");
    let summary = s.summary(id).unwrap();
    assert_eq!(summary.sample_types.len(), 4);
    // No default_sample_type in the file: pprof uses the last type.
    assert_eq!(summary.default_index, 3);
    assert_eq!(summary.time_nanos, o["time_nanos"].as_i64().unwrap() as f64);
    for (i, t) in summary.sample_types.iter().enumerate() {
        let want = &o["types"][&t.ty];
        let top = s.top(id, i, Functions).unwrap();
        assert_eq!(top.total, want["total"].as_i64().unwrap() as f64, "{}", t.ty);
        assert_eq!(top.unit, want["unit"].as_str().unwrap());
        let rows = want["functions"].as_array().unwrap();
        assert_eq!(top.rows, rows.len());
        for (k, r) in rows.iter().enumerate() {
            assert_eq!(top.names.get(k).unwrap(), r["name"].as_str().unwrap());
            assert_eq!(top.flat[k], r["flat"].as_i64().unwrap());
            assert_eq!(top.cum[k], r["cum"].as_i64().unwrap());
        }
        assert!(top.exact);
    }
    assert!(s.top(id, 9, Functions).unwrap_err().0.contains("out of range"));
}

#[test]
fn bad_input_is_an_error_and_keeps_loaded_profiles() {
    let mut s = Session::new();
    let id = load(&mut s, "go/cpu.pb.gz");
    let err = s.load("junk".into(), vec![0xff, 0x13, 0x37, 0x00, 0x42], &mut |_, _| {}).unwrap_err();
    assert!(err.0.contains("not a pprof profile"), "{err}");
    s.set_max_decompressed(10_000);
    let err = s.load("heap".into(), read("go/heap_t2.pb.gz"), &mut |_, _| {}).unwrap_err();
    assert!(err.0.contains("too large"), "{err}");
    assert!(s.top(id, 1, Lines).unwrap().rows > 0);
    s.unload(id);
    assert!(s.summary(id).unwrap_err().0.contains("no profile with id"));
}

#[test]
fn diff_matches_pprof_diff_base_and_needs_both_sides() {
    let mut s = Session::new();
    let base = load(&mut s, "go/heap_t0.pb.gz");
    let target = load(&mut s, "go/heap_t2.pb.gz");
    let want = &oracle("go/diff_base.heap_t0__heap_t2.json")["types"]["inuse_space"];
    let d = s.diff(target, base, DiffMode::DiffBase, false).unwrap();
    assert_eq!(s.summary(d).unwrap().diff_of, Some([target, base]));
    assert_eq!(s.top(d, 3, Functions).unwrap().total, want["total"].as_i64().unwrap() as f64);
    let t = s.diff_table(d, 3, Functions).unwrap();
    assert_eq!(t.names.get(0), Some("main.newItem"));
    assert_eq!(t.flat[0], want["functions"][0]["flat"].as_i64().unwrap());
    for r in 0..t.rows {
        assert_eq!(t.target_flat[r] - t.base_flat[r], t.flat[r]);
    }
    let f = s.diff_flame(d, 3, Functions, FlameWindow::ALL).unwrap();
    let (g, sides) = (&f.window.layout, &f.sides);
    assert!(!g.value.is_empty());
    for i in 0..g.value.len() {
        assert_eq!(g.value[i], sides.target[i] - sides.base[i]);
    }
    assert!(matches!(
        s.flame_window(key(FlameKind::Diff, d, 3), FlameWindow::ALL).unwrap(),
        AnyFlameResult::Diff(_)
    ));
    assert!(s.diff_table(target, 3, Functions).unwrap_err().0.contains("not a diff"));
    s.unload(base);
    assert!(s.diff_table(d, 3, Functions).is_err());
    assert!(s.top(target, 3, Functions).is_ok());
}

/// A diff is made as pprof's merged tree without its samples; the diff table and flame
/// graph come from the two sides' samples, and what reads the merged samples completes it.
/// Both must be pprof's numbers, and the same whichever comes first.
#[test]
fn a_diff_answers_as_pprof_before_and_after_its_samples_are_merged() {
    // the flame graph made with the table (the page's order), or alone (asked first)
    let two_sided = |s: &mut Session, d: u32, flame_first: bool| {
        let flame = |s: &mut Session| s.diff_flame(d, 3, Functions, FlameWindow::ALL).unwrap();
        let early = flame_first.then(|| flame(s));
        let t = s.diff_table(d, 3, Functions).unwrap();
        let f = early.unwrap_or_else(|| flame(s));
        let rows: Vec<_> =
            (0..t.rows).map(|r| (t.names.get(r).unwrap().to_string(), t.flat[r], t.cum[r])).collect();
        (t.total, rows, f.window.layout.value.0.clone(), f.sides.target.0.clone(), f.sides.vanished_count)
    };
    for (mode, file) in [
        (DiffMode::Base, "go/base.heap_t0__heap_t2.json"),
        (DiffMode::DiffBase, "go/diff_base.heap_t0__heap_t2.json"),
    ] {
        let want = oracle(file);
        let inuse = &want["types"]["inuse_space"];
        let open = |s: &mut Session| (load(s, "go/heap_t0.pb.gz"), load(s, "go/heap_t2.pb.gz"));
        let mut tree_first = Session::new();
        let (base, target) = open(&mut tree_first);
        let d = tree_first.diff(target, base, mode, false).unwrap();
        let seen = two_sided(&mut tree_first, d, false);
        assert_eq!(seen.0, inuse["total"].as_i64().unwrap() as f64, "{mode:?}");
        for f in inuse["functions"].as_array().unwrap() {
            let row = seen
                .1
                .iter()
                .find(|r| r.0 == f["name"].as_str().unwrap())
                .expect("every function of pprof's");
            assert_eq!(
                (row.1, row.2),
                (f["flat"].as_i64().unwrap(), f["cum"].as_i64().unwrap()),
                "{mode:?} {}",
                row.0
            );
        }
        // what reads the merged samples: pprof's count after the merge, and its top
        let summary = tree_first.summary(d).unwrap();
        assert_eq!(
            summary.sample_count as u64,
            want["counts"]["samples_after_merge"].as_u64().unwrap(),
            "{mode:?}"
        );
        assert_eq!(tree_first.top(d, 3, Functions).unwrap().total, inuse["total"].as_i64().unwrap() as f64);
        // merged first, then the two-sided views (the flame graph first): the same answers
        let mut merged_first = Session::new();
        let (base2, target2) = open(&mut merged_first);
        let d2 = merged_first.diff(target2, base2, mode, false).unwrap();
        merged_first.summary(d2).unwrap();
        assert_eq!(two_sided(&mut merged_first, d2, true), seen, "{mode:?}");
        // a side closed before the samples were merged: a clear error, the rest stays
        let mut closed = Session::new();
        let (base3, target3) = open(&mut closed);
        let d3 = closed.diff(target3, base3, mode, false).unwrap();
        closed.unload(base3);
        assert_eq!(closed.summary(d3).unwrap_err().0, "a profile of this diff was closed");
        assert!(closed.top(target3, 3, Functions).is_ok());
    }
}

#[test]
fn the_engine_says_which_profiles_compare_and_why_not() {
    let mut s = Session::new();
    let heap = load(&mut s, "go/heap_t0.pb.gz");
    let heap2 = load(&mut s, "go/heap_t2.pb.gz");
    let cpu = load(&mut s, "go/cpu.pb.gz");
    assert!(s.comparable(heap, heap2).unwrap().comparable);
    let no = s.comparable(heap, cpu).unwrap();
    assert!(!no.comparable);
    assert!(no.reason.unwrap().contains("incompatible"));
    let d = s.diff(heap2, heap, DiffMode::Base, false).unwrap();
    assert!(!s.comparable(d, heap).unwrap().comparable);
    // What it refuses, diff refuses too.
    assert!(s.diff(cpu, heap, DiffMode::Base, false).is_err());
}

#[test]
fn trend_orders_snapshots_in_time_and_ranks_the_leak_first() {
    let mut s = Session::new();
    let ids = [
        load(&mut s, "go/heap_t2.pb.gz"),
        load(&mut s, "go/heap_t0.pb.gz"),
        load(&mut s, "go/heap_t1.pb.gz"),
    ];
    let t = s.trend(&ids, "inuse_space", Functions).unwrap();
    assert_eq!(t.order.0, vec![ids[1], ids[2], ids[0]]);
    assert_eq!(t.names.get(0), Some("main.newItem"));
    assert_eq!(t.tau[0], 1.0);
    assert_eq!(t.values.len(), t.rows * 3);
    assert!(s.trend(&ids[..1], "inuse_space", Functions).is_err());
}

/// A trend makes its snapshots' views together (`Session::views`) and their flat values
/// over the threads; made over views asked for one by one first (by top), it is the same,
/// with a snapshot given twice too. Its retention is inuse / alloc of the last snapshot's
/// own top table (which the oracle tests check against pprof).
#[test]
fn a_trend_made_with_its_views_together_equals_one_over_views_made_one_by_one() {
    let files = ["go/heap_t2.pb.gz", "go/heap_t0.pb.gz", "go/heap_t1.pb.gz", "go/heap_t0.pb.gz"];
    let trend_of = |views_first: bool| {
        let mut s = Session::new();
        let mut ids: Vec<u32> = files[..3].iter().map(|f| load(&mut s, f)).collect();
        ids.push(ids[1]);
        if views_first {
            for &id in &ids {
                s.top(id, 0, Functions).unwrap();
            }
        }
        let t = s.trend(&ids, "inuse_space", Functions).unwrap();
        (serde_json::to_value(&t).unwrap(), s, t)
    };
    let (together, mut s, t) = trend_of(false);
    let (one_by_one, _, _) = trend_of(true);
    assert_eq!(together, one_by_one);
    assert_eq!(t.order.0.len(), 4);

    let last = *t.order.0.last().unwrap();
    let flat = |s: &mut Session, index: usize| {
        let top = s.top(last, index, Functions).unwrap();
        let names: Vec<String> = top.names.iter().map(|n| n.to_string()).collect();
        names.into_iter().zip(top.flat.0).collect::<std::collections::HashMap<_, _>>()
    };
    let types = s.summary(last).unwrap().sample_types;
    let index = |ty: &str| types.iter().position(|t| t.ty == ty).unwrap();
    let (inuse, alloc) = (flat(&mut s, index("inuse_space")), flat(&mut s, index("alloc_space")));
    let mut checked = 0;
    for (row, name) in t.names.iter().enumerate() {
        match alloc.get(name).copied().filter(|&a| a > 0) {
            Some(a) => {
                let want = inuse.get(name).copied().unwrap_or(0) as f64 / a as f64;
                assert_eq!(t.retention[row], want, "{name}");
                checked += 1;
            }
            None => assert!(t.retention[row].is_nan(), "{name}"),
        }
    }
    assert!(checked > 0);
}

#[test]
fn filters_derive_a_profile_whose_percent_base_is_the_source_total() {
    let mut s = Session::new();
    let id = load(&mut s, "go/cpu.pb.gz");
    let all = s.top(id, 1, Functions).unwrap();
    let stack =
        [Transform::new(TransformOp::Focus, "checksum"), Transform::new(TransformOp::Hide, "runtime")];
    let f = s.filter(id, &stack).unwrap();
    let t = s.top(f, 1, Functions).unwrap();
    assert_eq!(t.total, all.total);
    assert_eq!(s.percent_base(f, 1).unwrap(), Some(all.total as i64));
    assert_eq!(s.percent_base(id, 1).unwrap(), None);
    assert!(t.names.iter().any(|n| n == "main.checksum"));
    assert!(!t.names.iter().any(|n| n.starts_with("runtime.")));
    assert!(t.rows < all.rows);
    // A filter of a filter keeps the first source's total.
    let again = s.filter(f, &[Transform::new(TransformOp::Ignore, "nothing-matches-this")]).unwrap();
    assert_eq!(s.top(again, 1, Functions).unwrap().total, all.total);
    assert!(s.filter(id, &[Transform::new(TransformOp::Focus, "(")]).is_err());
    assert!(serde_json::from_str::<Vec<Transform>>(r#"[{"op":"sideways","value":"x"}]"#).is_err());
    assert_eq!(s.top(id, 1, Functions).unwrap().rows, all.rows);
}

#[test]
fn flame_windows_find_and_match_agree_with_the_whole_layout() {
    let mut s = Session::new();
    let id = load(&mut s, "go/cpu.pb.gz");
    let whole = s.flame(id, 1, Functions, FlameWindow::ALL).unwrap();
    let g = &whole.layout;
    let roots: f64 = (0..g.start.len()).filter(|&i| g.parent[i] < 0).map(|i| g.width[i]).sum();
    assert_eq!(roots, g.total);
    for i in 0..g.start.len() {
        if g.parent[i] >= 0 {
            let p = g.parent[i] as usize;
            assert!(
                p < i
                    && g.start[i] >= g.start[p]
                    && g.start[i] + g.width[i] <= g.start[p] + g.width[p] + 1e-6
            );
        }
    }
    let half =
        s.flame(id, 1, Functions, FlameWindow { lo: 0.0, hi: g.total / 2.0, min_fraction: 0.01 }).unwrap();
    assert!(half.layout.node.len() < g.node.len());
    assert_eq!((half.lo, half.hi, half.min_width), (0.0, g.total / 2.0, g.total / 2.0 * 0.01));
    let found = s.flame_find(key(FlameKind::Plain, id, 1), "main.checksum").unwrap().unwrap();
    let at = g.node.iter().position(|&n| n == found.node).unwrap();
    assert_eq!((g.start[at], g.width[at]), (found.start, found.width));
    assert_eq!(s.flame_find(key(FlameKind::Plain, id, 1), "no.such").unwrap(), None);
    let top = s.top(id, 1, Functions).unwrap();
    let row = top.names.iter().position(|n| n == "main.checksum").unwrap();
    assert_eq!(s.flame_match(key(FlameKind::Plain, id, 1), "MAIN.CHECKSUM").unwrap(), top.cum[row]);
}

#[test]
fn sandwich_call_tree_and_lines_agree_with_the_top_table() {
    let mut s = Session::new();
    let id = load(&mut s, "go/cpu.pb.gz");
    let top = s.top(id, 1, Functions).unwrap();
    let row = top.names.iter().position(|n| n == "main.checksum").unwrap();
    let w = s.sandwich(id, 1, Functions, "main.checksum").unwrap();
    assert!(w.found);
    assert_eq!((w.flat, w.cum), (Some(top.flat[row] as f64), Some(top.cum[row] as f64)));
    assert_eq!(w.callees.unwrap().layout.names.get(0), Some("main.checksum"));
    assert_eq!(w.caller_names.unwrap().len(), w.caller_weights.unwrap().len());
    assert!(!s.sandwich(id, 1, Functions, "no.such").unwrap().found);
    // The outermost call tree nodes sum to the total; expanding follows `start`.
    let roots = s.call_tree_children(id, 1, Functions, &[None]).unwrap();
    assert_eq!(roots.totals.iter().sum::<i64>() as f64, top.total);
    let path = s.call_tree_heaviest(id, 1, Functions, None).unwrap();
    assert_eq!(path[0], roots.node[0]);
    let kids = s.call_tree_children(id, 1, Functions, &[Some(path[0])]).unwrap();
    assert_eq!(kids.start.0, vec![0, kids.node.len() as u32]);
    let lines = s.function_lines(id, 1, "main.checksum").unwrap();
    assert_eq!(lines.function, "main.checksum");
    assert_eq!(lines.flat.iter().sum::<i64>(), top.flat[row]);
    assert_eq!(lines.total, top.total);
}

#[test]
fn labels_give_filters_that_select_their_samples() {
    let mut s = Session::new();
    let id = load(&mut s, "go/cpu.pb.gz");
    let total = s.top(id, 1, Functions).unwrap().total;
    let labels = s.labels(id, 1).unwrap();
    assert_eq!(labels.unit, "nanoseconds");
    for k in &labels.keys {
        for v in &k.values {
            let Some(filter) = &v.filter else { continue };
            let f = s.filter(id, &[Transform::new(TransformOp::Tagfocus, filter)]).unwrap();
            let kept: i64 = s.top(f, 1, Functions).unwrap().flat.iter().sum();
            assert_eq!(kept as f64, v.value, "{}={}", k.key, v.name);
            assert!(v.value <= total);
        }
    }
}

#[test]
fn exports_svg_folded_and_a_profile_that_reads_back() {
    let mut s = Session::new();
    let base = load(&mut s, "go/heap_t0.pb.gz");
    let target = load(&mut s, "go/heap_t2.pb.gz");
    let d = s.diff(target, base, DiffMode::DiffBase, false).unwrap();
    let svg = s.flame_svg(d, 3, Functions, "newItem", None).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains(">main.newItem<"));
    assert!(s.folded(target, Functions).unwrap().lines().any(|l| l.contains("main.newItem")));
    let exported = s.export_profile(d, None).unwrap();
    let back = s.load("back".into(), exported, &mut |_, _| {}).unwrap();
    let (a, b) = (s.top(d, 3, Functions).unwrap(), s.top(back, 3, Functions).unwrap());
    assert_eq!((a.total, &a.flat), (b.total, &b.flat));
    let hidden = s.export_profile(target, Some(&Redaction::Hash)).unwrap();
    let back = s.load("hidden".into(), hidden, &mut |_, _| {}).unwrap();
    assert!(!s.top(back, 3, Functions).unwrap().names.iter().any(|n| n.contains("newItem")));
    assert!(proflens::session::export::parse_redaction("sideways").is_err());
}

#[test]
fn a_goroutine_dump_is_a_profile_and_a_dump() {
    let mut s = Session::new();
    let id = load(&mut s, "go/goroutine_debug2.txt");
    let heap = load(&mut s, "go/heap_t2.pb.gz");
    assert!(s.goroutine_summary(heap).is_none());
    let summary = s.goroutine_summary(id).unwrap();
    assert_eq!((summary.total, summary.form), (1250, "debug=2"));
    assert_eq!(s.top(id, 0, Functions).unwrap().total, 1250.0);
    for base in [None, Some(id)] {
        let g = s.goroutine_groups(id, base).unwrap();
        assert_eq!(g.count[0], 1238.0);
        assert_eq!(g.state.get(0), Some("chan receive"));
        assert_eq!(g.base_count[0].is_nan(), base.is_none());
        assert_eq!(g.likely_leak[0], 0);
    }
    let detail = s.goroutine_group(id, 0, None).unwrap();
    assert_eq!(detail.created_by.unwrap().function, "main.handleOrder");
    assert_eq!(detail.id_count, 1238);
    let flame = s.goroutine_flame(id, FlameWindow::ALL).unwrap();
    let states = &flame.states;
    assert!(states.states.len() >= 8, "one root per state");
    assert_eq!(states.state_of.len(), flame.window.layout.node.len());
    let waits = s.goroutine_waits(id, "chan receive").unwrap();
    assert_eq!(waits.labels.len(), waits.counts.len());
    assert_eq!(waits.counts[0] + waits.counts[1], 1238.0);
    let all: f64 = s.goroutine_waits(id, "").unwrap().counts.iter().sum();
    assert_eq!(all, 1250.0);
    assert!(s.goroutine_groups(heap, None).unwrap_err().0.contains("not a goroutine dump"));
}

#[test]
fn the_cache_stays_within_its_budget_and_forgets_closed_profiles() {
    use proflens::session::cache::BUDGET_BYTES;
    let mut s = Session::new();
    let ids: Vec<u32> = ["go/heap_t0.pb.gz", "go/heap_t1.pb.gz", "go/heap_t2.pb.gz", "go/cpu.pb.gz"]
        .iter()
        .map(|f| load(&mut s, f))
        .collect();
    for &id in &ids {
        for index in 0..2 {
            s.flame_window(key(FlameKind::Plain, id, index), FlameWindow::ALL).unwrap();
            s.call_tree_children(id, index, Functions, &[None]).unwrap();
        }
    }
    let used = s.cached_bytes();
    assert!(used > 0 && used <= BUDGET_BYTES);
    for &id in &ids {
        s.unload(id);
    }
    assert_eq!(s.cached_bytes(), 0);
    // A budget that holds one flame tree keeps only the newest, and answers stay the same.
    let id = load(&mut s, "go/cpu.pb.gz");
    let first = s.flame(id, 1, Functions, FlameWindow::ALL).unwrap();
    s.set_cache_budget(s.cached_bytes() + 1);
    s.flame_window(key(FlameKind::Plain, id, 1), FlameWindow::ALL).unwrap();
    s.flame_window(key(FlameKind::Plain, id, 0), FlameWindow::ALL).unwrap();
    assert_eq!(s.cached_results(), 1);
    let again = s.flame(id, 1, Functions, FlameWindow::ALL).unwrap();
    assert_eq!(s.cached_results(), 1);
    assert_eq!((first.layout.node, first.layout.value), (again.layout.node, again.layout.value));
}

/// Every request type, as the page sends it (JSON with its `id` and `type`), through the
/// one dispatch the wasm layer calls.
#[test]
fn every_request_type_is_answered_through_the_protocol() {
    use proflens::session::protocol::{Request, Response};
    let mut s = Session::new();
    let t0 = load(&mut s, "go/heap_t0.pb.gz");
    let t2 = load(&mut s, "go/heap_t2.pb.gz");
    let dump = load(&mut s, "go/goroutine_debug2.txt");
    let ask = |s: &mut Session, json: String| -> Value {
        let r: Request = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
        let res: Response = s.handle(r).unwrap_or_else(|e| panic!("{json}: {e}"));
        serde_json::to_value(&res).unwrap()
    };
    let q = format!(r#""profile": {t2}, "sampleIndex": 3, "granularity": "functions""#);
    let d = ask(
        &mut s,
        format!(
            r#"{{"id": 1, "type": "diff", "target": {t2}, "base": {t0}, "mode": "diff_base", "normalize": false}}"#
        ),
    );
    let d = d["profile"].as_u64().unwrap();
    let dq = format!(r#""profile": {d}, "sampleIndex": 3, "granularity": "functions""#);
    let source = format!(r#"{{"kind": "plain", {q}}}"#);
    let opened = ask(&mut s, format!(r#"{{"type": "opened", "profile": {dump}}}"#));
    assert_eq!(opened["goroutines"]["total"], 1250);
    assert_eq!(opened["summary"]["sampleTypes"][0]["type"], "goroutine");
    let answers = [
        format!(r#"{{"type": "summary", "profile": {t2}}}"#),
        format!(r#"{{"id": 9, "type": "top", {q}}}"#),
        format!(r#"{{"type": "flame", {q}}}"#),
        format!(r#"{{"type": "flame", {q}, "window": {{"lo": 0, "hi": 1e300, "minFraction": 0.001}}}}"#),
        format!(r#"{{"type": "flameWindow", "source": {source}, "window": {{"lo": 0, "hi": 1e9, "minFraction": 0}}}}"#),
        format!(r#"{{"type": "flameFind", "source": {source}, "name": "main.newItem"}}"#),
        format!(r#"{{"type": "flameMatch", "source": {source}, "needle": "newitem"}}"#),
        format!(r#"{{"type": "flameSvg", {q}, "search": "", "root": -1}}"#),
        format!(r#"{{"type": "folded", "profile": {t2}, "granularity": "lines"}}"#),
        format!(r#"{{"type": "exportProfile", "profile": {t2}, "redaction": "trim:/home"}}"#),
        format!(r#"{{"type": "comparable", "a": {t2}, "b": {dump}}}"#),
        format!(r#"{{"type": "diffTable", {dq}}}"#),
        format!(r#"{{"type": "diffFlame", {dq}}}"#),
        format!(r#"{{"type": "trend", "profiles": [{t0}, {t2}], "sampleType": "inuse_space", "granularity": "files"}}"#),
        format!(r#"{{"type": "filter", "profile": {t2}, "transforms": [{{"op": "show_from", "value": "main"}}]}}"#),
        format!(r#"{{"type": "sandwich", {q}, "name": "main.newItem"}}"#),
        format!(r#"{{"type": "callTreeChildren", {q}, "nodes": [-1, 0]}}"#),
        format!(r#"{{"type": "callTreeHeaviest", {q}, "from": -1}}"#),
        format!(r#"{{"type": "labels", "profile": {t2}, "sampleIndex": 3}}"#),
        format!(r#"{{"type": "functionLines", "profile": {t2}, "sampleIndex": 3, "function": "main.newItem"}}"#),
        format!(r#"{{"type": "goroutineGroups", "profile": {dump}, "base": -1}}"#),
        format!(r#"{{"type": "goroutineGroup", "profile": {dump}, "row": 0, "base": {dump}}}"#),
        format!(r#"{{"type": "goroutineWaits", "profile": {dump}, "state": ""}}"#),
        format!(r#"{{"type": "goroutineFlame", "profile": {dump}}}"#),
    ]
    .map(|json| ask(&mut s, json));
    let [_, top, _, _, _, find, matched, svg, folded, bytes, cmp, table, diff_flame, trend, made, sandwich, kids, path, ..] =
        &answers;
    assert_eq!(top["names"]["$typed"], "str");
    assert!(find["width"].as_f64().unwrap() > 0.0);
    assert!(matched["value"].as_f64().unwrap() > 0.0);
    assert!(svg["svg"].as_str().unwrap().starts_with("<svg"));
    assert!(folded["text"].as_str().unwrap().contains("main.newItem"));
    assert_eq!(bytes["bytes"]["$typed"], "u8");
    assert_eq!(cmp["comparable"], false);
    assert!(table["baseTotal"].is_number() && diff_flame["vanishedCount"].is_number());
    assert_eq!(trend["memstats"], serde_json::json!({}));
    assert!(made["summary"]["name"].as_str().unwrap().ends_with("(filtered)"));
    assert_eq!(sandwich["found"], true);
    assert!(kids["start"].is_object() && path["path"].is_object());
    let unloaded = ask(&mut s, format!(r#"{{"type": "unload", "profile": {d}}}"#));
    assert_eq!(unloaded["profile"], d);
    let bad: Result<Request, _> = serde_json::from_str(r#"{"type": "sideways"}"#);
    assert!(bad.is_err());
}

/// The key the page compares (`Summary::comparable_as`) agrees with the engine's
/// `comparable` (pprof's merge check) on every pair of corpus profiles.
#[test]
fn the_comparability_key_agrees_with_the_merge_check_on_every_corpus_pair() {
    let mut s = Session::new();
    let ids: Vec<u32> = common::corpus_profiles()
        .iter()
        .filter_map(|rel| s.load(rel.clone(), read(rel), &mut |_, _| {}).ok())
        .collect();
    assert!(ids.len() >= 20);
    let (mut yes, mut no) = (0, 0);
    for &a in &ids {
        for &b in &ids {
            let keys = (s.summary(a).unwrap().comparable_as, s.summary(b).unwrap().comparable_as);
            let said = s.comparable(a, b).unwrap().comparable;
            assert_eq!(keys.0 == keys.1, said, "{a} {b}");
            if said {
                yes += 1
            } else {
                no += 1
            }
        }
    }
    assert!(yes > ids.len() && no > 0);
}

/// A file of several profiles (speedscope's, one per thread) opens each as a profile of its
/// own, named after the file and the profile; `opened` lists the others with the first.
#[test]
fn a_file_of_several_profiles_opens_each_under_its_name() {
    use proflens::session::protocol::Request;
    let two = r#"{"$schema":"https://www.speedscope.app/file-format-schema.json",
        "shared":{"frames":[{"name":"main"},{"name":"work","file":"a.py","line":3}]},
        "profiles":[
          {"type":"sampled","name":"thread 1","unit":"none","startValue":0,"endValue":3,
           "samples":[[0,1],[0],[0,1]],"weights":[1,2,1]},
          {"type":"sampled","name":"thread 2","unit":"none","startValue":0,"endValue":1,
           "samples":[[0]],"weights":[5]}]}"#;
    let mut s = Session::new();
    let first = s.load("py.json".into(), two.as_bytes().to_vec(), &mut |_, _| {}).unwrap();
    let r: Request = serde_json::from_str(&format!(r#"{{"type": "opened", "profile": {first}}}"#)).unwrap();
    let opened = serde_json::to_value(s.handle(r).unwrap()).unwrap();
    assert_eq!(opened["summary"]["name"], "py.json · thread 1");
    let more = opened["more"].as_array().unwrap();
    assert_eq!(more.len(), 1);
    assert_eq!(more[0]["name"], "py.json · thread 2");
    let second = more[0]["profile"].as_u64().unwrap() as u32;
    // each holds only its own samples: 4 in thread 1 (work twice), 5 in thread 2
    let totals: Vec<i64> =
        [first, second].iter().map(|&id| s.get(id).unwrap().profile.samples.values[0].iter().sum()).collect();
    assert_eq!(totals, [4, 5]);
    // a file of one profile opens as one, under the file's name
    let one = s.load("heap.pb.gz".into(), read("go/heap_t0.pb.gz"), &mut |_, _| {}).unwrap();
    assert!(s.siblings(one).is_empty());
}
