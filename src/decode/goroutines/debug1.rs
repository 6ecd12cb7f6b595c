//! `?debug=1` dumps: runtime/pprof's count profile as text. A header `goroutine profile:
//! total N` (or `goroutineleak profile: …`), then one record per distinct stack:
//!
//! ```text
//! 1238 @ 0x4399d6 0x40653b 0x680657 0x469801
//! # labels: {"k":"v"}
//! #<TAB>0x680656<TAB>main.awaitConfirmation+0x36<TAB>inventory-server/main.go:166
//! ```
//!
//! The `#` lines are aligned by a tabwriter, so fields are separated by one or more tabs.
//! A record may have no frame lines at all. Records have no wait state.

use super::builder::{DumpBuilder, MAX_COUNT};
use super::labels::parse_labels;
use crate::decode::text::{find, lines, parse_u64};
use crate::model::goroutines::{Dump, DumpForm, Extra, Flags, FrameKind, FrameRef, Goroutine};
use crate::model::{LabelSetId, StrId};

pub(super) fn parse(text: &[u8]) -> Dump {
    let mut b = DumpBuilder::new();
    let mut frames: Vec<FrameRef> = Vec::new();
    let mut record: Option<Record> = None;
    let (mut total, mut leak, mut cut) = (None, false, false);
    for line in lines(text) {
        cut |= !line.terminated;
        let text = line.text;
        if total.is_none() && record.is_none() {
            if let Some((name, n)) = profile_header(text) {
                total = Some(n);
                leak = name == b"goroutineleak";
                continue;
            }
        }
        if let Some(r) = record_header(text) {
            finish(&mut b, record.take(), &mut frames);
            record = Some(Record { count: r.min(MAX_COUNT), labels: LabelSetId(0), unknown: None });
        } else if text.is_empty() {
            finish(&mut b, record.take(), &mut frames);
        } else if let (Some(rec), Some(rest)) = (record.as_mut(), text.strip_prefix(b"#")) {
            if let Some(l) = rest.strip_prefix(b" labels:") {
                match parse_labels(l) {
                    Some(pairs) => rec.labels = b.labels(&pairs),
                    None => rec.unknown = Some(b.bytes(l.trim_ascii())),
                }
            } else if let Some(f) = frame(&mut b, rest) {
                frames.push(f);
            }
        }
    }
    let had_cut_record = cut && record.is_some();
    finish(&mut b, record, &mut frames);
    if had_cut_record {
        if let Some(g) = b.goroutines.last_mut() {
            g.flags.set(Flags::CUT);
        }
    }
    let counted: u64 = b.goroutines.iter().map(|g| g.count).sum();
    let short = total.is_some_and(|t| counted < t);
    b.finish(DumpForm::Debug1, total, cut || short, leak)
}

struct Record {
    count: u64,
    labels: LabelSetId,
    /// A labels line that could not be read, verbatim.
    unknown: Option<StrId>,
}

fn finish(b: &mut DumpBuilder, record: Option<Record>, frames: &mut Vec<FrameRef>) {
    let Some(r) = record else { return };
    let stack = b.stack(frames);
    frames.clear();
    let extra = b.extra(Extra { unknown: r.unknown.into_iter().collect(), ..Extra::default() });
    b.goroutines.push(Goroutine {
        id: None,
        count: r.count,
        state: StrId::EMPTY,
        wait_minutes: None,
        flags: Flags::default(),
        bubble: None,
        labels: r.labels,
        stack,
        created_by: None,
        extra,
    });
}

/// `goroutine profile: total 1250` → (`goroutine`, 1250).
pub(super) fn profile_header(line: &[u8]) -> Option<(&[u8], u64)> {
    let at = find(line, b" profile: total ")?;
    let n = parse_u64(&line[at + b" profile: total ".len()..])?;
    Some((&line[..at], n))
}

/// `1238 @ 0x4399d6 0x40653b` → 1238.
fn record_header(line: &[u8]) -> Option<u64> {
    let at = find(line, b" @")?;
    let rest = &line[at + 2..];
    if !(rest.is_empty() || rest.starts_with(b" ")) {
        return None;
    }
    parse_u64(&line[..at])
}

/// `\t0x680656\tmain.awaitConfirmation+0x36\tinventory-server/main.go:166` → the frame.
/// An unsymbolized frame (`\t0x4a2a27` alone) is named by its address.
fn frame<'a>(b: &mut DumpBuilder<'a>, rest: &'a [u8]) -> Option<FrameRef> {
    let mut fields = rest.split(|&c| c == b'\t').filter(|f| !f.is_empty());
    let pc = fields.next()?;
    let Some(function) = fields.next() else {
        return Some(b.frame(pc, b"", FrameKind::Call));
    };
    let name = match find(function, b"+0x") {
        Some(at) => &function[..at],
        None => function,
    };
    let location = fields.next().unwrap_or_default();
    Some(b.frame(name, location, FrameKind::Call))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(profile_header(b"goroutineleak profile: total 3"), Some((&b"goroutineleak"[..], 3)));
        assert_eq!(record_header(b"1238 @ 0x4399d6 0x40653b"), Some(1238));
        assert_eq!(record_header(b"7 @"), Some(7));
        assert_eq!(record_header(b"x @ 0x1"), None);
        assert_eq!(record_header(b"1 @0x1"), None);
    }
}
