//! `cargo bench --bench diff_stages`: a diff's engine stages on the generated diff pairs,
//! the way the web app asks for them (made, then the diff table and flame graph of the
//! default sample type), natively, in interleaved runs of the two ways to make the delta:
//!
//! - merge: pprof's whole merge (`diff_sides`: strings, locations, stack tree, then every
//!   sample summed by stack and labels) and the delta from the merged samples;
//! - tree: the merge without the samples (`diff_tree`) and the delta from the two sides'
//!   own samples (`diff_delta`).
//!
//! "views" is the merged tree's stack view, the diff table (which makes the delta) and the
//! flame graph (its tree made with the table, from the same two sides' values, as the
//! session makes it); "delta" is the delta made once more alone, as the table makes it, shown
//! apart (it is in "views"). The two ways' deltas are checked equal on each run. `--smoke`: the S pair, one run. PROFLENS_BENCH_SIZES
//! (default M) and PROFLENS_BENCH_RUNS (default 5) choose the pairs and runs.

mod common;

use common::diff_pair;
use proflens::decode::gzip;
use proflens::query::diff::{diff_sides, diff_tree, DiffMode, DiffOptions};
use proflens::query::diff_view::{diff_table_and_flame, DiffInputs};
use proflens::query::flame::Window;
use proflens::query::{Granularity, StackView};
use proflens::Profile;
use std::time::Instant;

fn load(path: &std::path::Path) -> Profile {
    let raw = gzip::gunzip(&std::fs::read(path).unwrap(), 1 << 32, &mut |_| {}).unwrap();
    proflens::decode_owned(raw, Default::default()).unwrap()
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let smoke = common::smoke();
    let sizes =
        if smoke { "S".into() } else { std::env::var("PROFLENS_BENCH_SIZES").unwrap_or_else(|_| "M".into()) };
    let runs: usize = if smoke {
        1
    } else {
        std::env::var("PROFLENS_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(5)
    };
    println!(
        "{:<4} {:<9} {:<6} {:>4} {:>10} {:>10} {:>10} {:>10}",
        "pair", "mode", "way", "run", "make ms", "views ms", "total ms", "(delta ms)"
    );
    for size in sizes.split(',') {
        let (base, target) = diff_pair(size);
        let (base, target) = (load(&base), load(&target));
        for run in 0..runs {
            for mode in [DiffMode::DiffBase, DiffMode::Base] {
                let mut deltas = Vec::new();
                for way in ["merge", "tree"] {
                    let t0 = Instant::now();
                    let d = if way == "merge" {
                        diff_sides(&target, &base, DiffOptions { mode, normalize: false }).unwrap()
                    } else {
                        diff_tree(&target, &base, mode).unwrap()
                    };
                    let make = ms(t0);
                    let t1 = Instant::now();
                    let view = StackView::new(&d.profile, Granularity::Functions);
                    let index = d.profile.default_sample_index();
                    let inputs =
                        DiffInputs { merged: &d.profile, sides: &d.sides, target: &target, base: &base };
                    // the table, with the flame tree made from the same sides' values (as the
                    // session makes them), then the flame graph's first window
                    let (table, flame) = diff_table_and_flame(&inputs, &view, index);
                    let n = table.rows.len()
                        + flame.window(view.call_tree(&d.profile), &Window::ALL).graph.key.len();
                    std::hint::black_box(n);
                    let views = ms(t1);
                    // the delta alone, as the table makes it (with the two sides' values)
                    let t2 = Instant::now();
                    let delta = inputs.delta(&view, index);
                    let delta_ms = ms(t2);
                    deltas.push((delta.self_value, delta.subtree_nonzero, delta.abs_total));
                    println!(
                        "{size:<4} {:<9} {way:<6} {run:>4} {make:>10.0} {views:>10.0} {:>10.0} {delta_ms:>10.0}",
                        if mode == DiffMode::Base { "base" } else { "diff_base" },
                        make + views
                    );
                }
                assert!(deltas[0] == deltas[1], "the two ways made different deltas");
            }
        }
    }
}
