//! `cargo bench --bench goroutines`: reads and groups big goroutine dumps, and prints MB/s
//! of text and the peak memory (VmHWM) against the text size.
//!
//! The dumps are made from the real blocks of the corpus's debug=2 dump, repeated with new
//! goroutine ids, argument values and wait minutes, and some top-frame lines moved so the
//! dump has a few hundred groups: "100k", about 30 MB and 100,000 goroutines, and "64M",
//! cut at 64 MiB as the runtime cuts its own dumps. They are written to `bench-data/`
//! (or PROFLENS_BENCH_DATA) when missing. Each run is a fresh child process, so its peak
//! memory is that of the read alone.

mod common;

use common::{dumps, peak_rss_mb};
use proflens::decode::{decode_any_owned, Decoded};
use proflens::query::goroutines::group;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const SIZES: [(&str, usize, usize); 2] = [("100k", 100_000, usize::MAX), ("64M", 1_000_000, 64 << 20)];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() >= 3 && args[1] == "--child" {
        child(Path::new(&args[2]));
        return;
    }
    println!(
        "{:<6} {:>9} {:>11} {:>8} {:>8} {:>8} {:>9} {:>8} {:>8} {:>7}",
        "dump", "text MB", "goroutines", "groups", "read s", "group s", "MB/s", "peak MB", "x text", "cut"
    );
    let sizes = if common::smoke() { &SIZES[..1] } else { &SIZES[..] };
    for &(name, goroutines, cap) in sizes {
        let file = data_dir().join(format!("goroutines-{name}.txt"));
        if !file.exists() {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, dumps::generate(goroutines, cap)).unwrap();
        }
        let mut best: Option<(f64, String)> = None;
        for _ in 0..if common::smoke() { 1 } else { 3 } {
            let out = Command::new(std::env::current_exe().unwrap())
                .args(["--child", file.to_str().unwrap()])
                .output()
                .expect("child run");
            let line = String::from_utf8_lossy(&out.stdout).trim().to_string();
            let mbs: f64 = line.split_whitespace().nth(5).and_then(|s| s.parse().ok()).unwrap_or(0.0);
            if best.as_ref().is_none_or(|(b, _)| mbs > *b) {
                best = Some((mbs, line));
            }
        }
        println!("{name:<6} {}", best.map(|b| b.1).unwrap_or_default());
    }
}

fn data_dir() -> PathBuf {
    std::env::var_os("PROFLENS_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("bench-data"))
}

/// One read and grouping in this process; prints one result row.
fn child(file: &Path) {
    let bytes = std::fs::read(file).unwrap();
    let len = bytes.len();
    let t0 = Instant::now();
    let Ok(Decoded::Goroutines(dump)) = decode_any_owned(bytes, Default::default()) else {
        panic!("{} is not a goroutine dump", file.display());
    };
    let t1 = Instant::now();
    let groups = group(&dump);
    let t2 = Instant::now();
    let total = (t2 - t0).as_secs_f64();
    let peak = peak_rss_mb();
    println!(
        "{:>9.1} {:>11} {:>8} {:>8.3} {:>8.3} {:>9.0} {:>8.1} {:>8.2} {:>7}",
        len as f64 / 1e6,
        dump.total(),
        groups.len(),
        (t1 - t0).as_secs_f64(),
        (t2 - t1).as_secs_f64(),
        len as f64 / 1e6 / total,
        peak,
        peak * 1024.0 * 1024.0 / len as f64,
        dump.truncated
    );
}
