//! Second pass over profile.proto: the samples, decoded straight into columns (values,
//! label sets) with no `Vec` per sample. Their location lists are only counted here and
//! located; `stacks.rs` turns them into the stack prefix tree.

use super::distinct::distinct;
use super::ids::IdIndex;
use super::stack_ids::{self, SampleBodies};
use super::stacks::build_stacks;
use super::tables::Tables;
use super::wire::{Reader, WireError, WireType};
use super::DecodeError;
use crate::model::{Label, LabelSetBuilder, Profile, Samples, StackId, StrId};
use std::borrow::Cow;

/// Scratch buffers reused across samples.
#[derive(Default)]
struct Scratch {
    depth: u32,
    /// Start and end of the packed location ids within the body.
    ids: (u32, u32),
    /// Whether the ids are not exactly one packed field.
    irregular: bool,
    values: Vec<i64>,
    labels: Vec<Label>,
    /// The largest string index any label has used.
    max_string: u64,
}

/// Reads every sample's values and labels, then builds the stack tree from their
/// location lists.
pub fn read_samples(
    raw: Cow<[u8]>,
    tables: Tables,
    threads: usize,
    progress: &mut dyn FnMut(f64),
) -> Result<Profile, DecodeError> {
    let Tables { profile, locations, sample_count } = tables;
    if raw.len() > u32::MAX as usize {
        return Err(DecodeError::TooLarge { limit: u32::MAX as u64 });
    }
    let mut reader = SampleReader::new(profile.sample_types.len(), profile.strings.len(), sample_count);
    let mut rd = Reader::new(&raw);
    while !rd.is_empty() {
        // The first pass already walked these keys successfully.
        let (field, wt) = rd.key().map_err(|_| changed())?;
        if field != 2 || wt != WireType::Len {
            rd.skip(wt).map_err(|_| changed())?;
            continue;
        }
        let body = rd.bytes().map_err(|_| changed())?;
        reader.read(body, rd.position() - body.len())?;
        if reader.len().is_multiple_of(65536) {
            progress(0.2 * rd.position() as f64 / raw.len() as f64);
        }
    }
    reader.finish(raw, profile, &locations, threads, progress)
}

/// The samples read so far: values and label sets in columns, and where each sample's
/// location ids are in the raw buffer.
pub struct SampleReader {
    ntypes: usize,
    /// Label string indexes must be below this (`usize::MAX` while the string table is
    /// not known yet; see [`SampleReader::max_string`]).
    nstrings: usize,
    samples: Samples,
    bodies: SampleBodies,
    label_sets: LabelSetBuilder,
    scratch: Scratch,
    total_refs: usize,
}

impl SampleReader {
    /// A reader for samples of `ntypes` values, with room for `capacity` of them.
    pub fn new(ntypes: usize, nstrings: usize, capacity: usize) -> SampleReader {
        SampleReader {
            ntypes,
            nstrings,
            samples: Samples {
                stack: Vec::new(),
                labels: Vec::with_capacity(capacity),
                values: (0..ntypes).map(|_| Vec::with_capacity(capacity)).collect(),
            },
            bodies: SampleBodies {
                span: Vec::with_capacity(capacity),
                depth: Vec::with_capacity(capacity),
                irregular: Vec::new(),
            },
            label_sets: LabelSetBuilder::default(),
            scratch: Scratch::default(),
            total_refs: 0,
        }
    }

    /// Samples read.
    pub fn len(&self) -> usize {
        self.bodies.depth.len()
    }

