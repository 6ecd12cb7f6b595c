//! A bounded fuzz loop: mutated corpus files (bit flips, overwritten and inserted bytes,
//! truncation, duplicated chunks) must decode to a profile or to a typed error, never
//! panic or hang. Everything a decoded profile feeds (top at every granularity, folded,
//! flame, the text report, encode) runs too. Deterministic: a fixed xorshift seed.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::corpus;
use proflens::query::flame::flame;
use proflens::query::folded::folded;
use proflens::query::{top, Granularity, StackView};
use std::io::Read;
use std::time::{Duration, Instant};

const CASES: usize = 12_000;
const DUMP_CASES: usize = 3_000;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn seeds() -> Vec<Vec<u8>> {
    let files = [
        "go/heap_t0.pb.gz",
        "go/cpu.pb.gz",
        "go/block.pb.gz",
        "go/goroutine.pb.gz",
        "external/parca/two-stacks.pb.gz",
        "external/parca/profile-with-labels.pb.gz",
        "external/parca/normal-cpu.stripped.pprof",
        "node/node_heap.pb.gz",
    ];
    let mut out = Vec::new();
    for f in files {
        let gz = std::fs::read(corpus().join(f)).unwrap();
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut raw).unwrap();
        out.push(raw);
        out.push(gz);
    }
    out
}

fn mutate(rng: &mut Rng, data: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(4) {
        let len = data.len();
        match rng.below(7) {
            0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(len);
                data[i] = rng.next() as u8;
            }
            2 => data.truncate(rng.below(len)),
            3 => {
                let i = rng.below(len);
                let extra: Vec<u8> = (0..1 + rng.below(8)).map(|_| rng.next() as u8).collect();
                data.splice(i..i, extra);
            }
            4 => {
                let a = rng.below(len);
                let b = (a + rng.below(64)).min(len);
                let chunk = data[a..b].to_vec();
                let at = rng.below(data.len());
                data.splice(at..at, chunk);
            }
            5 => {
                // A huge varint in a random place: lengths and ids out of range.
                let i = rng.below(len);
                data.splice(i..i, [0xff, 0xff, 0xff, 0xff, 0x0f]);
            }
            _ => {
                let i = rng.below(len);
                data[i] = [0x00, 0x7f, 0x80, 0xff][rng.below(4)];
            }
        }
        if data.is_empty() {
            return;
        }
    }
}

fn exercise(p: &proflens::Profile) {
    for g in [Granularity::Functions, Granularity::Lines, Granularity::Files] {
        let view = StackView::new(p, g);
        for t in 0..p.sample_types.len() {
            let table = top(p, &view, t);
            let _ = proflens::report::top_text::render(p, &view, &table, table.rows.len());
            let _ = flame(p, &view, t);
        }
        folded(p, &view, |_, _| {});
    }
    // Every filter stage, on whatever decoded.
    let re = |s: &str| Some(regex_lite::Regex::new(s).unwrap());
    let filters = proflens::query::filter::Filters {
        focus: re("main|runtime"),
        ignore: re("sort"),
        hide: re("sync"),
        show: re("."),
        show_from: re("main|node|fib"),
        tag_focus: proflens::query::filter::TagFilter::parse("bytes=1:").ok(),
        tag_ignore: proflens::query::filter::TagFilter::parse("thread_name=x").ok(),
        prune_from: re("Lock|mallocgc"),
    };
    let filtered = filters.apply(p);
    let view = StackView::new(&filtered, Granularity::Functions);
    for t in 0..filtered.sample_types.len() {
        let _ = top(&filtered, &view, t);
        let _ = proflens::query::peek::peek(&filtered, &view, t, |n| n.contains('a'));
        let _ = proflens::query::tags::tags(&filtered, t);
    }
    let again = proflens::decode(&proflens::encode::encode(p));
    assert!(again.is_ok(), "a decoded profile must re-encode to a valid one");
}

