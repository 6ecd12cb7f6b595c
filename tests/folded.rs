//! Folded stacks: every oracle `*.folded.txt` (written by the corpus's pprof-based oracle
//! tool) read back and folded again is the same text, byte for byte; annotations, several
//! value columns, and bad lines.

mod common;

use common::{corpus, read_text_maybe_gz};
use proflens::decode::{decode_any, Decoded};
use proflens::model::Format;
use proflens::query::{top, Granularity, StackView};
use proflens::report::folded_text;

fn read(text: &str) -> proflens::Profile {
    match decode_any(text.as_bytes()) {
        Ok(Decoded::Profile(p)) => p,
        Ok(Decoded::Goroutines(_)) => panic!("read as a goroutine dump"),
        Err(e) => panic!("{e}"),
    }
}

fn folded(p: &proflens::Profile) -> String {
    let mut out = Vec::new();
    folded_text::write(p, &StackView::new(p, Granularity::Functions), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Every oracle `*.folded.txt` (some are stored gzip'd: the path without `.gz`).
fn oracle_folded_files() -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![corpus().join("oracle")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            let name = path.to_string_lossy().to_string();
            if path.is_dir() {
                dirs.push(path);
            } else if let Some(plain) = name.strip_suffix(".gz").filter(|n| n.ends_with(".folded.txt")) {
                files.push(plain.into());
            } else if name.ends_with(".folded.txt") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 30, "{} oracle folded files", files.len());
    files
}

#[test]
fn oracle_folded_files_read_back_to_the_same_text() {
    for path in oracle_folded_files() {
        let want = read_text_maybe_gz(&path).unwrap();
        let p = read(&want);
        assert_eq!(p.format, Format::Folded, "{}", path.display());
        assert_eq!(folded(&p), want, "{}", path.display());
    }
}

#[test]
fn inferno_style_lines_and_annotations() {
    let p = read("bash;main;memcpy_[k] 3\nbash;main;parse;read_[i] 2\n# a comment\n\nbash;main 1\nbash;main;memcpy_[k] 4\n");
    let view = StackView::new(&p, Granularity::Functions);
    let t = top(&p, &view, 0);
    assert_eq!(t.total, 10);
    let row = |name: &str| t.rows.iter().find(|r| view.name(r.key) == name).map(|r| (r.flat, r.cum));
    assert_eq!(row("memcpy_[k]"), Some((7, 7)));
    assert_eq!(row("main"), Some((1, 10)));
    // `read` was inlined into `parse`: one location, read innermost.
    assert_eq!(row("read"), Some((2, 2)));
    assert_eq!(row("parse"), Some((0, 2)));
    let parse_loc = p.locations.iter().find(|l| l.lines_len == 2).expect("an inlined location");
    let names: Vec<&str> =
        p.location_lines(parse_loc).iter().map(|l| p.str(p.functions[l.function as usize].name)).collect();
    assert_eq!(names, ["read", "parse"]);
    assert_eq!(
        folded(&p).lines().skip(1).collect::<Vec<_>>(),
        ["bash;main\t1", "bash;main;memcpy_[k]\t7", "bash;main;parse;read\t2"]
    );
}

#[test]
fn several_columns_and_spaces_in_names() {
    let p = read("std::vector<int> f(int, char);g 2 30\nh 1 5\n");
    let types: Vec<String> = p.sample_types.iter().map(|t| p.str(t.ty).to_string()).collect();
    assert_eq!(types, ["column_1", "column_2"]);
    let view = StackView::new(&p, Granularity::Functions);
    let t = top(&p, &view, 1);
    assert_eq!(t.total, 35);
    assert!(t.rows.iter().any(|r| view.name(r.key) == "std::vector<int> f(int, char)"));
}

#[test]
fn bad_lines_are_corrupt_and_named() {
    for (text, line) in
        [("a;b 1\na;c\n", 3), ("a;b 1 2\nc 3\n", 3), ("a;b\t1 2\nc\t3\n", 3), ("x 1\ny\tz\n", 3)]
    {
        let text = format!("# comment\n{text}");
        let err = decode_any(text.as_bytes()).unwrap_err();
        assert_eq!(err.kind(), "corrupt", "{text:?}: {err}");
        assert!(err.to_string().contains(&format!("line {line}")), "{text:?}: {err}");
    }
}

#[test]
fn other_text_is_not_a_profile_and_the_message_lists_folded_stacks() {
    let err = decode_any(b"hello world\nthis is prose, not a profile\n").map(|_| ()).unwrap_err();
    assert_eq!(err.kind(), "not_a_profile");
    assert!(err.to_string().contains("folded stacks"), "{err}");
}

#[test]
fn our_header_alone_keeps_its_sample_types() {
    let p = read("# folded stacks root;...;leaf<TAB>alloc_space/bytes inuse_space/bytes (merged)\n");
    let types: Vec<String> =
        p.sample_types.iter().map(|t| format!("{}/{}", p.str(t.ty), p.str(t.unit))).collect();
    assert_eq!(types, ["alloc_space/bytes", "inuse_space/bytes"]);
    assert!(p.samples.is_empty() && p.locations.is_empty());
    // A line that starts with its tab is the empty stack: no frame is made for it.
    let p = read("\t3\na;b\t4\n");
    assert_eq!(p.locations.len(), 2);
    assert_eq!(p.samples.stack[0], proflens::model::StackId::EMPTY);
}
