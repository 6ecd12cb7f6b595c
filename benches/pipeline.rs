//! `cargo bench`: times decode+top, decode+folded and decode+flame (the flame graph layout
//! the web app draws) on the generated S/M/L profiles and
//! reports MB/s of uncompressed protobuf and peak memory (VmHWM) per pipeline.
//!
//! Each (file, pipeline) runs in a fresh child process, so the peak memory is that of the
//! pipeline alone. Files come from `../shared/bench/gen_profile.py` (generated into
//! `bench-data/` when missing; set PROFLENS_BENCH_DATA to use another folder, and
//! PROFLENS_BENCH_SIZES=S,M to choose sizes).

mod common;

use common::{data_dir, ensure_generated, print_row};
use proflens::decode::gzip;
use proflens::query::{top, Granularity, StackView};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() >= 4 && args[1] == "--child" {
        child(&args[2], Path::new(&args[3]));
        return;
    }
    let data = data_dir();
    let sizes = std::env::var("PROFLENS_BENCH_SIZES").unwrap_or_else(|_| "S,M,L".into());
    println!(
        "{:<4} {:<14} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8}",
        "file", "pipeline", "raw MB", "gunzip", "decode", "query", "total s", "MB/s", "peak MB"
    );
    for size in sizes.split(',') {
        let file = data.join(format!("{size}.pb.gz"));
        ensure_generated(&["--preset", size, file.to_str().unwrap()], &file);
        for pipeline in ["top", "folded", "flame"] {
            let runs = if size == "L" { 1 } else { 3 };
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
