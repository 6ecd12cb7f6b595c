//! V8's CPU profile: a tree of `nodes` (each a call frame with its children's ids), the
//! node of each sample (`samples`) and the microseconds since the sample before
//! (`timeDeltas`). Two sample types: `samples/count` (1 a sample) and `time/nanoseconds`.
//!
//! Time and stacks are speedscope's (the oracle of tests/v8_profiles.rs): a sample lasts
//! until the next one, so its time is the next sample's delta (the last sample's is 0,
//! and a negative delta counts as 0). `(program)` and `(garbage collector)` samples are
//! charged on top of the stack of the sample before them (the code they interrupted),
//! and `(root)`, `(idle)` and `native dummy.js` frames end a stack: an idle sample has an
//! empty stack.

use super::{json_error, json_with_keys, CallFrame, Frames};
use crate::decode::builder::ProfileBuilder;
use crate::decode::DecodeError;
use crate::model::{Format, LabelSetId, Profile, StackId};
use rustc_hash::FxHashMap;
use serde::Deserialize;

const WHAT: &str = "V8 .cpuprofile";
const NONE: u32 = u32::MAX;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CpuProfile {
    nodes: Vec<Node>,
    #[serde(default)]
    samples: Vec<u64>,
    #[serde(default)]
    time_deltas: Vec<i64>,
    #[serde(default)]
    start_time: i64,
    #[serde(default)]
    end_time: i64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Node {
    id: u64,
    call_frame: CallFrame,
    #[serde(default)]
    children: Vec<u64>,
    #[serde(default)]
    parent: Option<u64>,
}

pub(super) fn sniff(data: &[u8]) -> bool {
    json_with_keys(data, &[b"\"nodes\"", b"\"callFrame\""])
}

pub(super) fn read(data: &[u8]) -> Result<Profile, DecodeError> {
    let cpu: CpuProfile = serde_json::from_slice(data).map_err(|e| json_error(WHAT, e))?;
    let n = cpu.nodes.len();
    let index: FxHashMap<u64, u32> =
        cpu.nodes.iter().enumerate().map(|(i, node)| (node.id, i as u32)).collect();
    let mut parent = vec![NONE; n];
    for (i, node) in cpu.nodes.iter().enumerate() {
        if let Some(&p) = node.parent.and_then(|p| index.get(&p)) {
            parent[i] = p;
        }
        for c in &node.children {
            if let Some(&c) = index.get(c) {
                parent[c as usize] = i as u32;
            }
        }
    }
    let mut b = ProfileBuilder::new(Format::CpuProfile, &[("samples", "count"), ("time", "nanoseconds")]);
    b.profile.duration_nanos = cpu.end_time.saturating_sub(cpu.start_time).saturating_mul(1000).max(0);
    let mut frames = Frames::default();
    let mut stack = SpeedscopeStack::new(&cpu.nodes, parent);
    let times = sample_times(&cpu.time_deltas, cpu.samples.len());
    for (s, id) in cpu.samples.iter().enumerate() {
        if let Some(&node) = index.get(id) {
            stack.enter(node);
        }
        let leaf = stack.stack_id(&mut b, &mut frames, &cpu.nodes);
        b.add_values(leaf, LabelSetId(0), &[1, times[s].saturating_mul(1000)]);
    }
    Ok(b.finish())
}

/// Each sample's duration in microseconds: until the next sample, on a clock that never
/// goes back.
fn sample_times(deltas: &[i64], samples: usize) -> Vec<i64> {
    let mut now = deltas.first().copied().unwrap_or(0);
    let mut latest = now;
    let mut at = Vec::with_capacity(samples + 1);
    for s in 0..samples {
        at.push(latest);
        now = now.saturating_add(deltas.get(s + 1).copied().unwrap_or(0));
        latest = latest.max(now);
    }
    at.push(latest);
    (0..samples).map(|s| if s + 1 < samples { at[s + 1] - at[s] } else { 0 }).collect()
}

/// The open stack, as speedscope keeps it while it replays the samples.
struct SpeedscopeStack {
    parent: Vec<u32>,
    /// The open nodes, root first, each with the stack id of the stack up to it.
    open: Vec<(u32, StackId)>,
    /// Each node's place in `open`, or NONE.
    place: Vec<u32>,
    /// Nodes pushed but not yet given a stack id.
    pending: usize,
    skip: Vec<bool>,
    on_top: Vec<bool>,
}

impl SpeedscopeStack {
    fn new(nodes: &[Node], parent: Vec<u32>) -> Self {
        let skip = nodes
            .iter()
            .map(|n| {
                let f = &n.call_frame;
                f.url == "native dummy.js" || f.function_name == "(root)" || f.function_name == "(idle)"
            })
            .collect();
        let on_top = nodes
            .iter()
            .map(|n| matches!(&n.call_frame.function_name[..], "(garbage collector)" | "(program)"))
            .collect();
        SpeedscopeStack { place: vec![NONE; nodes.len()], parent, open: Vec::new(), pending: 0, skip, on_top }
    }

    fn top(&self) -> u32 {
        self.open.last().map_or(NONE, |&(n, _)| n)
    }

    /// Opens the stack of a sample of `node`, keeping what it shares with the open one.
    fn enter(&mut self, node: u32) {
        let up = |s: &Self, n: u32| if s.on_top[n as usize] { s.top() } else { s.parent[n as usize] };
        // The deepest open node this sample keeps.
        let mut keep = node;
        let mut steps = 0;
        while keep != NONE && self.place[keep as usize] == NONE && steps <= self.parent.len() {
            keep = up(self, keep);
            steps += 1;
        }
        if steps > self.parent.len() {
            keep = NONE;
        }
        while self.top() != keep && !self.open.is_empty() {
            let (n, _) = self.open.pop().unwrap();
            self.place[n as usize] = NONE;
        }
        let mut new = Vec::new();
        let mut u = node;
        while u != NONE && u != keep && !self.skip[u as usize] && new.len() <= self.parent.len() {
            new.push(u);
            u = up(self, u);
        }
        for &n in new.iter().rev() {
            if self.place[n as usize] != NONE {
                continue;
            }
            self.place[n as usize] = self.open.len() as u32;
            self.open.push((n, StackId::EMPTY));
            self.pending += 1;
        }
    }

    /// The stack id of the open stack.
    fn stack_id(&mut self, b: &mut ProfileBuilder, frames: &mut Frames, nodes: &[Node]) -> StackId {
        let len = self.open.len();
        for i in len - self.pending.min(len)..len {
            let parent = if i == 0 { StackId::EMPTY } else { self.open[i - 1].1 };
            let location = frames.location(b, &nodes[self.open[i].0 as usize].call_frame);
            self.open[i].1 = b.child(parent, location);
        }
        self.pending = 0;
        self.open.last().map_or(StackId::EMPTY, |&(_, id)| id)
    }
}
