//! Goroutine dumps. As text: `?debug=2` (one block per goroutine, and crash tracebacks) and
//! `?debug=1` (goroutines counted by stack). The form is sniffed from the content, never
//! the file name. Reading never fails: lines this reader does not know are skipped, and a
//! dump cut off mid-block is read up to the cut and marked truncated. The proto form is
//! decoded as a profile first, then read by [`dump_from_profile`].

mod builder;
mod debug1;
mod debug2;
mod header;
mod labels;
mod proto;

pub use proto::dump_from_profile;

use crate::decode::reader::Reader;
use crate::decode::Decoded;
use crate::model::goroutines::{Dump, DumpForm};

pub(crate) const READER: Reader = Reader {
    name: "goroutine dumps (?debug=1, ?debug=2, crash tracebacks)",
    sniff: |data| sniff(data).is_some(),
    read: |data| Ok(Decoded::Goroutines(parse(data, sniff(data).unwrap_or(DumpForm::Debug2)))),
};

/// How far into a file the sniffer looks for a goroutine header (a crash log may have a
/// panic message and some output before it).
const SNIFF_LEN: usize = 64 << 10;

/// Which text form `data` is in, or `None` when it is not a goroutine dump.
///
/// A dump is text: the sniffer first refuses data with control bytes (a profile.proto
/// has them from its first bytes). debug=1 starts with `NAME profile: total N`; debug=2
/// has a line `goroutine N [` (or `goroutine N gp=`) near the start.
pub fn sniff(data: &[u8]) -> Option<DumpForm> {
    let head = &data[..data.len().min(SNIFF_LEN)];
    if !crate::decode::text::looks_like_text(head) {
        return None;
    }
    let first = head.trim_ascii_start();
    let first_line = first.split(|&c| c == b'\n').next().unwrap_or_default();
    if debug1::profile_header(first_line.trim_ascii_end()).is_some() {
        return Some(DumpForm::Debug1);
    }
    let has_header = head.split(|&c| c == b'\n').any(|line| {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        line.starts_with(b"goroutine ") && header::parse_header(line).is_some()
    });
    has_header.then_some(DumpForm::Debug2)
}

/// Reads a text dump in the given form (see [`sniff`]).
pub fn parse(data: &[u8], form: DumpForm) -> Dump {
    match form {
        DumpForm::Debug1 => debug1::parse(data),
        _ => debug2::parse(data),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"goroutine 1 [running]:\nmain.main()\n"), Some(DumpForm::Debug2));
        assert_eq!(sniff(b"panic: boom\n\ngoroutine 1 [running]:\n"), Some(DumpForm::Debug2));
        assert_eq!(sniff(b"goroutine profile: total 3\n"), Some(DumpForm::Debug1));
        assert_eq!(sniff(b"goroutineleak profile: total 0\n"), Some(DumpForm::Debug1));
        assert_eq!(sniff(b"\x0a\x04\x08\x01\x10\x02goroutine 1 [running]:\n"), None);
        assert_eq!(sniff(b"hello\n"), None);
        assert_eq!(sniff(b""), None);
    }
}
