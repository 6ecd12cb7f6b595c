//! Builds a [`Profile`] for the readers of other tools' formats (folded stacks, `perf
//! script`, V8's profiles, speedscope): they name frames and stacks, this interns them
//! into the model's tables. Samples with the same stack and labels are merged into one,
//! their values summed, so memory grows with the distinct stacks, not the samples.

use crate::model::{
    Format, Function, Label, LabelSetBuilder, LabelSetId, Line, Location, Mapping, Profile, Samples,
    StackBuilder, StackId, StrId, StringInterner, ValueType, NONE,
};
use rustc_hash::FxHashMap;

/// One frame of a location: a function, and where in its file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FrameLine {
    pub function: u32,
    pub line: i64,
    pub column: i64,
}

pub(crate) struct ProfileBuilder {
    strings: StringInterner,
    /// The profile being built: readers set its header fields (period, times, comments).
    pub profile: Profile,
    functions: FxHashMap<(StrId, StrId), u32>,
    mappings: FxHashMap<StrId, u32>,
    stacks: StackBuilder,
    label_sets: LabelSetBuilder,
    samples: Samples,
    /// (stack, labels) → sample, for merging.
    sample_of: FxHashMap<(StackId, LabelSetId), u32>,
}

impl ProfileBuilder {
    /// A builder for a profile of `format` with sample types `types` (`(type, unit)`);
    /// more can be added while reading ([`ProfileBuilder::sample_type`]).
    pub fn new(format: Format, types: &[(&str, &str)]) -> ProfileBuilder {
        let mut b = ProfileBuilder {
            strings: StringInterner::default(),
            profile: Profile { format, ..Profile::default() },
            functions: FxHashMap::default(),
            mappings: FxHashMap::default(),
            stacks: StackBuilder::default(),
            label_sets: LabelSetBuilder::default(),
            samples: Samples::default(),
            sample_of: FxHashMap::default(),
        };
        for &(ty, unit) in types {
            b.sample_type(ty, unit);
        }
        b
    }

    pub fn str(&mut self, s: &str) -> StrId {
        self.strings.intern(s)
    }

    /// Interns text from the file; invalid UTF-8 is replaced, never an error.
    pub fn bytes(&mut self, b: &[u8]) -> StrId {
        match std::str::from_utf8(b) {
            Ok(s) => self.strings.intern(s),
            Err(_) => self.strings.intern(&String::from_utf8_lossy(b)),
        }
    }

    /// The index of sample type `(ty, unit)`, added (zero for every sample so far) if new.
    pub fn sample_type(&mut self, ty: &str, unit: &str) -> usize {
        let vt = ValueType { ty: self.str(ty), unit: self.str(unit) };
        if let Some(i) = self.profile.sample_types.iter().position(|t| *t == vt) {
            return i;
        }
        self.profile.sample_types.push(vt);
        self.samples.values.push(vec![0; self.samples.len()]);
        self.profile.sample_types.len() - 1
    }

    /// The mapping of a binary or script named `file`.
    pub fn mapping(&mut self, file: StrId) -> u32 {
        let p = &mut self.profile;
        *self.mappings.entry(file).or_insert_with(|| {
            let id = p.mappings.len() as u64 + 1;
            p.mappings.push(Mapping { id, file, has_functions: true, ..Mapping::default() });
            id as u32 - 1
        })
    }

    /// The function `name` in `file` (either may be empty).
    pub fn function(&mut self, name: StrId, file: StrId) -> u32 {
        let p = &mut self.profile;
        *self.functions.entry((name, file)).or_insert_with(|| {
            p.functions.push(Function::named(p.functions.len(), name, file));
            p.functions.len() as u32 - 1
        })
    }

    /// A new location (readers keep their own index of the locations they made): its
    /// mapping ([`NONE`] for none), address and lines, innermost (inlined) first.
    pub fn location(&mut self, mapping: u32, address: u64, lines: &[FrameLine]) -> u32 {
        let p = &mut self.profile;
        let lines_start = p.lines.len() as u32;
        p.lines.extend(lines.iter().map(|l| Line { function: l.function, line: l.line, column: l.column }));
        let i = p.locations.len() as u32;
        p.locations.push(Location {
            id: i as u64 + 1,
            mapping,
            address,
            lines_start,
            lines_len: lines.len() as u32,
            is_folded: false,
        });
        i
    }

    /// The stack `parent` ([`StackId::EMPTY`]: none) with `location` as its new leaf.
    pub fn child(&mut self, parent: StackId, location: u32) -> StackId {
        self.stacks.child(parent, location)
    }

    pub fn labels(&mut self, labels: &[Label]) -> LabelSetId {
        self.label_sets.intern(labels)
    }

    /// A label with a string value.
    pub fn str_label(&mut self, key: &str, value: StrId) -> Label {
        Label { key: self.str(key), str: value, num: 0, num_unit: StrId::EMPTY }
    }

    /// A label with a number (and no unit).
    pub fn num_label(&mut self, key: &str, num: i64) -> Label {
        Label { key: self.str(key), str: StrId::EMPTY, num, num_unit: StrId::EMPTY }
    }

    /// Adds `value` of sample type `t` to the sample of `stack` with `labels`.
    pub fn add(&mut self, stack: StackId, labels: LabelSetId, t: usize, value: i64) {
        let i = self.sample(stack, labels);
        let v = &mut self.samples.values[t][i];
        *v = v.saturating_add(value);
    }

    /// Adds one value per sample type to the sample of `stack` with `labels`.
    pub fn add_values(&mut self, stack: StackId, labels: LabelSetId, values: &[i64]) {
        let i = self.sample(stack, labels);
        for (column, &value) in self.samples.values.iter_mut().zip(values) {
            column[i] = column[i].saturating_add(value);
        }
    }

    fn sample(&mut self, stack: StackId, labels: LabelSetId) -> usize {
        let samples = &mut self.samples;
        *self.sample_of.entry((stack, labels)).or_insert_with(|| {
            samples.stack.push(stack);
            samples.labels.push(labels);
            samples.values.iter_mut().for_each(|c| c.push(0));
            samples.stack.len() as u32 - 1
        }) as usize
    }

    pub fn finish(self) -> Profile {
        let mut p = self.profile;
        p.stacks = self.stacks.finish();
        p.samples = self.samples;
        p.label_sets = self.label_sets.finish();
        p.strings = self.strings.finish();
        p
    }
}

/// [`NONE`], for readers whose locations have no mapping.
pub(crate) const NO_MAPPING: u32 = NONE;
