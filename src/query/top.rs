//! The top table: flat and cum per node, exactly as `go tool pprof -top` computes them.
//!
//! flat is the value of samples whose leaf frame is the node; cum is the value of samples
//! with the node anywhere on their stack, counted once per sample even under recursion.
//! Both come from one depth-first walk of the stack tree that keeps, for each node, how
//! often it occurs on the current path: a node's cum gains a subtree's value only where
//! it first appears on the path, when the walk leaves that subtree and its sum is known.

use super::values::NodeValues;
use super::view::StackView;
use super::walk::Visit;
use crate::model::Profile;
use rustc_hash::FxHashMap;
use serde::Serialize;

/// pprof's mark after a name whose incoming calls are inlined.
/// The discriminants are the codes the web front end receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[repr(u8)]
pub enum InlineMark {
    #[default]
    None = 0,
    /// Every caller reaches this function through an inlined call.
    Inline = 1,
    /// Some callers do.
    PartialInline = 2,
}

impl InlineMark {
    /// The text pprof prints after the name, or `""`.
    pub fn label(self) -> &'static str {
        match self {
            InlineMark::None => "",
            InlineMark::Inline => "(inline)",
            InlineMark::PartialInline => "(partial-inline)",
        }
    }
}

/// One row of the top table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopRow {
    /// Index into [`StackView::keys`]'s names.
    pub key: u32,
    pub flat: i64,
    pub cum: i64,
    pub inline: InlineMark,
}

impl TopRow {
    /// pprof's `-drop_negative` test: a negative flat, or a zero flat and a negative cum.
    pub fn is_negative(&self) -> bool {
        self.flat < 0 || (self.flat == 0 && self.cum < 0)
    }
}

/// How to order rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// |flat| descending, then name, then |cum| descending (pprof `-top`).
    #[default]
    Flat,
    /// |cum| descending, then name, then |flat| descending (pprof `-top -cum`).
    Cum,
}

/// The top table for one sample type.
#[derive(Debug, Clone)]
pub struct Top {
    pub sample_index: usize,
    /// pprof's "of X total": the sum of |value| over all samples.
    pub total: i64,
    pub rows: Vec<TopRow>,
}

/// Computes the top table (in pprof's flat order) for one sample type.
pub fn top(p: &Profile, view: &StackView, sample_index: usize) -> Top {
    top_of(p, view, &view.node_values(p, sample_index), sample_index)
}

/// The top table of any values summed over `p`'s stack tree (e.g. one side of a diff).
pub fn top_of(p: &Profile, view: &StackView, values: &NodeValues, sample_index: usize) -> Top {
    top_many(p, view, &[values], sample_index).pop().expect("one table per column")
}

