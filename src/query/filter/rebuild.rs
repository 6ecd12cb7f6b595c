//! A profile under edit: the source's tables, some locations with new lines, and a new
//! stack tree that samples are mapped into. Every filter stage produces its derived
//! profile through this, so the source is never changed.

use crate::model::{Line, Location, Profile, Samples, StackBuilder, StackId, StackTable};

/// A stack node that a stage drops, with all its samples.
pub const DROPPED: StackId = StackId(u32::MAX - 1);

pub struct Rebuild<'a> {
    pub src: &'a Profile,
    lines: Vec<Line>,
    locations: Vec<Location>,
    /// Made on the first node: a stage that keeps the source's tree needs none.
    stacks: Option<StackBuilder>,
}

impl<'a> Rebuild<'a> {
    pub fn new(src: &'a Profile) -> Rebuild<'a> {
        Rebuild { src, lines: src.lines.clone(), locations: src.locations.clone(), stacks: None }
    }

    /// The current lines of location `l`, innermost first.
    pub fn lines(&self, l: usize) -> &[Line] {
        let loc = &self.locations[l];
        &self.lines[loc.lines_start as usize..(loc.lines_start + loc.lines_len) as usize]
    }

    /// Replaces location `l`'s lines.
    pub fn set_lines(&mut self, l: usize, lines: Vec<Line>) {
        let start = self.lines.len() as u32;
        self.lines.extend_from_slice(&lines);
        let loc = &mut self.locations[l];
        (loc.lines_start, loc.lines_len) = (start, lines.len() as u32);
    }

    /// The new tree's node for `parent` plus location `loc`.
    pub fn child(&mut self, parent: StackId, loc: u32) -> StackId {
        // a derived tree has at most its source's nodes
        let n = self.src.stacks.len();
        self.stacks.get_or_insert_with(|| StackBuilder::with_capacity(n)).child(parent, loc)
    }

    /// Finishes the profile: sample `i` moves to `node_map[its stack]` (the empty stack to
    /// `empty`), and is dropped when that is [`DROPPED`] or `keep(i)` is false.
    pub fn finish(mut self, node_map: &[StackId], empty: StackId, keep: impl Fn(usize) -> bool) -> Profile {
        let samples = copy_samples(self.src, |s| s.index().map_or(empty, |n| node_map[n]), keep);
        let stacks = self.stacks.take().map(StackBuilder::finish).unwrap_or_default();
        self.into_profile(stacks, samples)
    }

    /// Finishes with the source's stack tree as it is, keeping the samples `keep` says.
    pub fn finish_same_stacks(self, keep: impl Fn(usize) -> bool) -> Profile {
        let samples = copy_samples(self.src, |s| s, keep);
        let stacks = self.src.stacks.clone();
        self.into_profile(stacks, samples)
    }

    fn into_profile(self, stacks: StackTable, samples: Samples) -> Profile {
        Profile { locations: self.locations, lines: self.lines, stacks, samples, ..self.src.header_copy() }
    }
}

/// The samples that stay (their stacks mapped by `to`), found first and then copied one
/// column at a time: each column is read and written in order, which is several times
/// faster than pushing every column for each sample in turn.
fn copy_samples(src: &Profile, to: impl Fn(StackId) -> StackId, keep: impl Fn(usize) -> bool) -> Samples {
    // sized for every sample up front: growing a vector copies it, which costs as
    // much as the pass itself in wasm
    let n = src.samples.len();
    let (mut kept, mut stack) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for (i, &s) in src.samples.stack.iter().enumerate() {
        let to = to(s);
        if to != DROPPED && keep(i) {
            kept.push(i as u32);
            stack.push(to);
        }
    }
    stack.shrink_to_fit();
    Samples {
        stack,
        labels: gather(&src.samples.labels, &kept),
        values: src.samples.values.iter().map(|column| gather(column, &kept)).collect(),
    }
}

/// `column[i]` for each `i` of `at`.
fn gather<T: Copy>(column: &[T], at: &[u32]) -> Vec<T> {
    if at.len() == column.len() {
        return column.to_vec();
    }
    at.iter().map(|&i| column[i as usize]).collect()
}
