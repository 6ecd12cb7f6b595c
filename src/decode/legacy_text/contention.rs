//! The text form of block and mutex profiles (`/debug/pprof/block?debug=1`, `mutex`):
//!
//! ```text
//! --- mutex:
//! cycles/second=2445505852
//! sampling period=3
//! 1406055182 525 @ 0x4bc112 0x4bc0f9 0x461e81
//! #    0x4bc111    sync.(*Mutex).Unlock+0xd1    /go/src/sync/mutex.go:223
//! ```
//!
//! Each record is `cycles count @ addresses`. The numbers are pprof's (`parseContention`):
//! the sample types are `contentions/count` and `delay/nanoseconds` (the default), the
//! period is the `sampling period` (1 when absent: block profiles have none), and when the
//! period is above 0 each record is unsampled: `contentions = count × period` and, when
//! `cycles/second` is known, `delay = cycles × period / (cycles/second / 10⁹)` ns. With a
//! period of 0 (mutex profiling was off) the raw numbers are kept, cycles as the delay.
//!
//! Attributes before the records are `key=value` lines. pprof refuses keys it does not
//! know; they are skipped here, so a newer runtime's additions do not stop the file from
//! opening. pprof's frames to drop for these profiles are C++ lock internals, which never
//! appear in a Go profile's `#` lines, so none are set.

use super::builder::Builder;
use super::cursor::Cursor;
use super::records::{read_records, Form, Record};
use crate::decode::text::{bad_line, Line};
use crate::decode::DecodeError;
use crate::model::{Format, Profile};
use std::iter::Peekable;

/// What this form is called in messages.
const WHAT: &str = "contention profile";

/// Whether `line` is a contention profile header: Go's `--- contention:` (block) and
/// `--- mutex:`, or the C++ `--- contentionz ` that pprof also reads.
pub(super) fn is_header(line: &[u8]) -> bool {
    [&b"--- contention:"[..], b"--- mutex:", b"--- contentionz "].iter().any(|h| line.starts_with(h))
}

/// Reads the text (its first non-blank line is the header).
pub(super) fn parse<'a>(lines: impl Iterator<Item = (usize, Line<'a>)>) -> Result<Profile, DecodeError> {
    let mut lines = lines.peekable();
    lines.next();
    let a = attributes(&mut lines)?;
    let types = [("contentions", "count"), ("delay", "nanoseconds")];
    let mut b = Builder::new(&types, ("contentions", "count"), a.period);
    b.profile.duration_nanos = a.duration_nanos;
    let mut form = ContentionForm { period: a.period, cycles_per_second: a.cycles_per_second };
    read_records(lines, &mut form, &mut b)?;
    let mut p = b.finish();
    p.format = Format::ContentionText;
    Ok(p)
}

/// The `key=value` lines before the records.
struct Attributes {
    cycles_per_second: i64,
    period: i64,
    duration_nanos: i64,
}

/// Reads attribute lines, leaving the first line that is not one (a record) in `lines`.
fn attributes<'a, I>(lines: &mut Peekable<I>) -> Result<Attributes, DecodeError>
where
    I: Iterator<Item = (usize, Line<'a>)>,
{
    let mut a = Attributes { cycles_per_second: 0, period: 1, duration_nanos: 0 };
    while let Some(&(number, line)) = lines.peek() {
        let text = line.text.trim_ascii();
        if text.starts_with(b"---") {
            break;
        }
        if !text.is_empty() && !text.starts_with(b"#") {
            let Some(eq) = memchr::memchr(b'=', text) else { break };
            let (key, value) = (text[..eq].trim_ascii(), text[eq + 1..].trim_ascii());
            let value =
                || parse_go_int(value).ok_or_else(|| bad_line(WHAT, number, line, "not a whole number"));
            match key {
                b"cycles/second" => a.cycles_per_second = value()?,
                b"sampling period" => a.period = value()?,
                b"ms since reset" => a.duration_nanos = value()?.wrapping_mul(1_000_000),
                _ => {}
            }
        }
        lines.next();
    }
    Ok(a)
}

/// A whole number as Go's `strconv.ParseInt(s, 0, 64)` reads the ones runtimes write:
/// decimal, or hex after `0x`.
fn parse_go_int(text: &[u8]) -> Option<i64> {
    if let Some(hex) = text.strip_prefix(b"0x") {
        return i64::from_str_radix(std::str::from_utf8(hex).ok()?, 16)
            .ok()
            .filter(|_| !hex.starts_with(b"+"));
    }
    let mut c = Cursor::new(text);
    c.int().ok().filter(|_| c.rest().is_empty())
}

struct ContentionForm {
    period: i64,
    cycles_per_second: i64,
}

impl<'a> Form<'a> for ContentionForm {
    const NAME: &'static str = WHAT;

    /// `1406055182 525 @ 0x4bc112 0x4bc0f9 0x461e81`
    fn record(&mut self, _b: &mut Builder<'a>, line: &'a [u8]) -> Result<Record, String> {
        const WANT: &str = "not a contention record (`CYCLES COUNT @ 0x…`)";
        let mut c = Cursor::new(line);
        let mut cycles = c.uint()?;
        let mut count = c.spaces().uint()?;
        c.lit(b" @").ok_or(WANT)?;
        let addrs = c.addresses()?;
        if self.period > 0 {
            if self.cycles_per_second > 0 {
                let ghz = self.cycles_per_second as f64 / 1e9;
                cycles = (cycles as f64 * self.period as f64 / ghz) as i64;
            }
            count = count.wrapping_mul(self.period);
        }
        Ok(Record { values: vec![count, cycles], addrs, labels: Vec::new() })
    }

    fn ends(&self, line: &[u8]) -> bool {
        line.starts_with(b"---")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_ints() {
        assert_eq!(parse_go_int(b"2445505852"), Some(2445505852));
        assert_eq!(parse_go_int(b"0x10"), Some(16));
        assert_eq!(parse_go_int(b"-3"), Some(-3));
        for bad in [&b"3x"[..], b"", b"0x", b"0x+1", b"1e9"] {
            assert_eq!(parse_go_int(bad), None);
        }
    }
}
