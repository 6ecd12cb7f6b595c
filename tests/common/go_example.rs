//! `examples/text-profiles`, built and run once per test binary: the heap, allocs, block,
//! mutex and threadcreate profiles of one moment, in both forms (`NAME.pb.gz` and the
//! `?debug=1` text `NAME.txt`), and the binary that wrote them (for `go tool pprof`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// A run of the example program: the folder with its files.
pub struct GoRun {
    pub dir: PathBuf,
}

impl GoRun {
    pub fn binary(&self) -> PathBuf {
        self.dir.join("text-profiles")
    }

    pub fn text(&self, profile: &str) -> PathBuf {
        self.dir.join(format!("{profile}.txt"))
    }

    pub fn proto(&self, profile: &str) -> PathBuf {
        self.dir.join(format!("{profile}.pb.gz"))
    }
}

/// The run built with the compiler's inlining (as programs are built).
pub fn inlined() -> &'static GoRun {
    static RUN: OnceLock<GoRun> = OnceLock::new();
    RUN.get_or_init(|| build_and_run("inlined", &[]))
}

/// The run built with inlining off everywhere (`-gcflags=all=-l`), so every frame is a
/// function of its own in the binary too, and `go tool pprof` names each address by the
/// function the `#` line names.
pub fn not_inlined() -> &'static GoRun {
    static RUN: OnceLock<GoRun> = OnceLock::new();
    RUN.get_or_init(|| build_and_run("not-inlined", &["-gcflags=all=-l"]))
}

fn build_and_run(variant: &str, flags: &[&str]) -> GoRun {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/text-profiles");
    // Cargo's scratch folder for integration tests: rewritten by each run, never left in /tmp.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("text-profiles-{variant}"));
    std::fs::create_dir_all(&dir).unwrap();
    let run = GoRun { dir };
    let build = Command::new("go")
        .arg("build")
        .args(flags)
        .arg("-o")
        .arg(run.binary())
        .arg(".")
        .current_dir(&src)
        .output()
        .expect("`go` must be installed (scripts/setup.sh installs golang-go)");
    assert!(build.status.success(), "go build: {}", String::from_utf8_lossy(&build.stderr));
    let out = Command::new(run.binary()).arg("-o").arg(&run.dir).output().unwrap();
    assert!(out.status.success(), "text-profiles: {}", String::from_utf8_lossy(&out.stderr));
    run
}
