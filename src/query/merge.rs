//! pprof's `profile.Merge`: several profiles become one, compared by name, never by id.
//!
//! Two files have unrelated string tables and ids, so every string is interned anew in one
//! table and every mapping, function and location is deduplicated by the same keys pprof
//! uses. Samples with the same stack and labels are then summed. This is the step under
//! `-base` and `-diff_base` (base values times −1, merged into the target), and it matters
//! for the numbers: pprof's total is the sum of |value| over *merged* samples, so a stack
//! present in both files contributes |target − base|, not |target| + |base|.
//!
//! The result is an ordinary [`Profile`], so every query (top, flame, folded, encode) works
//! on a diff unchanged.

use super::granularity::FrameKeys;
use super::merge_stacks::StackMerger;
use super::merge_tables::TableMerger;
use super::Granularity;
use crate::model::{Label, LabelSetBuilder, LabelSetId, Profile, Samples, StackId, StrId, ValueType};
use rustc_hash::FxHashMap;

/// One input of a merge, with pprof's per-source edits.
pub struct Source<'a> {
    pub profile: &'a Profile,
    /// pprof's `ScaleN`: sample type `t`'s values are multiplied by `scale[t]` and rounded
    /// half away from zero; a sample whose scaled values are all zero is dropped. `None`
    /// leaves values as they are.
    pub scale: Option<Vec<f64>>,
    /// pprof's `SetLabel(key, [value])` on every sample (e.g. `pprof::base=true`).
    pub set_label: Option<(&'a str, &'a str)>,
}

