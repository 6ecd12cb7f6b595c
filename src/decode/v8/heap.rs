//! V8's sampling heap profile: a tree from `head`, each node a call frame with the bytes
//! sampled there (`selfSize`) and its children, and the samples (`samples`: size and
//! node). Two sample types: `objects/count` (the samples of each node) and `space/bytes`
//! (its `selfSize`), as speedscope weighs each node by its `selfSize`.

use super::{json_error, json_with_keys, CallFrame, Frames};
use crate::decode::builder::ProfileBuilder;
use crate::decode::DecodeError;
use crate::model::{Format, LabelSetId, Profile, StackId};
use rustc_hash::FxHashMap;
use serde::Deserialize;

const WHAT: &str = "V8 .heapprofile";

#[derive(Deserialize)]
struct HeapProfile {
    head: Node,
    #[serde(default)]
    samples: Vec<Sample>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Node {
    call_frame: CallFrame,
    #[serde(default)]
    self_size: i64,
    #[serde(default)]
    id: u64,
    #[serde(default)]
    children: Vec<Node>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Sample {
    node_id: u64,
}

pub(super) fn sniff(data: &[u8]) -> bool {
    json_with_keys(data, &[b"\"head\"", b"\"callFrame\"", b"\"selfSize\""])
}

pub(super) fn read(data: &[u8]) -> Result<Profile, DecodeError> {
    let heap: HeapProfile = serde_json::from_slice(data).map_err(|e| json_error(WHAT, e))?;
    let mut objects: FxHashMap<u64, i64> = FxHashMap::default();
    for s in &heap.samples {
        *objects.entry(s.node_id).or_default() += 1;
    }
    let mut b = ProfileBuilder::new(Format::HeapProfile, &[("objects", "count"), ("space", "bytes")]);
    let mut frames = Frames::default();
    // Depth first, without recursion: (node, the stack of its parent).
    let root_is_frame = heap.head.call_frame.function_name != "(root)";
    let mut todo: Vec<(&Node, StackId)> = Vec::new();
    match root_is_frame {
        true => todo.push((&heap.head, StackId::EMPTY)),
        false => {
            let values = [objects.get(&heap.head.id).copied().unwrap_or(0), heap.head.self_size];
            b.add_values(StackId::EMPTY, LabelSetId(0), &values);
            todo.extend(heap.head.children.iter().map(|c| (c, StackId::EMPTY)));
        }
    }
    while let Some((node, parent)) = todo.pop() {
        let location = frames.location(&mut b, &node.call_frame);
        let stack = b.child(parent, location);
        let values = [objects.get(&node.id).copied().unwrap_or(0), node.self_size];
        if values != [0, 0] {
            b.add_values(stack, LabelSetId(0), &values);
        }
        todo.extend(node.children.iter().map(|c| (c, stack)));
    }
    Ok(b.finish())
}
