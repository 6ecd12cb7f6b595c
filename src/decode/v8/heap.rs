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

/// The deepest JSON nesting read: a node is two levels (itself and its `children`), so
/// this is about 250 frames, beyond V8's deepest sampled stack (128), and parsing it needs
/// well under the 1 MB stack of the browser's wasm.
const MAX_NESTING: usize = 512;

pub(super) fn read(data: &[u8]) -> Result<Profile, DecodeError> {
    // serde_json stops at 128 levels unless told not to; the nesting is checked first.
    if let Some(line) = nested_deeper_than(data, MAX_NESTING) {
        let detail = format!("line {line}: nested deeper than {MAX_NESTING} levels");
        return Err(DecodeError::corrupt(WHAT, None, detail));
    }
    let mut json = serde_json::Deserializer::from_slice(data);
    json.disable_recursion_limit();
    let heap = HeapProfile::deserialize(&mut json).and_then(|h| json.end().map(|_| h));
    let heap = heap.map_err(|e| json_error(WHAT, e))?;
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

/// The line where JSON text first nests deeper than `max` arrays and objects, if it does.
fn nested_deeper_than(data: &[u8], max: usize) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped, mut line) = (0usize, false, false, 1);
    for &c in data {
        match (in_string, c) {
            (_, b'\n') => line += 1,
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (true, b'"') => in_string = false,
            (true, _) => {}
            (false, b'"') => in_string = true,
            (false, b'{' | b'[') => {
                depth += 1;
                if depth > max {
                    return Some(line);
                }
            }
            (false, b'}' | b']') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A heap profile whose stack is `depth` frames deep.
    fn deep(depth: usize) -> String {
        let node = |i: usize| {
            format!("{{\"callFrame\":{{\"functionName\":\"f{i}\",\"url\":\"a.js\",\"lineNumber\":1,\"columnNumber\":1}},\"selfSize\":8,\"id\":{i},\"children\":[")
        };
        let open: String = (0..depth).map(node).collect();
        format!("{{\"head\":{open}{}}}", "]}".repeat(depth))
    }

    #[test]
    fn deep_stacks_read_and_deeper_nesting_is_refused() {
        let p = read(deep(200).as_bytes()).unwrap();
        assert_eq!(p.samples.len(), 200);
        let err = read(deep(300).as_bytes()).unwrap_err();
        assert!(err.to_string().contains("nested deeper than 512"), "{err}");
        assert_eq!(nested_deeper_than(br#"{"a":"{{{{[[[["}"#, 2), None);
        assert_eq!(nested_deeper_than(b"{\n[[", 2), Some(2));
    }
}
