//! Where `proflens open` finds the site: beside the binary (an install), or where it
//! is told; and a clear message when there is none.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};

#[test]
fn a_copy_of_the_binary_serves_the_site_beside_it() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("open-beside");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("site")).unwrap();
    std::fs::write(dir.join("site/index.html"), "<p>the site beside the binary</p>").unwrap();
    let bin = dir.join("proflens");
    std::fs::copy(env!("CARGO_BIN_EXE_proflens"), &bin).unwrap();
    let file = common::corpus().join("go/heap_t0.pb.gz");
    let mut child = Command::new(&bin)
        .args(["open", "--no-browser"])
        .arg(&file)
        .env_remove("PROFLENS_SITE")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.split_whitespace().find(|w| w.starts_with("http://127.0.0.1:")).unwrap().to_string();
    let (addr, path) = url.trim_start_matches("http://").split_once('/').unwrap();
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET /{path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    child.kill().unwrap();
    let _ = child.wait();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("cross-origin-opener-policy: same-origin"), "{answer}");
    assert!(answer.ends_with("<p>the site beside the binary</p>"), "{answer}");
}

#[test]
fn no_site_is_a_clear_message() {
    let empty = Path::new(env!("CARGO_TARGET_TMPDIR")).join("open-no-site");
    std::fs::create_dir_all(&empty).unwrap();
    let file = common::corpus().join("go/heap_t0.pb.gz");
    let out = Command::new(env!("CARGO_BIN_EXE_proflens"))
        .args(["open", "--no-browser", "--site"])
        .arg(&empty)
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("the site is not built") && err.contains("npm run build"), "{err}");
    let missing = Command::new(env!("CARGO_BIN_EXE_proflens"))
        .args(["open", "--no-browser", "no-such.pb.gz"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such.pb.gz: no such file or folder"));
}
