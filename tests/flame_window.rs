//! The lazy flame layout against the whole one: for a set of zoom levels (the whole graph,
//! wide boxes, deep narrow boxes) a window lays out exactly the boxes of the full layout
//! that overlap it and are at least its minimum width, with the same starts, widths,
//! values and parents. Also the widest box of a function and the search total, checked
//! against a scan of the full layout.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{corpus_profiles, load};
use proflens::query::flame::{flame_tree, FlameGraph, Window};
use proflens::query::{Granularity, StackView};

/// A box as drawn: its identity, place and labels; its parent by identity.
type Box_ = (u32, u32, u32, f64, f64, i64, i64, bool, Option<u32>);

fn boxes(g: &FlameGraph, keep: impl Fn(usize) -> bool) -> Vec<Box_> {
    (0..g.key.len())
        .filter(|&i| keep(i))
        .map(|i| {
            let parent = usize::try_from(g.parent[i]).ok().map(|p| g.node[p]);
            (
                g.node[i],
                g.key[i],
                g.depth[i],
                g.start[i],
                g.width[i],
                g.value[i],
                g.self_value[i],
                g.inlined[i],
                parent,
            )
        })
        .collect()
}

/// Zoom roots to try: the widest box at a few depths, and the narrowest deepest box.
fn zoom_roots(g: &FlameGraph) -> Vec<usize> {
    let mut roots = Vec::new();
    let deepest = g.depth.iter().copied().max().unwrap_or(0);
    for d in [0, 1, 3, deepest / 2, deepest] {
        let at = (0..g.key.len()).filter(|&i| g.depth[i] == d);
        if let Some(i) = at.clone().max_by(|&a, &b| g.width[a].total_cmp(&g.width[b])) {
            roots.push(i);
        }
        if let Some(i) = at.min_by(|&a, &b| g.width[a].total_cmp(&g.width[b])) {
            roots.push(i);
        }
    }
    roots
}

/// Returns how many boxes the full layouts had (so a test can tell it checked some).
fn check(name: &str, p: &proflens::Profile) -> usize {
    let mut laid_out = 0;
    let view = StackView::new(p, Granularity::Functions);
    for t in 0..p.sample_types.len() {
        let ft = flame_tree(p, &view, t);
        let tree = view.call_tree(p);
        let full = ft.window(tree, &Window::ALL);
        laid_out += full.key.len();
        let mut windows = vec![(0.0, full.total)];
        for r in zoom_roots(&full) {
            windows.push((full.start[r], full.start[r] + full.width[r]));
            // a view panned half a box to the right
            windows.push((full.start[r] + full.width[r] / 2.0, full.start[r] + full.width[r] * 1.5));
        }
        for (lo, hi) in windows {
            for px in [200.0, 1200.0, 4000.0] {
                let w = Window { lo, hi, min_width: (hi - lo) * 0.5 / px };
                let lazy = ft.window(tree, &w);
                let want = boxes(&full, |i| w.shows(full.start[i], full.width[i]));
                assert_eq!(boxes(&lazy, |_| true), want, "{name} type {t} window {w:?}");
                assert!(lazy.key.len() <= full.key.len());
            }
        }
        for i in (0..full.key.len()).step_by(full.key.len() / 50 + 1) {
            assert_eq!(ft.start_of(tree, full.node[i]), full.start[i], "{name}: start of box {i}");
        }
        check_widest_and_search(name, &view, tree, &ft, &full);
    }
    laid_out
}

fn check_widest_and_search(
    name: &str,
    view: &StackView,
    tree: &proflens::query::calltree::CallTree,
    ft: &proflens::query::flame::FlameTree,
    full: &FlameGraph,
) {
    let keys = view.keys.names.len() as u32;
    for key in (0..keys).step_by(keys as usize / 20 + 1) {
        let widest =
            (0..full.key.len()).filter(|&i| full.key[i] == key).map(|i| full.width[i]).fold(0.0, f64::max);
        match ft.widest(tree, key) {
            Some((node, start, width)) => {
                let i = full.node.iter().position(|&n| n == node).expect("the widest box is laid out");
                assert_eq!((full.start[i], full.width[i]), (start, width), "{name}: key {key}");
                assert_eq!(width, widest, "{name}: key {key} is widest");
            }
            None => assert_eq!(widest, 0.0, "{name}: key {key} has a box"),
        }
        // Search for this one name: boxes of it not below another, summed.
        let matches: Vec<bool> = (0..keys).map(|k| k == key).collect();
        let mut sum = 0i64;
        let mut cover: Option<u32> = None;
        for i in 0..full.key.len() {
            if cover.is_some_and(|d| full.depth[i] <= d) {
                cover = None;
            }
            if cover.is_none() && full.key[i] == key {
                sum += full.value[i];
                cover = Some(full.depth[i]);
            }
        }
        assert_eq!(ft.matched_value(tree, &matches), sum, "{name}: search for key {key}");
    }
}

#[test]
fn windows_lay_out_the_full_layout_filtered_by_place_and_width() {
    let boxes: usize = corpus_profiles().iter().map(|rel| check(rel, &load(rel))).sum();
    assert!(boxes > 10_000, "the corpus lays out {boxes} boxes");
}

#[test]
fn windows_of_a_large_synthetic_profile() {
    let bytes = proflens::synthetic::synthetic_profile(50_000);
    let p = proflens::decode(&bytes).unwrap();
    assert!(check("synthetic", &p) > 1_000);
}
