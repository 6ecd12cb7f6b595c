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

/// Fails the test for a case that panicked, keeping its input as `proflens-fuzz-{name}` in
/// the temp folder so it can be replayed.
fn fail_saving(name: &str, case: usize, data: &[u8]) -> ! {
    let path = std::env::temp_dir().join(format!("proflens-fuzz-{name}"));
    std::fs::write(&path, data).unwrap();
    panic!("case {case} panicked; input saved to {}", path.display());
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

/// Pieces of the goroutine dump syntax, for [`mutate_text`].
#[rustfmt::skip]
const DUMP_PIECES: &[&str] = &[
    "goroutine ", "goroutine 5 [", "]:", "\n", "\n\n", "\t", "created by ", " in goroutine ", "(...)", ", ",
    " minutes", "labels:{\"", "...", "# labels: {",
];

/// Text-shaped mutations on top of the byte ones: pieces of a text syntax in random places.
fn mutate_text(rng: &mut Rng, data: &mut Vec<u8>, pieces: &[&str]) {
    for _ in 0..1 + rng.below(3) {
        let piece = pieces[rng.below(pieces.len())].as_bytes();
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
    use proflens::query::findings::{findings, one_program, DumpFile, Inputs, Member, Snapshot};
    let dumps = vec![DumpFile { file: "a.txt", dump: d }, DumpFile { file: "d.txt", dump: d }];
    let p = d.to_profile();
    // the dump's profile as a contention and a CPU profile too (starved, contention, hot spots)
    let as_profile = || vec![Snapshot { file: "p", profile: &p }];
    let _ = findings(&Inputs { dumps, contention: as_profile(), cpu: as_profile(), ..Inputs::default() });
    let _ = one_program(&[("a.txt", Member::Dump(d)), ("p", Member::Profile(&p))]);
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
        mutate_text(&mut rng, &mut data, DUMP_PIECES);
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
            Err(_) => fail_saving(&format!("dump-{case}.txt"), case, &data),
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
            Err(_) => fail_saving(&format!("{case}.bin"), case, &data),
        }
        assert!(one.elapsed() < Duration::from_secs(5), "case {case} took {:?}", one.elapsed());
    }
    eprintln!("fuzz: {CASES} cases, {ok} decoded, {errors} rejected, {:?}", started.elapsed());
    assert!(ok > 100 && errors > 100, "mutations should both pass and fail: {ok} ok, {errors} errors");
}

/// Mutated profiles, gzip'd after the mutation (so the damage is in the protobuf, not the
/// deflate stream) and before it, decode alike read while inflating on a second thread
/// (`decode/overlap.rs`) and sequentially: the same profile or the same error.
#[test]
fn mutated_profiles_decode_alike_read_while_inflating() {
    use proflens::decode::{decode_with, DecodeOptions};
    let seeds = seeds();
    let mut rng = Rng(0x51_7cc1_b727_220a);
    let decode_on = |data: &[u8], threads| {
        decode_with(data, DecodeOptions { threads, ..Default::default() }).map_err(|e| e.to_string())
    };
    for case in 0..CASES / 4 {
        let mut data = seeds[case % seeds.len()].clone();
        mutate(&mut rng, &mut data);
        if !data.starts_with(&[0x1f, 0x8b]) {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            std::io::Write::write_all(&mut gz, &data).unwrap();
            data = gz.finish().unwrap();
        }
        let result = std::panic::catch_unwind(|| assert_eq!(decode_on(&data, 2), decode_on(&data, 1)));
        if result.is_err() {
            fail_saving(&format!("overlap-{case}.bin"), case, &data);
        }
    }
}

