#![cfg(not(target_arch = "wasm32"))]
//! pprof's filters against live `go tool pprof` (Go 1.19): for each case, every sample
//! type's flat and cum per node, in raw units, at several granularities, must equal
//! `go tool pprof -top -focus=… (etc.)` on the same file.

mod common;

use common::pprof::check_raw_values_at;
use common::{corpus, load};
use proflens::query::diff::{diff, DiffMode, DiffOptions};
use proflens::query::filter::{regex, Filters, TagFilter};
use proflens::query::{top, Granularity, StackView};

/// (file, pprof flag, value)
const CASES: &[(&str, &[(&str, &str)])] = &[
    ("go/cpu.pb.gz", &[("focus", "checksum")]),
    ("go/cpu.pb.gz", &[("ignore", "runtime")]),
    ("go/cpu.pb.gz", &[("focus", "ServeHTTP"), ("ignore", "sort\\.")]),
    ("go/cpu.pb.gz", &[("hide", "runtime\\.")]),
    ("go/cpu.pb.gz", &[("hide", "checksum")]),
    ("go/cpu.pb.gz", &[("show", "main\\.")]),
    ("go/cpu.pb.gz", &[("show_from", "handleValuation")]),
    // checksum is inlined into handleValuation: both lines of one location match.
    ("go/cpu.pb.gz", &[("show_from", "main\\.")]),
    ("go/cpu.pb.gz", &[("prune_from", "sort\\.")]),
    ("go/cpu.pb.gz", &[("focus", "net/http"), ("hide", "runtime"), ("show_from", "ServeHTTP")]),
    ("go/heap_t2.pb.gz", &[("focus", "newItem")]),
    ("go/heap_t2.pb.gz", &[("ignore", "main\\.go")]),
    ("go/heap_t2.pb.gz", &[("tagfocus", "bytes=2kb:")]),
    ("go/heap_t2.pb.gz", &[("tagfocus", ":1kb")]),
    ("go/heap_t2.pb.gz", &[("tagignore", "bytes=3kb")]),
    ("go/block.pb.gz", &[("show", "sync"), ("prune_from", "Lock")]),
    ("node/node_cpu.pb.gz", &[("show_from", "recurseDiscount")]),
    ("node/node_cpu.pb.gz", &[("focus", "orders-demo"), ("hide", "node_modules")]),
    ("external/parca/profile-with-labels.pb.gz", &[("tagfocus", "thread_id=2756158,2764734")]),
    ("external/parca/profile-with-labels.pb.gz", &[("tagignore", "thread_name:parca")]),
    ("external/parca/normal-cpu.stripped.pprof", &[("focus", "normal-cpu")]),
];

fn filters(flags: &[(&str, &str)]) -> Filters {
    let mut f = Filters::default();
    for &(flag, value) in flags {
        let re = || Some(regex(flag, value).unwrap());
        match flag {
            "focus" => f.focus = re(),
            "ignore" => f.ignore = re(),
            "hide" => f.hide = re(),
            "show" => f.show = re(),
            "show_from" => f.show_from = re(),
            "prune_from" => f.prune_from = re(),
            "tagfocus" => f.tag_focus = Some(TagFilter::parse(value).unwrap()),
            "tagignore" => f.tag_ignore = Some(TagFilter::parse(value).unwrap()),
            other => panic!("unknown flag {other}"),
        }
    }
    f
}

fn args(flags: &[(&str, &str)]) -> Vec<String> {
    flags.iter().map(|(k, v)| format!("-{k}={v}")).collect()
}

#[test]
fn filters_equal_live_pprof_at_every_granularity() {
    let mut checked = 0;
    for (rel, flags) in CASES {
        let p = load(rel);
        let f = filters(flags);
        let filtered = f.apply(&p);
        let table = |p: &proflens::Profile| {
            let view = StackView::new(p, Granularity::Functions);
            let t = top(p, &view, p.default_sample_index());
            t.rows.iter().map(|r| (view.name(r.key).to_string(), r.flat, r.cum)).collect::<Vec<_>>()
        };
        assert_ne!(table(&filtered), table(&p), "{rel} {flags:?}: the filter should change the table");
        for g in [Granularity::Functions, Granularity::Lines, Granularity::Files] {
            let what = format!("{rel} {flags:?} {g:?}");
            checked += check_raw_values_at(&filtered, g, &args(flags), &corpus().join(rel), &what);
        }
    }
    assert!(checked >= 100, "{checked}");
}

#[test]
fn filters_apply_after_a_diff_as_in_pprof() {
    let (base_rel, target_rel) = ("go/heap_t0.pb.gz", "go/heap_t2.pb.gz");
    let d =
        diff(&load(target_rel), &load(base_rel), DiffOptions { mode: DiffMode::DiffBase, normalize: false })
            .unwrap();
    let flags: &[(&str, &str)] = &[("focus", "main\\."), ("hide", "runtime")];
    let filtered = filters(flags).apply(&d);
    let mut extra = args(flags);
    extra.extend(["-diff_base".to_string(), corpus().join(base_rel).display().to_string()]);
    let n =
        check_raw_values_at(&filtered, Granularity::Functions, &extra, &corpus().join(target_rel), "diff");
    assert_eq!(n, 4);
}
