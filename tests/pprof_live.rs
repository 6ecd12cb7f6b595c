//! Differential tests that run the reference itself: Debian's `go tool pprof` (Go 1.19),
//! installed by `scripts/setup.sh`. They do not rest on stored oracle files.
//!
//! 1. Exact integers: `-unit=<base unit>` makes pprof print raw values (`128405672B`,
//!    `1730000000ns`), which must equal our flat/cum for every corpus profile and every
//!    sample type.
//! 2. Granularities: the `-top` text rows at `-filefunctions`, `-files` and `-lines` must
//!    equal ours character for character.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::oracle::rows_of;
use common::pprof::{check_raw_values, pprof_path};
use common::{corpus, load};
use proflens::query::{top, Granularity, StackView};
use proflens::report;

fn pprof(args: &[String], file: &str) -> String {
    pprof_path(args, &corpus().join(file))
}

fn live_profiles() -> Vec<String> {
    // go/heap_t2.pb is the same profile as heap_t2.pb.gz, uncompressed.
    let v: Vec<String> =
        common::corpus_profiles().into_iter().filter(|p| !p.ends_with("heap_t2.pb")).collect();
    assert!(v.len() >= 27, "{v:?}");
    v
}

#[test]
fn raw_values_equal_live_pprof_for_every_sample_type() {
    let mut checked = 0;
    for rel in live_profiles() {
        checked += check_raw_values(&load(&rel), &[], &corpus().join(&rel), &rel);
    }
    assert!(checked >= 30, "{checked}");
}

/// pprof applies a profile's drop_frames/keep_frames before everything else. The corpus
/// has none, so these add them to real profiles and compare with pprof on the result.
#[test]
fn drop_and_keep_frames_cut_stacks_like_pprof() {
    use prost::Message;
    let cases = [
        ("go/heap_t2.pb.gz", r"main\.parseItems|bufio\..*", ""),
        // checksum is inlined into handleValuation: only the inlined line is cut.
        ("go/cpu.pb.gz", r"main\.checksum", ""),
        ("go/cpu.pb.gz", r"sort\..*|runtime\..*", r"runtime\.mallocgc"),
        ("node/node_cpu.pb.gz", r"recurseDiscount", ""),
    ];
    let dir = std::env::temp_dir().join("proflens-drop-frames");
    std::fs::create_dir_all(&dir).unwrap();
    for (k, (rel, drop, keep)) in cases.iter().enumerate() {
        let p = load(rel);
        let mut proto = proflens::proto::Profile::decode(&proflens::encode::encode(&p)[..]).unwrap();
        proto.string_table.push(drop.to_string());
        proto.drop_frames = proto.string_table.len() as i64 - 1;
        if !keep.is_empty() {
            proto.string_table.push(keep.to_string());
            proto.keep_frames = proto.string_table.len() as i64 - 1;
        }
        let path = dir.join(format!("case{k}.pb"));
        std::fs::write(&path, proto.encode_to_vec()).unwrap();
        let cut = proflens::decode(&std::fs::read(&path).unwrap()).unwrap();
        let before = top(&p, &StackView::new(&p, Granularity::Functions), p.default_sample_index());
        let after = top(&cut, &StackView::new(&cut, Granularity::Functions), cut.default_sample_index());
        assert_ne!(before.rows, after.rows, "{rel} {drop}: the cut should change the table");
        check_raw_values(&cut, &[], &path, &format!("{rel} drop={drop} keep={keep}"));
    }
}

#[test]
fn granularity_rows_equal_live_pprof_text() {
    for rel in live_profiles() {
        let p = load(&rel);
        let index = p.default_sample_index();
        for (flag, g) in [
            ("-filefunctions", Granularity::FileFunctions),
            ("-files", Granularity::Files),
            ("-lines", Granularity::Lines),
        ] {
            let want = pprof(&[flag.to_string()], &rel);
            let view = StackView::new(&p, g);
            let t = top(&p, &view, index);
            let got = report::top_text::render(&p, &view, &t, t.rows.len());
            assert_eq!(rows_of(&got), rows_of(&want), "{rel} {flag}");
        }
    }
}
