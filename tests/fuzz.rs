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
    let again = proflens::decode(&proflens::encode::encode(p));
    assert!(again.is_ok(), "a decoded profile must re-encode to a valid one");
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
