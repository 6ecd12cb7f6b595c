//! The interned, columnar profile. It is read-only once built: queries derive new views
//! from it and never change it.

mod child_index;
pub mod goroutines;
mod labels;
pub mod memstats;
mod stacks;
mod strings;
pub mod text;

pub use child_index::{grow_gently, ChildIndex};
pub use labels::{Label, LabelSetBuilder, LabelSetId, LabelSets};
pub use memstats::{MemStat, MemStatValue, MemStats};
pub use stacks::{sum_into_parents, StackBuilder, StackId, StackTable};
pub use strings::{StrId, StringInterner, StringTable};

/// Index of an absent mapping or function reference.
pub const NONE: u32 = u32::MAX;

/// A (type, unit) pair such as ("inuse_space", "bytes").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ValueType {
    pub ty: StrId,
    pub unit: StrId,
}

/// A mapped binary. `id` is the profile's own id, kept for encoding.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mapping {
    pub id: u64,
    pub memory_start: u64,
    pub memory_limit: u64,
    pub file_offset: u64,
    pub file: StrId,
    pub build_id: StrId,
    pub has_functions: bool,
    pub has_filenames: bool,
    pub has_line_numbers: bool,
    pub has_inline_frames: bool,
}

/// A function. `id` is the profile's own id, kept for encoding.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Function {
    pub id: u64,
    pub name: StrId,
    pub system_name: StrId,
    pub file: StrId,
    pub start_line: i64,
}

impl Function {
    /// The function at `index` of a profile made from text, which names a function and its
    /// file but gives no start line or separate system name.
    pub fn named(index: usize, name: StrId, file: StrId) -> Function {
        Function { id: index as u64 + 1, name, system_name: name, file, start_line: 0 }
    }
}

/// One source line of a location: the frame of one (possibly inlined) function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// Index into `Profile::functions`, or [`NONE`].
    pub function: u32,
    pub line: i64,
    pub column: i64,
}

/// A program counter and the frames it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub id: u64,
    /// Index into `Profile::mappings`, or [`NONE`].
    pub mapping: u32,
    pub address: u64,
    /// This location's lines are `Profile::lines[lines_start..lines_start + lines_len]`,
    /// innermost (inlined) first, as in profile.proto.
    pub lines_start: u32,
    pub lines_len: u32,
    pub is_folded: bool,
}

/// Samples as columns: one stack, one label set, and one value per sample type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Samples {
    pub stack: Vec<StackId>,
    pub labels: Vec<LabelSetId>,
    /// `values[t][i]` is sample `i`'s value for sample type `t`.
    pub values: Vec<Vec<i64>>,
}

impl Samples {
    pub fn len(&self) -> usize {
        self.stack.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }
}

/// The form a profile was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// profile.proto (gzip'd or not), or a profile made by Proflens (a diff).
    #[default]
    Proto,
    /// The `?debug=1` text of a heap or allocs profile (`heap profile: …`).
    HeapText,
    /// The `?debug=1` text of a block or mutex profile (`--- contention:`, `--- mutex:`).
    ContentionText,
    /// The `?debug=1` text of a count profile other than goroutines, such as threadcreate
    /// (`threadcreate profile: total N`).
    CountText,
    /// Folded stacks (`a;b;c N`).
    Folded,
    /// The text `perf script` prints from a `perf record` file.
    PerfScript,
    /// V8's CPU profile (`node --cpu-prof`, Chrome DevTools).
    CpuProfile,
    /// V8's sampling heap profile (`node --heap-prof`).
    HeapProfile,
    /// speedscope's JSON file format.
    Speedscope,
}

impl Format {
    /// A short name for reports and JSON: `profile.proto`, `heap text (debug=1)`, …
    pub fn name(self) -> &'static str {
        match self {
            Format::Proto => "profile.proto",
            Format::HeapText => "heap text (debug=1)",
            Format::ContentionText => "contention text (debug=1)",
            Format::CountText => "count text (debug=1)",
            Format::Folded => "folded stacks",
            Format::PerfScript => "perf script",
            Format::CpuProfile => "V8 .cpuprofile",
            Format::HeapProfile => "V8 .heapprofile",
            Format::Speedscope => "speedscope JSON",
        }
    }
}

