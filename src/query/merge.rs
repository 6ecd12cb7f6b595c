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

use super::location_index::{fingerprint, LocationIndex, LocationKey};
use super::merge_stacks::StackMerger;
use crate::model::{
    Function, Label, LabelSetBuilder, LabelSetId, Line, Location, Mapping, Profile, Samples, StackId, StrId,
    StringInterner, ValueType, NONE,
};
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
    merge_sources(sources, true)
}

/// [`merge_with_stacks`] without the samples: strings, mappings, functions, locations and
/// the stack tree, numbered exactly as the whole merge numbers them (so the whole merge
/// can be made later and replace it), with no sample and no label set. What the two-sided
/// views of a diff need (see `diff_delta`), without summing every sample by stack and labels.
pub fn merge_tree(sources: &[Source]) -> Result<Merged, Incompatible> {
    merge_sources(sources, false)
}

fn merge_sources(sources: &[Source], samples: bool) -> Result<Merged, Incompatible> {
    let first = sources.first().ok_or_else(|| Incompatible("no profiles to merge".into()))?;
    for s in &sources[1..] {
        check_compatible(first.profile, s.profile)?;
    }
    let mut m = Merger::default();
    let header = m.header(sources);
    m.p.samples.values = vec![Vec::new(); header.sample_types.len()];
    let stacks = sources.iter().map(|s| m.add(s, samples)).collect();
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

/// pprof's mapping key: size rounded up to 4 KiB, file offset, and build id (or file).
type MappingKey = (u64, u64, StrId);
type FunctionKey = (i64, StrId, StrId, StrId);

#[derive(Default)]
struct Merger {
    strings: StringInterner,
    p: Profile,
    mapping_index: FxHashMap<MappingKey, u32>,
    function_index: FxHashMap<FunctionKey, u32>,
    location_index: LocationIndex,
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
    fn header(&mut self, sources: &[Source]) -> Header {
        let first = sources[0].profile;
        let mut s = |p: &Profile, id: StrId| self.strings.intern(p.str(id));
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
                let c = self.strings.intern(p.str(c));
                if !comments.contains(&c) {
                    comments.push(c);
                }
            }
            if default_sample_type == StrId::EMPTY {
                default_sample_type = self.strings.intern(p.str(p.default_sample_type));
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
            drop_frames: self.strings.intern(first.str(first.drop_frames)),
            keep_frames: self.strings.intern(first.str(first.keep_frames)),
        }
    }

    /// Adds a source's tree and (with `samples`) its samples; returns its stack map.
    fn add(&mut self, src: &Source, samples: bool) -> Vec<u32> {
        let p = src.profile;
        let strings: Vec<StrId> = p.strings.iter().map(|s| self.strings.intern(s)).collect();
        let mappings: Vec<(u32, i64)> = p.mappings.iter().map(|m| self.mapping(m, &strings)).collect();
        let functions: Vec<u32> = p.functions.iter().map(|f| self.function(f, &strings)).collect();
        let locations: Vec<u32> =
            p.locations.iter().map(|l| self.location(p, l, &mappings, &functions)).collect();
        let stacks = self.stacks.add(&p.stacks, &locations, self.p.locations.len());
        let set_label = src.set_label.map(|(k, v)| (self.strings.intern(k), self.strings.intern(v)));
        if !samples {
            return stacks;
        }
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

    /// The merged mapping of `m`, and what to add to `m`'s addresses to rebase them on it.
    fn mapping(&mut self, m: &Mapping, strings: &[StrId]) -> (u32, i64) {
        const ROUND: u64 = 0x1000;
        let size = m.memory_limit.wrapping_sub(m.memory_start).wrapping_add(ROUND - 1) / ROUND * ROUND;
        let (build_id, file) = (strings[m.build_id.0 as usize], strings[m.file.0 as usize]);
        let key = (size, m.file_offset, if build_id != StrId::EMPTY { build_id } else { file });
        if let Some(&i) = self.mapping_index.get(&key) {
            let start = self.p.mappings[i as usize].memory_start;
            return (i, start.wrapping_sub(m.memory_start) as i64);
        }
        let i = self.p.mappings.len() as u32;
        self.p.mappings.push(Mapping { id: i as u64 + 1, file, build_id, ..m.clone() });
        self.mapping_index.insert(key, i);
        (i, 0)
    }

    fn function(&mut self, f: &Function, strings: &[StrId]) -> u32 {
        let s = |id: StrId| strings[id.0 as usize];
        let key = (f.start_line, s(f.name), s(f.system_name), s(f.file));
        let next = self.p.functions.len() as u32;
        let functions = &mut self.p.functions;
        *self.function_index.entry(key).or_insert_with(|| {
            functions.push(Function {
                id: next as u64 + 1,
                name: key.1,
                system_name: key.2,
                file: key.3,
                start_line: f.start_line,
            });
            next
        })
    }

    fn location(&mut self, p: &Profile, l: &Location, mappings: &[(u32, i64)], functions: &[u32]) -> u32 {
        let (mapping, delta) = mappings.get(l.mapping as usize).copied().unwrap_or((NONE, 0));
        let address = l.address.wrapping_add(delta as u64);
        let relative = self.relative(mapping, address);
        let source_lines = p.location_lines(l);
        let line = |ln: &Line| (functions.get(ln.function as usize).copied().unwrap_or(NONE), ln.line);
        let lines = || source_lines.iter().map(line);
        let same = |i: u32| {
            let m = &self.p.locations[i as usize];
            (m.mapping, m.is_folded, self.relative(m.mapping, m.address)) == (mapping, l.is_folded, relative)
                && self.p.location_lines(m).iter().map(|ln| (ln.function, ln.line)).eq(lines())
        };
        let key = || -> LocationKey { (relative, mapping, lines().collect(), l.is_folded) };
        let vacant =
            match self.location_index.find(fingerprint(relative, mapping, l.is_folded, lines()), same, key) {
                Ok(i) => return i,
                Err(vacant) => vacant,
            };
        let i = self.p.locations.len() as u32;
        let lines_start = self.p.lines.len() as u32;
        for ln in source_lines {
            let (function, line) = line(ln);
            self.p.lines.push(Line { function, line, column: ln.column });
        }
        self.p.locations.push(Location {
            id: i as u64 + 1,
            mapping,
            address,
            lines_start,
            lines_len: source_lines.len() as u32,
            is_folded: l.is_folded,
        });
        self.location_index.insert(vacant, i);
        i
    }

    /// An address relative to its merged mapping's start, as pprof's location key has it.
    fn relative(&self, mapping: u32, address: u64) -> u64 {
        match self.p.mappings.get(mapping as usize) {
            Some(m) => address.wrapping_sub(m.memory_start),
            None => address,
        }
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
        let samples = &mut self.p.samples;
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

    fn finish(mut self, h: Header) -> Profile {
        let samples = std::mem::take(&mut self.p.samples);
        let mut p = self.p;
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
        p.strings = self.strings.finish();
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