/// Goroutine dumps: the corpus's two text forms (the debug=2 one cut to its first 40 KB to
/// keep the loop quick) and a dump with every rarer variant of the format.
fn dump_seeds() -> Vec<Vec<u8>> {
    let read = |f: &str| std::fs::read(corpus().join(f)).unwrap();
    let mut debug2 = read("go/goroutine_debug2.txt");
    debug2.truncate(40 << 10);
    let variants = "panic: x\n\ngoroutine 7 gp=0xc0 m=1 mp=0x5 [chan receive (leaked) (scan), 3 minutes, \
        locked to thread, synctest bubble 2 labels:{\"k\": \"v\\x41\"}]:\nmain.F[...](...)\n\t/a.go:1\n\
        ...3 frames elided...\nmain.g({0x1, 0x2})\n\t/a.go:2 +0x1\ncreated by sync.(*WaitGroup).Go in goroutine 1\n\
        \t/s.go:9 +0x2\n[originating from goroutine 1]:\nmain.main(...)\n\t/a.go:3 +0x1\n\n\
        goroutine 1 [sync.WaitGroup.Wait]:\n\tgoroutine running on other thread; stack unavailable\n";
    vec![debug2, read("go/goroutine_debug1.txt"), variants.as_bytes().to_vec()]
}

/// Text-shaped mutations on top of the byte ones: pieces of the dump syntax in random places.
fn mutate_text(rng: &mut Rng, data: &mut Vec<u8>) {
    const PIECES: [&str; 14] = [
        "goroutine ",
        "goroutine 5 [",
        "]:",
        "\n",
        "\n\n",
        "\t",
        "created by ",
        " in goroutine ",
        "(...)",
        ", ",
        " minutes",
        "labels:{\"",
        "...",
        "# labels: {",
    ];
    for _ in 0..1 + rng.below(3) {
        let piece = PIECES[rng.below(PIECES.len())].as_bytes();
        let at = rng.below(data.len() + 1);
        data.splice(at..at, piece.iter().copied());
    }
    if !data.is_empty() && rng.below(2) == 0 {
        mutate(rng, data);
    }
}

/// Everything a dump feeds: groups, both reports, a diff with itself, its profile.
fn exercise_dump(d: &proflens::model::goroutines::Dump) {
    use proflens::query::goroutines::{diff, group, series};
    use proflens::report::goroutines_text::Report;
    let groups = group(d);
    let rows = diff((d, &groups), (d, &groups));
    assert!(rows.iter().all(|r| r.count == r.base_count), "a dump compared with itself has no growth");
    let _ = series(&[(d, &groups[..]), (d, &groups[..]), (d, &groups[..])], &[0, 1, 2]);
    let report = Report { dump: d, groups: &groups, base: Some((d, &groups, &rows)) };
    let _ = proflens::report::goroutines_text::render(&report);
    let _ = proflens::report::goroutines_json::render(&report);
    let _ = proflens::report::info::render_dump(d, &groups);
    let p = d.to_profile();
    assert_eq!(p.samples.values[0].iter().sum::<i64>() as u64, d.total());
    exercise(&p);
}

#[test]
fn mutated_goroutine_dumps_never_panic_or_hang() {
    let seeds = dump_seeds();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let started = Instant::now();
    let mut read = 0;
    for case in 0..DUMP_CASES {
        let mut data = seeds[case % seeds.len()].clone();
        mutate_text(&mut rng, &mut data);
        let result = std::panic::catch_unwind(|| match proflens::decode::decode_any(&data) {
            Ok(proflens::decode::Decoded::Goroutines(d)) => {
                exercise_dump(&d);
                true
            }
            Ok(proflens::decode::Decoded::Profile(p)) => {
                exercise(&p);
                false
            }
            Err(_) => false,
        });
        match result {
            Ok(was_dump) => read += was_dump as usize,
            Err(_) => {
                let path = std::env::temp_dir().join(format!("proflens-fuzz-dump-{case}.txt"));
                std::fs::write(&path, &data).unwrap();
                panic!("case {case} panicked; input saved to {}", path.display());
            }
        }
    }
    eprintln!("fuzz dumps: {DUMP_CASES} cases, {read} read as dumps, {:?}", started.elapsed());
    assert!(read > DUMP_CASES / 2, "most mutated dumps should still read as dumps: {read}");
}