    /// Makes room for the samples still to come, as many as the bytes left would hold at
    /// the rate so far (`read` of `total` bytes read), so the columns are not copied as
    /// they grow. For a reader that does not know the count up front; it waits for a
    /// thousand samples to give a rate, and does nothing while the room lasts. When it
    /// does not last, it makes an eighth more than the rate says: each time, every column
    /// moves, and in wasm each move can put a column at the top of the heap, which never
    /// comes down (on M a rate a little higher moved them all for a few samples more).
    /// The room no sample took is given back in place ([`SampleReader::fit`]).
    pub fn reserve_for(&mut self, read: usize, total: usize) {
        let n = self.len();
        if n < 1000 || read == 0 {
            return;
        }
        let more = ((total - read.min(total)) as f64 * n as f64 / read as f64) as usize;
        if self.bodies.depth.capacity() - n >= more {
            return;
        }
        let more = more + more / 8;
        for column in &mut self.samples.values {
            column.reserve_exact(more);
        }
        self.samples.labels.reserve_exact(more);
        self.bodies.span.reserve_exact(more);
        self.bodies.depth.reserve_exact(more);
    }

    /// Gives back the room [`SampleReader::reserve_for`] reserved and no sample used.
    pub fn fit(&mut self) {
        for column in &mut self.samples.values {
            column.shrink_to_fit();
        }
        self.samples.labels.shrink_to_fit();
        self.bodies.span.shrink_to_fit();
        self.bodies.depth.shrink_to_fit();
    }

    /// The largest string index a label has used.
    pub fn max_string(&self) -> u64 {
        self.scratch.max_string
    }

    /// Reads one sample, whose body starts at byte `at` of the raw buffer.
    pub fn read(&mut self, body: &[u8], at: usize) -> Result<(), DecodeError> {
        let index = self.len();
        let scratch = &mut self.scratch;
        read_sample(body, self.nstrings, scratch).map_err(|e| e.at_sample(index))?;
        if scratch.values.len() != self.ntypes {
            return Err(DecodeError::corrupt(
                "sample.value",
                Some(index),
                format!("{} values for {} sample types", scratch.values.len(), self.ntypes),
            ));
        }
        let bodies = &mut self.bodies;
        if scratch.irregular {
            bodies.irregular.push(index as u32);
            bodies.span.push((at as u32, (at + body.len()) as u32));
        } else {
            bodies.span.push((at as u32 + scratch.ids.0, at as u32 + scratch.ids.1));
        }
        bodies.depth.push(scratch.depth);
        self.total_refs += scratch.depth as usize;
        self.samples.labels.push(self.label_sets.intern(&scratch.labels));
        for (column, &v) in self.samples.values.iter_mut().zip(&scratch.values) {
            column.push(v);
        }
        Ok(())
    }

    /// Builds the stack tree from the samples' location lists and completes `profile`
    /// (the tables, without samples) with them.
    ///
    /// Once values and labels are read, only the location lists are left to use, so they
    /// are packed as indexes over the front of the raw buffer and the rest is freed
    /// before the stack tree is built (`stack_ids.rs`).
    pub fn finish(
        self,
        raw: Cow<[u8]>,
        mut profile: Profile,
        locations: &IdIndex,
        threads: usize,
        progress: &mut dyn FnMut(f64),
    ) -> Result<Profile, DecodeError> {
        let SampleReader { mut samples, bodies, label_sets, total_refs, .. } = self;
        let threads_asked = threads;
        // Transposed location columns take up to about an eighth of the raw size at a time
        // (measured on L: smaller chunks cost time, larger ones peak memory).
        let budget = (raw.len() / 32).max(1 << 20).min(total_refs.max(1));
        progress(0.2);
        // two halves at once where the stack tree also splits (the same threads test)
        let threads = stack_threads(threads, total_refs);
        let mut ids = stack_ids::pack(raw, &bodies, locations, profile.locations.len(), threads > 1)?;
        drop(bodies.span);
        progress(0.25);
        let mut stacks = distinct(&ids, &bodies.depth, threads > 1);
        drop(bodies.depth);
        ids.keep_only(&mut stacks.at, &stacks.depth);
        progress(0.3);
        let threads = stack_threads(threads_asked, stacks.depth.iter().map(|&d| d as usize).sum());
        let (tree, leaf_of_stack) =
            build_stacks(&ids, &stacks.at, &stacks.depth, budget, threads, &mut |f| progress(0.3 + 0.7 * f));
        drop(ids);
        let (tree, order) = tree.into_preorder();
        // renumber each distinct stack's leaf, then give every sample its stack's: one pass
        // over the samples
        let leaf_of_stack: Vec<StackId> =
            leaf_of_stack.into_iter().map(|l| l.index().map_or(l, |i| StackId(order[i]))).collect();
        samples.stack = stacks.stack_of.iter().map(|&i| leaf_of_stack[i as usize]).collect();
        profile.stacks = tree;
        profile.samples = samples;
        profile.label_sets = label_sets.finish();
        Ok(profile)
    }
}

