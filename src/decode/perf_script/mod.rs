//! The text `perf script` prints from a `perf record -g` file: per sample a header line
//! (command, pid/tid, time, period, event: `event.rs`), then its stack, one frame a line,
//! leaf first (address, symbol+offset, DSO: `frame.rs`), then a blank line.
//!
//! Each event becomes a sample type (`cpu-clock`, `page-faults`, …; several events, one
//! type each), valued by the period when perf prints it and 1 a sample otherwise; the
//! clock events (`cpu-clock`, `task-clock`) count nanoseconds, the others events. The
//! command is the root frame of every stack (spaces made `_`), as inferno and
//! `stackcollapse-perf.pl` make it, so our folded output equals theirs; the pid, tid and
//! command are labels too. Each DSO is a mapping and each address a location, with one
//! function per name (see `frame.rs` for names, `[unknown]` frames and the `_[k]` label of
//! kernel frames). perf's times are seconds since boot, not a date: the profile keeps the
//! span between the first and last sample as its duration and no start time.
//!
//! Samples with the same stack, command, pid and tid are merged, so memory grows with the
//! distinct stacks and threads, not the samples; the text is read once, line by line.

mod event;
mod frame;

use super::builder::{FrameLine, ProfileBuilder};
use super::reader::Reader;
use super::text::{bad_line, lines, looks_like_text, TEXT_PROBE};
use super::{DecodeError, Decoded};
use crate::model::{Format, LabelSetId, Profile, StackId, StrId};
use event::{parse_event, Event};
use frame::{annotation, function_name, parse_stack_line, without_offset};
use rustc_hash::FxHashMap;

pub(crate) const READER: Reader = Reader {
    name: "perf script text (from perf record -g)",
    sniff,
    read: |data| read(data).map(Decoded::Profile),
};

const WHAT: &str = "perf script";

/// The first sample header, and the line after it a stack line (or the end of the sample).
fn sniff(data: &[u8]) -> bool {
    if !looks_like_text(&data[..data.len().min(TEXT_PROBE)]) {
        return false;
    }
    let mut content = lines(data).map(|l| l.text).filter(|t| !t.starts_with(b"#"));
    let Some(header) = content.find(|t| !t.trim_ascii().is_empty()) else { return false };
    if header.first().is_some_and(u8::is_ascii_whitespace) || parse_event(header).is_none() {
        return false;
    }
    match content.next() {
        Some(next) => next.trim_ascii().is_empty() || parse_stack_line(next.trim_ascii_start()).is_some(),
        None => true,
    }
}

fn read(data: &[u8]) -> Result<Profile, DecodeError> {
    let mut r = PerfReader::default();
    let mut open = false;
    for (i, line) in lines(data).enumerate() {
        let text = line.text;
        if text.trim_ascii().is_empty() {
            r.end_sample(&mut open);
            continue;
        }
        if text.starts_with(b"#") {
            continue;
        }
        let result = if text[0].is_ascii_whitespace() && open {
            r.frame(text.trim_ascii_start())
        } else {
            r.end_sample(&mut open);
            open = true;
            r.header(text)
        };
        result.map_err(|why| bad_line(WHAT, i + 1, line, why))?;
    }
    r.end_sample(&mut open);
    Ok(r.finish())
}

/// What a sample's header says, kept until its stack ends.
struct Sample {
    root: u32,
    labels: LabelSetId,
    sample_type: usize,
    value: i64,
}

#[derive(Default)]
struct PerfReader<'a> {
    b: Option<ProfileBuilder>,
    /// Locations by their stack line (from the address on), and by their address with
    /// the first line seen for it, copied to `seen_lines`: the copies stay in the cache,
    /// while comparing with the line where it was first read missed it on every frame.
    locations: FxHashMap<&'a [u8], u32>,
    by_address: FxHashMap<u64, (u32, u32, u32)>,
    seen_lines: Vec<u8>,
    /// The root location of each command.
    commands: FxHashMap<&'a [u8], u32>,
    /// Label sets by (command, pid, tid); sample types by event.
    threads: FxHashMap<(&'a [u8], Option<u64>, u64), LabelSetId>,
    types: FxHashMap<&'a [u8], usize>,
    /// The open sample, and its stack's locations, leaf first.
    sample: Option<Sample>,
    stack: Vec<u32>,
    /// The last sample's locations and stack nodes, root first.
    last_stack: Vec<u32>,
    last_nodes: Vec<StackId>,
    first_time: Option<u64>,
    last_time: u64,
}

impl<'a> PerfReader<'a> {
    fn builder(&mut self) -> &mut ProfileBuilder {
        self.b.get_or_insert_with(|| ProfileBuilder::new(Format::PerfScript, &[]))
    }

