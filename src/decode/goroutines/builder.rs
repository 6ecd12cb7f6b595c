//! Builds a [`Dump`] while the text is read. Strings, frames and stacks are interned on
//! byte slices borrowed from the text, so the frames of the thousands of goroutines that
//! share a stack cost one hash look-up each and no allocation.

use super::lines::parse_u64;
use crate::model::goroutines::{
    Dump, DumpForm, Extra, FrameKind, FrameRef, Frames, Goroutine, StackRef, Stacks,
};
use crate::model::{Label, LabelSetBuilder, LabelSetId, StrId, StringInterner};
use rustc_hash::FxHashMap;

/// The most goroutines one record may stand for. Real counts are far below it; the cap
/// keeps every sum over a dump (at most one record per 4 bytes of text) within a `u64`.
pub(super) const MAX_COUNT: u64 = u32::MAX as u64;

pub(super) struct DumpBuilder<'a> {
    strings: StringInterner,
    /// Byte slices already interned, so most look-ups skip UTF-8 checks and copies.
    by_bytes: FxHashMap<&'a [u8], StrId>,
    frames: Frames,
    /// (function, "file:line") → frame.
    frame_index: FxHashMap<(&'a [u8], &'a [u8]), FrameRef>,
    /// (function, file, line) → frame, for frames that come in parts (profile.proto).
    part_index: FxHashMap<(&'a [u8], &'a [u8], u32), FrameRef>,
    stacks: Stacks,
    stack_index: FxHashMap<Box<[FrameRef]>, StackRef>,
    label_sets: LabelSetBuilder,
    pub goroutines: Vec<Goroutine>,
    pub extras: Vec<Extra>,
}

impl<'a> DumpBuilder<'a> {
    pub fn new() -> Self {
        DumpBuilder {
            strings: StringInterner::default(),
            by_bytes: FxHashMap::default(),
            frames: Frames::default(),
            frame_index: FxHashMap::default(),
            part_index: FxHashMap::default(),
            stacks: Stacks::default(),
            stack_index: FxHashMap::default(),
            label_sets: LabelSetBuilder::default(),
            goroutines: Vec::new(),
            extras: Vec::new(),
        }
    }

    /// Interns text from the dump (invalid UTF-8 is replaced, never an error).
    pub fn bytes(&mut self, b: &'a [u8]) -> StrId {
        if let Some(&id) = self.by_bytes.get(b) {
            return id;
        }
        let id = self.strings.intern(&String::from_utf8_lossy(b));
        self.by_bytes.insert(b, id);
        id
    }

    pub fn str(&mut self, s: &str) -> StrId {
        self.strings.intern(s)
    }

    /// The frame of `function` at `location` (`file:line`, or empty when the dump has none).
    pub fn frame(&mut self, function: &'a [u8], location: &'a [u8], kind: FrameKind) -> FrameRef {
        if let Some(&f) = self.frame_index.get(&(function, location)) {
            return f;
        }
        let (file, line) = split_location(location);
        let (name, file) = (self.bytes(function), self.bytes(file));
        let f = self.frames.push(name, file, line, kind);
        self.frame_index.insert((function, location), f);
        f
    }

    /// The frame of `function` in `file` at `line`.
    pub fn frame_parts(
        &mut self,
        function: &'a [u8],
        file: &'a [u8],
        line: u32,
        kind: FrameKind,
    ) -> FrameRef {
        if let Some(&f) = self.part_index.get(&(function, file, line)) {
            return f;
        }
        let (name, file_id) = (self.bytes(function), self.bytes(file));
        let f = self.frames.push(name, file_id, line, kind);
        self.part_index.insert((function, file, line), f);
        f
    }

    pub fn stack(&mut self, frames: &[FrameRef]) -> StackRef {
        if let Some(&s) = self.stack_index.get(frames) {
            return s;
        }
        let s = self.stacks.push(frames);
        self.stack_index.insert(frames.into(), s);
        s
    }

    /// Interns a label set of (key, value) string pairs, in the order given.
    pub fn labels(&mut self, pairs: &[(String, String)]) -> LabelSetId {
        let labels: Vec<Label> = pairs
            .iter()
            .map(|(k, v)| Label { key: self.str(k), str: self.str(v), num: 0, num_unit: StrId::EMPTY })
            .collect();
        self.label_sets.intern(&labels)
    }

    /// Stores rare details and returns their index for [`Goroutine::extra`].
    pub fn extra(&mut self, extra: Extra) -> u32 {
        if extra == Extra::default() {
            return Goroutine::NO_EXTRA;
        }
        self.extras.push(extra);
        self.extras.len() as u32 - 1
    }

    pub fn finish(self, form: DumpForm, header_total: Option<u64>, truncated: bool, leak: bool) -> Dump {
        Dump {
            form,
            leak_profile: leak,
            truncated,
            header_total,
            strings: self.strings.finish(),
            frames: self.frames,
            stacks: self.stacks,
            label_sets: self.label_sets.finish(),
            goroutines: self.goroutines,
            extras: self.extras,
        }
    }
}

/// Splits `file:line` at its last colon (Windows paths have one more); a location
/// without a line number is all file, line 0.
fn split_location(loc: &[u8]) -> (&[u8], u32) {
    if let Some(colon) = loc.iter().rposition(|&c| c == b':') {
        if let Some(n) = parse_u64(&loc[colon + 1..]) {
            return (&loc[..colon], n.min(u32::MAX as u64) as u32);
        }
    }
    (loc, 0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn locations() {
        assert_eq!(super::split_location(b"C:/go/src/x.go:12"), (&b"C:/go/src/x.go"[..], 12));
        assert_eq!(super::split_location(b"x.go"), (&b"x.go"[..], 0));
        assert_eq!(super::split_location(b""), (&b""[..], 0));
    }
}
