//! The text form of count profiles other than goroutines: threadcreate
//! (`/debug/pprof/threadcreate?debug=1`) and profiles a program makes with
//! `pprof.NewProfile`.
//!
//! ```text
//! threadcreate profile: total 6
//! 5 @
//! #    0x0
//!
//! 1 @ 0x43aed5 0x43b6db 0x4bc478 0x461e81
//! #    0x4bc477    main.lockedThreads.func1+0x57    /src/main.go:111
//! ```
//!
//! One sample type, `NAME/count`, period 1, as pprof's `parseGoCount` reads it. Go writes
//! records with no address (`5 @`, threads whose creation was not recorded), which pprof
//! refuses as malformed; here they are samples with an empty stack, so the total matches
//! the header. Goroutine profiles (`goroutine profile: total N`) are read as goroutine
//! dumps instead (`decode::goroutines`).

use super::builder::Builder;
use super::cursor::Cursor;
use super::records::{read_records, Form, Record};
use crate::decode::text::{bad_line, Line};
use crate::decode::DecodeError;
use crate::model::{Format, Profile};

/// The profile's name from a header `NAME profile: total N`, pprof's
/// `\A(\S+) profile: total \d+\z`.
pub(super) fn header(line: &[u8]) -> Option<&[u8]> {
    let space = memchr::memchr(b' ', line)?;
    let (name, rest) = line.split_at(space);
    let mut c = Cursor::new(rest);
    c.lit(b" profile: total ")?.digits()?;
    (c.rest().is_empty() && !name.is_empty() && !name.contains(&b'\t')).then_some(name)
}

/// Reads the text (its first non-blank line is the header).
pub(super) fn parse<'a>(mut lines: impl Iterator<Item = (usize, Line<'a>)>) -> Result<Profile, DecodeError> {
    let (number, first) =
        lines.next().ok_or_else(|| DecodeError::Truncated("no count profile header".into()))?;
    let name = header(first.text.trim_ascii())
        .ok_or_else(|| bad_line(CountForm::NAME, number, first, "not a header (`NAME profile: total N`)"))?;
    let name = String::from_utf8_lossy(name);
    let mut b = Builder::new(&[(&name, "count")], (&name, "count"), 1);
    read_records(lines, &mut CountForm, &mut b)?;
    let mut p = b.finish();
    p.format = Format::CountText;
    Ok(p)
}

struct CountForm;

impl<'a> Form<'a> for CountForm {
    const NAME: &'static str = "count profile";

    /// `1 @ 0x43aed5 0x43b6db`, or `5 @` with no address.
    fn record(&mut self, _b: &mut Builder<'a>, line: &'a [u8]) -> Result<Record, String> {
        let mut c = Cursor::new(line);
        let n = c.uint()?;
        c.lit(b" @").ok_or("not a count record (`N @ 0x…`)")?;
        let addrs = c.addresses()?;
        Ok(Record { values: vec![n], addrs, labels: Vec::new() })
    }

    fn ends(&self, line: &[u8]) -> bool {
        line.starts_with(b"---")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(header(b"threadcreate profile: total 6"), Some(&b"threadcreate"[..]));
        assert_eq!(header(b"my.custom profile: total 0"), Some(&b"my.custom"[..]));
        for bad in [
            &b"threadcreate profile: total"[..],
            b"a b profile: total 1",
            b" profile: total 1",
            b"x profile: total 1 ",
        ] {
            assert_eq!(header(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }
}