    fn header(&mut self, line: &'a [u8]) -> Result<(), &'static str> {
        let e = parse_event(line).ok_or("not a sample header (COMMAND PID/TID TIME: PERIOD EVENT:)")?;
        if let Some(t) = e.time {
            self.first_time.get_or_insert(t);
            self.last_time = self.last_time.max(t);
        }
        let sample = Sample {
            root: self.command(e.comm),
            labels: self.thread(&e),
            sample_type: self.sample_type(e.event),
            value: e.period.map_or(1, |p| p.min(i64::MAX as u64) as i64),
        };
        self.sample = Some(sample);
        match e.frame {
            Some(frame) => self.frame(frame),
            None => Ok(()),
        }
    }

    fn frame(&mut self, line: &'a [u8]) -> Result<(), &'static str> {
        // Most lines were seen before: find them by their address, then check the rest.
        let address = memchr::memchr(b' ', line).and_then(|i| frame::parse_hex(&line[..i]));
        if let Some(&(l, start, len)) = address.and_then(|a| self.by_address.get(&a)) {
            if self.seen_lines.get(start as usize..start as usize + len as usize) == Some(line) {
                self.stack.push(l);
                return Ok(());
            }
        }
        if let Some(&l) = self.locations.get(line) {
            self.stack.push(l);
            return Ok(());
        }
        let parsed = parse_stack_line(line).ok_or("not a stack line (ADDRESS SYMBOL+OFFSET (DSO))")?;
        let symbol = without_offset(parsed.symbol);
        // FlameGraph skips a frame whose symbol is in parentheses (a process name).
        if symbol.starts_with(b"(") {
            return Ok(());
        }
        let b = self.b.get_or_insert_with(|| ProfileBuilder::new(Format::PerfScript, &[]));
        let dso = b.bytes(parsed.dso);
        let mapping = b.mapping(dso);
        let annotate = annotation(parsed.dso);
        let mut frames = Vec::new();
        for part in java_inline_parts(symbol) {
            let name = b.str(&function_name(part, parsed.dso, annotate));
            let system_name = b.bytes(part);
            let function = b.function(name, StrId::EMPTY);
            b.profile.functions[function as usize].system_name = system_name;
            frames.push(FrameLine { function, line: 0, column: 0 });
        }
        // `a->b`: b was inlined into a, and is the innermost line.
        frames.reverse();
        let l = b.location(mapping, parsed.address, &frames);
        self.locations.insert(line, l);
        if let std::collections::hash_map::Entry::Vacant(e) = self.by_address.entry(parsed.address) {
            e.insert((l, self.seen_lines.len() as u32, line.len() as u32));
            self.seen_lines.extend_from_slice(line);
        }
        self.stack.push(l);
        Ok(())
    }

    /// Adds the open sample, if any.
    fn end_sample(&mut self, open: &mut bool) {
        *open = false;
        let Some(s) = self.sample.take() else { return };
        let b = self.b.as_mut().expect("a sample has a builder");
        // The stack root first, and what it shares with the last sample's.
        self.stack.push(s.root);
        self.stack.reverse();
        let shared = self.stack.iter().zip(&self.last_stack).take_while(|(a, b)| a == b).count();
        self.last_nodes.truncate(shared);
        for &l in &self.stack[shared..] {
            let parent = self.last_nodes.last().copied().unwrap_or(StackId::EMPTY);
            self.last_nodes.push(b.child(parent, l));
        }
        std::mem::swap(&mut self.stack, &mut self.last_stack);
        self.stack.clear();
        let leaf = self.last_nodes.last().copied().unwrap_or(StackId::EMPTY);
        b.add(leaf, s.labels, s.sample_type, s.value);
    }

    fn command(&mut self, comm: &'a [u8]) -> u32 {
        if let Some(&l) = self.commands.get(comm) {
            return l;
        }
        let b = self.builder();
        let name = b.str(&String::from_utf8_lossy(comm).replace(' ', "_"));
        let function = b.function(name, StrId::EMPTY);
        let l = b.location(crate::model::NONE, 0, &[FrameLine { function, line: 0, column: 0 }]);
        self.commands.insert(comm, l);
        l
    }

    fn thread(&mut self, e: &Event<'a>) -> LabelSetId {
        let key = (e.comm, e.pid, e.tid);
        if let Some(&id) = self.threads.get(&key) {
            return id;
        }
        let b = self.builder();
        let comm = b.bytes(e.comm);
        let mut labels = vec![b.str_label("comm", comm)];
        if let Some(pid) = e.pid {
            labels.push(b.num_label("pid", pid as i64));
        }
        labels.push(b.num_label("tid", e.tid as i64));
        let id = b.labels(&labels);
        self.threads.insert(key, id);
        id
    }

    fn sample_type(&mut self, event: &'a [u8]) -> usize {
        if let Some(&t) = self.types.get(event) {
            return t;
        }
        let name = String::from_utf8_lossy(event).into_owned();
        let unit = if name == "cpu-clock" || name == "task-clock" { "nanoseconds" } else { "count" };
        let t = self.builder().sample_type(&name, unit);
        self.types.insert(event, t);
        t
    }

    fn finish(mut self) -> Profile {
        let duration = self.last_time.saturating_sub(self.first_time.unwrap_or(0));
        self.builder().profile.duration_nanos = duration.min(i64::MAX as u64) as i64;
        self.b.take().expect("made just above").finish()
    }
}

/// Java's `a->b->c` (each inlined into the one before), as perf-map-agent writes it.
fn java_inline_parts(symbol: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut start = 0;
    for at in memchr::memmem::find_iter(symbol, b"->") {
        parts.push(&symbol[start..at]);
        start = at + 2;
    }
    parts.push(&symbol[start..]);
    parts
}
