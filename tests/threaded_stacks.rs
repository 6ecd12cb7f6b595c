//! The stack tree built on two threads (`decode/stacks.rs`: the stacks split by their node
//! at the first depth with enough nodes) must be the one-thread tree, node for node.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use proflens::decode::{decode_with, DecodeOptions};
use proflens::proto;
use prost::Message;

fn decode_on(bytes: &[u8], threads: usize) -> proflens::Profile {
    decode_with(bytes, DecodeOptions { threads, ..Default::default() }).unwrap()
}

/// Many roots and branches: 3,000 random stacks of 1 to 40 of 500 locations (a fixed
/// generator), so the tree has hundreds of nodes at every depth and really is split.
fn branchy_profile() -> Vec<u8> {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let names: Vec<String> = ["", "samples", "count"]
        .iter()
        .map(|s| s.to_string())
        .chain((1..=500).map(|i| format!("f{i}")))
        .collect();
    let msg = proto::Profile {
        sample_type: vec![proto::ValueType { r#type: 1, unit: 2 }],
        sample: (0..3000)
            .map(|_| {
                let depth = 1 + next(40);
                // a few hot prefixes, then random frames, leaf first
                let hot = next(8);
                let ids: Vec<u64> =
                    (0..depth).map(|d| if d < 3 { 1 + (hot * 3 + d) % 500 } else { 1 + next(500) }).collect();
                proto::Sample {
                    location_id: ids.into_iter().rev().collect(),
                    value: vec![1 + next(9) as i64],
                    ..Default::default()
                }
            })
            .collect(),
        function: (1..=500)
            .map(|i| proto::Function { id: i, name: 2 + i as i64, ..Default::default() })
            .collect(),
        location: common::one_line_locations(500),
        string_table: names,
        ..Default::default()
    };
    msg.encode_to_vec()
}

#[test]
fn two_threads_build_the_one_thread_tree() {
    let bytes = branchy_profile();
    let (one, two) = (decode_on(&bytes, 1), decode_on(&bytes, 2));
    assert!(one.stacks.len() > 20_000, "the test profile has {} nodes", one.stacks.len());
    assert_eq!(two, one);
}

#[test]
fn two_threads_build_the_one_thread_tree_for_the_corpus() {
    for rel in common::corpus_profiles() {
        let Some(bytes) = common::read_maybe_gz(&common::corpus().join(&rel)) else { continue };
        let Ok(one) = decode_with(&bytes, DecodeOptions { threads: 1, ..Default::default() }) else {
            continue;
        };
        assert_eq!(decode_on(&bytes, 2), one, "{rel}");
    }
}
