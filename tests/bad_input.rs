//! Bad input gets the right typed error, never a panic or a hang.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::corpus;
use flate2::write::GzEncoder;
use flate2::Compression;
use proflens::decode::{decode, decode_with, DecodeOptions};
use proflens::encode::encode;
use proflens::model::StrId;
use proflens::DecodeError;
use std::io::Write;

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn kind_of(data: &[u8]) -> &'static str {
    match decode(data) {
        Ok(_) => "ok",
        Err(e) => {
            assert!(!e.to_string().is_empty());
            e.kind()
        }
    }
}

fn heap_gz() -> Vec<u8> {
    std::fs::read(corpus().join("go/heap_t2.pb.gz")).unwrap()
}

fn heap_raw() -> Vec<u8> {
    std::fs::read(corpus().join("go/heap_t2.pb")).unwrap()
}

/// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
fn random_bytes(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

#[test]
fn empty_file_is_not_a_profile() {
    assert_eq!(kind_of(&[]), "not_a_profile");
}

#[test]
fn truncated_gzip_is_truncated() {
    let gz = heap_gz();
    for cut in [gz.len() / 3, gz.len() / 2, gz.len() - 5, 12] {
        assert_eq!(kind_of(&gz[..cut]), "truncated", "cut at {cut}");
    }
}

#[test]
fn truncated_raw_proto_is_truncated() {
    let raw = heap_raw();
    for cut in [raw.len() / 2, raw.len() - 1, 100] {
        assert_eq!(kind_of(&raw[..cut]), "truncated", "cut at {cut}");
    }
}

#[test]
fn random_bytes_are_not_a_profile() {
    for seed in 1..50u64 {
        let data = random_bytes(4096, seed);
        let k = kind_of(&data);
        assert!(k == "not_a_profile" || k == "corrupt" || k == "truncated", "seed {seed}: {k}");
    }
    assert_eq!(kind_of(&random_bytes(4096, 7)), "not_a_profile");
}

#[test]
fn gzip_of_garbage_is_not_a_profile() {
    let text = b"<html><body>this is not a profile at all, just a page</body></html>\n".repeat(50);
    assert_eq!(kind_of(&gzip(&text)), "not_a_profile");
}

#[test]
fn goroutine_text_dump_says_what_it_is() {
    let text = b"goroutine 1 [running]:\nmain.main()\n\t/app/main.go:3 +0x1\n";
    let decoded = proflens::decode::decode_any(text).unwrap();
    assert!(matches!(decoded, proflens::decode::Decoded::Goroutines(_)));
    // Read as a profile, a dump is its goroutine/count profile.
    let p = decode(&gzip(text)).unwrap();
    assert_eq!(proflens::query::kind::kind(&p), "goroutine");
    assert_eq!(p.samples.values[0], [1]);
}

#[test]
fn string_index_out_of_range_names_the_field_and_index() {
    let mut p = decode(&heap_gz()).unwrap();
    let n = p.strings.len() as u32;
    p.functions[3].name = StrId(n + 5);
    let err = decode(&encode(&p)).unwrap_err();
    match &err {
        DecodeError::Corrupt { field, index, .. } => {
            assert_eq!(*field, "function.name");
            assert_eq!(*index, Some(3));
        }
        other => panic!("wrong error {other:?}"),
    }
    assert!(err.to_string().contains("function.name[3]"), "{err}");
}

#[test]
fn non_empty_first_string_is_corrupt() {
    let proto = proflens::proto::Profile {
        string_table: vec!["oops".into(), "samples".into(), "count".into()],
        ..Default::default()
    };
    let bytes = prost::Message::encode_to_vec(&proto);
    let err = decode(&bytes).unwrap_err();
    assert!(matches!(err, DecodeError::Corrupt { field: "string_table", index: Some(0), .. }), "{err:?}");
}

/// A one-sample profile with sample type samples/count, written by prost.
fn one_sample(location_id: Vec<u64>, value: Vec<i64>) -> Vec<u8> {
    use proflens::proto::*;
    let proto = Profile {
        sample_type: vec![ValueType { r#type: 1, unit: 2 }],
        sample: vec![Sample { location_id, value, label: vec![] }],
        string_table: vec!["".into(), "samples".into(), "count".into()],
        ..Profile::default()
    };
    prost::Message::encode_to_vec(&proto)
}

#[test]
fn unknown_location_id_in_a_sample_is_corrupt() {
    let err = decode(&one_sample(vec![42], vec![1])).unwrap_err();
    assert!(
        matches!(err, DecodeError::Corrupt { field: "sample.location_id", index: Some(0), .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("location id 42"), "{err}");
}

#[test]
fn wrong_value_count_is_corrupt() {
    let err = decode(&one_sample(vec![], vec![1, 2])).unwrap_err();
    assert!(matches!(err, DecodeError::Corrupt { field: "sample.value", .. }), "{err:?}");
}

#[test]
fn gzip_bomb_stops_at_the_limit() {
    // 64 MiB of zeros compresses to about 64 KiB.
    let bomb = gzip(&vec![0u8; 64 << 20]);
    assert!(bomb.len() < 1 << 20);
    let opts = DecodeOptions { max_decompressed: 8 << 20, ..DecodeOptions::default() };
    let err = decode_with(&bomb, opts).unwrap_err();
    assert_eq!(err, DecodeError::TooLarge { limit: 8 << 20 });
    assert!(err.to_string().contains("8 MiB"), "{err}");
}

#[test]
fn lying_isize_trailer_does_not_reserve_the_limit() {
    let mut gz = heap_gz();
    let n = gz.len();
    gz[n - 4..].copy_from_slice(&u32::MAX.to_le_bytes());
    // The claim is capped at deflate's maximum ratio, so the buffer stays small...
    let raw = proflens::decode::gzip::gunzip(&gz, 1 << 30, &mut |_| {}).unwrap();
    assert!(raw.capacity() <= gz.len() * 1032, "reserved {} bytes", raw.capacity());
    // ...and the intact data still decodes (the CRC is not checked since the sizes differ).
    assert!(decode(&gz).is_ok());
}

#[test]
fn corrupted_deflate_data_is_an_error() {
    let mut gz = heap_gz();
    for i in (40..gz.len() - 8).step_by(97) {
        gz[i] ^= 0x5a;
    }
    let k = kind_of(&gz);
    assert!(k == "corrupt" || k == "truncated", "{k}");
}