/// A decoded profile.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Profile {
    pub strings: StringTable,
    pub sample_types: Vec<ValueType>,
    /// The `default_sample_type` field as written (may be [`StrId::EMPTY`]).
    pub default_sample_type: StrId,
    pub period_type: Option<ValueType>,
    pub period: i64,
    pub time_nanos: i64,
    pub duration_nanos: i64,
    pub comments: Vec<StrId>,
    pub drop_frames: StrId,
    pub keep_frames: StrId,
    pub mappings: Vec<Mapping>,
    pub functions: Vec<Function>,
    pub locations: Vec<Location>,
    pub lines: Vec<Line>,
    pub stacks: StackTable,
    pub samples: Samples,
    pub label_sets: LabelSets,
    /// What the file was. Only decoding sets it; derived profiles (diffs) are `Proto`.
    pub format: Format,
    /// The `# runtime.MemStats` block of a heap or allocs text profile; `None` otherwise
    /// (profile.proto has no place for it).
    pub memstats: Option<MemStats>,
}

impl Profile {
    pub fn str(&self, id: StrId) -> &str {
        self.strings.get(id)
    }

    /// The lines of a location, innermost first.
    pub fn location_lines(&self, loc: &Location) -> &[Line] {
        &self.lines[loc.lines_start as usize..(loc.lines_start + loc.lines_len) as usize]
    }

    /// The sample type pprof shows when none is asked for: `default_sample_type` when it
    /// names one of the types, otherwise the last type.
    pub fn default_sample_index(&self) -> usize {
        let named = self.str(self.default_sample_type);
        if !named.is_empty() {
            if let Some(i) = self.sample_types.iter().position(|t| self.str(t.ty) == named) {
                return i;
            }
        }
        self.sample_types.len().saturating_sub(1)
    }

    /// Finds a sample type by name (`inuse_space`) or by index (`2`).
    pub fn sample_index(&self, name_or_index: &str) -> Option<usize> {
        if let Some(i) = self.sample_types.iter().position(|t| self.str(t.ty) == name_or_index) {
            return Some(i);
        }
        name_or_index.parse::<usize>().ok().filter(|&i| i < self.sample_types.len())
    }

    /// A copy of everything but the locations, lines, stacks and samples, which a derived
    /// profile (a filter stage) builds anew. The destructuring is exhaustive on purpose: a
    /// new field must be decided on here.
    pub fn header_copy(&self) -> Profile {
        let Profile {
            strings,
            sample_types,
            default_sample_type,
            period_type,
            period,
            time_nanos,
            duration_nanos,
            comments,
            drop_frames,
            keep_frames,
            mappings,
            functions,
            locations: _,
            lines: _,
            stacks: _,
            samples: _,
            label_sets,
            format,
            memstats,
        } = self;
        Profile {
            strings: strings.clone(),
            sample_types: sample_types.clone(),
            default_sample_type: *default_sample_type,
            period_type: *period_type,
            period: *period,
            time_nanos: *time_nanos,
            duration_nanos: *duration_nanos,
            comments: comments.clone(),
            drop_frames: *drop_frames,
            keep_frames: *keep_frames,
            mappings: mappings.clone(),
            functions: functions.clone(),
            locations: Vec::new(),
            lines: Vec::new(),
            stacks: StackTable::default(),
            samples: Samples::default(),
            label_sets: label_sets.clone(),
            // A filtered view is still that file, and MemStats describe the process.
            format: *format,
            memstats: memstats.clone(),
        }
    }

    /// Whether sample type `t` has a negative value: the profile is a delta (Go's
    /// `heap?seconds=N`) or a diff, and views show it as one.
    pub fn has_negative(&self, t: usize) -> bool {
        self.samples.values.get(t).is_some_and(|c| c.iter().any(|&v| v < 0))
    }

    /// The mapping's file for a location, or `""`.
    pub fn location_objfile(&self, loc: &Location) -> &str {
        match self.mappings.get(loc.mapping as usize) {
            Some(m) => self.str(m.file),
            None => "",
        }
    }
}