#[test]
fn mutated_corpus_files_never_panic_or_hang() {
    let seeds = seeds();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let started = Instant::now();
    let (mut ok, mut errors) = (0, 0);
    for case in 0..CASES {
        let mut data = seeds[case % seeds.len()].clone();
        mutate(&mut rng, &mut data);
        let one = Instant::now();
        let result = std::panic::catch_unwind(|| match proflens::decode(&data) {
            Ok(p) => {
                exercise(&p);
                true
            }
            Err(e) => {
                assert!(!e.to_string().is_empty());
                false
            }
        });
        match result {
            Ok(true) => ok += 1,
            Ok(false) => errors += 1,
            Err(_) => {
                let path = std::env::temp_dir().join(format!("proflens-fuzz-{case}.bin"));
                std::fs::write(&path, &data).unwrap();
                panic!("case {case} panicked; input saved to {}", path.display());
            }
        }
        assert!(one.elapsed() < Duration::from_secs(5), "case {case} took {:?}", one.elapsed());
    }
    eprintln!("fuzz: {CASES} cases, {ok} decoded, {errors} rejected, {:?}", started.elapsed());
    assert!(ok > 100 && errors > 100, "mutations should both pass and fail: {ok} ok, {errors} errors");
}

/// Diffs and trends of a mutated profile against the file it was made from: whatever
/// merges must report, draw and re-encode without a panic.
fn exercise_comparison(p: &proflens::Profile, original: &proflens::Profile, rng: &mut Rng) {
    use proflens::query::diff::{diff_sides, DiffMode, DiffOptions};
    use proflens::query::diff_view::{diff_flame, diff_table, DiffInputs};
    let mode = if rng.below(2) == 0 { DiffMode::Base } else { DiffMode::DiffBase };
    let opts = DiffOptions { mode, normalize: rng.below(2) == 0 };
    if let Ok(d) = diff_sides(p, original, opts) {
        let view = StackView::new(&d.profile, Granularity::Functions);
        let inputs = DiffInputs { merged: &d.profile, sides: &d.sides, target: p, base: original };
        for t in 0..d.profile.sample_types.len() {
            let _ = top(&d.profile, &view, t);
            let _ = diff_table(&inputs, &view, t);
            let _ = diff_flame(&inputs, &view, t);
        }
        assert!(proflens::decode(&proflens::encode::encode(&d.profile)).is_ok());
    }
    if let Some(st) = original.sample_types.first() {
        let views = [StackView::new(original, Granularity::Lines), StackView::new(p, Granularity::Lines)];
        let _ = proflens::query::trend::trend(&[(original, &views[0]), (p, &views[1])], original.str(st.ty));
    }
}

#[test]
fn mutated_profiles_diff_and_trend_against_their_originals() {
    const COMPARISONS: usize = 12_000;
    let seeds = seeds();
    let originals: Vec<proflens::Profile> = seeds.iter().map(|s| proflens::decode(s).unwrap()).collect();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut merged = 0;
    for case in 0..COMPARISONS {
        let k = case % seeds.len();
        let mut data = seeds[k].clone();
        mutate(&mut rng, &mut data);
        let Ok(p) = proflens::decode(&data) else { continue };
        let one = Instant::now();
        let mut local = Rng(rng.next() | 1);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            exercise_comparison(&p, &originals[k], &mut local)
        }));
        if result.is_err() {
            let path = std::env::temp_dir().join(format!("proflens-fuzz-diff-{case}.bin"));
            std::fs::write(&path, &data).unwrap();
            panic!("comparison case {case} panicked; input saved to {}", path.display());
        }
        assert!(one.elapsed() < Duration::from_secs(5), "case {case} took {:?}", one.elapsed());
        merged += 1;
    }
    eprintln!("fuzz: {merged} of {COMPARISONS} mutated profiles decoded and were compared");
    assert!(merged > 300, "only {merged} mutated profiles were compared");
}

/// Tag filter values (`[key=]values` or numeric ranges) are parsed from what a user types:
/// random strings over their alphabet must parse or fail cleanly, and whatever parses must
/// filter a labelled profile.
#[test]
fn random_tag_filters_never_panic() {
    use proflens::query::filter::{Filters, TagFilter};
    let p = common::load("go/heap_t2.pb.gz");
    let alphabet = b"bytes=:,kmgbKB0123456789+-.*()[]|^$ thread_";
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let mut parsed = 0;
    for _ in 0..3_000 {
        let len = rng.below(16);
        let s: String = (0..len).map(|_| alphabet[rng.below(alphabet.len())] as char).collect();
        if let Ok(f) = TagFilter::parse(&s) {
            parsed += 1;
            let filters = Filters { tag_focus: Some(f), ..Filters::default() };
            let _ = filters.apply(&p);
        }
    }
    assert!(parsed > 100, "{parsed}");
}
