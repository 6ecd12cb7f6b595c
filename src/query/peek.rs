//! pprof's `peek`: for each node whose name matches, its callers and callees with the
//! weight of each call edge. An edge's weight is the value of the samples in which the
//! caller calls the callee, counted once per sample even when the pair repeats (recursion),
//! as pprof's graph builds it; an edge is inline when every such call was inlined.

use super::top::{top, Top};
use super::values::NodeValues;
use super::view::StackView;
use super::walk::Visit;
use crate::model::Profile;
use rustc_hash::FxHashMap;

/// One call edge, seen from the peeked node: the other end's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub key: u32,
    pub weight: i64,
    pub inline: bool,
}

/// One peeked node: its row of the top table and its edges, heaviest first.
#[derive(Debug, Clone)]
pub struct PeekEntry {
    pub key: u32,
    pub flat: i64,
    pub cum: i64,
    pub callers: Vec<Edge>,
    pub callees: Vec<Edge>,
}

/// The whole top table (for totals and the legend) and the entries of the nodes whose
/// name `matches`, in the table's (flat) order.
pub fn peek(
    p: &Profile,
    view: &StackView,
    sample_index: usize,
    matches: impl Fn(&str) -> bool,
) -> (Top, Vec<PeekEntry>) {
    let table = top(p, view, sample_index);
    let wanted: Vec<bool> = (0..view.keys.names.len()).map(|k| matches(view.name(k as u32))).collect();
    let mut edges = Edges::compute(p, view, sample_index, &wanted);
    let entries = table
        .rows
        .iter()
        .filter(|r| wanted[r.key as usize])
        .map(|r| edges.entry(view, r.key, r.flat, r.cum))
        .collect();
    (table, entries)
}

/// The peek entry of the one node `key`, whose flat and cum the caller knows already
/// (the sandwich has them from its trees), without the whole top table.
pub fn peek_one(
    p: &Profile,
    view: &StackView,
    sample_index: usize,
    key: u32,
    flat: i64,
    cum: i64,
) -> PeekEntry {
    let mut wanted = vec![false; view.keys.names.len()];
    if let Some(w) = wanted.get_mut(key as usize) {
        *w = true;
    }
    Edges::compute(p, view, sample_index, &wanted).entry(view, key, flat, cum)
}

/// The weighted call edges into and out of the wanted nodes, by node.
struct Edges {
    callers: FxHashMap<u32, Vec<Edge>>,
    callees: FxHashMap<u32, Vec<Edge>>,
}

impl Edges {
    fn compute(p: &Profile, view: &StackView, sample_index: usize, wanted: &[bool]) -> Edges {
        let values = NodeValues::compute(p, view, sample_index);
        let subtree = values.subtree(p);
        // (caller, callee) -> (weight, all inlined); only pairs with a peeked end.
        let mut edges: FxHashMap<(u32, u32), (i64, bool)> = FxHashMap::default();
        let mut on_path: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        // The frames on the path, and for each the pair it closed (if tracked).
        let mut path: Vec<(u32, Option<(u32, u32)>)> = Vec::new();
        let keys = &view.keys;
        let locations = &p.stacks.location;
        view.children(p).walk(|n, visit| {
            let i = n as usize;
            let frames = keys.of(locations[i]);
            if visit == Visit::Leave {
                for _ in frames {
                    if let Some((_, Some(pair))) = path.pop() {
                        *on_path.get_mut(&pair).expect("pushed on enter") -= 1;
                    }
                }
                return true;
            }
            if !values.subtree_nonzero[i] {
                return false;
            }
            for (depth, &k) in frames.iter().enumerate() {
                let pair = match path.last() {
                    Some(&(caller, _)) if caller != k && (wanted[caller as usize] || wanted[k as usize]) => {
                        Some((caller, k))
                    }
                    _ => None,
                };
                if let Some(pair) = pair {
                    let seen = on_path.entry(pair).or_insert(0);
                    let e = edges.entry(pair).or_insert((0, true));
                    // pprof counts a pair once per sample: at its first (outermost) occurrence.
                    if *seen == 0 {
                        e.0 = e.0.wrapping_add(subtree[i]);
                        e.1 &= depth > 0;
                    }
                    *seen += 1;
                }
                path.push((k, pair));
            }
            true
        });
        let mut callers: FxHashMap<u32, Vec<Edge>> = FxHashMap::default();
        let mut callees: FxHashMap<u32, Vec<Edge>> = FxHashMap::default();
        for (&(from, to), &(weight, inline)) in &edges {
            if wanted[to as usize] {
                callers.entry(to).or_default().push(Edge { key: from, weight, inline });
            }
            if wanted[from as usize] {
                callees.entry(from).or_default().push(Edge { key: to, weight, inline });
            }
        }
        Edges { callers, callees }
    }

    /// Node `key`'s entry, its edges in pprof's order: |weight| descending, then caller
    /// name, then callee name.
    fn entry(&mut self, view: &StackView, key: u32, flat: i64, cum: i64) -> PeekEntry {
        let sort = |list: &mut Vec<Edge>, incoming: bool| {
            list.sort_by(|a, b| {
                let names = |e: &Edge| {
                    if incoming {
                        (view.name(e.key), view.name(key))
                    } else {
                        (view.name(key), view.name(e.key))
                    }
                };
                b.weight.unsigned_abs().cmp(&a.weight.unsigned_abs()).then_with(|| names(a).cmp(&names(b)))
            });
        };
        let mut ins = self.callers.remove(&key).unwrap_or_default();
        let mut outs = self.callees.remove(&key).unwrap_or_default();
        sort(&mut ins, true);
        sort(&mut outs, false);
        PeekEntry { key, flat, cum, callers: ins, callees: outs }
    }
}
