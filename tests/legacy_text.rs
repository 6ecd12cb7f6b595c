//! Hand-written `?debug=1` texts: each number below is worked out by hand from pprof's
//! rules (`legacy_profile.go`), not copied from our output. Live comparisons with `go tool
//! pprof` on the example program's texts are in `legacy_text_live.rs`.
#![cfg(not(target_arch = "wasm32"))]

use proflens::decode::{decode, decode_any, DecodeError, Decoded};
use proflens::model::{Format, MemStatValue, Profile};
use proflens::query::values::flat_by_key_of_samples;
use proflens::query::{top, Granularity, StackView};

/// (name, flat, cum) of the top table of sample type `ty`.
fn rows(p: &Profile, ty: &str) -> Vec<(String, i64, i64)> {
    let view = StackView::new(p, Granularity::Functions);
    let t = top(p, &view, p.sample_index(ty).unwrap());
    t.rows.iter().map(|r| (view.name(r.key).to_string(), r.flat, r.cum)).collect()
}

fn row(name: &str, flat: i64, cum: i64) -> (String, i64, i64) {
    (name.to_string(), flat, cum)
}

fn types(p: &Profile) -> Vec<String> {
    p.sample_types.iter().map(|t| format!("{}/{}", p.str(t.ty), p.str(t.unit))).collect()
}

/// One allocation site, main.alloc called by main.main. The leaf address (mallocgc) and the
/// root address (goexit) have no `#` line, as the runtime writes it.
const HEAP: &str = "heap profile: 2: 2048 [3: 3072] @ heap/2048
2: 2048 [3: 3072] @ 0x11 0x21 0x31 0x41
#\t0x20\tmain.alloc+0x8\t/src/main.go:10
#\t0x30\tmain.main+0x8\t/src/main.go:20

# runtime.MemStats
# Alloc = 5
";

#[test]
fn heap_records_are_unsampled_at_half_the_header_rate() {
    let p = decode(HEAP.as_bytes()).unwrap();
    assert_eq!(p.format, Format::HeapText);
    assert_eq!(
        types(&p),
        ["alloc_objects/count", "alloc_space/bytes", "inuse_objects/count", "inuse_space/bytes"]
    );
    assert_eq!(p.period, 1024, "heap/2048 is twice the sampling rate");
    assert_eq!(p.str(p.sample_types[p.default_sample_index()].ty), "inuse_space");
    // Objects of 1024 bytes at rate 1024 are sampled with p = 1 − e^−1, so each counts
    // 1 / p = 1.5819767… times: 3 → 4.75 → 4, 3072 → 4859.8 → 4859, 2 → 3, 2048 → 3239.
    let values: Vec<i64> = p.samples.values.iter().map(|c| c[0]).collect();
    assert_eq!(values, [4, 4859, 3, 3239]);
    assert_eq!(
        rows(&p, "inuse_space"),
        [row("main.alloc", 3239, 3239), row("main.main", 0, 3239), row("runtime.goexit", 0, 3239)]
    );
    let labels = p.label_sets.get(p.samples.labels[0]);
    assert_eq!((p.str(labels[0].key), labels[0].num), ("bytes", 1024), "sampled bytes per object");
    assert_eq!(p.memstats.as_ref().unwrap().int("Alloc"), Some(5));
}

#[test]
fn heap_without_allocation_numbers_has_two_types_and_no_unsampling() {
    // Allocated totals equal the in-use ones: pprof reads objects/space only. Rate 0
    // (`heap/0`) means unknown, so nothing is scaled.
    let text =
        "heap profile: 1: 512 [1: 512] @ heap/0\n1: 512 [1: 512] @ 0x11\n#\t0x10\tmain.f+0x1\tm.go:1\n";
    let p = decode(text.as_bytes()).unwrap();
    assert_eq!(types(&p), ["objects/count", "space/bytes"]);
    assert_eq!(rows(&p, "space"), [row("main.f", 512, 512)]);
    assert_eq!(p.memstats, None);
}

