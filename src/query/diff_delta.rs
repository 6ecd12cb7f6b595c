//! The delta column of a diff (target − base per node of the merged stack tree) made from
//! the two sides' own samples, without the merged profile's samples: summing samples by
//! stack and labels is most of pprof's merge, and the diff table and flame graph need
//! only three things from it, each computed here on one value column:
//!
//! - the self value per merged stack node: linear, Σ target − Σ base (the base negated as
//!   the merge negates it, through `f64` as pprof's `ScaleN` does);
//! - pprof's total (the percent base): Σ |value| over *merged* samples, where samples with
//!   the same stack and labels were netted first (`-diff_base`: over the base's samples);
//! - which subtrees hold a non-zero merged sample (pprof's edges, hence inline marks).
//!
//! The last two need the netting: each side's sample is keyed by (merged stack node,
//! joined label set) and summed on that key. Label sets are few: each side's are mapped
//! once, by their strings, into joined ids, as the merge interns them (the base's with
//! `pprof::base=true` set for `-diff_base`). A node's first label set is kept in an array
//! slot; only further label sets at the same node go through a hash.
//!
//! Normalized diffs are not made here: pprof rounds each *merged* target sample when it
//! scales, which the linear sum cannot reproduce (such a diff is made with its samples).

use super::diff::{DiffMode, Sides, BASE_LABEL};
use super::values::NodeValues;
use super::view::StackView;
use crate::model::{LabelSetId, Profile, StackId};
use std::collections::HashMap;

/// A label as the merge compares it: key, string value, number, number unit (by text).
type LabelText<'a> = (&'a str, &'a str, i64, &'a str);

/// The delta's values on the merged tree (`merged` gives the tree, seen through `view`;
/// its samples are not read) by netting the two sides' samples: the same [`NodeValues`] as
/// the merged profile's own. Where nothing nets ([`apart_total`]), [`without_netting`]
/// makes them from the two sides' own values instead.
pub fn delta_values(
    merged: &Profile,
    view: &StackView,
    sides: &Sides,
    (target, base): (&Profile, &Profile),
    sample_index: usize,
) -> NodeValues {
    let Joined { labels, target_sets, base_sets, .. } = Joined::new(sides, (target, base));
    let n = merged.stacks.len();
    // Each sample's merged slot, once (the empty stack is slot n).
    let slots = |p: &Profile, stacks: &[u32]| -> Vec<u32> {
        p.samples.stack.iter().map(|s| s.index().map_or(n as u32, |i| stacks[i])).collect()
    };
    let (target_slots, base_slots) = (slots(target, &sides.target_stacks), slots(base, &sides.base_stacks));
    let sets = labels.is_base.len().max(1) as u64;
    let mut self_value = vec![0i64; n];
    let mut subtree_nonzero = vec![false; n];
    let (mut all, mut in_base) = (0i64, 0i64);
    // What a netted key adds: |sum| to the total, and the sum to its node's self value.
    let mut credit = |slot: usize, set: u32, v: i64| {
        let a = v.wrapping_abs();
        all = all.wrapping_add(a);
        if labels.is_base[set as usize] {
            in_base = in_base.wrapping_add(a);
        }
        if let Some(i) = (v != 0 && slot < n).then(|| view.prune.leaf(StackId(slot as u32))).flatten() {
            self_value[i] = self_value[i].wrapping_add(v);
            subtree_nonzero[i] = true;
        }
    };
    // The netting: every sample keyed by (slot, label set), the keys sorted by radix, and
    // each run of equal keys summed, in slot order. Summed in a table instead, every
    // sample probed the table (as large as the merged tree) at random and missed the
    // cache: on M's pair that was 156 ms of the page's diff table. The keys are made one
    // range of slots at a time, at most about KEYS_PER_PASS of them, so that they stay a
    // fraction of the pair's size (L's pair nets in four ranges); the sort needs no buffer
    // as large (runs are summed, so their order within does not matter).
    let samples = target_slots.len() + base_slots.len();
    let passes = samples.div_ceil(KEYS_PER_PASS).max(1);
    let width = (n + 1).div_ceil(passes);
    let bits = u64::BITS - (width as u64 * sets - 1).leading_zeros();
    let mut keyed: Vec<(u64, i64)> = Vec::new();
    for lo in (0..n + 1).step_by(width) {
        let hi = (lo + width).min(n + 1);
        keyed.clear();
        let mut add = |p: &Profile, slots: &[u32], own_sets: &[u32], negated: bool| {
            let column = &p.samples.values[sample_index];
            for ((&slot, l), &v) in slots.iter().zip(&p.samples.labels).zip(column) {
                let slot = slot as usize;
                if (lo..hi).contains(&slot) {
                    // pprof's ScaleN by −1, literally (it goes through f64)
                    let v = if negated { (-(v as f64)).round() as i64 } else { v };
                    keyed.push(((slot - lo) as u64 * sets + own_sets[l.0 as usize] as u64, v));
                }
            }
        };
        add(target, &target_slots, &target_sets, false);
        add(base, &base_slots, &base_sets, true);
        crate::radix::sort_unstable(&mut keyed, bits, |&(key, _)| key);
        for run in keyed.chunk_by(|a, b| a.0 == b.0) {
            let sum = run.iter().fold(0i64, |sum, &(_, v)| sum.wrapping_add(v));
            credit(lo + (run[0].0 / sets) as usize, (run[0].0 % sets) as u32, sum);
        }
    }
    for i in (0..n).rev() {
        let parent = merged.stacks.parent[i];
        if parent != u32::MAX && subtree_nonzero[i] {
            subtree_nonzero[parent as usize] = true;
        }
    }
    NodeValues { self_value, subtree_nonzero, abs_total: compute_total(all, in_base) }
}