/// Diffs and trends of a mutated profile against the file it was made from: whatever
/// merges must report, draw and re-encode without a panic.
fn exercise_comparison(p: &proflens::Profile, original: &proflens::Profile, rng: &mut Rng) {
    use proflens::query::diff::{diff_sides, diff_tree, DiffMode, DiffOptions};
    use proflens::query::diff_view::{diff_flame, diff_table, DiffInputs};
    use proflens::query::values::NodeValues;
    let mode = if rng.below(2) == 0 { DiffMode::Base } else { DiffMode::DiffBase };
    let opts = DiffOptions { mode, normalize: rng.below(2) == 0 };
    if let Ok(d) = diff_sides(p, original, opts) {
        let view = StackView::new(&d.profile, Granularity::Functions);
        let inputs = DiffInputs { merged: &d.profile, sides: &d.sides, target: p, base: original };
        let tree = diff_tree(p, original, mode).ok();
        for t in 0..d.profile.sample_types.len() {
            let _ = top(&d.profile, &view, t);
            let _ = diff_table(&inputs, &view, t);
            let _ = diff_flame(&inputs, &view, t);
            if let Some(tree) = tree.as_ref().filter(|_| !opts.normalize) {
                // the delta made from the two sides equals the merged profile's own
                let sides =
                    DiffInputs { merged: &tree.profile, sides: &tree.sides, target: p, base: original };
                let (joined, merged) = (sides.delta(&view, t), NodeValues::compute(&d.profile, &view, t));
                assert_eq!(joined.self_value, merged.self_value);
                assert_eq!(joined.subtree_nonzero, merged.subtree_nonzero);
                assert_eq!(joined.abs_total, merged.abs_total);
            }
        }
        assert!(proflens::decode(&proflens::encode::encode(&d.profile)).is_ok());
    }
    {
        use proflens::query::findings::{compare, findings, one_program, Inputs, Member, Snapshot};
        let pair = || vec![Snapshot { file: "t0", profile: original }, Snapshot { file: "t1", profile: p }];
        let found = findings(&Inputs { heaps: pair(), memstats: pair(), ..Inputs::default() });
        // the same pair as contention and CPU profiles, and before against after
        let other = findings(&Inputs { contention: pair(), cpu: pair(), ..Inputs::default() });
        let _ = compare(found, other);
        let _ = one_program(&[("t0", Member::Profile(original)), ("t1", Member::Profile(p))]);
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
            fail_saving(&format!("diff-{case}.bin"), case, &data);
        }
        assert!(one.elapsed() < Duration::from_secs(5), "case {case} took {:?}", one.elapsed());
        merged += 1;
    }
    eprintln!("fuzz: {merged} of {COMPARISONS} mutated profiles decoded and were compared");
    assert!(merged > 300, "only {merged} mutated profiles were compared");
}

/// The `?debug=1` texts of heap (with its MemStats block), mutex, block and threadcreate
/// profiles, as Go writes them: hidden leaf frames, goexit, an inlined frame, an address
/// alone, records with no address.
const LEGACY_SEEDS: [&str; 4] = [
    "heap profile: 3: 5120 [7: 9216] @ heap/1048576\n\
     2: 4096 [3: 6144] @ 0x40dc0e 0x4bbc9a 0x4bc5e9 0x4379f2 0x461e81\n\
     #\t0x4bbc99\tmain.leak+0x79\t\t/src/main.go:46\n#\t0x4bc5e8\tmain.main+0xc8\t\t/src/main.go:124\n\
     #\t0x4379f1\truntime.main+0x211\t/go/src/runtime/proc.go:250\n\n\
     1: 1024 [4: 3072] @ 0x43fee8 0x44019e\n#\t0x43fee7\truntime.malg+0x27\t/go/src/runtime/proc.go:4076\n\
     #\t0x44019d\truntime.newproc1+0x7d\t/go/src/runtime/proc.go:4123\n\n\
     0: 0 [0: 0] @ 0x1\n#\t0x0\n\n# runtime.MemStats\n# Alloc = 2318896\n# Stack = 360448 / 360448\n\
     # PauseNs = [20679 9277 0 0]\n# NumGC = 2\n# GCCPUFraction = 8.588208511228349e-05\n# DebugGC = false\n",
    "--- mutex:\ncycles/second=2445505852\nsampling period=3\n1406055182 525 @ 0x4bc112 0x4bc0f9 0x461e81\n\
     #\t0x4bc111\tsync.(*Mutex).Unlock+0xd1\t/go/src/sync/mutex.go:223\n\
     #\t0x4bc0f8\tmain.contend.func1+0xb8\t/src/main.go:78\n\n",
    "--- contention:\ncycles/second=2445505852\n29877670831 1599 @ 0x4bc0e7 0x4bc0cb 0x461e81\n\
     #\t0x4bc0e6\tsync.(*Mutex).Lock+0xa6\t/go/src/sync/mutex.go:90\n#\t0x4bc0ca\tmain.contend.func1+0x8a\t/src/main.go:75\n\n\
     418181579 300 @ 0x4051bd 0x4bc275\n#\t0x4051bc\truntime.chansend1+0x1c\t/go/src/runtime/chan.go:145\n",
    "threadcreate profile: total 6\n5 @\n#\t0x0\n\n1 @ 0x43aed5 0x43b6db 0x4bc478 0x461e81\n\
     #\t0x4bc477\tmain.lockedThreads.func1+0x57\t/src/main.go:111\n",
];

/// Pieces of the legacy text syntax, for [`mutate_text`].
#[rustfmt::skip]
const LEGACY_PIECES: &[&str] = &[
    "\n", "\n\n", "\t", "#\t0x", "+0x", " @ 0x", " @", ": ", " [", "]", "-", "0x", "ffffffffffffffffff", "99999999999999999999",
    "heap profile: ", "--- mutex:\n", "---", "cycles/second=", "sampling period=", "= ", " / ", "# runtime.MemStats\n",
    "# X = [1 2", ":1\n", " profile: total ",
];

