//! The frame and stack tables of a dump. A frame is a (function, file, line) as printed; a
//! stack is a list of frames, innermost first. Both are interned by the decoder, so equal
//! frames have equal [`FrameRef`]s and equal stacks equal [`StackRef`]s.

use crate::model::StrId;

/// A frame of [`Frames`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FrameRef(pub u32);

/// A stack of [`Stacks`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StackRef(pub u32);

/// What a printed frame line stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FrameKind {
    /// A call, `f(0x1, 0x2)`.
    Call,
    /// A call inlined into the next frame: the runtime prints its arguments as `(...)`.
    Inlined,
    /// `...additional frames elided...` or `...N frames elided...`: frames the runtime left
    /// out. The function column holds the marker text; the file is empty.
    Elided,
}

/// Frames as columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Frames {
    /// The function name without its arguments: `sync.(*Cond).Wait`, `main.F[...]`.
    pub function: Vec<StrId>,
    pub file: Vec<StrId>,
    pub line: Vec<u32>,
    pub kind: Vec<FrameKind>,
}

impl Frames {
    pub fn len(&self) -> usize {
        self.function.len()
    }

    pub fn is_empty(&self) -> bool {
        self.function.is_empty()
    }

    pub fn push(&mut self, function: StrId, file: StrId, line: u32, kind: FrameKind) -> FrameRef {
        self.function.push(function);
        self.file.push(file);
        self.line.push(line);
        self.kind.push(kind);
        FrameRef(self.function.len() as u32 - 1)
    }

    pub fn function(&self, f: FrameRef) -> StrId {
        self.function[f.0 as usize]
    }

    pub fn file(&self, f: FrameRef) -> StrId {
        self.file[f.0 as usize]
    }

    pub fn line(&self, f: FrameRef) -> u32 {
        self.line[f.0 as usize]
    }

    pub fn kind(&self, f: FrameRef) -> FrameKind {
        self.kind[f.0 as usize]
    }
}

/// Stacks as one flat column of frames and the start of each stack in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stacks {
    starts: Vec<u32>,
    frames: Vec<FrameRef>,
}

impl Default for Stacks {
    fn default() -> Self {
        Stacks { starts: vec![0], frames: Vec::new() }
    }
}

impl Stacks {
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The frames of a stack, innermost first.
    pub fn get(&self, s: StackRef) -> &[FrameRef] {
        let i = s.0 as usize;
        &self.frames[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// Appends a stack (not interned: the caller interns).
    pub fn push(&mut self, frames: &[FrameRef]) -> StackRef {
        self.frames.extend_from_slice(frames);
        self.starts.push(self.frames.len() as u32);
        StackRef(self.len() as u32 - 1)
    }
}