/// Top tables of several value columns over the same tree, in one walk (the walk is the
/// costly part; the two sides and the delta of a diff share it).
pub fn top_many(p: &Profile, view: &StackView, columns: &[&NodeValues], sample_index: usize) -> Vec<Top> {
    let nkeys = view.keys.names.len();
    let ncols = columns.len();
    let mut flat = vec![vec![0i64; nkeys]; ncols];
    let mut cum = vec![vec![0i64; nkeys]; ncols];
    let mut on_path = vec![0u32; nkeys];
    let mut path: Vec<u32> = Vec::new();
    // The subtree sums of the nodes on the walk's path, `ncols` per node: a node's is
    // complete when the walk leaves it, and goes to its keys' cum there (no column of
    // subtree sums over the whole tree, which on L was 24 MB a column).
    let mut sums: Vec<i64> = Vec::new();
    // Per column: (caller key, callee key) -> every occurrence of the edge was inlined.
    // pprof builds edges from samples with a non-zero value only, hence one map a column.
    let mut edges: Vec<FxHashMap<(u32, u32), bool>> = vec![FxHashMap::default(); ncols];
    let keys = &view.keys;
    let locations = &p.stacks.location;

    view.children(p).walk(|n, visit| {
        let i = n as usize;
        if visit == Visit::Leave {
            let at = sums.len() - ncols;
            // a key first on the path at this node reaches 0 here, once however often
            // the node's frames repeat it: its cum gains the whole subtree
            for &k in keys.of(locations[i]) {
                let ku = k as usize;
                on_path[ku] -= 1;
                if on_path[ku] == 0 {
                    for (c, &sum) in sums[at..].iter().enumerate() {
                        cum[c][ku] = cum[c][ku].wrapping_add(sum);
                    }
                }
                path.pop();
            }
            if at >= ncols {
                for c in 0..ncols {
                    sums[at - ncols + c] = sums[at - ncols + c].wrapping_add(sums[at + c]);
                }
            }
            sums.truncate(at);
            return true;
        }
        if !columns.iter().any(|v| v.subtree_nonzero[i]) {
            return false;
        }
        let frames = keys.of(locations[i]);
        for (depth, &k) in frames.iter().enumerate() {
            let ku = k as usize;
            on_path[ku] += 1;
            if let Some(&caller) = path.last() {
                if caller != k && keys.maybe_inline[ku] {
                    let inlined = depth > 0;
                    for (c, v) in columns.iter().enumerate() {
                        if v.subtree_nonzero[i] {
                            edges[c].entry((caller, k)).and_modify(|all| *all &= inlined).or_insert(inlined);
                        }
                    }
                }
            }
            path.push(k);
        }
        if let Some(&leaf) = frames.last() {
            for (c, v) in columns.iter().enumerate() {
                flat[c][leaf as usize] = flat[c][leaf as usize].wrapping_add(v.self_value[i]);
            }
        }
        sums.extend(columns.iter().map(|v| v.self_value[i]));
        true
    });

    let tables = flat.into_iter().zip(cum).zip(edges).zip(columns);
    tables
        .map(|(((flat, cum), edges), v)| {
            let mut t = Top { sample_index, total: v.abs_total, rows: rows_of(nkeys, &flat, &cum, &edges) };
            sort_rows(&mut t.rows, view, SortOrder::Flat);
            t
        })
        .collect()
}

/// The non-empty rows, with pprof's inline marks from the edge facts.
fn rows_of(nkeys: usize, flat: &[i64], cum: &[i64], edges: &FxHashMap<(u32, u32), bool>) -> Vec<TopRow> {
    let mut marks = vec![(false, false); nkeys];
    for (&(_, callee), &inlined) in edges {
        let m = &mut marks[callee as usize];
        if inlined {
            m.0 = true;
        } else {
            m.1 = true;
        }
    }
    (0..nkeys)
        .filter(|&k| flat[k] != 0 || cum[k] != 0)
        .map(|k| TopRow {
            key: k as u32,
            flat: flat[k],
            cum: cum[k],
            inline: match marks[k] {
                (true, false) => InlineMark::Inline,
                (true, true) => InlineMark::PartialInline,
                _ => InlineMark::None,
            },
        })
        .collect()
}

/// Sorts rows the way pprof's `FlatNameOrder` / `CumNameOrder` do.
pub fn sort_rows(rows: &mut [TopRow], view: &StackView, order: SortOrder) {
    // equal names rank equal, so this is the order of the names themselves
    let rank = &view.keys.name_order().tied;
    rows.sort_by(|a, b| {
        let (a1, b1, a2, b2) = match order {
            SortOrder::Flat => (a.flat, b.flat, a.cum, b.cum),
            SortOrder::Cum => (a.cum, b.cum, a.flat, b.flat),
        };
        b1.unsigned_abs()
            .cmp(&a1.unsigned_abs())
            .then_with(|| rank[a.key as usize].cmp(&rank[b.key as usize]))
            .then_with(|| b2.unsigned_abs().cmp(&a2.unsigned_abs()))
    });
}
