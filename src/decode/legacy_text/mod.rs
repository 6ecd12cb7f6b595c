//! The legacy text forms of Go's profiles, what `net/http/pprof` serves with `?debug=1`
//! and runtime/pprof writes with `WriteTo(w, 1)`: heap and allocs (`heap.rs`, with the
//! `runtime.MemStats` block, `memstats.rs`), block and mutex (`contention.rs`), and
//! threadcreate and other count profiles (`count.rs`). Goroutine profiles have a text form
//! of their own and are read as dumps (`decode::goroutines`).
//!
//! The form is sniffed from the first line. The numbers are those of `go tool pprof`'s
//! legacy parsers; the frames are named from the `#` lines the runtime writes under each
//! record, so no binary is needed (`stack.rs` says how, and where that differs from pprof
//! reading the text with the binary).

mod builder;
mod contention;
mod count;
mod cursor;
mod frames;
mod heap;
mod memstats;
mod records;
mod stack;

use super::reader::Reader;
use super::text::{lines, looks_like_text, Line};
use super::{DecodeError, Decoded};
use crate::model::Profile;

pub(crate) const READER: Reader = Reader {
    name: "the text (?debug=1) of heap, allocs, block, mutex and threadcreate profiles",
    sniff: |data| sniff(data).is_some(),
    read: |data| match sniff(data) {
        Some(form) => parse(data, form).map(Decoded::Profile),
        None => Err(super::reader::not_a_profile("the file is text")),
    },
};

/// Which legacy text a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextForm {
    Heap,
    Contention,
    Count,
}

/// The form of `data`, from its first non-blank line, or `None` when it is not one of
/// these texts (goroutine count profiles included: they are dumps). The header lines are
/// specific enough that only that line needs to be text: a stray byte further on is the
/// reader's to report, with its line.
pub fn sniff(data: &[u8]) -> Option<TextForm> {
    let (_, first) = content_lines(data).next()?;
    let first = first.text.trim_ascii();
    if !looks_like_text(first) {
        return None;
    }
    if heap::is_header(first) {
        Some(TextForm::Heap)
    } else if contention::is_header(first) {
        Some(TextForm::Contention)
    } else {
        let name = count::header(first)?;
        (name != b"goroutine" && name != b"goroutineleak").then_some(TextForm::Count)
    }
}

/// Reads a text of the given form (see [`sniff`]).
pub fn parse(data: &[u8], form: TextForm) -> Result<Profile, DecodeError> {
    let lines = content_lines(data);
    match form {
        TextForm::Heap => {
            let mut p = heap::parse(lines)?;
            p.memstats = memstats::parse(data);
            Ok(p)
        }
        TextForm::Contention => contention::parse(lines),
        TextForm::Count => count::parse(lines),
    }
}

/// The lines numbered from 1, from the first non-blank one.
fn content_lines(data: &[u8]) -> impl Iterator<Item = (usize, Line<'_>)> {
    lines(data).enumerate().map(|(i, l)| (i + 1, l)).skip_while(|(_, l)| l.text.trim_ascii().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"heap profile: 1: 2 [3: 4] @ heap/1024\n"), Some(TextForm::Heap));
        assert_eq!(sniff(b"\n--- mutex:\ncycles/second=1\n"), Some(TextForm::Contention));
        assert_eq!(sniff(b"--- contention:\r\n"), Some(TextForm::Contention));
        assert_eq!(sniff(b"threadcreate profile: total 6\n"), Some(TextForm::Count));
        assert_eq!(sniff(b"goroutine profile: total 6\n"), None);
        assert_eq!(sniff(b"hello\n"), None);
        assert_eq!(sniff(b"\x0a\x04heap profile: 1: 2 [3: 4] @ heap/1024\n"), None);
        assert_eq!(sniff(b"heap profile: 1: 2 [3: 4] @ heap/1024\n\x00\x01"), Some(TextForm::Heap));
    }
}