#[test]
fn heap_drop_frames_cut_runtime_frames_below_the_program() {
    // The runtime printed every frame (all were runtime ones but for main.f in the middle):
    // pprof's legacy heap drop_frames cut below main.f; the root-side runtime.main stays.
    let text = "heap profile: 1: 64 [1: 64] @ heapprofile\n1: 64 [1: 64] @ 0x11 0x21 0x31\n\
        #\t0x10\truntime.mallocgc+0x1\tmalloc.go:1\n#\t0x20\tmain.f+0x1\tm.go:1\n\
        #\t0x30\truntime.main+0x1\tproc.go:1\n";
    let p = decode(text.as_bytes()).unwrap();
    assert_eq!(p.period, 1);
    assert_eq!(rows(&p, "space"), [row("main.f", 64, 64), row("runtime.main", 0, 64)]);
    // a trend's flat values, made from the samples, take the same cut
    let view = StackView::new(&p, Granularity::Functions);
    let (flat, total) = flat_by_key_of_samples(&p, &view, p.sample_index("space").unwrap());
    let named: Vec<(&str, i64)> =
        flat.iter().enumerate().filter(|(_, &f)| f != 0).map(|(k, &f)| (view.name(k as u32), f)).collect();
    assert_eq!((named, total), (vec![("main.f", 64)], 64));
}

#[test]
fn contention_records_scale_by_period_and_clock() {
    // Unlock and main.f have different entries (0x10 − 0x10 = 0, 0x20 − 0x10 = 0x10):
    // not inlined, two locations.
    let text = "--- mutex:\ncycles/second=2000000000\nsampling period=5\n3000 2 @ 0x11 0x21\n\
        #\t0x10\tsync.(*Mutex).Unlock+0x10\tmutex.go:1\n#\t0x20\tmain.f+0x10\tm.go:2\n";
    let p = decode(text.as_bytes()).unwrap();
    assert_eq!((p.format, p.period), (Format::ContentionText, 5));
    assert_eq!(types(&p), ["contentions/count", "delay/nanoseconds"]);
    // contentions 2 × 5; delay 3000 cycles × 5 / 2 GHz = 7500 ns.
    assert_eq!(rows(&p, "contentions"), [row("sync.(*Mutex).Unlock", 10, 10), row("main.f", 0, 10)]);
    assert_eq!(rows(&p, "delay")[0], row("sync.(*Mutex).Unlock", 7500, 7500));
}

#[test]
fn block_profiles_have_no_period_and_a_zero_period_keeps_raw_numbers() {
    let block = "--- contention:\ncycles/second=1000000000\n500 4 @ 0x11\n#\t0x10\tmain.wait+0x1\tm.go:1\n";
    let p = decode(block.as_bytes()).unwrap();
    assert_eq!(p.period, 1);
    assert_eq!(rows(&p, "delay"), [row("main.wait", 500, 500)]);
    let off = "--- mutex:\ncycles/second=2000000000\nsampling period=0\n500 4 @ 0x11\n";
    let p = decode(off.as_bytes()).unwrap();
    assert_eq!(p.samples.values, [vec![4], vec![500]], "period 0: cycles kept as the delay");
}

#[test]
fn inlined_frames_become_one_location() {
    // Lock+0xa6 and func1+0x8a both start at 0x40: Lock was inlined into func1.
    let text = "--- contention:\ncycles/second=1000000000\n10 1 @ 0xe7 0xcb 0x201\n\
        #\t0xe6\tsync.(*Mutex).Lock+0xa6\tmutex.go:90\n#\t0xca\tmain.func1+0x8a\tm.go:75\n";
    let p = decode(text.as_bytes()).unwrap();
    let lines: Vec<u32> = p.locations.iter().map(|l| l.lines_len).collect();
    assert_eq!(lines.len(), 2, "Lock+func1, and goexit");
    assert!(lines.contains(&2), "{lines:?}");
    let view = StackView::new(&p, Granularity::Functions);
    let t = top(&p, &view, 1);
    let lock = t.rows.iter().find(|r| view.name(r.key) == "sync.(*Mutex).Lock").unwrap();
    assert_eq!((lock.flat, lock.inline.label()), (10, "(inline)"));
}

