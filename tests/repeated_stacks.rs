//! Samples that repeat a stack are built into the stack tree once (`decode/distinct.rs`),
//! and the tree is built one depth at a time (`decode/stacks.rs`). Neither may change the
//! tree: for corpus profiles whose every sample is written again later in the file (with
//! other values, as a heap profile writes a stack once per allocation size), the stack
//! table must equal, node for node, the one made the plain way: each sample's stack
//! inserted root first, in file order, then numbered in depth-first preorder with
//! children in the order they were first seen.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use proflens::proto;
use prost::Message;
use std::collections::HashMap;

/// The plain stack tree of `stacks` (location indexes, root first): (parent, location)
/// per node in preorder, and each stack's leaf (`u32::MAX`: empty).
fn plain_tree(stacks: &[Vec<u32>]) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
    const NONE: u32 = u32::MAX;
    let (mut index, mut children, mut location) = (HashMap::new(), vec![Vec::new()], Vec::new());
    let mut leaves = Vec::new();
    for stack in stacks {
        let mut node = NONE;
        for &loc in stack {
            let next = location.len() as u32;
            node = *index.entry((node, loc)).or_insert_with(|| {
                children[(node.wrapping_add(1)) as usize].push(next);
                children.push(Vec::new());
                location.push(loc);
                next
            });
        }
        leaves.push(node);
    }
    // children[0] holds the roots; node n's children are at children[n + 1]
    let (mut number, mut out_parent, mut out_location) = (vec![NONE; location.len()], Vec::new(), Vec::new());
    let mut todo: Vec<(u32, u32)> = children[0].iter().rev().map(|&r| (r, NONE)).collect();
    while let Some((n, parent)) = todo.pop() {
        number[n as usize] = out_parent.len() as u32;
        out_parent.push(parent);
        out_location.push(location[n as usize]);
        todo.extend(children[n as usize + 1].iter().rev().map(|&c| (c, number[n as usize])));
    }
    let leaves = leaves.iter().map(|&l| if l == NONE { NONE } else { number[l as usize] }).collect();
    (out_parent, out_location, leaves)
}

#[test]
fn repeated_stacks_give_the_plain_tree_node_for_node() {
    let mut checked = 0;
    for rel in common::corpus_profiles() {
        let Some(bytes) = common::read_maybe_gz(&common::corpus().join(&rel)) else { continue };
        let Ok(p) = proflens::decode(&bytes) else { continue };
        if p.samples.len() < 2
            || p.format != proflens::model::Format::Proto
            || !p.str(p.drop_frames).is_empty()
        {
            continue;
        }
        // Re-encode, then append every sample again, in reverse, with its values doubled.
        let mut msg = proto::Profile::decode(proflens::encode::encode(&p).as_slice()).unwrap();
        let copies: Vec<proto::Sample> = msg
            .sample
            .iter()
            .rev()
            .map(|s| proto::Sample { value: s.value.iter().map(|v| v * 2).collect(), ..s.clone() })
            .collect();
        msg.sample.extend(copies);
        let index: HashMap<u64, u32> =
            msg.location.iter().enumerate().map(|(i, l)| (l.id, i as u32)).collect();
        let stacks: Vec<Vec<u32>> =
            msg.sample.iter().map(|s| s.location_id.iter().rev().map(|id| index[id]).collect()).collect();
        let (parent, location, leaves) = plain_tree(&stacks);

        let twice = proflens::decode(&msg.encode_to_vec()).unwrap();
        assert_eq!(twice.stacks.parent, parent, "{rel}: parents");
        assert_eq!(twice.stacks.location, location, "{rel}: locations");
        let got: Vec<u32> = twice.samples.stack.iter().map(|s| s.0).collect();
        assert_eq!(got, leaves, "{rel}: each sample's node");
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} corpus profiles were checked");
}
