//! Shared helpers for the integration tests: where the corpus is, and reading files that
//! may be stored gzip'd.
#![allow(dead_code)]

pub mod go_example;
pub mod oracle;
pub mod pprof;
pub mod service;

use std::io::Read;
use std::path::{Path, PathBuf};

/// The shared corpus, read in place (`../shared/corpus` next to the repo, or
/// `$PROFLENS_CORPUS`). A missing corpus is a failure, never a silent skip.
pub fn corpus() -> PathBuf {
    let dir = std::env::var_os("PROFLENS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    assert!(dir.join("oracle").is_dir(), "corpus not found at {} (set PROFLENS_CORPUS)", dir.display());
    dir
}

/// Every profile in the corpus (go/, node/, external/), as paths relative to the corpus.
pub fn corpus_profiles() -> Vec<String> {
    let root = corpus();
    let mut out = Vec::new();
    for top in ["go", "node", "external"] {
        walk(&root, &root.join(top), &mut out);
    }
    out.sort();
    assert!(out.len() >= 28, "expected the whole corpus, found {} profiles", out.len());
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(root, &p, out);
            continue;
        }
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let is_profile = [".pb.gz", ".pb", ".pprof", ".prof"].iter().any(|s| name.ends_with(s));
        if is_profile {
            out.push(p.strip_prefix(root).unwrap().to_string_lossy().to_string());
        }
    }
}

/// Reads a file, or its `.gz` sibling (the oracle stores big files gzip'd).
pub fn read_maybe_gz(path: &Path) -> Option<Vec<u8>> {
    if let Ok(b) = std::fs::read(path) {
        return Some(b);
    }
    let gz = PathBuf::from(format!("{}.gz", path.display()));
    let b = std::fs::read(gz).ok()?;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&b[..]).read_to_end(&mut out).unwrap();
    Some(out)
}

pub fn read_text_maybe_gz(path: &Path) -> Option<String> {
    read_maybe_gz(path).map(|b| String::from_utf8(b).unwrap())
}

/// Decodes a corpus profile, failing the test with the file name on error.
pub fn load(rel: &str) -> proflens::Profile {
    let data = std::fs::read(corpus().join(rel)).unwrap();
    proflens::decode(&data).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Locations `1..=n` of hand-made profiles, location `i` one line of function `i`.
pub fn one_line_locations(n: u64) -> Vec<proflens::proto::Location> {
    (1..=n)
        .map(|i| proflens::proto::Location {
            id: i,
            line: vec![proflens::proto::Line { function_id: i, line: 1, column: 0 }],
            ..Default::default()
        })
        .collect()
}
