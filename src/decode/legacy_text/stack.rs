//! A record's stack: its addresses (`@ 0x… 0x…`, return addresses, innermost first)
//! named by its `#` lines.
//!
//! `go tool pprof` names the addresses from the program's binary. Here the names come
//! from the `#` lines, which the runtime wrote from the same addresses, so no binary is
//! needed. Each `#` line's PC is its record address minus one (the call instruction),
//! which is how lines and addresses are paired. The runtime leaves out some frames, and
//! this is what becomes of their addresses:
//!
//! * `runtime.goexit`, at the root of every goroutine's stack, is never printed. An
//!   unnamed last address after named frames is that frame, and is named so, as pprof
//!   would name it from the binary.
//! * In heap and count profiles, `runtime.*` frames at the leaf end (the allocator, thread
//!   creation) are not printed either, unless every frame is a runtime one. Their names
//!   are unknown, so they are left out, and the first named frame becomes the leaf. In heap
//!   profiles pprof cuts those frames off anyway (its `drop_frames` for legacy heap
//!   profiles matches `runtime\..*` below the first frame of the program).
//! * Any other unnamed address stays a location with no function (`<unknown>`), as pprof
//!   shows it without a binary. So does every address of a record with no `#` lines.
//!
//! Since Go 1.12 a stack holds one address per inlined call too, and the runtime prints
//! one `#` line for each. Frames inlined into a function report that function's entry;
//! a run of them and the frame they were inlined into become one location with several
//! lines, innermost first, as in the proto form (so `(inline)` marks match it). pprof
//! reading the text with the binary names each address by the function that holds the
//! code instead, so there an inlined function's value goes to its caller.

use super::frames::TextFrame;
use std::ops::Range;

/// One location of a record's stack.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Loc<'a> {
    /// The record's addresses this location stands for, innermost first.
    pub addrs: Vec<u64>,
    /// Its frames, innermost (inlined) first; empty for an unnamed address.
    pub lines: Vec<TextFrame<'a>>,
}

impl Loc<'_> {
    /// The address pprof gives the location: the first return address minus one, the
    /// call instruction (pprof's legacy parsers adjust every address so).
    pub fn address(&self) -> u64 {
        self.addrs.first().map_or(0, |a| a.wrapping_sub(1))
    }
}

/// The name of the frame the runtime never prints.
const GOEXIT: &[u8] = b"runtime.goexit";

/// One record address and the `#` frames printed for it (an empty range: none).
struct Slot {
    addr: u64,
    frames: Range<usize>,
}

/// The locations of a record, innermost first (see the module documentation).
pub(super) fn locations<'a>(addrs: &[u64], frames: &[TextFrame<'a>]) -> Vec<Loc<'a>> {
    let mut slots = pair(addrs, frames);
    // Addresses with no `#` line were hidden by the runtime (see the module documentation).
    if let Some(first_printed) = slots.iter().position(|s| !s.frames.is_empty()) {
        slots.drain(..first_printed);
    }
    let printed_any = slots.iter().any(|s| !s.frames.is_empty());
    let last = slots.len().saturating_sub(1);
    let mut out: Vec<Loc<'a>> = Vec::with_capacity(slots.len());
    for (i, slot) in slots.iter().enumerate() {
        let mut lines: Vec<TextFrame<'a>> = Vec::new();
        if slot.frames.is_empty() && printed_any && i == last {
            lines.push(TextFrame {
                pc: slot.addr.wrapping_sub(1),
                name: GOEXIT,
                entry: None,
                file: b"",
                line: 0,
            });
        } else {
            lines.extend(frames[slot.frames.clone()].iter().filter(|f| !f.name.is_empty()));
        }
        match out.last_mut() {
            Some(inner) if inlined_into(&inner.lines, &lines) => {
                inner.addrs.push(slot.addr);
                inner.lines.extend(lines);
            }
            _ => out.push(Loc { addrs: vec![slot.addr], lines }),
        }
    }
    out
}

/// Pairs each address with the `#` frames whose PC is it or one below it (the runtime
/// prints the call instruction's PC). When no frame pairs with any address but some are
/// named (text written by something else than the Go runtime), the `#` frames alone make
/// the stack.
fn pair(addrs: &[u64], frames: &[TextFrame]) -> Vec<Slot> {
    let run_end = |j: usize| frames_at_one_address(&frames[j..]) + j;
    let mut slots = Vec::with_capacity(addrs.len());
    let mut j = 0;
    for &addr in addrs {
        let pairs = frames.get(j).is_some_and(|f| f.pc == addr || f.pc == addr.wrapping_sub(1));
        let end = if pairs { run_end(j) } else { j };
        slots.push(Slot { addr, frames: j..end });
        j = end;
    }
    if j == 0 && frames.iter().any(|f| !f.name.is_empty()) {
        slots.clear();
        while j < frames.len() {
            let end = run_end(j);
            slots.push(Slot { addr: frames[j].pc.wrapping_add(1), frames: j..end });
            j = end;
        }
    }
    slots
}

