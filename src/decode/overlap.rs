//! Reading a gzip'd profile.proto while it is being inflated.
//!
//! Inflating a large profile takes about as long as reading its samples and tables (on
//! L, about 0.3 s each in the browser). With a second thread free, one thread inflates
//! into a buffer sized from the gzip trailer and publishes how far it has written, and
//! the calling thread reads the top-level fields up to there as they come: the tables'
//! sub-messages are collected as the first pass does (`tables.rs`), and the samples go
//! straight into columns (`samples.rs`). After both finish, the rest of the decode (the
//! location lists packed, the stack tree) runs as usual.
//!
//! The sequential decoder stays the reference. Whatever this reader cannot settle alone
//! it leaves to it, with the inflated bytes when it has them: a text form, sample types
//! after the first sample, a label string index past the string table, any malformed
//! field. So the result, and every error message, is the sequential decoder's. A trailer
//! that claims too small a size (the buffer cannot move while the other thread reads
//! it), and any inflate error, send the whole decode back to the sequential path.
//!
//! The two threads share the buffer through raw pointers: the inflater only writes past
//! the published length, and the reader only reads below it (`Published`).

use super::gzip::{self, Output};
use super::samples::SampleReader;
use super::tables::{self, Raw};
use super::text::{self, TEXT_PROBE};
use super::wire::{Reader, WireError, WireType};
use super::{goroutines, legacy_text, DecodeError, DecodeOptions, Stage};
use crate::model::Profile;
use std::borrow::Cow;
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// What an overlapped decode gave (made once per file, so its size does not matter).
#[allow(clippy::large_enum_variant)]
pub enum Overlapped {
    /// The decode's result: read while inflating, then built as usual.
    Decoded(Result<Profile, DecodeError>),
    /// The inflated bytes, for the sequential decoder to read.
    Inflated(Vec<u8>),
}

/// Smaller files are not worth a second thread (unless the caller asks for two threads).
/// In Chromium, S (1.1 MB) gained about 20 ms to its table read this way (12 interleaved
/// pairs, December 2026); natively it is even.
const MIN_COMPRESSED: usize = 512 << 10;
/// The inflater publishes its progress after each slice of this many output bytes.
const SLICE: usize = 1 << 20;
/// How far the reader stays behind the inflater: a fifth of the output, between these.
/// In Chromium, a reader right behind the inflater (reading what the other core has just
/// written) slowed both: on L the inflate took 430-640 ms instead of 270, and the read
/// 360-440 instead of 300; 32 MB behind, 330-390 and 300-330 (measured, December 2026).
const LAG: (usize, usize) = (2 << 20, 32 << 20);

/// A profile inflated and read on two threads, to be finished once the compressed bytes
/// are freed.
pub struct Streamed {
    read: Option<Read>,
    raw: Vec<u8>,
}

/// Inflates a gzip'd profile on a second thread and reads it meanwhile. The inflater
/// frees the compressed bytes (when they are owned) as soon as it is done with them, so
/// they are gone before the reader reaches the tables at the end. `Err` gives them back
/// when this cannot be done: the file is not gzip'd, too small to gain, or no thread is
/// free, or the inflate failed or overflowed its buffer; inflate and decode it the usual
/// way.
pub fn read<'a>(data: Cow<'a, [u8]>, opts: &mut DecodeOptions) -> Result<Streamed, Cow<'a, [u8]>> {
    let wanted = match opts.threads {
        1 => false,
        0 => data.len() >= MIN_COMPRESSED,
        _ => true,
    };
    let capacity = gzip::capacity_for(&data, opts.max_decompressed);
    if !wanted || !gzip::is_gzip(&data) || capacity == 0 || capacity > u32::MAX as usize {
        return Err(data);
    }
    let mut buffer: Vec<u8> = Vec::with_capacity(capacity);
    let published = Published::new(buffer.as_mut_ptr(), capacity);
    let progress = &mut opts.progress;
    let mut input = Some(data);
    let inflater = |input: &mut Option<Cow<'a, [u8]>>| {
        let Some(data) = input.take() else {
            published.finish();
            return None;
        };
        let written = match inflate(&data, &published) {
            Ok(written) if written > 0 => {
                // freed before the reader is told, so the tables it reads next can use
                // their room
                drop(data);
                Some(written)
            }
            // nothing to read, or an error: the sequential path says which
            _ => {
                *input = Some(data);
                None
            }
        };
        published.finish();
        written
    };
    let joined = crate::par::try_join(
        || read_while_inflating(&published, &mut |f| report(progress, Stage::Gunzip, f)),
        || inflater(&mut input),
    );
    let (read, written) = match joined {
        Ok((read, Some(written))) => (read, written),
        _ => return Err(input.take().expect("the bytes come back unless they were inflated")),
    };
    // SAFETY: the inflater initialized `written` bytes, and both threads are done.
    unsafe { buffer.set_len(written) };
    report(&mut opts.progress, Stage::Gunzip, 1.0);
    Ok(Streamed { read, raw: buffer })
}

