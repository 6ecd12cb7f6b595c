//! A dump as a profile, so that top, flame graphs, folded stacks, diffs and label filters
//! work on dumps too: one `goroutine/count` sample per distinct (stack, labels), valued by
//! its number of goroutines, as Go's own goroutine profile is. Each sample also carries
//! the goroutines' `state` (a string label) and `wait_minutes` (a numeric label in
//! minutes), and `leaked` = `true` for goroutines the runtime flagged as leaked.
//!
//! A run of inlined frames and the frame they were inlined into become one location with
//! several lines, innermost first, as in a profile.proto, so `(inline)` marks work.

use super::{Dump, FrameKind, FrameRef, Goroutine, StackRef};
use crate::model::{
    Function, Label, LabelSetBuilder, LabelSetId, Line, Location, Profile, Samples, StackBuilder, StackId,
    StrId, StringInterner, ValueType, NONE,
};
use rustc_hash::FxHashMap;

impl Dump {
    /// The dump as a `goroutine/count` profile (see the module documentation).
    pub fn to_profile(&self) -> Profile {
        self.build_profile(None)
    }

    /// Like [`Dump::to_profile`], with an outermost frame `[STATE]` above every stack, so
    /// a flame graph splits first by state (`state_name` gives the name shown per state).
    pub fn to_profile_by_state(&self, state_name: &dyn Fn(&str) -> String) -> Profile {
        self.build_profile(Some(state_name))
    }

    fn build_profile(&self, state_root: Option<&dyn Fn(&str) -> String>) -> Profile {
        let mut b = ProfileBuilder::new(self);
        let mut stacks: FxHashMap<(StackRef, StrId), StackId> = FxHashMap::default();
        let mut sample_index: FxHashMap<(StackId, LabelSetId), usize> = FxHashMap::default();
        let mut samples = Samples { values: vec![Vec::new()], ..Samples::default() };
        for g in &self.goroutines {
            let root_state = if state_root.is_some() { g.state } else { StrId::EMPTY };
            let stack = match stacks.get(&(g.stack, root_state)) {
                Some(&s) => s,
                None => {
                    let root = state_root.map(|name| b.root(&format!("[{}]", name(self.str(g.state)))));
                    let s = b.stack(self.stacks.get(g.stack), root);
                    stacks.insert((g.stack, root_state), s);
                    s
                }
            };
            let labels = b.labels(g);
            let i = *sample_index.entry((stack, labels)).or_insert_with(|| {
                samples.stack.push(stack);
                samples.labels.push(labels);
                samples.values[0].push(0);
                samples.stack.len() - 1
            });
            samples.values[0][i] = samples.values[0][i].saturating_add(g.count.min(i64::MAX as u64) as i64);
        }
        b.finish(samples)
    }
}

/// Translates the dump's strings, frames and labels into a profile's tables.
struct ProfileBuilder<'d> {
    dump: &'d Dump,
    strings: StringInterner,
    p: Profile,
    functions: FxHashMap<(StrId, StrId), u32>,
    locations: FxHashMap<Vec<FrameRef>, u32>,
    /// State pseudo-frames by name.
    roots: FxHashMap<StrId, u32>,
    stacks: StackBuilder,
    label_sets: LabelSetBuilder,
    label_memo: FxHashMap<(StrId, Option<u32>, bool, LabelSetId), LabelSetId>,
    /// Keys of the labels this builder adds.
    keys: [StrId; 4],
}

impl<'d> ProfileBuilder<'d> {
    fn new(dump: &'d Dump) -> Self {
        let mut strings = StringInterner::default();
        let mut p = Profile {
            sample_types: vec![ValueType { ty: strings.intern("goroutine"), unit: strings.intern("count") }],
            ..Profile::default()
        };
        p.comments.push(strings.intern(dump.form.label()));
        let keys = ["state", "wait_minutes", "minutes", "leaked"].map(|k| strings.intern(k));
        ProfileBuilder {
            dump,
            strings,
            p,
            functions: FxHashMap::default(),
            locations: FxHashMap::default(),
            roots: FxHashMap::default(),
            stacks: StackBuilder::default(),
            label_sets: LabelSetBuilder::default(),
            label_memo: FxHashMap::default(),
            keys,
        }
    }

