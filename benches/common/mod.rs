//! Shared by the benchmarks: where the generated profiles live, generating them, and the
//! peak memory of this process.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

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