impl Streamed {
    /// Builds the profile from what was read, or leaves the bytes to the sequential
    /// decoder where it would decide differently (see the module doc).
    pub fn finish(self, opts: &mut DecodeOptions) -> Overlapped {
        match self.read {
            Some(read) => finish(read, self.raw, opts),
            None => Overlapped::Inflated(self.raw),
        }
    }
}

fn report(progress: &mut Option<&mut dyn FnMut(Stage, f64)>, stage: Stage, fraction: f64) {
    if let Some(p) = progress.as_mut() {
        p(stage, fraction)
    }
}

fn finish(read: Read, raw: Vec<u8>, opts: &mut DecodeOptions) -> Overlapped {
    let Read { fields, samples, types_at_first_sample, .. } = read;
    let text = legacy_text::sniff(&raw).is_some() || goroutines::sniff(&raw).is_some();
    let types = fields.sample_type_count();
    if text || fields.is_empty() || samples.as_ref().is_some_and(|_| types_at_first_sample != types) {
        return Overlapped::Inflated(raw);
    }
    let Ok(tables) = tables::build(fields) else { return Overlapped::Inflated(raw) };
    let samples = samples.unwrap_or_else(|| SampleReader::new(types, usize::MAX, 0));
    if samples.max_string() >= tables.profile.strings.len() as u64 {
        return Overlapped::Inflated(raw);
    }
    report(&mut opts.progress, Stage::Decode, 1.0);
    let threads = opts.threads;
    let progress = &mut opts.progress;
    let decoded = samples.finish(Cow::Owned(raw), tables.profile, &tables.locations, threads, &mut |f| {
        report(progress, Stage::Build, f)
    });
    report(&mut opts.progress, Stage::Build, 1.0);
    Overlapped::Decoded(decoded)
}

/// The top-level fields read while inflating.
struct Read {
    /// Everything but the samples, as the first pass collects it.
    fields: Raw,
    /// The samples, if any.
    samples: Option<SampleReader>,
    /// The sample types known when the first sample came (they must all come before).
    types_at_first_sample: usize,
    /// Another field came after the samples: the Go runtime writes its tables after all
    /// of them, so the room reserved for more samples is given back then, before the
    /// tables grow (on M that room was 3 MB at the decode's peak).
    samples_ended: bool,
}

/// Reads the top-level fields as the inflater publishes them; `None` when the bytes are
/// not a profile.proto this reader can settle alone (then it only waits for the end).
fn read_while_inflating(published: &Published, progress: &mut dyn FnMut(f64)) -> Option<Read> {
    let read = read_fields(published, progress);
    published.wait_for(usize::MAX);
    read
}

fn read_fields(published: &Published, progress: &mut dyn FnMut(f64)) -> Option<Read> {
    let mut read =
        Read { fields: Raw::default(), samples: None, types_at_first_sample: 0, samples_ended: false };
    // `pos`: the first byte not read; `need`: the bytes to wait for before reading on
    let (mut pos, mut need) = (0, 1);
    let lag = (published.capacity / 5).clamp(LAG.0, LAG.1);
    loop {
        let there = published.wait_for(need);
        let finished = there < need;
        // SAFETY: the inflater has written and published the first `there` bytes.
        let buf = unsafe { published.prefix(there) };
        // Text (a `?debug=1` profile, a goroutine dump) is left to the sequential
        // decoder; so is anything else the sniffers would take, checked on all the bytes
        // at the end (`finish`).
        if pos == 0 && (there >= TEXT_PROBE || finished) && text::looks_like_text(buf) {
            return None;
        }
        if pos == 0 && there < TEXT_PROBE && !finished {
            need = TEXT_PROBE;
            continue;
        }
        if finished && read.samples_ended {
            read.fields.reserve_for_tables(&buf[pos..]);
        }
        let mut rd = Reader::new(&buf[pos..]);
        while !rd.is_empty() {
            let at = rd.clone();
            match read_field(&mut rd, pos, &mut read) {
                Ok(()) => {}
                Err(WireError::Eof) if !finished => {
                    rd = at; // the field is not all there yet
                    break;
                }
                Err(_) => return None,
            }
            if read.samples_ended && !finished {
                break; // the tables are next: wait for the inflater to finish first
            }
        }
        pos += rd.position();
        if finished {
            if let Some(samples) = read.samples.as_mut() {
                samples.fit();
            }
            return (pos == there).then_some(read);
        }
        // After the samples come the tables (Go writes them last), which take a tenth of
        // a profile's memory or more. They are read once the inflater has freed the
        // compressed bytes, so that their columns can go where those were: in wasm, memory
        // taken at the top of the heap is never given back. The reader is a fifth of the
        // file behind, so it waits for about the time it would take to read that fifth.
        need = if read.samples_ended { usize::MAX } else { (there + 1).max(pos + lag) };
        if let Some(samples) = read.samples.as_mut().filter(|_| !read.samples_ended) {
            samples.reserve_for(pos, published.capacity);
        }
        progress(pos as f64 / published.capacity as f64);
    }
}

