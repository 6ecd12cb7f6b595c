//! The body shared by the legacy texts: record lines, each followed by its `#` frame
//! lines. Blank lines and other comments are skipped, as pprof skips them. A line that is
//! neither a record nor a comment is an error naming the line (pprof refuses such files
//! too), or "truncated" when it is the last line and has no newline.

use super::builder::Builder;
use super::frames::{parse_frame, TextFrame};
use super::stack::locations;
use crate::decode::text::{bad_line, Line};
use crate::decode::DecodeError;
use crate::model::Label;

/// What a form makes of one record line.
pub(super) struct Record {
    /// One value per sample type, already unsampled as pprof does.
    pub values: Vec<i64>,
    /// The return addresses after `@`, innermost first.
    pub addrs: Vec<u64>,
    pub labels: Vec<Label>,
}

/// One of the legacy forms: how its record lines read, and what ends them.
pub(super) trait Form<'a> {
    /// What the records are called in messages: `heap profile`, …
    const NAME: &'static str;

    /// Parses a record line (trimmed), or says what is wrong with it.
    fn record(&mut self, b: &mut Builder<'a>, line: &'a [u8]) -> Result<Record, String>;

    /// Whether `line` (trimmed) ends the records. pprof stops at a line starting with
    /// `---` in the contention and count forms, and at a memory map in all of them.
    fn ends(&self, line: &[u8]) -> bool;
}

/// Reads the records of `lines` (numbered from 1) into `b`.
pub(super) fn read_records<'a, F: Form<'a>>(
    lines: impl Iterator<Item = (usize, Line<'a>)>,
    form: &mut F,
    b: &mut Builder<'a>,
) -> Result<(), DecodeError> {
    let mut open: Option<Record> = None;
    let mut frames: Vec<TextFrame<'a>> = Vec::new();
    let flush = |b: &mut Builder<'a>, open: &mut Option<Record>, frames: &mut Vec<TextFrame<'a>>| {
        if let Some(r) = open.take() {
            b.add(&r.values, locations(&r.addrs, frames), &r.labels);
        }
        frames.clear();
    };
    for (number, line) in lines {
        let text = line.text.trim_ascii();
        if text.is_empty() {
            flush(b, &mut open, &mut frames);
            continue;
        }
        if let Some(rest) = text.strip_prefix(b"#") {
            if let (Some(_), Some(f)) = (&open, parse_frame(rest)) {
                frames.push(f);
            }
            continue;
        }
        if is_memory_map(text) || form.ends(text) {
            break;
        }
        flush(b, &mut open, &mut frames);
        match form.record(b, text) {
            Ok(r) => open = Some(r),
            Err(why) => return Err(bad_line(F::NAME, number, line, &why)),
        }
    }
    flush(b, &mut open, &mut frames);
    Ok(())
}

/// pprof's markers of a memory map section, after which no record follows.
fn is_memory_map(line: &[u8]) -> bool {
    let has = |s: &[u8]| memchr::memmem::find(line, s).is_some();
    has(b"--- Memory map: ---") || has(b"MAPPED_LIBRARIES:")
}