/// pprof's total when the delta follows from the two sides' own values, with no sample
/// netted (see [`totals_apart`]); `None` when [`delta_values`] must net them.
pub fn apart_total(sides: &Sides, (target, base): (&Profile, &Profile), sample_index: usize) -> Option<i64> {
    Joined::new(sides, (target, base)).apart_total((target, base), sample_index)
}

/// Both sides' label sets, joined.
struct Joined<'a> {
    labels: JoinedLabels<'a>,
    target_sets: Vec<u32>,
    base_sets: Vec<u32>,
    /// Joined ids below this are the target's.
    target_only: u32,
}

impl<'a> Joined<'a> {
    fn new(sides: &Sides, (target, base): (&'a Profile, &'a Profile)) -> Joined<'a> {
        let mut labels = JoinedLabels::default();
        let target_sets = labels.map(target, None);
        let target_only = labels.is_base.len() as u32;
        let base_sets = labels.map(base, (sides.mode == DiffMode::DiffBase).then_some(BASE_LABEL));
        Joined { labels, target_sets, base_sets, target_only }
    }

    /// pprof's total when nothing nets (see [`totals_apart`]), else `None`.
    fn apart_total(&self, (target, base): (&Profile, &Profile), sample_index: usize) -> Option<i64> {
        // no label set on both sides: no key holds samples of both
        if !self.base_sets.iter().all(|&s| s >= self.target_only) {
            return None;
        }
        let marked = |sets: &[u32]| sets.iter().map(|&s| self.labels.is_base[s as usize]).collect::<Vec<_>>();
        let (tm, bm) = (marked(&self.target_sets), marked(&self.base_sets));
        let (ts, bs) = plain_sum(target, sample_index).zip(plain_sum(base, sample_index))?;
        totals_apart(ts, bs, &tm, &bm)
    }
}

/// pprof's computeTotal: the base samples' sum when some are marked and it is not 0.
fn compute_total(all: i64, in_base: i64) -> i64 {
    if in_base > 0 {
        in_base
    } else {
        all
    }
}

/// The sum of a column whose values are all in 0..=2^53 (so that negating one through
/// `f64`, as the merge does, is exact), if it does not overflow; else `None`.
fn plain_sum(p: &Profile, sample_index: usize) -> Option<i64> {
    const EXACT: i64 = 1 << 53;
    let column = &p.samples.values[sample_index];
    column.iter().try_fold(0i64, |a, &v| if (0..=EXACT).contains(&v) { a.checked_add(v) } else { None })
}

/// pprof's total when no key holds samples of both sides and neither side has a negative
/// value (`ts`, `bs`: the sides' sums): no key nets values of opposite signs, so the sum of
/// |netted| is the sum of |value|. The base's samples count as marked when every base
/// label set is (`-diff_base`) and no target set is; with no set marked at all, the total
/// is over everything. Other markings are left to the netting (`None`).
fn totals_apart(ts: i64, bs: i64, target_marked: &[bool], base_marked: &[bool]) -> Option<i64> {
    let all = ts.checked_add(bs)?;
    let (t_any, b_all, b_any) =
        (target_marked.contains(&true), !base_marked.contains(&false), base_marked.contains(&true));
    match (t_any, b_any) {
        (false, true) if b_all => Some(compute_total(all, bs)),
        (false, false) => Some(all),
        _ => None,
    }
}

/// The delta when nothing nets: target − base per node, non-zero where either side is.
pub fn without_netting(merged: &Profile, t: &NodeValues, b: &NodeValues, abs_total: i64) -> NodeValues {
    let n = merged.stacks.len();
    NodeValues {
        self_value: (0..n).map(|i| t.self_value[i].wrapping_sub(b.self_value[i])).collect(),
        subtree_nonzero: (0..n).map(|i| t.subtree_nonzero[i] || b.subtree_nonzero[i]).collect(),
        abs_total,
    }
}

/// Label sets of both sides, joined by their text as the merge interns them.
#[derive(Default)]
struct JoinedLabels<'a> {
    ids: HashMap<Vec<LabelText<'a>>, u32>,
    /// Per joined set: whether it marks a `-diff_base` base sample.
    is_base: Vec<bool>,
}

impl<'a> JoinedLabels<'a> {
    /// Each of `p`'s label sets' joined id; `set_label` replaces that key's values (pprof's
    /// `SetLabel`). The merge orders labels by key keeping the order of one key's values:
    /// a stable sort by the key's text makes sets equal exactly when the merge's are.
    fn map(&mut self, p: &'a Profile, set_label: Option<(&'a str, &'a str)>) -> Vec<u32> {
        (0..p.label_sets.len() as u32)
            .map(|i| {
                let mut set: Vec<LabelText> = p
                    .label_sets
                    .get(LabelSetId(i))
                    .iter()
                    .map(|l| (p.str(l.key), p.str(l.str), l.num, p.str(l.num_unit)))
                    .filter(|l| set_label.is_none_or(|(k, _)| l.0 != k))
                    .collect();
                if let Some((key, value)) = set_label {
                    set.push((key, value, 0, ""));
                }
                set.sort_by_key(|l| l.0);
                let next = self.ids.len() as u32;
                *self.ids.entry(set).or_insert_with_key(|set| {
                    self.is_base.push(set.iter().any(|l| (l.0, l.1) == BASE_LABEL));
                    next
                })
            })
            .collect()
    }
}

/// About how many samples one netting range keys (see `delta_values`): 16 MB of keys; a
/// pair of M's size nets in one range.
const KEYS_PER_PASS: usize = 1 << 20;
