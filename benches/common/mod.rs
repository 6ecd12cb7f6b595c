//! Shared by the benchmarks: where the generated profiles live, generating them, and the
//! peak memory of this process.
#![allow(dead_code)]

pub mod dumps;

use std::path::{Path, PathBuf};
use std::process::Command;

/// `-- --smoke`: one short run on the smallest input, so that `npm test` runs every
/// benchmark and none rots.
pub fn smoke() -> bool {
    std::env::args().any(|a| a == "--smoke")
}

pub fn data_dir() -> PathBuf {
    std::env::var_os("PROFLENS_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("bench-data"))
}

/// Generates `file` with `gen_profile.py` and `args` (e.g. `--preset M`) if it is missing.
pub fn ensure_generated(args: &[&str], file: &Path) {
    if file.exists() {
        return;
    }
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let gen = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_profile.py");
    eprintln!("generating {} with {}", file.display(), gen.display());
    let ok = Command::new("python3").arg(gen).args(args).status().map(|s| s.success()).unwrap_or(false);
    assert!(ok, "could not generate {}", file.display());
}

pub fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// One result row: the label, raw MB, three stage times (from `t`'s four instants), the
/// total, MB/s and the peak memory.
pub fn print_row(label: &str, width: usize, raw_len: usize, t: [std::time::Instant; 4]) {
    let secs = |a: usize, b: usize| (t[b] - t[a]).as_secs_f64();
    let total = secs(0, 3);
    println!(
        "{label:<width$} {:>9.1} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>8.1} {:>8.1}",
        raw_len as f64 / 1e6,
        secs(0, 1),
        secs(1, 2),
        secs(2, 3),
        total,
        raw_len as f64 / 1e6 / total,
        peak_rss_mb()
    );
}

/// The generated diff pair of preset `size` (`gen_profile.py --diff-pair`): (base, target).
pub fn diff_pair(size: &str) -> (PathBuf, PathBuf) {
    let dir = data_dir();
    let (base, target) = (dir.join(format!("{size}base.pb.gz")), dir.join(format!("{size}new.pb.gz")));
    if !base.exists() || !target.exists() {
        let _ = std::fs::remove_file(&base);
        let (b, t) = (base.to_str().unwrap(), target.to_str().unwrap());
        ensure_generated(&["--preset", size, "--diff-pair", b, t], &base);
    }
    (base, target)
}