#[test]
fn mutated_legacy_texts_never_panic_or_hang() {
    const CASES: usize = 8_000;
    let mut rng = Rng(0x853c_49e6_748f_ea9b);
    let started = Instant::now();
    let mut read = 0;
    for case in 0..CASES {
        let mut data = LEGACY_SEEDS[case % LEGACY_SEEDS.len()].as_bytes().to_vec();
        mutate_text(&mut rng, &mut data, LEGACY_PIECES);
        let one = Instant::now();
        let result = std::panic::catch_unwind(|| match proflens::decode::decode_any(&data) {
            Ok(proflens::decode::Decoded::Profile(p)) => {
                let _ = proflens::report::info::render(&p);
                let _ = proflens::report::info::json(&p);
                exercise(&p);
                p.format != proflens::model::Format::Proto
            }
            Ok(proflens::decode::Decoded::Goroutines(d)) => {
                exercise_dump(&d);
                false
            }
            Err(e) => {
                let text = data.iter().take(512).all(|&c| c >= 0x20 || b"\n\r\t".contains(&c));
                assert!(!text || !e.to_string().contains("protobuf"), "a text called protobuf: {e}");
                false
            }
        });
        match result {
            Ok(was_text) => read += was_text as usize,
            Err(_) => fail_saving(&format!("text-{case}.txt"), case, &data),
        }
        assert!(one.elapsed() < Duration::from_secs(5), "case {case} took {:?}", one.elapsed());
    }
    eprintln!("fuzz texts: {CASES} cases, {read} read as text profiles, {:?}", started.elapsed());
    // The reader is strict, as pprof is: a mutation inside a record is an error naming the
    // line, so only part of the cases read; both outcomes must be well represented.
    assert!(read > CASES / 10 && read < CASES * 9 / 10, "{read} of {CASES} mutated texts read");
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

/// Other tools' formats, from the kept examples (examples/other-profilers): `perf script`
/// text, folded stacks, V8's CPU and heap profiles, speedscope JSON.
fn other_format_seeds() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/other-profilers");
    let read = |f: &str| std::fs::read(dir.join(f)).unwrap();
    let mut perf = read("work.perf.txt");
    perf.truncate(12 << 10);
    vec![
        perf,
        read("work.perf.cpu-clock.inferno.folded"),
        read("work.cpuprofile"),
        read("work.heapprofile"),
        read("heap_t0.pb.gz.speedscope.json"),
    ]
}

/// Pieces of those syntaxes, for [`mutate_text`].
#[rustfmt::skip]
const OTHER_PIECES: &[&str] = &[
    "\n", "\n\n", "\t", ";", " ", "_[k]", "_[i]", " 12", " -3", "\t1 2", "+0x", " (", ")", ": ", " 1234 cycles:",
    "ffffffff", "[unknown]", "{", "}", "[", "]", "\"", ",", ":", "-1", "99999999999999999999", "1e308",
    "\"callFrame\":{", "\"children\":[", "\"selfSize\":", "{\"type\":\"O\",\"frame\":0,\"at\":1}", "\"C\"",
    "\"samples\":[[0]]", "\"timeDeltas\":[-5,",
];

#[test]
fn mutated_other_formats_never_panic_or_hang() {
    const CASES: usize = 12_000;
    let seeds = other_format_seeds();
    let mut rng = Rng(0x6a09_e667_f3bc_c909);
    let started = Instant::now();
    let (mut read, mut corrupt) = (0, 0);
    for case in 0..CASES {
        let mut data = seeds[case % seeds.len()].clone();
        mutate_text(&mut rng, &mut data, OTHER_PIECES);
        let one = Instant::now();
        let result = std::panic::catch_unwind(|| match proflens::decode::decode_any(&data) {
            Ok(proflens::decode::Decoded::Profile(p)) => {
                let _ = proflens::report::info::render(&p);
                exercise(&p);
                (p.format != proflens::model::Format::Proto, false)
            }
            Ok(proflens::decode::Decoded::Goroutines(d)) => {
                exercise_dump(&d);
                (false, false)
            }
            Err(e) => (false, e.kind() == "corrupt" || e.kind() == "truncated"),
        });
        match result {
            Ok((was_read, was_corrupt)) => {
                read += was_read as usize;
                corrupt += was_corrupt as usize;
            }
            Err(_) => fail_saving(&format!("other-{case}.txt"), case, &data),
        }
        assert!(one.elapsed() < Duration::from_secs(5), "case {case} took {:?}", one.elapsed());
    }
    eprintln!(
        "fuzz other formats: {CASES} cases, {read} read, {corrupt} corrupt or truncated, {:?}",
        started.elapsed()
    );
    assert!(read > CASES / 10 && corrupt > CASES / 20, "{read} read and {corrupt} refused of {CASES}");
}