/// How many of the leading `frames` the runtime printed for one address: the run with one
/// PC (the frames inlined there, then the function that holds the code). A function
/// cannot be inlined into itself, so a name seen again in the run starts the next address:
/// a recursive call through one call site repeats the address and its frames (as
/// `runtime.doInit` does for nested package inits).
fn frames_at_one_address(frames: &[TextFrame]) -> usize {
    let Some(first) = frames.first() else { return 0 };
    let mut end = 1;
    while frames.get(end).is_some_and(|f| f.pc == first.pc && !frames[..end].iter().any(|g| g.name == f.name))
    {
        end += 1;
    }
    end
}

/// Whether the frames `inner` were inlined into the frames `outer` that follow them: both
/// are named, report the same function entry, and are different functions (a function
/// calling itself also repeats its entry, but it cannot be inlined into itself).
fn inlined_into(inner: &[TextFrame], outer: &[TextFrame]) -> bool {
    let (Some(i), Some(o)) = (inner.last(), outer.first()) else { return false };
    i.entry.is_some() && i.entry == o.entry && i.name != o.name && !i.name.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(pc: u64, name: &'static str, entry: u64) -> TextFrame<'static> {
        TextFrame { pc, name: name.as_bytes(), entry: Some(entry), file: b"a.go", line: 1 }
    }

    fn names(locs: &[Loc]) -> Vec<String> {
        locs.iter()
            .map(|l| {
                let n: Vec<String> = l.lines.iter().map(|f| String::from_utf8_lossy(f.name).into()).collect();
                if n.is_empty() {
                    format!("?{:#x}", l.address())
                } else {
                    n.join("+")
                }
            })
            .collect()
    }

    #[test]
    fn hidden_leaf_runtime_frames_go_and_goexit_is_named() {
        // A heap record: mallocgc and newobject are not printed, nor is goexit.
        let addrs = [0x100, 0x200, 0x301, 0x401, 0x501];
        let frames = [f(0x300, "main.leak", 0x2f0), f(0x400, "main.main", 0x3f0)];
        let locs = locations(&addrs, &frames);
        assert_eq!(names(&locs), ["main.leak", "main.main", "runtime.goexit"]);
        assert_eq!(locs[0].address(), 0x300);
        assert_eq!(locs[2].address(), 0x500);
    }

    #[test]
    fn inlined_frames_share_a_location() {
        // Lock was inlined into func1 (same entry); func1 was called by main.main.
        let addrs = [0x4bc0e7, 0x4bc0cb, 0x4bc60c, 0x461e81];
        let frames = [
            f(0x4bc0e6, "sync.(*Mutex).Lock", 0x4bc040),
            f(0x4bc0ca, "main.contend.func1", 0x4bc040),
            f(0x4bc60b, "main.main", 0x4bc520),
        ];
        let locs = locations(&addrs, &frames);
        assert_eq!(names(&locs), ["sync.(*Mutex).Lock+main.contend.func1", "main.main", "runtime.goexit"]);
        assert_eq!(locs[0].addrs, [0x4bc0e7, 0x4bc0cb]);
    }

    #[test]
    fn recursion_through_one_call_site_repeats_the_address() {
        // unicode.init, run by runtime.doInit, which ran itself from one call site (nested
        // package inits): the address and its `#` line appear twice in a row.
        let addrs = [0x40dc0e, 0x46a4f8, 0x444c46, 0x444b91, 0x444b91, 0x4379b3, 0x461e81];
        let frames = [
            f(0x46a4f7, "unicode.init", 0x469ba0),
            f(0x444c45, "runtime.doInit", 0x444b20),
            f(0x444b90, "runtime.doInit", 0x444b20),
            f(0x444b90, "runtime.doInit", 0x444b20),
            f(0x4379b2, "runtime.main", 0x4377e0),
        ];
        let want = [
            "unicode.init",
            "runtime.doInit",
            "runtime.doInit",
            "runtime.doInit",
            "runtime.main",
            "runtime.goexit",
        ];
        assert_eq!(names(&locations(&addrs, &frames)), want);
    }

    #[test]
    fn recursion_is_not_inlining() {
        let frames = [f(0x110, "main.fib", 0x100), f(0x120, "main.fib", 0x100)];
        assert_eq!(names(&locations(&[0x111, 0x121], &frames)), ["main.fib", "main.fib"]);
    }

    #[test]
    fn unnamed_addresses() {
        // No `#` lines at all: every address stays, unnamed.
        assert_eq!(names(&locations(&[0x11, 0x21], &[])), ["?0x10", "?0x20"]);
        // An unnamed address between named frames is not goexit.
        let frames = [f(0x10, "a", 0x0), f(0x30, "b", 0x20)];
        assert_eq!(names(&locations(&[0x11, 0x21, 0x31], &frames)), ["a", "?0x20", "b"]);
        // `#` lines that match no address (not the runtime's text) make the stack alone.
        assert_eq!(names(&locations(&[0x999], &frames)), ["a", "b"]);
        // A frame the runtime printed as its address alone stays, unnamed, even at the leaf.
        let zero = TextFrame { pc: 0x10, name: b"", entry: None, file: b"", line: 0 };
        assert_eq!(names(&locations(&[0x11, 0x31], &[zero, frames[1]])), ["?0x10", "b"]);
        // A record with no addresses and the runtime's `#\t0x0` line is the empty stack.
        assert!(locations(&[], &[TextFrame { pc: 0, ..zero }]).is_empty());
    }
}
