//! Sample location ids may be written packed (one field), unpacked (one field per id, as
//! google/pprof's encoder does for short stacks) or split over several packed fields. All
//! forms must decode to the same stacks.
#![cfg(not(target_arch = "wasm32"))]

use proflens::decode::DecodeOptions;
use proflens::query::{top, Granularity, StackView};
use prost::Message;

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn field_bytes(out: &mut Vec<u8>, field: u64, bytes: &[u8]) {
    varint(out, field << 3 | 2);
    varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

fn packed(ids: &[u64]) -> Vec<u8> {
    let mut p = Vec::new();
    for &id in ids {
        varint(&mut p, id);
    }
    let mut f = Vec::new();
    field_bytes(&mut f, 1, &p);
    f
}

/// The tables of a profile of `samples/count` whose function and location `i` (from 1)
/// are named `strings[2 + i]` (after "", "samples" and "count"), one line each.
fn tables(names: &[&str]) -> proflens::proto::Profile {
    use proflens::proto::*;
    let strings: Vec<String> = ["", "samples", "count"].iter().chain(names).map(|s| s.to_string()).collect();
    let n = names.len() as u64;
    Profile {
        sample_type: vec![ValueType { r#type: 1, unit: 2 }],
        function: (1..=n).map(|i| Function { id: i, name: 2 + i as i64, ..Function::default() }).collect(),
        location: (1..=n)
            .map(|i| Location {
                id: i,
                line: vec![Line { function_id: i, line: 1, column: 0 }],
                ..Location::default()
            })
            .collect(),
        string_table: strings,
        ..Profile::default()
    }
}

/// A profile of main -> work -> leaf with three locations, and samples given as raw
/// location-id field bytes (each with value 1).
fn profile(samples: &[Vec<u8>]) -> Vec<u8> {
    let base = tables(&["main", "work", "leaf"]);
    let mut out = base.encode_to_vec();
    for ids in samples {
        let mut body = ids.clone();
        varint(&mut body, 2 << 3); // value: 1 (unpacked varint)
        varint(&mut body, 1);
        field_bytes(&mut out, 2, &body);
    }
    out
}

#[test]
fn packed_unpacked_and_split_ids_give_the_same_stacks() {
    // Leaf first: leaf(3) <- work(2) <- main(1).
    let unpacked = {
        let mut f = Vec::new();
        for id in [3u64, 2, 1] {
            varint(&mut f, 1 << 3);
            varint(&mut f, id);
        }
        f
    };
    let split = [packed(&[3]), packed(&[2, 1])].concat();
    let p = proflens::decode(&profile(&[packed(&[3, 2, 1]), unpacked, split])).unwrap();
    assert_eq!(p.stacks.len(), 3, "all three samples share one stack");
    let view = StackView::new(&p, Granularity::Functions);
    let rows: Vec<(&str, i64, i64)> =
        top(&p, &view, 0).rows.iter().map(|r| (view.name(r.key), r.flat, r.cum)).collect();
    assert_eq!(rows, vec![("leaf", 3, 3), ("main", 0, 3), ("work", 0, 3)]);
    // And an unknown id in a packed field is still reported with its sample.
    let bad = proflens::decode(&profile(&[packed(&[3, 2, 1]), packed(&[200, 2, 1])])).unwrap_err();
    assert!(bad.to_string().contains("sample.location_id[1]: location id 200 not found"), "{bad}");
}

/// Sample `k` of `n`: 100 location ids, leaf first, all below 128 (one varint byte each).
fn deep_ids(k: u64) -> Vec<u64> {
    (0..100).map(|d| (k * 7 + d) % 127 + 1).collect()
}

/// A profile of 300 locations (so two bytes per packed index) whose samples carry nothing
/// but 100 one-byte ids and a value: packing their indexes over the raw bytes would
/// overrun the ids not yet read, so the decoder must move to a buffer of its own midway.
fn deep_profile(n: u64) -> Vec<u8> {
    let names: Vec<String> = (1..=300).map(|i| format!("f{i}")).collect();
    let base = tables(&names.iter().map(String::as_str).collect::<Vec<_>>());
    let mut out = Vec::new();
    for k in 0..n {
        let mut body = packed(&deep_ids(k));
        varint(&mut body, 2 << 3);
        varint(&mut body, 1);
        field_bytes(&mut out, 2, &body);
    }
    out.extend(base.encode_to_vec());
    out
}

#[test]
fn owned_and_borrowed_bytes_give_the_same_stacks_when_packing_must_spill() {
    let bytes = deep_profile(50);
    let borrowed = proflens::decode(&bytes).unwrap();
    // in two halves at once, each half spills on its own
    let halves =
        proflens::decode_owned(bytes.clone(), DecodeOptions { threads: 2, ..Default::default() }).unwrap();
    let owned = proflens::decode_owned(bytes, Default::default()).unwrap();
    assert_eq!(borrowed, owned);
    assert_eq!(halves, owned);
    assert_eq!(owned.samples.len(), 50);
    for (k, &stack) in owned.samples.stack.iter().enumerate() {
        let got: Vec<u64> = owned.stacks.locations_leaf_first(stack).map(|l| l as u64 + 1).collect();
        assert_eq!(got, deep_ids(k as u64), "sample {k}");
    }
}
