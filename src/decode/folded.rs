//! Folded stacks, as inferno, Brendan Gregg's `stackcollapse-*`, py-spy `--format raw`,
//! async-profiler `collapsed` and `proflens folded` write them: one line per stack, frames
//! root first separated by `;`, then its values.
//!
//! ```text
//! main;parse;read_file 12 5
//! main;run;memcpy_[k]  7 3
//! ```
//!
//! Values: the last whitespace-separated tokens that are whole numbers, as many as on the
//! first stack line (a line with fewer is corrupt), so a frame name may hold spaces. A tab
//! before them, as `proflens folded` writes, works too, and the header line that
//! `proflens folded` writes (`# folded stacks root;...;leaf<TAB>samples/count …`) names
//! the sample types; without it one column is `samples/count`, several are `column_1`,
//! `column_2`, … Other `#` lines and blank lines are skipped.
//!
//! Annotations: a frame ending in `_[i]` was inlined into the frame before it (its
//! caller): the two become one location, the inlined one its innermost line. `_[k]`
//! (kernel) and `_[j]` (JIT) stay in the frame's name, so that `--hide '_\[k\]'` hides
//! kernel frames and the folded output matches inferno's.

use super::builder::{FrameLine, ProfileBuilder, NO_MAPPING};
use super::reader::Reader;
use super::text::{bad_line, lines, looks_like_text, parse_u64, Line};
use super::{DecodeError, Decoded};
use crate::folded_syntax;
use crate::model::{Format, LabelSetId, Profile, StackId, StrId};
use rustc_hash::FxHashMap;

pub(crate) const READER: Reader = Reader {
    name: "folded stacks (`a;b;c N`, several value columns)",
    sniff,
    read: |data| read(data).map(Decoded::Profile),
};

const WHAT: &str = "folded stacks";
const HEADER: &[u8] = b"# folded stacks root;...;leaf<TAB>";
const INLINED: &[u8] = b"_[i]";

fn sniff(data: &[u8]) -> bool {
    let head = &data[..data.len().min(super::text::TEXT_PROBE)];
    if !looks_like_text(head) {
        return false;
    }
    match stack_lines(data).next() {
        Some((_, first)) => {
            split(first.text, None).is_some_and(|(stack, _)| !stack.is_empty() || has_tab(first.text))
        }
        None => data.trim_ascii_start().starts_with(HEADER),
    }
}

/// The lines with a stack, numbered from 1.
fn stack_lines(data: &[u8]) -> impl Iterator<Item = (usize, Line<'_>)> {
    lines(data).enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| {
        let t = l.text.trim_ascii();
        !t.is_empty() && !t.starts_with(b"#")
    })
}

fn read(data: &[u8]) -> Result<Profile, DecodeError> {
    let mut columns: Option<usize> = None;
    let mut reader: Option<Folded> = None;
    for (number, line) in stack_lines(data) {
        let Some((stack, values)) = split(line.text, columns) else {
            let why = match columns {
                Some(c) => format!("{c} values expected at the end of the line, as on the first one"),
                None => "no value at the end of the line".into(),
            };
            return Err(bad_line(WHAT, number, line, &why));
        };
        let n = tokens(values).count();
        if columns.is_some_and(|c| c != n) {
            let why = format!("{n} values where the first line has {}", columns.unwrap_or(0));
            return Err(bad_line(WHAT, number, line, &why));
        }
        columns = Some(n);
        let r = reader.get_or_insert_with(|| Folded::new(header_types(data, Some(n))));
        r.values.clear();
        for v in tokens(values) {
            r.values.push(
                parse_i64(v).ok_or_else(|| bad_line(WHAT, number, line, "a value is not a whole number"))?,
            );
        }
        r.add(stack);
    }
    // A file of no stacks (our folded output of an empty profile) keeps the header's types.
    Ok(reader.unwrap_or_else(|| Folded::new(header_types(data, None))).finish())
}

fn has_tab(line: &[u8]) -> bool {
    memchr::memchr(b'\t', line).is_some()
}

/// Splits a line into its stack and the text of its values: after the last tab if it has
/// one, otherwise the trailing whole numbers (`columns` of them once the first line set
/// it). `None` when there is no value.
fn split(line: &[u8], columns: Option<usize>) -> Option<(&[u8], &[u8])> {
    let line = line.trim_ascii_end();
    let stack_end = match memchr::memrchr(b'\t', line) {
        Some(tab) => tab,
        None => {
            let mut end = line.len();
            let mut found = 0;
            while columns.is_none_or(|c| found < c) {
                let start = line[..end].iter().rposition(|&c| c == b' ').map_or(0, |i| i + 1);
                if start == 0 || parse_i64(&line[start..end]).is_none() {
                    break;
                }
                found += 1;
                end = line[..start].trim_ascii_end().len();
            }
            if found == 0 || columns.is_some_and(|c| found < c) {
                return None;
            }
            end
        }
    };
    let values = &line[stack_end..];
    tokens(values).next()?;
    Some((line[..stack_end].trim_ascii_end(), values))
}

fn tokens(values: &[u8]) -> impl Iterator<Item = &[u8]> + Clone {
    values.split(|&c| c == b' ' || c == b'\t').filter(|t| !t.is_empty())
}

