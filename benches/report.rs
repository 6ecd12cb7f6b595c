//! `cargo bench --bench report`: `proflens report --format json` (the real binary, from
//! the files read to the findings printed) over three M heap snapshots
//! (`gen_profile.py --preset M --diff-pair`: base, new, base) and a 100,000-goroutine
//! dump, against `go tool pprof -top -base` over two of the snapshots (the one diff the
//! user runs by hand before joining the pieces). The dump is of another program (the
//! corpus's), hence `--same-program`. `--smoke`: S snapshots and a
//! 10,000-goroutine dump, one run.

mod common;

use common::{data_dir, dumps, ensure_generated};
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

fn main() {
    let (size, goroutines, runs) = if common::smoke() { ("S", 10_000, 1) } else { ("M", 100_000, 3) };
    let dir = data_dir();
    let (base, new) = (dir.join(format!("{size}base.pb.gz")), dir.join(format!("{size}new.pb.gz")));
    if !base.exists() || !new.exists() {
        let _ = std::fs::remove_file(&base);
        ensure_generated(
            &["--preset", size, "--diff-pair", base.to_str().unwrap(), new.to_str().unwrap()],
            &base,
        );
    }
    let dump = dir.join(format!("goroutines-report-{goroutines}.txt"));
    if !dump.exists() {
        std::fs::write(&dump, dumps::generate(goroutines, usize::MAX)).unwrap();
    }
    let files: Vec<PathBuf> = vec![base.clone(), new.clone(), base.clone(), dump];
    let report = best(runs, || {
        let out = Command::new(env!("CARGO_BIN_EXE_proflens"))
            .arg("report")
            .args(&files)
            .args(["--same-program", "--format", "json"])
            .output();
        let out = out.expect("proflens runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stdout).contains("\"findings\":["));
    });
    let pprof = Command::new("go").arg("version").output().is_ok_and(|o| o.status.success()).then(|| {
        best(runs, || {
            let out = Command::new("go")
                .args(["tool", "pprof", "-top", "-sample_index=inuse_space", "-base"])
                .args([&base, &new])
                .output()
                .expect("go tool pprof runs");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        })
    });
    println!("{:<5} {:>10} {:>9} {:>16} {:>8}", "size", "goroutines", "report s", "pprof -base s", "ratio");
    let (p, ratio) =
        pprof.map_or(("-".into(), "-".into()), |p| (format!("{p:.3}"), format!("{:.2}", report / p)));
    println!("{size:<5} {goroutines:>10} {report:>9.3} {p:>16} {ratio:>8}");
}

/// The shortest of `runs` wall-clock runs of `f`, in seconds.
fn best(runs: usize, mut f: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
}
