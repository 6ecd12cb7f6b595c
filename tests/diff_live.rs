#![cfg(not(target_arch = "wasm32"))]
//! Diffs against live `go tool pprof` (Go 1.19): the cases the stored oracle lacks
//! (`-normalize`, `-drop_negative`), and the exported diff profile, which pprof must read
//! back to the same report as its own `-diff_base`.

mod common;

use common::oracle::{assert_text_rows_equal, rows_of};
use common::pprof::{check_raw_values, pprof_path};
use common::{corpus, load};
use proflens::query::diff::{diff, DiffMode, DiffOptions};
use proflens::query::{top, Granularity, StackView};
use proflens::report;

const PAIRS: [(&str, &str); 2] = [
    ("go/heap_t0.pb.gz", "go/heap_t2.pb.gz"),
    ("external/parca/many_1644509272337470000.pb.gz", "external/parca/many_1644509299337903000.pb.gz"),
];

fn flag(mode: DiffMode) -> &'static str {
    match mode {
        DiffMode::Base => "-base",
        DiffMode::DiffBase => "-diff_base",
    }
}

#[test]
fn normalized_diffs_equal_live_pprof() {
    let mut checked = 0;
    for (base_rel, target_rel) in PAIRS {
        let (base, target) = (load(base_rel), load(target_rel));
        for mode in [DiffMode::Base, DiffMode::DiffBase] {
            let d = diff(&target, &base, DiffOptions { mode, normalize: true }).unwrap();
            let args =
                [flag(mode).to_string(), corpus().join(base_rel).display().to_string(), "-normalize".into()];
            checked +=
                check_raw_values(&d, &args, &corpus().join(target_rel), &format!("{target_rel} normalize"));
        }
    }
    assert!(checked >= 8, "{checked}");
}

#[test]
fn drop_negative_removes_the_rows_pprof_removes() {
    let (base_rel, target_rel) = PAIRS[1];
    let d = diff(&load(target_rel), &load(base_rel), DiffOptions::default()).unwrap();
    let view = StackView::new(&d, Granularity::Functions);
    let i = d.sample_index("inuse_space").unwrap();
    let mut t = top(&d, &view, i);
    let before = t.rows.len();
    t.rows.retain(|r| !r.is_negative());
    assert!(t.rows.len() < before, "the pair should have shrinking functions");
    let got = report::top_text::render(&d, &view, &t, t.rows.len());
    let base = corpus().join(base_rel).display().to_string();
    let want = pprof_path(
        &["-base".into(), base, "-drop_negative".into(), "-sample_index=inuse_space".into()],
        &corpus().join(target_rel),
    );
    assert_eq!(rows_of(&got), rows_of(&want));
}

#[test]
fn exported_diffs_read_back_in_pprof_as_pprofs_own_diff() {
    let dir = std::env::temp_dir().join("proflens-diff-export");
    std::fs::create_dir_all(&dir).unwrap();
    for (base_rel, target_rel) in PAIRS {
        let (base, target) = (load(base_rel), load(target_rel));
        for mode in [DiffMode::Base, DiffMode::DiffBase] {
            let d = diff(&target, &base, DiffOptions { mode, normalize: false }).unwrap();
            let out = dir.join(format!("{}.pb.gz", flag(mode)));
            std::fs::write(&out, proflens::encode::encode_gzip(&d)).unwrap();
            // We read the file back to the same table.
            let back = proflens::decode(&std::fs::read(&out).unwrap()).unwrap();
            let table = |p: &proflens::Profile| top(p, &StackView::new(p, Granularity::Functions), 0);
            assert_eq!((table(&back).total, table(&back).rows), (table(&d).total, table(&d).rows));
            for st in &d.sample_types {
                let ty = format!("-sample_index={}", d.str(st.ty));
                let theirs = pprof_path(
                    &[flag(mode).into(), corpus().join(base_rel).display().to_string(), ty.clone()],
                    &corpus().join(target_rel),
                );
                let ours = pprof_path(std::slice::from_ref(&ty), &out);
                assert_text_rows_equal(&ours, &theirs, &format!("{target_rel} {} {ty}", flag(mode)));
            }
        }
    }
}
