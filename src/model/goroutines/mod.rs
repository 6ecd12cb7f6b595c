//! A goroutine dump (`/debug/pprof/goroutine?debug=2` or `?debug=1`, or the goroutine
//! profile.proto), read into one model whatever its form.
//!
//! Each [`Goroutine`] row is either one goroutine of a debug=2 dump, or a record of a
//! debug=1 or proto profile that stands for `count` goroutines with one stack (those have
//! no id and no wait state). Frames and stacks are interned, so a dump of 100,000
//! goroutines that sit in a few dozen places costs little more than its rows.
//! Like [`crate::model::Profile`], a dump is read-only once built.

mod frames;
mod profile;

pub use frames::{FrameKind, FrameRef, Frames, StackRef, Stacks};

use super::{LabelSetId, LabelSets, StrId, StringTable};

/// Which text or binary form the dump was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DumpForm {
    /// `?debug=2`: one block per goroutine, with wait states.
    Debug2,
    /// `?debug=1`: goroutines grouped by stack, no wait states.
    Debug1,
    /// The goroutine profile.proto: like debug=1, in binary.
    Proto,
}

impl DumpForm {
    pub fn name(self) -> &'static str {
        match self {
            DumpForm::Debug2 => "debug=2",
            DumpForm::Debug1 => "debug=1",
            DumpForm::Proto => "proto",
        }
    }

    /// What the file was, for reports and a dump's details: `goroutine dump (debug=2)`.
    pub fn label(self) -> &'static str {
        match self {
            DumpForm::Debug2 => "goroutine dump (debug=2)",
            DumpForm::Debug1 => "goroutine dump (debug=1)",
            DumpForm::Proto => "goroutine dump (proto)",
        }
    }

    /// True when the form records each goroutine's wait reason.
    pub fn has_states(self) -> bool {
        self == DumpForm::Debug2
    }
}

/// Status flags of one goroutine, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Flags(pub u8);

impl Flags {
    /// `, locked to thread`: the goroutine called `runtime.LockOSThread`.
    pub const LOCKED: Flags = Flags(1);
    /// ` (scan)`: the GC was scanning its stack when the dump was taken.
    pub const SCAN: Flags = Flags(2);
    /// ` (leaked)`: the runtime's goroutine leak detector found it can never wake.
    pub const LEAKED: Flags = Flags(4);
    /// ` (durable)`: durably blocked inside a synctest bubble.
    pub const DURABLE: Flags = Flags(8);
    /// `goroutine running on other thread; stack unavailable` (crash dumps).
    pub const STACK_UNAVAILABLE: Flags = Flags(16);
    /// The dump ends inside this goroutine's block, so its stack may be incomplete.
    pub const CUT: Flags = Flags(32);

    pub fn has(self, f: Flags) -> bool {
        self.0 & f.0 != 0
    }

    pub fn set(&mut self, f: Flags) {
        self.0 |= f.0;
    }
}

/// Where a goroutine was started: the `go` statement's function and place, and (Go 1.21+)
/// the goroutine that ran it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreatedBy {
    /// A frame of [`Dump::frames`]: the function holding the `go` statement, file, line.
    pub frame: FrameRef,
    /// `created by F in goroutine N`.
    pub goroutine: Option<u64>,
}

/// One goroutine (debug=2), or one record of `count` goroutines (debug=1, proto).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goroutine {
    /// The goroutine id (debug=2 only).
    pub id: Option<u64>,
    /// How many goroutines this row stands for: 1 in a debug=2 dump, at most `u32::MAX`
    /// (readers cap it, so sums over a dump cannot overflow).
    pub count: u64,
    /// The wait reason or status exactly as the runtime printed it, parentheses included
    /// (`chan receive`, `select (no cases)`, `running`). Empty when the form has none.
    pub state: StrId,
    /// `, N minutes`: how long it has been blocked. The runtime prints it only from one
    /// minute on, so `None` means under a minute, or not blocked.
    pub wait_minutes: Option<u32>,
    pub flags: Flags,
    /// `, synctest bubble N`.
    pub bubble: Option<u64>,
    /// Its pprof labels (`labels:{"k": "v"}` in debug=2, `# labels:` in debug=1).
    pub labels: LabelSetId,
    /// The frames, innermost first, as printed.
    pub stack: StackRef,
    pub created_by: Option<CreatedBy>,
    /// Index into [`Dump::extras`] for the rare details, or `u32::MAX`.
    pub extra: u32,
}

impl Goroutine {
    pub const NO_EXTRA: u32 = u32::MAX;
}

/// Details few goroutines have, kept out of the rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extra {
    /// Header parts this version does not know, verbatim (a future flag, say).
    pub unknown: Vec<StrId>,
    /// `gp=0x… m=N mp=0x…` from a crash dump's header, verbatim.
    pub thread: StrId,
    /// `[originating from goroutine N]:` blocks (GODEBUG=tracebackancestors), nearest first.
    pub ancestors: Vec<Ancestor>,
}

/// The stack a goroutine's ancestor had when it started this goroutine's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ancestor {
    pub id: u64,
    pub stack: StackRef,
    pub created_by: Option<CreatedBy>,
}

/// A parsed goroutine dump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dump {
    pub form: DumpForm,
    /// Read from a `goroutineleak` profile: every goroutine in it is leaked.
    pub leak_profile: bool,
    /// The text ends inside a block (the runtime stops writing at 64 MB), or a debug=1
    /// dump has fewer goroutines than its header says.
    pub truncated: bool,
    /// `goroutine profile: total N` (debug=1).
    pub header_total: Option<u64>,
    pub strings: StringTable,
    pub frames: Frames,
    pub stacks: Stacks,
    pub label_sets: LabelSets,
    pub goroutines: Vec<Goroutine>,
    pub extras: Vec<Extra>,
}

impl Dump {
    pub fn str(&self, id: StrId) -> &str {
        self.strings.get(id)
    }

    /// The number of goroutines (rows weighted by their counts).
    pub fn total(&self) -> u64 {
        self.goroutines.iter().map(|g| g.count).sum()
    }

    pub fn extra(&self, g: &Goroutine) -> Option<&Extra> {
        self.extras.get(g.extra as usize)
    }

    /// True when the goroutine is leaked by the runtime's own account: flagged `(leaked)`,
    /// or listed in a goroutineleak profile.
    pub fn is_leaked(&self, g: &Goroutine) -> bool {
        self.leak_profile || g.flags.has(Flags::LEAKED)
    }
}