    fn str(&mut self, id: StrId) -> StrId {
        self.strings.intern(self.dump.str(id))
    }

    /// A location for a pseudo-frame of its own (the state above a stack).
    fn root(&mut self, name: &str) -> u32 {
        let name = self.strings.intern(name);
        if let Some(&l) = self.roots.get(&name) {
            return l;
        }
        let function = self.p.functions.len() as u32;
        self.p.functions.push(Function {
            id: function as u64 + 1,
            name,
            system_name: name,
            ..Function::default()
        });
        self.p.lines.push(Line { function, line: 0, column: 0 });
        let id = self.p.locations.len() as u32;
        self.p.locations.push(Location {
            id: id as u64 + 1,
            mapping: NONE,
            address: 0,
            lines_start: self.p.lines.len() as u32 - 1,
            lines_len: 1,
            is_folded: false,
        });
        self.roots.insert(name, id);
        id
    }

    /// The profile stack of a dump stack (innermost first), under `root` if given.
    fn stack(&mut self, frames: &[FrameRef], root: Option<u32>) -> StackId {
        let mut locs: Vec<u32> = Vec::new();
        let mut run: Vec<FrameRef> = Vec::new();
        for (i, &f) in frames.iter().enumerate() {
            run.push(f);
            let last = i + 1 == frames.len();
            if self.dump.frames.kind(f) != FrameKind::Inlined || last {
                locs.push(self.location(&run));
                run.clear();
            }
        }
        locs.extend(root);
        if locs.is_empty() {
            return StackId::EMPTY;
        }
        locs.reverse();
        self.stacks.insert_root_first(&locs)
    }

    /// The location of a run of frames (inlined ones first, then their caller).
    fn location(&mut self, run: &[FrameRef]) -> u32 {
        if let Some(&l) = self.locations.get(run) {
            return l;
        }
        let start = self.p.lines.len() as u32;
        for &f in run {
            let function = self.function(f);
            self.p.lines.push(Line { function, line: self.dump.frames.line(f) as i64, column: 0 });
        }
        let id = self.p.locations.len() as u32;
        self.p.locations.push(Location {
            id: id as u64 + 1,
            mapping: NONE,
            address: 0,
            lines_start: start,
            lines_len: run.len() as u32,
            is_folded: false,
        });
        self.locations.insert(run.to_vec(), id);
        id
    }

    fn function(&mut self, f: FrameRef) -> u32 {
        let (name, file) = (self.dump.frames.function(f), self.dump.frames.file(f));
        if let Some(&i) = self.functions.get(&(name, file)) {
            return i;
        }
        let (pname, pfile) = (self.str(name), self.str(file));
        let i = self.p.functions.len();
        self.p.functions.push(Function::named(i, pname, pfile));
        self.functions.insert((name, file), i as u32);
        i as u32
    }

    fn labels(&mut self, g: &Goroutine) -> LabelSetId {
        let leaked = self.dump.is_leaked(g);
        let key = (g.state, g.wait_minutes, leaked, g.labels);
        if let Some(&id) = self.label_memo.get(&key) {
            return id;
        }
        let [state, wait, minutes, leaked_key] = self.keys;
        let mut labels = Vec::new();
        if g.state != StrId::EMPTY {
            labels.push(Label { key: state, str: self.str(g.state), num: 0, num_unit: StrId::EMPTY });
        }
        if let Some(m) = g.wait_minutes {
            labels.push(Label { key: wait, str: StrId::EMPTY, num: m as i64, num_unit: minutes });
        }
        if leaked {
            let yes = self.strings.intern("true");
            labels.push(Label { key: leaked_key, str: yes, num: 0, num_unit: StrId::EMPTY });
        }
        for l in self.dump.label_sets.get(g.labels) {
            let (k, v) = (self.str(l.key), self.str(l.str));
            labels.push(Label { key: k, str: v, num: 0, num_unit: StrId::EMPTY });
        }
        let id = self.label_sets.intern(&labels);
        self.label_memo.insert(key, id);
        id
    }

    fn finish(mut self, samples: Samples) -> Profile {
        self.p.stacks = self.stacks.finish();
        self.p.samples = samples;
        self.p.label_sets = self.label_sets.finish();
        self.p.strings = self.strings.finish();
        self.p
    }
}
