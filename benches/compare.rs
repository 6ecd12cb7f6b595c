//! `cargo bench --bench compare`: diffs and trends on the generated diff pairs
//! (`gen_profile.py --diff-pair`, M and L), reporting MB/s of raw protobuf (both files)
//! and peak memory (VmHWM), each case in a fresh child process.
//!
//! - diff: decode base and target, merge them as `-diff_base` (pprof's Merge), then the
//!   two-sided diff table (with the delta's top table) and the differential flame graph,
//!   as the web app asks for them.
//! - trend: decode three snapshots (base, target, base again: the generator makes two
//!   variants of one program) and compute the trend of the default sample type.
//!
//! PROFLENS_BENCH_SIZES=M,L chooses the pair sizes.

mod common;

use common::{diff_pair, print_row};
use proflens::decode::gzip;
use proflens::query::diff::{diff_sides, DiffMode, DiffOptions};
use proflens::query::diff_view::{diff_flame, diff_table, DiffInputs};
use proflens::query::{Granularity, StackView};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() >= 4 && args[1] == "--child" {
        child(&args[2], &args[3..].iter().map(PathBuf::from).collect::<Vec<_>>());
        return;
    }
    let sizes = if common::smoke() {
        "S".into()
    } else {
        std::env::var("PROFLENS_BENCH_SIZES").unwrap_or_else(|_| "M,L".into())
    };
    println!(
        "{:<4} {:<8} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8}",
        "pair", "case", "raw MB", "decode", "merge", "views", "total s", "MB/s", "peak MB"
    );
    for size in sizes.split(',') {
        let (base, target) = diff_pair(size);
        let cases: Vec<(&str, Vec<&Path>)> =
            vec![("diff", vec![&base, &target]), ("trend", vec![&base, &target, &base])];
        for (case, files) in cases {
            let runs = if size == "L" || common::smoke() { 1 } else { 3 };
            let mut best: (f64, String) = (f64::MAX, String::new());
            for _ in 0..runs {
                let out = Command::new(std::env::current_exe().unwrap())
                    .arg("--child")
                    .arg(case)
                    .args(&files)
                    .output()
                    .expect("child run");
                let line = String::from_utf8_lossy(&out.stdout).trim().to_string();
                let t: f64 = line.split_whitespace().nth(5).and_then(|s| s.parse().ok()).unwrap_or(f64::MAX);
                if t < best.0 {
                    best = (t, line);
                }
            }
            println!("{size:<4} {}", best.1);
        }
    }
}

/// One case in this process; prints one result row.
fn child(case: &str, files: &[PathBuf]) {
    let t0 = Instant::now();
    let mut raw_len = 0;
    let profiles: Vec<proflens::Profile> = files
        .iter()
        .map(|f| {
            let bytes = std::fs::read(f).unwrap();
            let raw = gzip::gunzip(&bytes, 1 << 32, &mut |_| {}).unwrap();
            raw_len += raw.len();
            proflens::decode_owned(raw, Default::default()).unwrap()
        })
        .collect();
    let t1 = Instant::now();
    let (t2, rows) = match case {
        "diff" => {
            let (base, target) = (&profiles[0], &profiles[1]);
            let d =
                diff_sides(target, base, DiffOptions { mode: DiffMode::DiffBase, normalize: false }).unwrap();
            let t2 = Instant::now();
            let view = StackView::new(&d.profile, Granularity::Functions);
            let index = d.profile.default_sample_index();
            let inputs = DiffInputs { merged: &d.profile, sides: &d.sides, target, base };
            let n = diff_table(&inputs, &view, index).rows.len()
                + diff_flame(&inputs, &view, index).graph.key.len();
            (t2, n)
        }
        _ => {
            let t2 = Instant::now();
            let views: Vec<StackView> =
                profiles.iter().map(|p| StackView::new(p, Granularity::Functions)).collect();
            let pairs: Vec<_> = profiles.iter().zip(&views).collect();
            let ty = profiles[0].str(profiles[0].sample_types[profiles[0].default_sample_index()].ty);
            (t2, proflens::query::trend::trend(&pairs, ty).unwrap().rows.len())
        }
    };
    let t3 = Instant::now();
    std::hint::black_box(rows);
    print_row(case, 8, raw_len, [t0, t1, t2, t3]);
}
