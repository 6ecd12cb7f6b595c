//! `cargo bench --bench perf_script [-- --size-mb N | --smoke]`: reads a large `perf
//! script` text natively and prints MB/s and the peak memory against the text size, with
//! inferno-collapse-perf (`cargo install inferno`) on the same file as the peer.
//!
//! The text is made from the real cpu-clock samples of
//! examples/other-profilers/work.perf.txt (one event, since inferno reads only the first
//! it meets and would skip the others' stacks), repeated with 16 threads, increasing times, and leaf addresses spread over 4096 values
//! per frame (so the reader interns many locations, as on a real long recording). It is
//! written to `bench-data/` (or PROFLENS_BENCH_DATA) when missing: 256 MB by default,
//! 8 MB with `--smoke`. Each read is a fresh child process, so its peak memory is the
//! read's alone (the text itself included).

mod common;

use common::{data_dir, peak_rss_mb};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() >= 3 && args[1] == "--child" {
        child(Path::new(&args[2]));
        return;
    }
    let smoke = common::smoke();
    let size_mb: usize = match args.iter().position(|a| a == "--size-mb") {
        Some(i) => args[i + 1].parse().expect("--size-mb N"),
        None if smoke => 8,
        None => 256,
    };
    let file = data_dir().join(format!("perf-script-{size_mb}M.txt"));
    if !file.exists() {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        generate(&file, size_mb << 20);
    }
    let mb = std::fs::metadata(&file).unwrap().len() as f64 / 1e6;
    let runs = if smoke { 1 } else { 3 };
    println!(
        "{:<28} {:>8} {:>8} {:>9} {:>8} {:>8}",
        "reader", "text MB", "best s", "MB/s", "peak MB", "x text"
    );
    let ours = best_of(runs, || {
        let out =
            Command::new(std::env::current_exe().unwrap()).args(["--child", file.to_str().unwrap()]).output();
        let line = String::from_utf8_lossy(&out.expect("child run").stdout).trim().to_string();
        Some(line.parse::<f64>().ok())
    });
    let row = |name: &str, secs: f64, peak: Option<f64>| {
        let peak = peak.map_or("-".into(), |p| format!("{p:.0}"));
        let ratio = peak.parse::<f64>().map_or("-".into(), |p| format!("{:.2}", p / mb));
        println!("{name:<28} {mb:>8.1} {secs:>8.3} {:>9.0} {peak:>8} {ratio:>8}", mb / secs);
    };
    row("proflens (1 thread)", ours.0, ours.1);
    match inferno() {
        Some(bin) => {
            for threads in ["1", "2"] {
                let peer = best_of(runs, || {
                    let status = Command::new(&bin)
                        .args(["--all", "-q", "-n", threads])
                        .arg(&file)
                        .stdout(Stdio::null())
                        .status()
                        .ok()?;
                    status.success().then_some(None)
                });
                row(&format!("inferno-collapse-perf (-n {threads})"), peer.0, None);
                println!("ratio (inferno -n {threads} / proflens): {:.2}x", peer.0 / ours.0);
            }
        }
        None => println!("inferno-collapse-perf not found (cargo install inferno): no peer in this run"),
    }
}

/// The best wall time of `runs` runs of `run`, and what the best run returned.
fn best_of(runs: usize, mut run: impl FnMut() -> Option<Option<f64>>) -> (f64, Option<f64>) {
    let mut best = (f64::INFINITY, None);
    for _ in 0..runs {
        let start = Instant::now();
        let Some(extra) = run() else { return (f64::NAN, None) };
        let secs = start.elapsed().as_secs_f64();
        if secs < best.0 {
            best = (secs, extra);
        }
    }
    best
}

fn inferno() -> Option<PathBuf> {
    let home = std::env::var("HOME").unwrap_or_default();
    let candidates =
        [PathBuf::from("inferno-collapse-perf"), Path::new(&home).join(".cargo/bin/inferno-collapse-perf")];
    candidates.into_iter().find(|b| Command::new(b).arg("--help").output().is_ok_and(|o| o.status.success()))
}

/// One read in this process (the file, then the decode); prints the peak memory in MB.
fn child(file: &Path) {
    let data = std::fs::read(file).unwrap();
    // The default limit is 1 GiB; the 1 GB text is a little over it.
    let opts = proflens::DecodeOptions { max_decompressed: 4 << 30, ..Default::default() };
    let p = proflens::decode_with(&data, opts).expect("the generated text reads");
    assert!(!p.samples.is_empty());
    drop(data);
    // VmHWM is in KiB; MB like the text's size.
    println!("{:.1}", peak_rss_mb() * 1.048576);
}

fn generate(file: &Path, size: usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("examples/other-profilers/work.perf.txt")).unwrap();
    let samples: Vec<(&str, Vec<&str>)> = text
        .split("\n\n")
        .filter_map(|block| {
            let mut lines = block.lines().filter(|l| !l.is_empty());
            let header = lines.next()?;
            let event = header.trim_end().trim_end_matches(':').rsplit(' ').next()?;
            (event == "cpu-clock").then(|| (event, lines.collect()))
        })
        .collect();
    let mut out = std::io::BufWriter::new(std::fs::File::create(file).unwrap());
    let (mut written, mut i) = (0, 0usize);
    let mut buf = String::new();
    while written < size {
        let (event, stack) = &samples[i % samples.len()];
        buf.clear();
        let (tid, micros) = (1000 + i % 16, 1_000_000 + i as u64 * 250);
        buf.push_str(&format!(
            "work {} {}.{:06}: 250250 {event}: \n",
            tid,
            micros / 1_000_000,
            micros % 1_000_000
        ));
        for (k, line) in stack.iter().enumerate() {
            let trimmed = line.trim_start();
            let (addr, rest) = trimmed.split_once(' ').unwrap();
            let addr = u64::from_str_radix(addr, 16).unwrap();
            // The leaf frame's address wanders over 4096 values; callers stay put.
            let addr = if k == 0 { addr + (i as u64 * 7 % 4096) } else { addr };
            buf.push_str(&format!("\t{addr:>16x} {rest}\n"));
        }
        buf.push('\n');
        out.write_all(buf.as_bytes()).unwrap();
        written += buf.len();
        i += 1;
    }
    out.flush().unwrap();
}
