//! `cargo bench`: times decode+top, decode+folded and decode+flame (the flame graph layout
//! the web app draws) on the generated S/M/L profiles and
//! reports MB/s of uncompressed protobuf and peak memory (VmHWM) per pipeline.
//!
//! Each (file, pipeline) runs in a fresh child process, so the peak memory is that of the
//! pipeline alone. Files come from `../shared/bench/gen_profile.py` (generated into
//! `bench-data/` when missing; set PROFLENS_BENCH_DATA to use another folder, and
//! PROFLENS_BENCH_SIZES=S,M to choose sizes).
//!
//! `cargo bench --bench pipeline -- --stages FILE…` prints where the time goes instead:
//! gunzip, the tables, the sample pass, packing the location lists, finding the distinct
//! stacks, the stack build, the stack view, the top table, the call tree, the flame sums
//! and the first flame window.
//! `cargo bench --bench pipeline -- --transform FILE…` times what the web app does when a
//! focus, a hide (or merge) or a show_from is applied from the context menu (issue 8): the
//! filter, the derived view, the top table and the flame graph, on the 4th to 6th functions
//! of the top table.

mod common;

use common::{data_dir, ensure_generated, print_row};
use proflens::decode::gzip;
use proflens::query::{top, Granularity, StackView};
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Counts the heap's live bytes and their peak, for `--stages` (where the memory goes).
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = System.alloc(l);
        if !p.is_null() {
            PEAK.fetch_max(LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size(), Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        System.dealloc(p, l);
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = System.realloc(p, l, new);
        if !q.is_null() {
            // growing may copy (both blocks live for a moment); shrinking is in place
            let now = LIVE.fetch_add(new, Ordering::Relaxed) + new;
            PEAK.fetch_max(if new > l.size() { now } else { now - new }, Ordering::Relaxed);
            LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// The peak of live heap bytes since the last call, in MB, and the live bytes now.
fn heap_since_last() -> (f64, f64) {
    let live = LIVE.load(Ordering::Relaxed);
    let peak = PEAK.swap(live, Ordering::Relaxed);
    (peak as f64 / 1e6, live as f64 / 1e6)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() >= 4 && args[1] == "--child" {
        child(&args[2], Path::new(&args[3]));
        return;
    }
    if args.len() >= 3 && args[1] == "--stages" {
        for file in args[2..].iter().filter(|a| !a.starts_with("--")) {
            stages(Path::new(file));
        }
        return;
    }
    if args.len() >= 3 && args[1] == "--transform" {
        for file in args[2..].iter().filter(|a| !a.starts_with("--")) {
            transform_stages(Path::new(file));
        }
        return;
    }
    let data = data_dir();
    let sizes = if common::smoke() {
        "S".into()
    } else {
        std::env::var("PROFLENS_BENCH_SIZES").unwrap_or_else(|_| "S,M,L".into())
    };
    println!(
        "{:<4} {:<14} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8}",
        "file", "pipeline", "raw MB", "gunzip", "decode", "query", "total s", "MB/s", "peak MB"
    );
    for size in sizes.split(',') {
        let file = data.join(format!("{size}.pb.gz"));
        ensure_generated(&["--preset", size, file.to_str().unwrap()], &file);
        for pipeline in ["top", "folded", "flame"] {
            let runs = if size == "L" || common::smoke() { 1 } else { 3 };
            let mut best: Option<String> = None;
            let mut best_t = f64::MAX;
            for _ in 0..runs {
                let out = Command::new(std::env::current_exe().unwrap())
                    .args(["--child", pipeline, file.to_str().unwrap()])
                    .output()
                    .expect("child run");
                let line = String::from_utf8_lossy(&out.stdout).trim().to_string();
                let t: f64 = line.split_whitespace().nth(5).and_then(|s| s.parse().ok()).unwrap_or(f64::MAX);
                if t < best_t {
                    best_t = t;
                    best = Some(line);
                }
            }
            println!("{:<4} {}", size, best.unwrap_or_default());
        }
    }
}

/// One pipeline in this process; prints one result row.
fn child(pipeline: &str, file: &Path) {
    let bytes = std::fs::read(file).unwrap();
    let t0 = Instant::now();
    let raw = gzip::gunzip(&bytes, 1 << 32, &mut |_| {}).unwrap();
    let t1 = Instant::now();
    drop(bytes);
    let raw_len = raw.len();
    // As the CLI and the browser do: the decoder owns the raw bytes and frees them early.
    let p = proflens::decode_owned(raw, Default::default()).unwrap();
    let t2 = Instant::now();
    let view = StackView::new(&p, Granularity::Functions);
    let rows = match pipeline {
        "top" => top(&p, &view, p.default_sample_index()).rows.len(),
        "flame" => proflens::query::flame::flame(&p, &view, p.default_sample_index()).key.len(),
        _ => {
            // The full text, as `proflens folded` writes it, into a counting sink.
            let mut out = CountingSink(0);
            proflens::report::folded_text::write(&p, &view, &mut out).unwrap();
            out.0
        }
    };
    let t3 = Instant::now();
    std::hint::black_box(rows);
    print_row(&format!("decode+{pipeline}"), 14, raw_len, [t0, t1, t2, t3]);
}

/// Counts the bytes written to it.
struct CountingSink(usize);

impl std::io::Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Times each stage of decode, top and the first flame frame on one file, in this process.
fn stages(file: &Path) {
    use proflens::decode::{DecodeOptions, Stage};
    use proflens::query::flame::{flame_tree, Window};
    let bytes = std::fs::read(file).unwrap();
    let t0 = Instant::now();
    // The first report of each stage marks its start (and the heap's peak before it).
    let mut starts: Vec<(&'static str, Instant, (f64, f64))> = Vec::new();
    // Build reports 0..0.2 for the sample pass, 0.2 and 0.25 as it packs the location
    // lists and finds the distinct stacks, and 0.3..1 for the stack tree.
    let mut mark = |s: Stage, f: f64| {
        let name = match s {
            Stage::Build if f < 0.2 => "samples",
            Stage::Build if f < 0.25 => "pack",
            Stage::Build if f < 0.3 => "distinct",
            Stage::Build => "stacks",
            _ => s.name(),
        };
        if starts.last().map(|l| l.0) != Some(name) {
            starts.push((name, Instant::now(), heap_since_last()));
        }
    };
    heap_since_last();
    // PROFLENS_THREADS=1 times the sequential decoder (the single-threaded wasm build's)
    let threads = std::env::var("PROFLENS_THREADS").ok().and_then(|t| t.parse().ok()).unwrap_or(0);
    let p = proflens::decode_owned(
        bytes,
        DecodeOptions { progress: Some(&mut mark), threads, ..Default::default() },
    )
    .unwrap();
    let mut marks: Vec<(&str, Instant, (f64, f64))> = starts.clone();
    marks.push(("view", Instant::now(), heap_since_last()));
    let view = StackView::new(&p, Granularity::Functions);
    marks.push(("top", Instant::now(), heap_since_last()));
    let t = top(&p, &view, p.default_sample_index());
    marks.push(("call tree", Instant::now(), heap_since_last()));
    let tree = view.call_tree(&p);
    marks.push(("flame sums", Instant::now(), heap_since_last()));
    let ft = flame_tree(&p, &view, p.default_sample_index());
    marks.push(("window", Instant::now(), heap_since_last()));
    let w = ft.window(tree, &Window { lo: 0.0, hi: ft.total, min_width: ft.total * 0.5 / 1400.0 });
    marks.push(("end", Instant::now(), heap_since_last()));
    std::hint::black_box((t.rows.len(), w.key.len()));
    let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
    let total = ms(t0, marks.last().unwrap().1);
    print!("{}: {} call nodes, {} boxes in the first window;", file.display(), tree.len(), w.key.len());
    for pair in marks.windows(2) {
        let d = ms(pair[0].1, pair[1].1);
        print!(" {} {:.0} ms ({:.0}%)", pair[0].0, d, d / total * 100.0);
    }
    println!("; total {total:.0} ms");
    // a stage's peak is reported at the next stage's start
    print!("  heap, peak during each stage / live after it (MB):");
    for pair in marks.windows(2) {
        let (peak, live) = pair[1].2;
        print!(" {} {peak:.0}/{live:.0}", pair[0].0);
    }
    println!();
}

/// Times applying a focus, a hide (the menu's hide and merge) and a show_from on a few of
/// the top table's functions, stage by stage, as the web app does it (the source's view and
/// call tree already built).
fn transform_stages(file: &Path) {
    use proflens::query::filter::{regex, Filters};
    use proflens::query::flame::{flame_tree, Window};
    let bytes = std::fs::read(file).unwrap();
    let p = proflens::decode_owned(bytes, Default::default()).unwrap();
    let si = p.default_sample_index();
    let view = StackView::new(&p, Granularity::Functions);
    let t = top(&p, &view, si);
    let tree = view.call_tree(&p);
    println!(
        "{}: {} samples, {} stack nodes, {} call nodes, {} locations, {} lines, {} functions, {} label sets",
        file.display(),
        p.samples.len(),
        p.stacks.len(),
        tree.len(),
        p.locations.len(),
        p.lines.len(),
        p.functions.len(),
        p.label_sets.len()
    );
    let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
    let ops = ["focus", "hide", "show_from"];
    for (op, row) in ops.iter().flat_map(|op| t.rows.iter().skip(3).take(3).map(move |r| (op, r))) {
        let name = view.name(row.key);
        let re = Some(regex(op, &format!("^{}$", regex_lite::escape(name))).unwrap());
        let f = match *op {
            "focus" => Filters { focus: re, ..Default::default() },
            "show_from" => Filters { show_from: re, ..Default::default() },
            _ => Filters { hide: re, ..Default::default() },
        };
        let t0 = Instant::now();
        let d = f.apply(&p).into_owned();
        let t1 = Instant::now();
        // as the web session makes the derived profile's view (`view_from_source`)
        let dv = if f.only_drops_samples() {
            StackView::sharing_keys(&d, &view, true)
        } else {
            StackView::deriving_keys(&d, &p, &view)
        };
        let t2 = Instant::now();
        let dt = top(&d, &dv, si);
        let t3 = Instant::now();
        let tree = dv.call_tree(&d);
        let t35 = Instant::now();
        let ft = flame_tree(&d, &dv, si);
        let w = ft.window(tree, &Window { lo: 0.0, hi: ft.total, min_width: ft.total * 0.5 / 1400.0 });
        let t4 = Instant::now();
        std::hint::black_box((dt.rows.len(), w.key.len()));
        println!(
            "{op} {name}: filter {:.1} ms, view {:.1} ms, top {:.1} ms, call tree {:.1} ms, flame {:.1} ms ({} samples kept)",
            ms(t0, t1),
            ms(t1, t2),
            ms(t2, t3),
            ms(t3, t35),
            ms(t35, t4),
            d.samples.stack.len()
        );
    }
}
