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

use common::peak_rss_mb;
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
            std::fs::write(&file, generate(goroutines, cap)).unwrap();
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

/// A dump of `goroutines` blocks made from the corpus's, at most `cap` bytes.
fn generate(goroutines: usize, cap: usize) -> Vec<u8> {
    let corpus = std::env::var_os("PROFLENS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let text = std::fs::read_to_string(corpus.join("go/goroutine_debug2.txt")).unwrap();
    let mut blocks: Vec<&str> = text.split("\n\n").filter(|b| !b.trim().is_empty()).collect();
    // One block per distinct stack (the first frame line tells them apart here).
    blocks.sort_by_key(|b| first_frame(b));
    blocks.dedup_by_key(|b| first_frame(b));
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    // Blocks are drawn in proportion to their length to the power 1.5: a mix of short and deep
    // stacks of about 300 bytes per goroutine, as the 100k / 30 MB.
    let weights: Vec<usize> = blocks.iter().map(|b| (b.len() as f64).powf(1.5) as usize).collect();
    let sum: usize = weights.iter().sum();
    let mut out = String::with_capacity(goroutines * 320);
    for id in 1..=goroutines {
        let mut pick = next() as usize % sum;
        let i = weights.iter().position(|&w| pick < w || (pick -= w, false).1).unwrap_or(0);
        let block = blocks[i];
        let (header, body) = block.split_once('\n').unwrap_or((block, ""));
        let state = &header[header.find('[').unwrap() + 1..header.rfind(']').unwrap()];
        let state = state.split(", ").next().unwrap();
        let minutes = next() % 40;
        if minutes > 0 && state != "running" && state != "runnable" {
            out += &format!("goroutine {id} [{state}, {minutes} minutes]:\n");
        } else {
            out += &format!("goroutine {id} [{state}]:\n");
        }
        let moved = next() % 300;
        for (i, line) in body.lines().enumerate() {
            if i == 1 && moved < 100 {
                // Some goroutines sit on another line of the same function: a new group.
                if let Some((place, rest)) = line.rsplit_once(':') {
                    let n: u32 = rest.split(' ').next().unwrap_or("0").parse().unwrap_or(0);
                    out += &format!("{place}:{} +0x{:x}\n", n + moved as u32, next() % 4096);
                    continue;
                }
            }
            match line.find("(0x") {
                Some(at) if !line.starts_with('\t') => {
                    out += &format!(
                        "{}(0x{:x}{}\n",
                        &line[..at],
                        next() >> 20,
                        &line[at + 3..].trim_start_matches(|c: char| c.is_ascii_hexdigit())
                    );
                }
                _ => {
                    out += line;
                    out.push('\n');
                }
            }
        }
        out.push('\n');
        if out.len() >= cap {
            break;
        }
    }
    let mut bytes = out.into_bytes();
    bytes.truncate(cap);
    bytes
}

/// A block's first frame line.
fn first_frame(block: &str) -> &str {
    block.split_once('\n').map_or("", |(_, body)| body.lines().next().unwrap_or(""))
}
