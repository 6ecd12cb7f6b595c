//! A gzip'd profile read while another thread inflates it (`decode/overlap.rs`) must
//! decode exactly as the sequential decoder does: the same profile, or the same error.
//! Two threads (`threads: 2`) take the overlapped path whatever the file's size; one
//! thread never does.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use proflens::decode::{decode_any_with, DecodeOptions, Decoded, Stage};
use proflens::proto;
use prost::Message;
use std::io::Write;

/// The decode on `threads` threads, as a comparable value, and whether it was read while
/// inflating. Only the sequential decoder has a separate tables pass, whose start it
/// reports as `Decode` at 0; the overlapped reader reads the tables as they come.
fn decode_on(bytes: &[u8], threads: usize) -> (Result<Decoded, String>, bool) {
    let mut tables_pass = false;
    let mut seen = |s: Stage, f: f64| tables_pass |= s == Stage::Decode && f == 0.0;
    let opts = DecodeOptions { threads, progress: Some(&mut seen), ..Default::default() };
    let decoded = decode_any_with(bytes, opts).map_err(|e| e.to_string());
    (decoded, !tables_pass)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// Every file of the corpus, gzip'd (as stored, or by this test).
fn gzipped_corpus() -> Vec<(String, Vec<u8>)> {
    let root = common::corpus();
    let mut out = Vec::new();
    for top in ["go", "node", "external"] {
        let mut dirs = vec![root.join(top)];
        while let Some(dir) = dirs.pop() {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    dirs.push(p);
                    continue;
                }
                let bytes = std::fs::read(&p).unwrap();
                let bytes = if bytes.starts_with(&[0x1f, 0x8b]) { bytes } else { gzip(&bytes) };
                out.push((p.strip_prefix(&root).unwrap().display().to_string(), bytes));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_corpus_file_decodes_alike_read_while_inflating() {
    let mut overlapped = 0;
    let files = gzipped_corpus();
    for (name, bytes) in &files {
        let (one, _) = decode_on(bytes, 1);
        let (two, read_while_inflating) = decode_on(bytes, 2);
        assert_eq!(two, one, "{name}");
        overlapped += (one.is_ok() && read_while_inflating) as usize;
    }
    // the profile.proto files are read while inflating; text forms are left to the
    // sequential decoder
    assert!(overlapped >= 28, "only {overlapped} of {} files were read while inflating", files.len());
}

/// Damage of every kind a file can have on the way: cut short, bytes flipped inside the
/// deflate data, a wrong checksum, a size in the trailer that is too small (the buffer
/// then overflows and the sequential path takes over) or too large.
#[test]
fn damaged_files_fail_or_decode_alike() {
    let bytes = std::fs::read(common::corpus().join("go/heap_t1.pb.gz")).unwrap();
    let n = bytes.len();
    let mut cases: Vec<(String, Vec<u8>)> = Vec::new();
    for cut in [11, 40, n / 3, n / 2, n - 9, n - 4, n - 1] {
        cases.push((format!("cut at {cut}"), bytes[..cut].to_vec()));
    }
    for at in [20, n / 4, n / 2, n - 20] {
        let mut b = bytes.clone();
        b[at] ^= 0x5a;
        cases.push((format!("byte {at} flipped"), b));
    }
    let mut b = bytes.clone();
    b[n - 8] ^= 1;
    cases.push(("wrong CRC".into(), b));
    for size in [1u32, 1000, u32::MAX] {
        let mut b = bytes.clone();
        b[n - 4..].copy_from_slice(&size.to_le_bytes());
        cases.push((format!("ISIZE {size}"), b));
    }
    let mut errors = 0;
    for (what, b) in &cases {
        let (one, _) = decode_on(b, 1);
        let (two, _) = decode_on(b, 2);
        assert_eq!(two, one, "{what}");
        errors += one.is_err() as usize;
    }
    assert!(errors >= 10, "only {errors} of {} damaged files failed", cases.len());
}

/// A profile with a sample of three frames and a label, its fields in any order.
fn hand_made(order: &[&str], label_key: i64) -> Vec<u8> {
    let p = proto::Profile {
        sample_type: vec![proto::ValueType { r#type: 1, unit: 2 }],
        sample: vec![proto::Sample {
            location_id: vec![3, 2, 1],
            value: vec![7],
            label: vec![proto::Label { key: label_key, str: 4, ..Default::default() }],
        }],
        location: common::one_line_locations(3),
        function: (1..=3)
            .map(|i| proto::Function { id: i, name: 4 + i as i64, ..Default::default() })
            .collect(),
        string_table: ["", "samples", "count", "kind", "x", "a", "b", "c"].map(String::from).to_vec(),
        ..Default::default()
    };
    // re-encode the fields in the order asked
    let whole = p.encode_to_vec();
    let mut fields: Vec<(u64, Vec<u8>)> = Vec::new();
    let mut at = 0;
    while at < whole.len() {
        let start = at;
        let (key, n) = varint(&whole[at..]);
        at += n;
        let (len, n) = varint(&whole[at..]);
        at += n + len as usize;
        fields.push((key >> 3, whole[start..at].to_vec()));
    }
    let number = |name: &str| match name {
        "types" => 1,
        "samples" => 2,
        "locations" => 4,
        "functions" => 5,
        "strings" => 6,
        _ => unreachable!(),
    };
    order
        .iter()
        .flat_map(|name| fields.iter().filter(|f| f.0 == number(name)).flat_map(|f| f.1.clone()))
        .collect()
}

fn varint(b: &[u8]) -> (u64, usize) {
    let mut v = 0u64;
    for (i, &x) in b.iter().enumerate() {
        v |= ((x & 0x7f) as u64) << (7 * i);
        if x < 0x80 {
            return (v, i + 1);
        }
    }
    unreachable!()
}

#[test]
fn what_the_reader_cannot_settle_alone_decodes_as_the_sequential_decoder_does() {
    let usual = ["types", "samples", "locations", "functions", "strings"];
    let cases = [
        ("the usual order", hand_made(&usual, 3), true),
        (
            "sample types after the samples",
            hand_made(&["samples", "types", "locations", "functions", "strings"], 3),
            true,
        ),
        ("the strings first", hand_made(&["strings", "types", "samples", "locations", "functions"], 3), true),
        ("a label key past the string table", hand_made(&usual, 99), false),
    ];
    for (what, raw, ok) in cases {
        let gz = gzip(&raw);
        let (one, _) = decode_on(&gz, 1);
        let (two, _) = decode_on(&gz, 2);
        assert_eq!(one.is_ok(), ok, "{what}: {one:?}");
        assert_eq!(two, one, "{what}");
    }
}
