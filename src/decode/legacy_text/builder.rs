//! Builds the [`Profile`] of a legacy text, one record at a time. Functions are keyed by
//! name and file (the `#` lines give no start line), locations by their addresses and
//! frames, so records that share frames share the tables. Each record stays a sample of
//! its own, as pprof's legacy parsers keep it.

use super::stack::Loc;
use crate::model::{
    Function, Label, LabelSetBuilder, Line, Location, Profile, Samples, StackBuilder, StackId, StrId,
    StringInterner, ValueType, NONE,
};
use rustc_hash::FxHashMap;

pub(super) struct Builder<'a> {
    pub strings: StringInterner,
    /// The profile being built: header fields are set by the form's parser.
    pub profile: Profile,
    functions: FxHashMap<(&'a [u8], &'a [u8]), u32>,
    locations: FxHashMap<Loc<'a>, u32>,
    stacks: StackBuilder,
    label_sets: LabelSetBuilder,
    samples: Samples,
    /// Scratch: one record's location indexes, root first.
    path: Vec<u32>,
}

impl<'a> Builder<'a> {
    /// A builder for samples of `types` (`(type, unit)` pairs), with pprof's period.
    pub fn new(types: &[(&str, &str)], period_type: (&str, &str), period: i64) -> Self {
        let mut strings = StringInterner::default();
        let mut vt =
            |(ty, unit): (&str, &str)| ValueType { ty: strings.intern(ty), unit: strings.intern(unit) };
        let profile = Profile {
            sample_types: types.iter().map(|&t| vt(t)).collect(),
            period_type: Some(vt(period_type)),
            period,
            ..Profile::default()
        };
        Builder {
            strings,
            samples: Samples { values: vec![Vec::new(); types.len()], ..Samples::default() },
            profile,
            functions: FxHashMap::default(),
            locations: FxHashMap::default(),
            stacks: StackBuilder::default(),
            label_sets: LabelSetBuilder::default(),
            path: Vec::new(),
        }
    }

    /// Adds one record: its values (one per sample type), its stack (innermost first) and
    /// its labels.
    pub fn add(&mut self, values: &[i64], stack: Vec<Loc<'a>>, labels: &[Label]) {
        debug_assert_eq!(values.len(), self.samples.values.len());
        let mut path = std::mem::take(&mut self.path);
        path.clear();
        for loc in stack.into_iter().rev() {
            path.push(self.location(loc));
        }
        let id = if path.is_empty() { StackId::EMPTY } else { self.stacks.insert_root_first(&path) };
        self.path = path;
        self.samples.stack.push(id);
        let labels = self.label_sets.intern(labels);
        self.samples.labels.push(labels);
        for (column, &v) in self.samples.values.iter_mut().zip(values) {
            column.push(v);
        }
    }

    fn location(&mut self, loc: Loc<'a>) -> u32 {
        if let Some(&i) = self.locations.get(&loc) {
            return i;
        }
        let lines_start = self.profile.lines.len() as u32;
        for f in &loc.lines {
            let function = self.function(f.name, f.file);
            self.profile.lines.push(Line { function, line: f.line as i64, column: 0 });
        }
        let p = &mut self.profile;
        let i = p.locations.len() as u32;
        p.locations.push(Location {
            id: i as u64 + 1,
            mapping: NONE,
            address: loc.address(),
            lines_start,
            lines_len: p.lines.len() as u32 - lines_start,
            is_folded: false,
        });
        self.locations.insert(loc, i);
        i
    }

    fn function(&mut self, name: &'a [u8], file: &'a [u8]) -> u32 {
        let Builder { functions, profile, strings, .. } = self;
        *functions.entry((name, file)).or_insert_with(|| {
            let name = strings.intern(&String::from_utf8_lossy(name));
            let file = strings.intern(&String::from_utf8_lossy(file));
            profile.functions.push(Function::named(profile.functions.len(), name, file));
            profile.functions.len() as u32 - 1
        })
    }

    /// A numeric label with no unit, as pprof's legacy heap parser attaches `bytes`.
    pub fn num_label(&mut self, key: &str, num: i64) -> Label {
        Label { key: self.strings.intern(key), str: StrId::EMPTY, num, num_unit: StrId::EMPTY }
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