/// How many threads build the stack tree: what was asked for, or by default two where
/// there are two threads (`par::threads`) and the stacks have enough references (a few
/// million) to pay for a thread.
fn stack_threads(asked: usize, refs: usize) -> usize {
    match asked {
        0 if refs >= 1 << 22 => crate::par::threads().min(2),
        0 => 1,
        n => n.min(2),
    }
}

fn changed() -> DecodeError {
    DecodeError::corrupt("profile", None, "the message changed between passes")
}

/// What can go wrong inside one sample.
enum SampleError {
    Wire,
    BadString(&'static str, u64),
}

impl From<WireError> for SampleError {
    fn from(_: WireError) -> Self {
        SampleError::Wire
    }
}

impl SampleError {
    fn at_sample(self, index: usize) -> DecodeError {
        match self {
            SampleError::Wire => DecodeError::corrupt("sample", Some(index), "malformed protobuf"),
            SampleError::BadString(field, v) => {
                DecodeError::corrupt(field, Some(index), format!("string index {v} is out of range"))
            }
        }
    }
}

/// Reads values and labels, and counts the location ids (they are resolved later).
fn read_sample(body: &[u8], nstrings: usize, s: &mut Scratch) -> Result<(), SampleError> {
    s.depth = 0;
    s.ids = (0, 0);
    let mut fields = 0;
    s.values.clear();
    s.labels.clear();
    let mut rd = Reader::new(body);
    while !rd.is_empty() {
        let (field, wt) = rd.key()?;
        match (field, wt) {
            // Packed varints: one id ends at each byte without the continuation bit.
            (1, WireType::Len) => {
                let ids = rd.bytes()?;
                s.depth += ids.iter().filter(|&&b| b < 0x80).count() as u32;
                s.ids = ((rd.position() - ids.len()) as u32, rd.position() as u32);
                fields += 1;
            }
            (1, WireType::Varint) => {
                rd.varint()?;
                s.depth += 1;
                fields += 2;
            }
            (1, _) => return Err(SampleError::Wire),
            (2, _) => rd.repeated_varint(wt, |v| {
                s.values.push(v as i64);
                Ok(())
            })?,
            (3, WireType::Len) => {
                let label = read_label(rd.bytes()?, nstrings)?;
                s.max_string = s.max_string.max(label.key.0.max(label.str.0).max(label.num_unit.0) as u64);
                s.labels.push(label);
            }
            _ => rd.skip(wt)?,
        }
    }
    // Anything but exactly one packed field of ids is read from the whole body.
    s.irregular = fields > 1;
    Ok(())
}

fn read_label(body: &[u8], nstrings: usize) -> Result<Label, SampleError> {
    let mut f = [0i64; 5];
    let mut rd = Reader::new(body);
    while !rd.is_empty() {
        let (field, wt) = rd.key()?;
        match (field, wt) {
            (1..=4, WireType::Varint) => f[field as usize] = rd.varint()? as i64,
            _ => rd.skip(wt)?,
        }
    }
    let id = |v: i64, field: &'static str| {
        if v < 0 || v as u64 >= nstrings as u64 {
            Err(SampleError::BadString(field, v as u64))
        } else {
            Ok(StrId(v as u32))
        }
    };
    Ok(Label {
        key: id(f[1], "sample.label.key")?,
        str: id(f[2], "sample.label.str")?,
        num: f[3],
        num_unit: id(f[4], "sample.label.num_unit")?,
    })
}
