//! The header line of a debug=2 goroutine block, as the runtime's `goroutineheader` has
//! printed it from Go 1.17 to 1.27:
//!
//! ```text
//! goroutine ID[ gp=0x… m=N mp=0x…] [STATE[ (leaked)][ (scan)][ (durable)][, N minutes]
//!     [, locked to thread][, synctest bubble N][ labels:{"k": "v"}]]:
//! ```
//!
//! `gp=`/`m=` appear in crash dumps (a fatal error, or GOTRACEBACK=system and above). The
//! state is the wait reason when the goroutine waits (`chan receive`, `select (no cases)`,
//! `sync.Mutex.Lock`), otherwise its status (`running`, `runnable`, `syscall`). Some wait
//! reasons end in a parenthesis themselves, so only the flags named above are taken off
//! the end; any other part is kept verbatim.

use super::lines::{find, parse_u64};
use crate::model::goroutines::Flags;

/// Wait reasons whose own name ends in ` (durable)` (Go 1.25+, inside a synctest bubble);
/// for these the suffix is part of the state, not the flag the runtime adds to others.
const DURABLE_REASONS: [&[u8]; 4] = [b"chan receive", b"chan send", b"select", b"sync.WaitGroup.Wait"];

/// The parts of a header line, borrowed from the text.
#[derive(Debug, PartialEq, Eq, Default)]
pub(super) struct Header<'a> {
    pub id: u64,
    /// `gp=0x… m=N mp=0x…`, or empty.
    pub thread: &'a [u8],
    pub state: &'a [u8],
    pub flags: Flags,
    pub minutes: Option<u32>,
    pub bubble: Option<u64>,
    /// The text of `labels:{…}`, braces included.
    pub labels: Option<&'a [u8]>,
    /// Parts this parser does not know, verbatim.
    pub unknown: Vec<&'a [u8]>,
}

/// Parses `line` as a header, or `None` when it is not one.
pub(super) fn parse_header(line: &[u8]) -> Option<Header<'_>> {
    let rest = line.strip_prefix(b"goroutine ")?;
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    let id = parse_u64(&rest[..digits])?;
    let rest = rest[digits..].strip_prefix(b" ")?;
    let inner_with_end = rest.strip_suffix(b"]:")?;
    let open = memchr::memchr(b'[', inner_with_end)?;
    let thread = inner_with_end[..open].trim_ascii();
    if !thread.is_empty() && !thread.starts_with(b"gp=") {
        return None;
    }
    let mut h = Header { id, thread, ..Header::default() };
    let mut inner = &inner_with_end[open + 1..];
    if let Some(at) = labels_start(inner) {
        h.labels = Some(&inner[at + b"labels:".len()..]);
        inner = inner[..at].trim_ascii_end();
    }
    let mut parts = inner.split_str(b", ");
    h.state = strip_flags(parts.next().unwrap_or_default(), &mut h.flags);
    for part in parts {
        if let Some(n) = part.strip_suffix(b" minutes").or_else(|| part.strip_suffix(b" minute")) {
            if let Some(n) = parse_u64(n) {
                h.minutes = Some(n.min(u32::MAX as u64) as u32);
                continue;
            }
        }
        if part == b"locked to thread" {
            h.flags.set(Flags::LOCKED);
        } else if let Some(n) = part.strip_prefix(b"synctest bubble ").and_then(parse_u64) {
            h.bubble = Some(n);
        } else {
            h.unknown.push(part);
        }
    }
    Some(h)
}

/// Where `labels:{` starts: at the start, or after a space.
fn labels_start(inner: &[u8]) -> Option<usize> {
    if inner.starts_with(b"labels:{") {
        return Some(0);
    }
    find(inner, b" labels:{").map(|i| i + 1)
}

/// Takes the status flags off the end of the state.
fn strip_flags<'a>(mut state: &'a [u8], flags: &mut Flags) -> &'a [u8] {
    loop {
        if let Some(s) = state.strip_suffix(b" (scan)") {
            flags.set(Flags::SCAN);
            state = s;
        } else if let Some(s) = state.strip_suffix(b" (leaked)") {
            flags.set(Flags::LEAKED);
            state = s;
        } else if let Some(s) = state.strip_suffix(b" (durable)").filter(|s| !DURABLE_REASONS.contains(s)) {
            flags.set(Flags::DURABLE);
            state = s;
        } else {
            return state;
        }
    }
}

/// Splitting a byte slice on a separator of several bytes.
trait SplitStr {
    fn split_str<'a>(&'a self, sep: &'a [u8]) -> impl Iterator<Item = &'a [u8]>;
}

impl SplitStr for [u8] {
    fn split_str<'a>(&'a self, sep: &'a [u8]) -> impl Iterator<Item = &'a [u8]> {
        let mut rest = Some(self);
        std::iter::from_fn(move || {
            let r = rest?;
            match find(r, sep) {
                Some(i) => {
                    rest = Some(&r[i + sep.len()..]);
                    Some(&r[..i])
                }
                None => {
                    rest = None;
                    Some(r)
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(line: &str) -> Header<'_> {
        parse_header(line.as_bytes()).unwrap_or_else(|| panic!("not a header: {line}"))
    }

    #[test]
    fn plain_and_minutes() {
        let x = h("goroutine 18 [select, 1 minutes]:");
        assert_eq!((x.id, x.state, x.minutes), (18, &b"select"[..], Some(1)));
        let x = h("goroutine 1 [running]:");
        assert_eq!((x.state, x.minutes, x.flags), (&b"running"[..], None, Flags::default()));
    }

    #[test]
    fn reasons_with_parentheses_stay_whole() {
        assert_eq!(h("goroutine 22 [select (no cases), 3 minutes]:").state, b"select (no cases)");
        assert_eq!(h("goroutine 5 [chan receive (nil chan)]:").state, b"chan receive (nil chan)");
        let x = h("goroutine 5 [chan receive (durable)]:");
        assert_eq!((x.state, x.flags.has(Flags::DURABLE)), (&b"chan receive (durable)"[..], false));
    }

    #[test]
    fn flags_bubble_thread_and_labels() {
        let x = h("goroutine 7 gp=0xc000007a0 m=3 mp=0xc000080008 [sleep (leaked) (scan) (durable), 12 minutes, locked to thread, synctest bubble 4 labels:{\"a\": \"b]:\"}]:");
        assert_eq!(x.thread, b"gp=0xc000007a0 m=3 mp=0xc000080008");
        assert_eq!(x.state, b"sleep");
        for f in [Flags::LEAKED, Flags::SCAN, Flags::DURABLE, Flags::LOCKED] {
            assert!(x.flags.has(f));
        }
        assert_eq!((x.minutes, x.bubble), (Some(12), Some(4)));
        assert_eq!(x.labels, Some(&br#"{"a": "b]:"}"#[..]));
        assert!(x.unknown.is_empty());
    }

    #[test]
    fn unknown_parts_are_kept() {
        let x = h("goroutine 9 [running, on fire]:");
        assert_eq!(x.unknown, vec![&b"on fire"[..]]);
        assert_eq!(h("goroutine 8 [running labels:{\"t\": \"x\"}]:").state, b"running");
    }

    #[test]
    fn not_headers() {
        for line in [
            "goroutine profile: total 5",
            "goroutine 1 [running]",
            "goroutine x [running]:",
            "goroutine 1 junk [x]:",
        ] {
            assert_eq!(parse_header(line.as_bytes()), None, "{line}");
        }
    }
}