/// Reads one top-level field at the reader's position (byte `base` of the buffer is the
/// reader's first). A sample that is malformed is `Malformed`: the sequential decoder
/// reports it.
fn read_field(rd: &mut Reader, base: usize, read: &mut Read) -> Result<(), WireError> {
    let mut body_reader = rd.clone();
    match body_reader.key()? {
        (2, WireType::Len) => {
            let body = body_reader.bytes()?;
            *rd = body_reader;
            if read.samples.is_none() {
                read.types_at_first_sample = read.fields.sample_type_count();
                read.samples = Some(SampleReader::new(read.types_at_first_sample, usize::MAX, 0));
            }
            let samples = read.samples.as_mut().ok_or(WireError::Malformed)?;
            samples.read(body, base + rd.position() - body.len()).map_err(|_| WireError::Malformed)?;
            read.fields.count_sample();
            Ok(())
        }
        _ => {
            if let Some(samples) = read.samples.as_mut().filter(|_| !read.samples_ended) {
                samples.fit();
                read.samples_ended = true;
            }
            tables::read_field(rd, &mut read.fields)
        }
    }
}

/// Inflates `data` into the published buffer; returns the bytes written. The caller
/// tells the reader it has stopped ([`Published::finish`]).
fn inflate(data: &[u8], published: &Published) -> Result<usize, DecodeError> {
    let mut out = PublishingOutput { published, written: 0, crc: crc32fast::Hasher::new() };
    gzip::inflate_members(data, &mut out, &mut |_| {})?;
    let (written, crc) = (out.written, out.crc.finalize());
    gzip::verify_crc(data, written, || crc)?;
    Ok(written)
}

/// The buffer the inflater writes into and the reader reads from, and how much of it
/// is written.
struct Published {
    base: *mut u8,
    capacity: usize,
    /// Bytes written and published: the inflater never writes below this again.
    written: AtomicUsize,
    /// The inflater has stopped (done or failed).
    finished: AtomicBool,
    lock: Mutex<()>,
    more: Condvar,
}

// SAFETY: the buffer is shared by two threads that touch disjoint parts of it: the
// inflater writes only at or past `written`, the reader reads only below it, and
// `written` is stored with release and loaded with acquire ordering.
unsafe impl Sync for Published {}
unsafe impl Send for Published {}

impl Published {
    fn new(base: *mut u8, capacity: usize) -> Published {
        Published {
            base,
            capacity,
            written: AtomicUsize::new(0),
            finished: AtomicBool::new(false),
            lock: Mutex::new(()),
            more: Condvar::new(),
        }
    }

    /// The first `n` published bytes.
    ///
    /// # Safety
    /// `n` must not exceed what [`Published::wait_for`] returned.
    unsafe fn prefix(&self, n: usize) -> &[u8] {
        std::slice::from_raw_parts(self.base, n)
    }

    /// Waits until at least `n` bytes are published or the inflater has stopped, and
    /// returns how many are published.
    fn wait_for(&self, n: usize) -> usize {
        loop {
            let there = self.written.load(Ordering::Acquire);
            if there >= n || self.finished.load(Ordering::Acquire) {
                return self.written.load(Ordering::Acquire);
            }
            let guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
            // checked again under the lock, which the inflater takes to notify
            if self.written.load(Ordering::Acquire) < n && !self.finished.load(Ordering::Acquire) {
                drop(self.more.wait(guard).unwrap_or_else(|e| e.into_inner()));
            }
        }
    }

    fn publish(&self, written: usize) {
        self.written.store(written, Ordering::Release);
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        self.more.notify_all();
    }

    fn finish(&self) {
        self.finished.store(true, Ordering::Release);
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        self.more.notify_all();
    }
}

/// The inflater's side of the buffer: it fills it a slice at a time, and never past its
/// capacity (the buffer cannot grow while it is read).
struct PublishingOutput<'a> {
    published: &'a Published,
    written: usize,
    crc: crc32fast::Hasher,
}

impl Output for PublishingOutput<'_> {
    fn room(&mut self) -> Result<&mut [MaybeUninit<u8>], DecodeError> {
        let capacity = self.published.capacity;
        if self.written == capacity {
            return Err(DecodeError::TooLarge { limit: capacity as u64 });
        }
        let n = SLICE.min(capacity - self.written);
        // SAFETY: bytes from `written` on are the inflater's alone (see `Published`).
        Ok(unsafe { std::slice::from_raw_parts_mut(self.published.base.add(self.written).cast(), n) })
    }

    fn wrote(&mut self, n: usize) {
        // SAFETY: the inflater initialized these `n` bytes; they are published below.
        let bytes = unsafe { std::slice::from_raw_parts(self.published.base.add(self.written), n) };
        self.crc.update(bytes);
        self.written += n;
        self.published.publish(self.written);
    }
}