impl<'a> Source<'a> {
    pub fn plain(profile: &'a Profile) -> Source<'a> {
        Source { profile, scale: None, set_label: None }
    }
}

/// Why profiles could not be merged (pprof's `compatible` check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incompatible(pub String);

impl std::fmt::Display for Incompatible {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Incompatible {}

/// Merges profiles as pprof does. The header (sample types, period type, drop/keep frames)
/// comes from the first source; time is the earliest, duration the sum, period the largest.
pub fn merge(sources: &[Source]) -> Result<Profile, Incompatible> {
    merge_with_stacks(sources).map(|m| m.profile)
}

/// A merged profile, and where each source's stacks went in it.
pub struct Merged {
    pub profile: Profile,
    /// `stacks[s][n]` is the merged stack node of source `s`'s stack node `n`.
    pub stacks: Vec<Vec<u32>>,
}

/// [`merge`], keeping each source's stack map, so that per-source values can be summed
/// on the merged stack tree (the two sides of a diff).
pub fn merge_with_stacks(sources: &[Source]) -> Result<Merged, Incompatible> {
    merge_sources(sources)
}

/// [`merge_with_stacks`] of two sources (a diff's) without the samples: strings, mappings,
/// functions, locations and the stack tree, numbered exactly as the whole merge numbers
/// them (so the whole merge can be made later and replace it), with no sample and no
/// label set. What the two-sided views of a diff need (see `diff_delta`), without summing
/// every sample by stack and labels.
///
/// Where there are two threads, the first source's tree is merged while the second's
/// tables are, and the second's tree while the merged profile's frame keys at `keys_at`
/// are made, which its first stack view needs (on M's pair, natively, the keys took 16 ms
/// and the second tree 26). The keys are `None` unless asked for, and where `drop_frames`
/// is set: they would then depend on the cut, which needs the tree.
pub fn merge_two_trees(
    a: &Source,
    b: &Source,
    keys_at: Option<Granularity>,
) -> Result<(Merged, Option<FrameKeys>), Incompatible> {
    check_compatible(a.profile, b.profile)?;
    let mut m = Merger::default();
    let header = m.header(&[a, b]);
    let Merger { t, stacks, .. } = &mut m;
    let maps_a = t.add(a.profile);
    let merged_so_far = t.p.locations.len();
    t.intern_label(a.set_label);
    let (stacks_a, maps_b) = crate::par::join(
        || stacks.add(&a.profile.stacks, &maps_a.locations, merged_so_far),
        || t.add(b.profile),
    );
    t.intern_label(b.set_label);
    t.finish_strings();
    let merged = t.p.locations.len();
    let keys_at = keys_at.filter(|_| t.p.str(header.drop_frames).is_empty());
    let t = &*t;
    let (stacks_b, keys) = crate::par::join(
        || stacks.add(&b.profile.stacks, &maps_b.locations, merged),
        || keys_at.map(|g| FrameKeys::build(&t.p, g, &[])),
    );
    Ok((Merged { profile: m.finish(header), stacks: vec![stacks_a, stacks_b] }, keys))
}

fn merge_sources(sources: &[Source]) -> Result<Merged, Incompatible> {
    let first = sources.first().ok_or_else(|| Incompatible("no profiles to merge".into()))?;
    for s in &sources[1..] {
        check_compatible(first.profile, s.profile)?;
    }
    let mut m = Merger::default();
    let header = m.header(&sources.iter().collect::<Vec<_>>());
    let stacks = sources.iter().map(|s| m.add(s)).collect();
    m.t.finish_strings();
    Ok(Merged { profile: m.finish(header), stacks })
}

/// What [`check_compatible`] compares, as one text: two profiles are compatible exactly
/// when their keys are equal (the page groups profiles by it without asking for each pair).
pub fn compatibility_key(p: &Profile) -> String {
    let vt = |v: &ValueType| format!("{}/{}", p.str(v.ty), p.str(v.unit));
    let period = p.period_type.as_ref().map(vt).unwrap_or_default();
    let types: Vec<String> = p.sample_types.iter().map(vt).collect();
    format!("{period}\u{0}{}", types.join(" "))
}

/// pprof's `compatible`: the same period type and the same sample types, in order.
pub fn check_compatible(a: &Profile, b: &Profile) -> Result<(), Incompatible> {
    let vt = |p: &Profile, v: &ValueType| format!("{}/{}", p.str(v.ty), p.str(v.unit));
    let types = |p: &Profile| p.sample_types.iter().map(|v| vt(p, v)).collect::<Vec<_>>();
    let period = |p: &Profile| p.period_type.as_ref().map(|v| vt(p, v));
    if period(a) != period(b) {
        return Err(Incompatible(format!(
            "incompatible period types {:?} and {:?}",
            period(a).unwrap_or_default(),
            period(b).unwrap_or_default()
        )));
    }
    if types(a) != types(b) {
        return Err(Incompatible(format!(
            "incompatible sample types [{}] and [{}]",
            types(a).join(" "),
            types(b).join(" ")
        )));
    }
    Ok(())
}

#[derive(Default)]
struct Merger {
    t: TableMerger,
    stacks: StackMerger,
    label_sets: LabelSetBuilder,
    /// Samples are keyed by (stack, label set): `by_stack[node]` is the first merged sample
    /// at a stack node (the last slot is the empty stack), found by an array probe; only
    /// samples at a node that already has one with other labels go through `more_at_stack`.
    by_stack: Vec<u32>,
    more_at_stack: FxHashMap<(StackId, LabelSetId), u32>,
}

struct Header {
    sample_types: Vec<ValueType>,
    period_type: Option<ValueType>,
    default_sample_type: StrId,
    time_nanos: i64,
    duration_nanos: i64,
    period: i64,
    comments: Vec<StrId>,
    drop_frames: StrId,
    keep_frames: StrId,
}

impl Merger {
    /// The merged header (see [`merge`]), its strings interned first; the merged profile
    /// gets a value column per sample type.
    fn header(&mut self, sources: &[&Source]) -> Header {
        let first = sources[0].profile;
        self.t.p.samples.values = vec![Vec::new(); first.sample_types.len()];
        let strings = &mut self.t.strings;
        let mut s = |p: &Profile, id: StrId| strings.intern(p.str(id));
        let mut vt = |p: &Profile, v: &ValueType| ValueType { ty: s(p, v.ty), unit: s(p, v.unit) };
        let sample_types = first.sample_types.iter().map(|v| vt(first, v)).collect();
        let period_type = first.period_type.as_ref().map(|v| vt(first, v));
        let (mut time_nanos, mut duration_nanos, mut period) = (0i64, 0i64, 0i64);
        let mut comments: Vec<StrId> = Vec::new();
        let mut default_sample_type = StrId::EMPTY;
        for src in sources {
            let p = src.profile;
            // pprof's rule, literally: the first time, or any earlier one (0 included).
            if time_nanos == 0 || p.time_nanos < time_nanos {
                time_nanos = p.time_nanos;
            }
            duration_nanos = duration_nanos.wrapping_add(p.duration_nanos);
            if period == 0 || period < p.period {
                period = p.period;
            }
            for &c in &p.comments {
                let c = strings.intern(p.str(c));
                if !comments.contains(&c) {
                    comments.push(c);
                }
            }
            if default_sample_type == StrId::EMPTY {
                default_sample_type = strings.intern(p.str(p.default_sample_type));
            }
        }
        Header {
            sample_types,
            period_type,
            default_sample_type,
            time_nanos,
            duration_nanos,
            period,
            comments,
            drop_frames: strings.intern(first.str(first.drop_frames)),
            keep_frames: strings.intern(first.str(first.keep_frames)),
        }
    }

