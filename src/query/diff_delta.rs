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
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// A label as the merge compares it: key, string value, number, number unit (by text).
type LabelText<'a> = (&'a str, &'a str, i64, &'a str);

/// The delta's values on the merged tree (`merged` gives the tree, seen through `view`;
/// its samples are not read): the same [`NodeValues`] as the merged profile's own.
pub fn delta_values(
    merged: &Profile,
    view: &StackView,
    sides: &Sides,
    target: &Profile,
    base: &Profile,
    sample_index: usize,
) -> NodeValues {
    let mut labels = JoinedLabels::default();
    let target_sets = labels.map(target, None);
    let target_only = labels.is_base.len() as u32;
    let base_sets = labels.map(base, (sides.mode == DiffMode::DiffBase).then_some(BASE_LABEL));
    let target_samples = side(target, &sides.target_stacks, &target_sets, sample_index, |v| v);
    // pprof's ScaleN by −1, literally (it goes through f64)
    let base_samples =
        side(base, &sides.base_stacks, &base_sets, sample_index, |v| (-(v as f64)).round() as i64);
    let samples = || target_samples.clone().chain(base_samples.clone());

    let n = merged.stacks.len();
    let mut self_value = vec![0i64; n];
    let mut subtree_nonzero = vec![false; n];
    // No label set on both sides (always so for -diff_base) and no negative value: no two
    // samples of opposite signs share a key, so netting changes neither |value| sums nor
    // which values are non-zero, and no hash is needed (unless the sum overflows).
    let apart = base_sets.iter().all(|&s| s >= target_only);
    let simple = apart && !target.has_negative(sample_index) && !base.has_negative(sample_index);
    let mut totals = simple.then_some((0i64, 0i64));
    for (stack, set, v) in samples() {
        if let Some(i) = view.prune.leaf(stack) {
            self_value[i] = self_value[i].wrapping_add(v);
            subtree_nonzero[i] |= v != 0;
        }
        if let Some((all, in_base)) = &mut totals {
            let a = v.checked_abs();
            let sum = |t: i64| a.and_then(|a| t.checked_add(a));
            match (sum(*all), labels.is_base[set as usize]) {
                (Some(x), false) => *all = x,
                (Some(x), true) => match sum(*in_base) {
                    Some(b) => (*all, *in_base) = (x, b),
                    None => totals = None,
                },
                (None, _) => totals = None,
            }
        }
    }
    let (all, in_base) = match totals {
        Some(t) => t,
        None => {
            subtree_nonzero.fill(false);
            netted(samples(), n, &labels.is_base, |slot| {
                if let Some(i) = view.prune.leaf(StackId(slot as u32)) {
                    subtree_nonzero[i] = true;
                }
            })
        }
    };
    for i in (0..n).rev() {
        let parent = merged.stacks.parent[i];
        if parent != u32::MAX && subtree_nonzero[i] {
            subtree_nonzero[parent as usize] = true;
        }
    }
    // pprof's computeTotal: the base samples' sum when some are marked and it is not 0
    let abs_total = if in_base > 0 { in_base } else { all };
    NodeValues { self_value, subtree_nonzero, abs_total }
}

/// Nets the samples by (stack, label set): the sums of |value| over all netted samples and
/// over the base's, and `nonzero(slot)` for each stack slot with a non-zero netted sample
/// (slot `slots` is the empty stack).
fn netted(
    samples: impl Iterator<Item = (StackId, u32, i64)>,
    slots: usize,
    is_base: &[bool],
    mut nonzero: impl FnMut(usize),
) -> (i64, i64) {
    let mut net = Netting::new(slots + 1);
    for (stack, set, v) in samples {
        net.add(stack.index().unwrap_or(slots), set, v);
    }
    let (mut all, mut in_base) = (0i64, 0i64);
    net.for_each(|slot, set, v| {
        let a = v.wrapping_abs();
        all = all.wrapping_add(a);
        if is_base[set as usize] {
            in_base = in_base.wrapping_add(a);
        }
        if v != 0 && slot < slots {
            nonzero(slot);
        }
    });
    (all, in_base)
}

/// One side's samples as (merged stack, joined label set, value in the merge).
fn side<'a>(
    p: &'a Profile,
    stacks: &'a [u32],
    sets: &'a [u32],
    sample_index: usize,
    value: impl Fn(i64) -> i64 + Clone + 'a,
) -> impl Iterator<Item = (StackId, u32, i64)> + Clone + 'a {
    let column = &p.samples.values[sample_index];
    p.samples.stack.iter().zip(&p.samples.labels).zip(column).map(move |((s, l), &v)| {
        let merged = s.index().map_or(StackId::EMPTY, |i| StackId(stacks[i]));
        (merged, sets[l.0 as usize], value(v))
    })
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

/// Sums values by (slot, label set): the slot's first label set in an array, the rest in
/// a hash keyed by both as one u64.
struct Netting {
    first: Vec<(u32, i64)>,
    more: FxHashMap<u64, i64>,
}

const NO_SET: u32 = u32::MAX;

impl Netting {
    fn new(slots: usize) -> Netting {
        Netting { first: vec![(NO_SET, 0); slots], more: FxHashMap::default() }
    }

    #[inline]
    fn add(&mut self, slot: usize, set: u32, v: i64) {
        let first = &mut self.first[slot];
        if first.0 == NO_SET {
            *first = (set, v);
        } else if first.0 == set {
            first.1 = first.1.wrapping_add(v);
        } else {
            let sum = self.more.entry((slot as u64) << 32 | set as u64).or_insert(0);
            *sum = sum.wrapping_add(v);
        }
    }

    /// Every netted (slot, label set, sum).
    fn for_each(&self, mut f: impl FnMut(usize, u32, i64)) {
        for (slot, &(set, v)) in self.first.iter().enumerate() {
            if set != NO_SET {
                f(slot, set, v);
            }
        }
        for (&key, &v) in &self.more {
            f((key >> 32) as usize, key as u32, v);
        }
    }
}
