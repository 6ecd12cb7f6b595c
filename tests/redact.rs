#![cfg(not(target_arch = "wasm32"))]
//! Redaction: no original name is left in the exported bytes, the numbers stay, and
//! redacted snapshots still diff as the originals do.

mod common;

use common::load;
use proflens::query::diff::{diff, DiffOptions};
use proflens::query::redact::{redact, Redaction};
use proflens::query::{top, Granularity, StackView};

fn values(p: &proflens::Profile) -> Vec<(i64, i64)> {
    let view = StackView::new(p, Granularity::Functions);
    let mut v: Vec<(i64, i64)> =
        top(p, &view, p.default_sample_index()).rows.iter().map(|r| (r.flat, r.cum)).collect();
    v.sort();
    v
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn hashed_profiles_keep_no_name_and_every_number() {
    for rel in [
        "go/heap_t2.pb.gz",
        "go/cpu.pb.gz",
        "node/node_cpu.pb.gz",
        "external/parca/profile-with-labels.pb.gz",
    ] {
        let p = load(rel);
        let r = redact(&p, &Redaction::Hash);
        let bytes = proflens::encode::encode(&r);
        let mut names: Vec<&str> = p.functions.iter().flat_map(|f| [p.str(f.name), p.str(f.file)]).collect();
        names.extend(p.mappings.iter().map(|m| p.str(m.file)));
        for name in names.into_iter().filter(|n| n.len() > 4) {
            assert!(!contains(&bytes, name), "{rel}: {name:?} is still in the redacted bytes");
        }
        let back = proflens::decode(&bytes).unwrap();
        assert_eq!(values(&back), values(&p), "{rel}: the numbers stay");
        assert_eq!(back.sample_types.len(), p.sample_types.len());
        assert_eq!(back.str(back.sample_types[0].ty), p.str(p.sample_types[0].ty), "sample types stay");
    }
}

#[test]
fn redacted_snapshots_diff_like_the_originals() {
    let (a, b) = (load("go/heap_t0.pb.gz"), load("go/heap_t2.pb.gz"));
    let plain = diff(&b, &a, DiffOptions::default()).unwrap();
    let hidden =
        diff(&redact(&b, &Redaction::Hash), &redact(&a, &Redaction::Hash), DiffOptions::default()).unwrap();
    assert_eq!(values(&hidden), values(&plain));
}

#[test]
fn trim_path_only_shortens_paths() {
    let p = load("node/node_cpu.pb.gz");
    let r = redact(&p, &Redaction::TrimPath("/srv/orders-demo/".into()));
    let files: Vec<&str> = r.functions.iter().map(|f| r.str(f.file)).collect();
    assert!(files.contains(&"profile_orders.js"), "{files:?}");
    assert!(files.iter().all(|f| !f.starts_with("/srv/orders-demo/")));
    let names =
        |p: &proflens::Profile| p.functions.iter().map(|f| p.str(f.name).to_string()).collect::<Vec<_>>();
    assert_eq!(names(&r), names(&p));
    assert_eq!(values(&r), values(&p));
}