    /// Adds a source's tables, tree and samples; returns its stack map.
    fn add(&mut self, src: &Source) -> Vec<u32> {
        let p = src.profile;
        let maps = self.t.add(p);
        let stacks = self.stacks.add(&p.stacks, &maps.locations, self.t.p.locations.len());
        let set_label = self.t.intern_label(src.set_label);
        let strings = maps.strings;
        // One slot per merged stack node, the empty stack last.
        let empty = self.by_stack.pop().unwrap_or(u32::MAX);
        self.by_stack.resize(self.stacks.table.len(), u32::MAX);
        self.by_stack.push(empty);
        let label_sets: Vec<LabelSetId> = (0..p.label_sets.len())
            .map(|i| self.label_set(p.label_sets.get(LabelSetId(i as u32)), &strings, set_label))
            .collect();

        let ntypes = p.samples.values.len();
        let mut values = vec![0i64; ntypes];
        for i in 0..p.samples.len() {
            for (t, column) in p.samples.values.iter().enumerate() {
                values[t] = column[i];
            }
            if let Some(scale) = &src.scale {
                if !scale_sample(&mut values, scale) {
                    continue;
                }
            }
            if values.iter().all(|&v| v == 0) {
                continue;
            }
            let stack = match p.samples.stack[i].index() {
                Some(s) => StackId(stacks[s]),
                None => StackId::EMPTY,
            };
            self.sample(stack, label_sets[p.samples.labels[i].0 as usize], &values);
        }
        stacks
    }

    /// Interns a label set in pprof's sample-key form: labels ordered by key (values of one
    /// key keep their order), with `set_label` replacing that key's values.
    fn label_set(
        &mut self,
        labels: &[Label],
        strings: &[StrId],
        set_label: Option<(StrId, StrId)>,
    ) -> LabelSetId {
        let s = |id: StrId| strings[id.0 as usize];
        let mut out: Vec<Label> = labels
            .iter()
            .map(|l| Label { key: s(l.key), str: s(l.str), num: l.num, num_unit: s(l.num_unit) })
            .filter(|l| set_label.is_none_or(|(k, _)| l.key != k))
            .collect();
        if let Some((key, value)) = set_label {
            out.push(Label { key, str: value, num: 0, num_unit: StrId::EMPTY });
        }
        out.sort_by_key(|l| l.key);
        self.label_sets.intern(&out)
    }

    fn sample(&mut self, stack: StackId, labels: LabelSetId, values: &[i64]) {
        let samples = &mut self.t.p.samples;
        let slot = stack.index().unwrap_or(self.by_stack.len() - 1);
        let first = self.by_stack[slot];
        let found = if first == u32::MAX {
            None
        } else if samples.labels[first as usize] == labels {
            Some(first)
        } else {
            self.more_at_stack.get(&(stack, labels)).copied()
        };
        if let Some(at) = found {
            for (column, &v) in samples.values.iter_mut().zip(values) {
                column[at as usize] = column[at as usize].wrapping_add(v);
            }
            return;
        }
        let at = samples.stack.len() as u32;
        if first == u32::MAX {
            self.by_stack[slot] = at;
        } else {
            self.more_at_stack.insert((stack, labels), at);
        }
        samples.stack.push(stack);
        samples.labels.push(labels);
        for (column, &v) in samples.values.iter_mut().zip(values) {
            column.push(v);
        }
    }

    /// The merged profile; its strings were finished already ([`TableMerger::finish_strings`]).
    fn finish(mut self, h: Header) -> Profile {
        let samples = std::mem::take(&mut self.t.p.samples);
        let mut p = self.t.p;
        p.stacks = self.stacks.table;
        p.samples = drop_zero_samples(samples);
        p.sample_types = h.sample_types;
        p.period_type = h.period_type;
        p.default_sample_type = h.default_sample_type;
        p.time_nanos = h.time_nanos;
        p.duration_nanos = h.duration_nanos;
        p.period = h.period;
        p.comments = h.comments;
        p.drop_frames = h.drop_frames;
        p.keep_frames = h.keep_frames;
        p.label_sets = self.label_sets.finish();
        p
    }
}

/// pprof's `ScaleN` on one sample's values; false when the sample is dropped (every
/// scaled value rounded to zero). Ratios of exactly 1 leave their type alone.
fn scale_sample(values: &mut [i64], scale: &[f64]) -> bool {
    if scale.iter().all(|&r| r == 1.0) {
        return true;
    }
    let mut keep = false;
    for (v, &r) in values.iter_mut().zip(scale) {
        if r != 1.0 {
            *v = (*v as f64 * r).round() as i64;
            keep |= *v != 0;
        }
    }
    keep
}

/// Removes samples whose values all summed to zero, as pprof's Merge does at its end.
fn drop_zero_samples(s: Samples) -> Samples {
    let keep: Vec<bool> = (0..s.len()).map(|i| s.values.iter().any(|c| c[i] != 0)).collect();
    if keep.iter().all(|&k| k) {
        return s;
    }
    Samples {
        stack: kept(s.stack, &keep),
        labels: kept(s.labels, &keep),
        values: s.values.into_iter().map(|c| kept(c, &keep)).collect(),
    }
}

fn kept<T>(v: Vec<T>, keep: &[bool]) -> Vec<T> {
    v.into_iter().zip(keep).filter(|(_, &k)| k).map(|(x, _)| x).collect()
}
