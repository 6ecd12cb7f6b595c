//! `?debug=2` dumps (and crash tracebacks): one block per goroutine, a header line, then
//! a function line and a `\tfile:line +0xoff` line per frame, then `created by F[ in
//! goroutine N]` with its location. Also read: elision markers, `[originating from
//! goroutine N]:` ancestor blocks, `goroutine running on other thread; stack
//! unavailable`, and lines before the first header (a panic message) or unknown lines,
//! which are skipped. Nothing here fails: a cut-off dump is read up to the cut.

use super::builder::DumpBuilder;
use super::header::{parse_header, Header};
use super::labels::parse_labels;
use super::lines::{find, lines, parse_u64};
use crate::model::goroutines::{
    Ancestor, CreatedBy, Dump, DumpForm, Extra, Flags, FrameKind, FrameRef, Goroutine, StackRef,
};
use crate::model::{LabelSetId, StrId};

/// The runtime stops writing a dump at 64 MiB, so a dump of exactly that size is cut.
pub(super) const RUNTIME_LIMIT: usize = 64 << 20;

pub(super) fn parse(text: &[u8]) -> Dump {
    let mut p = Parser { b: DumpBuilder::new(), frames: Vec::new() };
    let mut block: Option<Block> = None;
    let mut cut = text.len() == RUNTIME_LIMIT;
    for line in lines(text) {
        cut |= !line.terminated;
        let text = line.text;
        if text.starts_with(b"goroutine ") {
            if let Some(h) = parse_header(text) {
                if let Some(done) = block.take() {
                    p.finish(done);
                }
                block = Some(p.start(h));
                continue;
            }
        }
        match block.as_mut() {
            None => {}
            Some(_) if text.is_empty() => p.finish(block.take().expect("matched Some")),
            Some(b) => p.body_line(b, text),
        }
    }
    if let Some(mut last) = block {
        if cut || last.pending.is_some() || last.pending_creator.is_some() {
            last.flags.set(Flags::CUT);
            cut = true;
        }
        p.finish(last);
    }
    p.b.finish(DumpForm::Debug2, None, cut, false)
}

struct Parser<'a> {
    b: DumpBuilder<'a>,
    /// The frames of the section being read (reused between blocks).
    frames: Vec<FrameRef>,
}