#[test]
fn threadcreate_counts_records_without_addresses() {
    let text = "threadcreate profile: total 3\n2 @\n#\t0x0\n\n1 @ 0x11 0x21\n#\t0x20\tmain.g+0x4\tm.go:3\n";
    let p = decode(text.as_bytes()).unwrap();
    assert_eq!((p.format, types(&p)), (Format::CountText, vec!["threadcreate/count".to_string()]));
    assert_eq!(p.period, 1);
    let view = StackView::new(&p, Granularity::Functions);
    let t = top(&p, &view, 0);
    assert_eq!(t.total, 3, "the header's total");
    assert_eq!(rows(&p, "threadcreate"), [row("main.g", 1, 1)]);
}

#[test]
fn goroutine_count_profiles_stay_dumps_and_custom_ones_are_profiles() {
    let dump = decode_any(b"goroutine profile: total 1\n1 @ 0x11\n#\t0x10\tmain.f+0x1\tm.go:1\n").unwrap();
    assert!(matches!(dump, Decoded::Goroutines(_)));
    let p = decode(b"my.jobs profile: total 2\n2 @ 0x11\n#\t0x10\tmain.f+0x1\tm.go:1\n").unwrap();
    assert_eq!(types(&p), ["my.jobs/count"]);
}

#[test]
fn gzip_and_windows_line_ends_read_the_same() {
    use std::io::Write;
    let crlf = HEAP.replace('\n', "\r\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(crlf.as_bytes()).unwrap();
    let p = decode(&gz.finish().unwrap()).unwrap();
    let want = decode(HEAP.as_bytes()).unwrap();
    assert_eq!(p.samples, want.samples);
    assert_eq!(p.memstats, want.memstats);
}

#[test]
fn other_text_is_not_a_profile_and_says_what_is_read() {
    for text in ["hello world\n", "<html><body>nope</body></html>", "{\"json\": true}\n", "heap:\n1 2 3\n"] {
        let err = decode(text.as_bytes()).unwrap_err();
        assert_eq!(err.kind(), "not_a_profile", "{text:?}: {err}");
        let msg = err.to_string();
        for form in ["profile.proto", "heap", "block", "mutex", "threadcreate", "goroutine"] {
            assert!(msg.contains(form), "{msg}");
        }
        assert!(!msg.contains("protobuf") && !msg.contains("corrupt"), "{msg}");
    }
}

#[test]
fn broken_texts_name_the_line() {
    let bad = "heap profile: 1: 2 [1: 2] @ heap/8\n1: 2 [1: 2] @ 0x1\nthis is not a record\n";
    let err = decode(bad.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), "corrupt");
    assert!(err.to_string().contains("line 3"), "{err}");
    // Cut in the middle of a record: truncated.
    let err = decode(b"heap profile: 1: 2 [1: 2] @ heap/8\n1: 2 [1:").unwrap_err();
    assert!(matches!(err, DecodeError::Truncated(_)), "{err}");
    let err = decode(b"--- mutex:\ncycles/second=fast\n1 1 @ 0x1\n").unwrap_err();
    assert!(err.to_string().contains("line 2"), "{err}");
    let err = decode(b"heap profile: 1: 2 [1: 2] @ heap/8\n0: 5 [1: 2] @ 0x1\n").unwrap_err();
    assert!(err.to_string().contains("count is 0"), "{err}");
}

/// A block from another Go version: fields added, some missing, one of an unknown shape.
#[test]
fn memstats_of_another_go_version_still_parse() {
    let text = "heap profile: 0: 0 [0: 0] @ heap/1024\n\n# runtime.MemStats\n# HeapInuse = 8192\n\
        # Stack = 1 / 2\n# HeapGoal = 4096\n# PauseQuantiles = [5 6 7]\n# Tuning = auto\n# NumGC = 3\n";
    let m = decode(text.as_bytes()).unwrap().memstats.unwrap();
    let names: Vec<&str> = m.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["HeapInuse", "StackInuse", "StackSys", "HeapGoal", "PauseQuantiles", "Tuning", "NumGC"]
    );
    assert_eq!((m.int("HeapInuse"), m.int("StackSys"), m.int("HeapGoal")), (Some(8192), Some(2), Some(4096)));
    assert_eq!(m.get("PauseQuantiles"), Some(&MemStatValue::List(vec![5, 6, 7])));
    assert_eq!(m.get("Tuning"), Some(&MemStatValue::Text("auto".into())));
    assert_eq!(m.get("Alloc"), None);
}
