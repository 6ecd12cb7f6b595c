//! `proflens watch` against a real Go service (examples/leaky-service, on loopback):
//! the rounds of files, the trend line, a service that goes down and comes back,
//! and services that answer with something that is not a profile.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::service::{names, scratch, service, watch};

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::Command;

#[test]
fn three_rounds_of_complete_files_and_a_trend_that_names_the_leak() {
    let (_svc, url) = service("127.0.0.1:0");
    let out = scratch("watch-rounds");
    let mut w = watch(&[&url, "--every", "1s", "--count", "3", "--out", out.to_str().unwrap()]);
    assert_eq!(w.wait(), 0, "{}", w.seen.join("\n"));
    let files = names(&out);
    assert_eq!(files.len(), 9, "{files:?}");
    let stamp = r"\d{8}T\d{6}Z(-\d+)?";
    let re = regex_lite::Regex::new(&format!(
        r"^(heap_{stamp}\.pb\.gz|heap_{stamp}\.debug1\.txt|goroutine_{stamp}\.debug2\.txt)$"
    ))
    .unwrap();
    for f in &files {
        assert!(re.is_match(f), "{f}");
        let bytes = std::fs::read(out.join(f)).unwrap();
        match proflens::decode::decode_any(&bytes).unwrap() {
            proflens::decode::Decoded::Goroutines(d) => assert!(f.starts_with("goroutine_") && d.total() > 0),
            proflens::decode::Decoded::Profile(p) => {
                assert!(f.starts_with("heap_"), "{f}");
                // the text form carries MemStats; the proto form is the trend's snapshot
                assert_eq!(f.ends_with(".debug1.txt"), p.memstats.is_some(), "{f}");
                let types: Vec<&str> = p.sample_types.iter().map(|t| p.str(t.ty)).collect();
                assert!(!f.ends_with(".pb.gz") || types.contains(&"inuse_space"), "{f}: {types:?}");
            }
        }
    }
    let rounds: Vec<&String> = w.seen.iter().filter(|l| l.starts_with("round ")).collect();
    assert_eq!(rounds.len(), 3, "{:?}", w.seen);
    assert!(rounds[2].contains("top suspect main.rememberRequest"), "{}", rounds[2]);
    assert!(rounds[2].contains("goroutines (+"), "{}", rounds[2]);
    assert!(w.seen.last().unwrap().contains(&format!(
        "Next: proflens report {}   proflens trend {}",
        out.display(),
        out.display()
    )));

    // the folder watch wrote is what trend and goroutines read next
    let trend =
        Command::new(env!("CARGO_BIN_EXE_proflens")).args(["trend", out.to_str().unwrap()]).output().unwrap();
    let text = String::from_utf8(trend.stdout).unwrap();
    assert!(text.contains("over 3 snapshots"), "{text}");
    let first_row = text.lines().find(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit())).unwrap();
    assert!(first_row.ends_with("main.rememberRequest"), "{text}");
    let g = Command::new(env!("CARGO_BIN_EXE_proflens"))
        .args(["goroutines", out.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8(g.stdout).unwrap();
    assert!(text.contains("over 3 dumps") && text.contains("main.awaitCancel"), "{text}");
}

#[test]
fn a_service_that_goes_down_is_waited_for_and_nothing_taken_is_lost() {
    let (svc, url) = service("127.0.0.1:0");
    let addr = url.trim_start_matches("http://").to_string();
    let out = scratch("watch-down");
    let mut w = watch(&[&url, "--every", "1s", "--count", "3", "--out", out.to_str().unwrap()]);
    w.line("round 1:");
    drop(svc);
    let down = w.line("trying again in");
    assert!(down.contains(&format!("http://{addr}/debug/pprof/")), "{down}");
    assert!(down.to_lowercase().contains("refused"), "{down}");
    assert!(down.contains("kept in"), "{down}");
    let taken = names(&out);
    assert!(taken.len() >= 3, "{taken:?}");
    let (_back, _) = service(&addr);
    assert_eq!(w.wait(), 0, "{}", w.seen.join("\n"));
    let after = names(&out);
    assert!(taken.iter().all(|f| after.contains(f)), "kept: {taken:?}, now {after:?}");
    assert!(
        after.iter().filter(|f| f.starts_with("heap_") && f.ends_with(".pb.gz")).count() >= 3,
        "{after:?}"
    );
    assert!(after.iter().all(|f| !f.starts_with('.')), "no temporary file is left: {after:?}");
}

/// A loopback server that answers every request with `answer`.
fn fake_service(answer: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let _ = s.write_all(answer.as_bytes());
        }
    });
    url
}

#[test]
fn a_service_that_answers_something_else_gets_a_clear_message_and_no_file() {
    let html = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 38\r\n\r\n<html><body>Welcome, admin</body></html>";
    let not_found = "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 19\r\n\r\n404 page not found\n";
    let redirect = "HTTP/1.1 302 Found\r\nLocation: http://198.51.100.7/login\r\nContent-Length: 0\r\n\r\n";
    for (answer, says) in [
        (html, "a gzip'd profile.proto was asked for, and the answer is HTML (text/html)"),
        (not_found, "answered 404 Not Found (text/plain)"),
        (redirect, "answered 302 Found to http://198.51.100.7/login (not followed)"),
    ] {
        let url = fake_service(answer);
        let out = scratch("watch-html");
        let mut w = watch(&[&url, "--every", "1s", "--count", "2", "--out", out.to_str().unwrap()]);
        assert_eq!(w.wait(), 1);
        let text = w.seen.join("\n");
        assert!(text.contains(&format!("{url}/debug/pprof/heap")), "{text}");
        assert!(text.contains(says), "{text}");
        assert!(text.contains("Nothing was written"), "{text}");
        assert_eq!(names(&out), Vec::<String>::new());
    }
}

#[test]
fn bad_usage_is_refused() {
    for args in [
        vec!["https://127.0.0.1:6060"],
        vec!["http://127.0.0.1:1", "--every", "soon"],
        vec![],
        vec!["http://x:1", "--profiles", "heap,nope"],
    ] {
        let mut w = watch(&args);
        assert_eq!(w.wait(), 2, "{args:?}: {}", w.seen.join("\n"));
    }
}
