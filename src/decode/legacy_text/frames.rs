//! The `#` lines under a record, which runtime/pprof's `printStackRecord` writes from
//! `runtime.CallersFrames`: one per frame, innermost first, fields separated by tabs (a
//! tabwriter aligns them, so there may be several):
//!
//! ```text
//! #    0x4bc0e6    sync.(*Mutex).Lock+0xa6    /usr/lib/go/src/sync/mutex.go:90
//! #    0x0
//! ```
//!
//! The address is the frame's PC (the call instruction's, one below the return address
//! in the record line); `+0x…` is its offset from the entry of the function that holds
//! the code, which for an inlined frame is the function it was inlined into. A frame the
//! runtime cannot name is printed as its address alone.

use crate::decode::text::{parse_hex, split_file_line};

/// One `#` line, borrowed from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct TextFrame<'a> {
    pub pc: u64,
    /// Empty when the runtime printed the address alone.
    pub name: &'a [u8],
    /// The entry of the physical function holding the code (`pc` − offset), when the
    /// offset was printed. Frames inlined into one function share it.
    pub entry: Option<u64>,
    pub file: &'a [u8],
    pub line: u32,
}

/// Parses the text after `#`; `None` when it is not a frame (`# labels: …`, the MemStats
/// block, any other comment).
pub(super) fn parse_frame(rest: &[u8]) -> Option<TextFrame<'_>> {
    let mut fields = rest.split(|&c| c == b'\t').map(<[u8]>::trim_ascii).filter(|f| !f.is_empty());
    let pc = parse_hex(fields.next()?)?;
    let mut frame = TextFrame { pc, name: b"", entry: None, file: b"", line: 0 };
    let Some(function) = fields.next() else { return Some(frame) };
    frame.name = function;
    if let Some(at) = memchr::memmem::rfind(function, b"+0x") {
        if let Some(off) = parse_hex(&function[at + 1..]) {
            frame.name = &function[..at];
            frame.entry = pc.checked_sub(off);
        }
    }
    if let Some(location) = fields.next() {
        (frame.file, frame.line) = split_file_line(location);
    }
    Some(frame)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbolized_frame() {
        let f = parse_frame(b"\t0x4bc0e6\tsync.(*Mutex).Lock+0xa6\t\t/go/src/sync/mutex.go:90").unwrap();
        assert_eq!(f.pc, 0x4bc0e6);
        assert_eq!(f.name, b"sync.(*Mutex).Lock");
        assert_eq!(f.entry, Some(0x4bc040));
        assert_eq!((f.file, f.line), (&b"/go/src/sync/mutex.go"[..], 90));
    }

    #[test]
    fn address_only_and_odd_frames() {
        let f = parse_frame(b"\t0x0").unwrap();
        assert_eq!((f.pc, f.name, f.entry), (0, &b""[..], None));
        let f = parse_frame(b"\t0x10\tC:/x.go.func1\tC:/src/x.go").unwrap();
        assert_eq!((f.name, f.entry, f.file, f.line), (&b"C:/x.go.func1"[..], None, &b"C:/src/x.go"[..], 0));
        // An offset larger than the PC cannot give an entry.
        assert_eq!(parse_frame(b"\t0x10\tf+0x20\ta.go:1").unwrap().entry, None);
    }

    #[test]
    fn comments_are_not_frames() {
        for line in [&b" runtime.MemStats"[..], b" Alloc = 5", b" labels: {\"a\":\"b\"}", b"", b"\t0xZZ\tf"] {
            assert_eq!(parse_frame(line), None, "{}", String::from_utf8_lossy(line));
        }
    }
}