/// The goroutine being read.
struct Block<'a> {
    id: u64,
    state: StrId,
    minutes: Option<u32>,
    flags: Flags,
    bubble: Option<u64>,
    labels: LabelSetId,
    extra: Extra,
    /// A function line waiting for its location line.
    pending: Option<(&'a [u8], FrameKind)>,
    /// A `created by` line waiting for its location line.
    pending_creator: Option<(&'a [u8], Option<u64>)>,
    created_by: Option<CreatedBy>,
    /// The goroutine's own stack and creator, once an ancestor section has begun.
    own: Option<(StackRef, Option<CreatedBy>)>,
    /// The id of the ancestor section being read.
    ancestor: Option<u64>,
}

impl<'a> Parser<'a> {
    fn start(&mut self, h: Header<'a>) -> Block<'a> {
        self.frames.clear();
        let mut extra = Extra::default();
        let labels = match h.labels {
            None => LabelSetId(0),
            Some(text) => match parse_labels(text) {
                Some(pairs) => self.b.labels(&pairs),
                None => {
                    extra.unknown.push(self.b.bytes(text));
                    LabelSetId(0)
                }
            },
        };
        extra.unknown.extend(h.unknown.iter().map(|u| self.b.bytes(u)));
        if !h.thread.is_empty() {
            extra.thread = self.b.bytes(h.thread);
        }
        Block {
            id: h.id,
            state: self.b.bytes(h.state),
            minutes: h.minutes,
            flags: h.flags,
            bubble: h.bubble,
            labels,
            extra,
            pending: None,
            pending_creator: None,
            created_by: None,
            own: None,
            ancestor: None,
        }
    }

    /// A line inside a block, after its header.
    fn body_line(&mut self, block: &mut Block<'a>, line: &'a [u8]) {
        if let Some(loc) = line.strip_prefix(b"\t") {
            self.location(block, loc);
        } else if let Some(creator) = line.strip_prefix(b"created by ") {
            self.flush_pending(block);
            block.pending_creator = Some(split_creator(creator));
        } else if line.starts_with(b"...") && line.ends_with(b"...") {
            self.flush_pending(block);
            let f = self.b.frame(line, b"", FrameKind::Elided);
            self.frames.push(f);
        } else if let Some(rest) = line.strip_prefix(b"[originating from goroutine ") {
            self.close_section(block);
            block.ancestor = Some(rest.strip_suffix(b"]:").and_then(parse_u64).unwrap_or(0));
        } else {
            self.flush_pending(block);
            block.pending = Some(split_call(line));
        }
    }

    /// A tab-indented line: the location of the pending frame or creator.
    fn location(&mut self, block: &mut Block<'a>, text: &'a [u8]) {
        if let Some((name, kind)) = block.pending.take() {
            let f = self.b.frame(name, location(text), kind);
            self.frames.push(f);
        } else if let Some((name, goroutine)) = block.pending_creator.take() {
            let frame = self.b.frame(name, location(text), FrameKind::Call);
            block.created_by = Some(CreatedBy { frame, goroutine });
        } else if find(text, b"stack unavailable").is_some() {
            block.flags.set(Flags::STACK_UNAVAILABLE);
        }
    }

    /// Keeps a frame or creator whose location line never came, with no location.
    fn flush_pending(&mut self, block: &mut Block<'a>) {
        if let Some((name, kind)) = block.pending.take() {
            let f = self.b.frame(name, b"", kind);
            self.frames.push(f);
        }
        if let Some((name, goroutine)) = block.pending_creator.take() {
            let frame = self.b.frame(name, b"", FrameKind::Call);
            block.created_by = Some(CreatedBy { frame, goroutine });
        }
    }

    /// Ends the section being read: the goroutine's own stack, or an ancestor's.
    fn close_section(&mut self, block: &mut Block<'a>) {
        self.flush_pending(block);
        let stack = self.b.stack(&self.frames);
        self.frames.clear();
        let created_by = block.created_by.take();
        match block.ancestor {
            None if block.own.is_none() => block.own = Some((stack, created_by)),
            id => block.extra.ancestors.push(Ancestor { id: id.unwrap_or(0), stack, created_by }),
        }
    }

    fn finish(&mut self, mut block: Block<'a>) {
        self.close_section(&mut block);
        let Some((stack, created_by)) = block.own else { return };
        let extra = self.b.extra(block.extra);
        self.b.goroutines.push(Goroutine {
            id: Some(block.id),
            count: 1,
            state: block.state,
            wait_minutes: block.minutes,
            flags: block.flags,
            bubble: block.bubble,
            labels: block.labels,
            stack,
            created_by,
            extra,
        });
    }
}

/// Splits a function line into the name and the frame kind: `pkg.(*T).M(0x1, {0x2})` is
/// `pkg.(*T).M`, a call; `pkg.f(...)` is inlined. A line without an argument list (a cgo
/// symbolizer's frame) is all name.
fn split_call(line: &[u8]) -> (&[u8], FrameKind) {
    if line.last() != Some(&b')') {
        return (line, FrameKind::Call);
    }
    let mut depth = 0usize;
    for i in (0..line.len()).rev() {
        match line[i] {
            b')' => depth += 1,
            b'(' => {
                depth -= 1;
                if depth == 0 {
                    if i == 0 {
                        break;
                    }
                    let kind = if &line[i..] == b"(...)" { FrameKind::Inlined } else { FrameKind::Call };
                    return (&line[..i], kind);
                }
            }
            _ => {}
        }
    }
    (line, FrameKind::Call)
}

/// `main.handleOrder in goroutine 7` → (`main.handleOrder`, Some(7)).
fn split_creator(text: &[u8]) -> (&[u8], Option<u64>) {
    if let Some(at) = find(text, b" in goroutine ") {
        if let Some(id) = parse_u64(&text[at + b" in goroutine ".len()..]) {
            return (&text[..at], Some(id));
        }
    }
    (text, None)
}

/// The `file:line` of a location line (`file:line +0x1f fp=… sp=… pc=…`): up to the end
/// of the digits after the last colon that is followed by digits.
fn location(text: &[u8]) -> &[u8] {
    let mut end = text.len();
    while let Some(colon) = text[..end].iter().rposition(|&c| c == b':') {
        let digits = text[colon + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        let after = colon + 1 + digits;
        if digits > 0 && (after == text.len() || text[after] == b' ') {
            return &text[..after];
        }
        end = colon;
    }
    text.split(|&c| c == b' ').next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls() {
        assert_eq!(
            split_call(b"sync.(*Cond).Wait(0xc0000a4050)"),
            (&b"sync.(*Cond).Wait"[..], FrameKind::Call)
        );
        assert_eq!(split_call(b"main.F[...](...)"), (&b"main.F[...]"[..], FrameKind::Inlined));
        assert_eq!(split_call(b"panic({0x4b7f60, 0xc0001})"), (&b"panic"[..], FrameKind::Call));
        assert_eq!(split_call(b"main.main.func1()"), (&b"main.main.func1"[..], FrameKind::Call));
        assert_eq!(split_call(b"non-Go function"), (&b"non-Go function"[..], FrameKind::Call));
        assert_eq!(split_call(b"(x)"), (&b"(x)"[..], FrameKind::Call));
        assert_eq!(split_call(b"a)"), (&b"a)"[..], FrameKind::Call));
    }

    #[test]
    fn locations() {
        assert_eq!(location(b"inventory-server/main.go:166 +0x37"), b"inventory-server/main.go:166");
        assert_eq!(location(b"runtime/proc.go:250"), b"runtime/proc.go:250");
        assert_eq!(location(b"C:/a b/x.go:9 +0x1 fp=0x1 sp=0x2 pc=0x3"), b"C:/a b/x.go:9");
        assert_eq!(location(b"weird"), b"weird");
    }

    #[test]
    fn creators() {
        assert_eq!(split_creator(b"main.main in goroutine 1"), (&b"main.main"[..], Some(1)));
        assert_eq!(split_creator(b"main.main"), (&b"main.main"[..], None));
    }
}