fn parse_i64(token: &[u8]) -> Option<i64> {
    match token.strip_prefix(b"-") {
        Some(digits) => parse_u64(digits).and_then(|v| i64::try_from(v).ok()).map(|v| -v),
        None => parse_u64(token).and_then(|v| i64::try_from(v).ok()),
    }
}

/// The sample types: from `proflens folded`'s header when it names `n` of them (any
/// number for `None`).
fn header_types(data: &[u8], n: Option<usize>) -> Vec<(String, String)> {
    let first = lines(data).map(|l| l.text.trim_ascii()).find(|t| !t.is_empty()).unwrap_or_default();
    if let Some(rest) = first.strip_prefix(HEADER) {
        let list = rest.split(|&c| c == b'(').next().unwrap_or_default();
        let named: Vec<(String, String)> = String::from_utf8_lossy(list)
            .split_whitespace()
            .map(|t| match t.rsplit_once('/') {
                Some((ty, unit)) => (ty.to_string(), unit.to_string()),
                None => (t.to_string(), "count".to_string()),
            })
            .collect();
        if n.is_none_or(|n| n == named.len()) {
            return named;
        }
    }
    match n.unwrap_or(0) {
        1 => vec![("samples".into(), "count".into())],
        n => (1..=n).map(|i| (format!("column_{i}"), "count".into())).collect(),
    }
}

/// The profile being read.
struct Folded<'a> {
    b: ProfileBuilder,
    /// A location by its text (a frame, or a frame and those inlined into it).
    locations: FxHashMap<&'a [u8], u32>,
    values: Vec<i64>,
    lines: Vec<FrameLine>,
}

impl<'a> Folded<'a> {
    fn new(types: Vec<(String, String)>) -> Self {
        let types: Vec<(&str, &str)> = types.iter().map(|(t, u)| (&t[..], &u[..])).collect();
        let b = ProfileBuilder::new(Format::Folded, &types);
        Folded { b, locations: FxHashMap::default(), values: Vec::new(), lines: Vec::new() }
    }

    /// Adds the current values to `stack`'s sample.
    fn add(&mut self, stack: &'a [u8]) {
        let mut node = StackId::EMPTY;
        // An empty stack (a line that starts with its tab) has no frame at all.
        let mut frames = stack.split(|&c| c == b';').filter(|_| !stack.is_empty()).peekable();
        let mut start = 0;
        while let Some(frame) = frames.next() {
            // A frame and the `_[i]` frames after it are one location.
            let mut end = start + frame.len();
            while let Some(next) = frames.next_if(|f| f.ends_with(INLINED)) {
                end += 1 + next.len();
            }
            let location = self.location(&stack[start..end]);
            node = self.b.child(node, location);
            start = end + 1;
        }
        let values = std::mem::take(&mut self.values);
        self.b.add_values(node, LabelSetId(0), &values);
        self.values = values;
    }

    fn location(&mut self, text: &'a [u8]) -> u32 {
        if let Some(&l) = self.locations.get(text) {
            return l;
        }
        self.lines.clear();
        for frame in text.split(|&c| c == b';').rev() {
            let raw = frame.strip_suffix(INLINED).unwrap_or(frame);
            // a name our own folded output wrote holds stand-ins for `;` and line breaks
            let name = match std::str::from_utf8(raw) {
                Ok(text) => self.b.str(&folded_syntax::frame_name(text)),
                Err(_) => self.b.bytes(raw),
            };
            let function = self.b.function(name, StrId::EMPTY);
            self.lines.push(FrameLine { function, line: 0, column: 0 });
        }
        let lines = std::mem::take(&mut self.lines);
        let l = self.b.location(NO_MAPPING, 0, &lines);
        self.lines = lines;
        self.locations.insert(text, l);
        l
    }

    fn finish(self) -> Profile {
        self.b.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert!(sniff(b"main;run 12\n"));
        assert!(sniff(b"# folded stacks root;...;leaf<TAB>samples/count cpu/nanoseconds (x)\n\t1 2\n"));
        assert!(sniff(b"# folded stacks root;...;leaf<TAB>samples/count (x)\n"));
        assert!(sniff(b"java/lang/Thread.run_[j];a b c 3 4\n"));
        assert!(!sniff(b"hello world\n"));
        assert!(!sniff(b"heap:\n1 2 3\n"));
        assert!(!sniff(b"\x0a\x04main 1\n"));
    }

    #[test]
    fn splitting() {
        let s = |line: &'static [u8], c| split(line, c).map(|(s, v)| (s, tokens(v).collect::<Vec<_>>()));
        assert_eq!(s(b"a;b c 1 2", None), Some((&b"a;b c"[..], vec![&b"1"[..], b"2"])));
        assert_eq!(s(b"a;b 3 1 2", Some(2)), Some((&b"a;b 3"[..], vec![&b"1"[..], b"2"])));
        assert_eq!(s(b"a;b 2", Some(2)), None);
        assert_eq!(s(b"a 1\t-4 5", None), Some((&b"a 1"[..], vec![&b"-4"[..], b"5"])));
        assert_eq!(s(b"\t1", None), Some((&b""[..], vec![&b"1"[..]])));
        assert_eq!(s(b"12", None), None);
    }
}
