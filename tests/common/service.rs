//! A real Go service for the tests of `proflens watch` and `report`
//! (examples/leaky-service, on loopback), and running commands whose output lines are
//! read as they come.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::sync::OnceLock;
use std::time::Duration;

pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The example service, built once per test binary.
pub fn service_binary() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let bin = Path::new(env!("CARGO_TARGET_TMPDIR")).join("leaky-service");
        let out = Command::new("go")
            .args(["build", "-o"])
            .arg(&bin)
            .arg(".")
            .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/leaky-service"))
            .output()
            .expect("`go` must be installed (scripts/setup.sh installs golang-go)");
        assert!(out.status.success(), "go build: {}", String::from_utf8_lossy(&out.stderr));
        bin
    })
}

/// A running process whose output lines arrive on a channel; killed when dropped.
pub struct Running {
    pub child: Child,
    lines: Receiver<String>,
    pub seen: Vec<String>,
}

impl Running {
    pub fn start(cmd: &mut Command) -> Running {
        let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let (tx, lines) = channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        Running { child, lines, seen: Vec::new() }
    }

    /// The first line (from now on) that contains `text`.
    pub fn line(&mut self, text: &str) -> String {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(60)) {
                Ok(l) => {
                    self.seen.push(l.clone());
                    if l.contains(text) {
                        return l;
                    }
                }
                Err(_) => panic!("no line with {text:?}; seen:\n{}", self.seen.join("\n")),
            }
        }
    }

    pub fn wait(&mut self) -> i32 {
        let code = self.child.wait().unwrap().code().unwrap_or(-1);
        while let Ok(l) = self.lines.recv_timeout(Duration::from_millis(200)) {
            self.seen.push(l);
        }
        code
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The service on `addr` (`127.0.0.1:0`: any port), leaking when `leak`, and its base URL.
pub fn service_with(addr: &str, leak: bool) -> (Running, String) {
    let mut svc =
        Running::start(Command::new(service_binary()).args(["-addr", addr, &format!("-leak={leak}")]));
    let url = svc.line("listening on ").replace("listening on ", "");
    (svc, url)
}

pub fn watch(args: &[&str]) -> Running {
    Running::start(Command::new(env!("CARGO_BIN_EXE_proflens")).arg("watch").args(args))
}

pub fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> =
        std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().into_string().unwrap()).collect();
    n.sort();
    n
}

/// The leaking service on `addr`.
pub fn service(addr: &str) -> (Running, String) {
    service_with(addr, true)
}
