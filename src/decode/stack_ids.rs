//! Every sample's location list, rewritten as location *indexes*, root first, in a fixed
//! number of bytes each, one sample after another.
//!
//! profile.proto stores a sample's location ids leaf first as varints. The stack tree is
//! built root first and one depth at a time (see `stacks.rs`), so reading the varints as
//! they are means decoding each one backwards, and mapping every id to its index on each
//! read: that was half the time of the stack build. Here each id is decoded and mapped
//! once, in one forward pass, and the stack build then reads `width` bytes per reference
//! with no branch. Unknown ids are reported here, with their sample.
//!
//! When the decoder owns the raw bytes, the packed ids are written over them from the
//! front: by the time sample `s` is written, everything before sample `s + 1`'s ids has
//! been read. If a profile would break that (tiny messages with wide indexes), the rest
//! goes to a new buffer. Either way the raw bytes are shrunk or freed when this returns,
//! so the stack build runs with only the packed ids in memory.

use super::ids::IdIndex;
use super::wire::{Reader, WireError, WireType};
use super::DecodeError;
use std::borrow::Cow;

/// Where each sample's location ids are in the raw bytes, and how many there are.
pub struct SampleBodies {
    /// Start and end of the sample's packed `location_id` field, or of its whole message
    /// body when the ids are not one packed field (some writers store short stacks
    /// unpacked; see `irregular`).
    pub span: Vec<(u32, u32)>,
    /// How many location ids each sample has.
    pub depth: Vec<u32>,
    /// Samples whose `span` is the whole message body, in order.
    pub irregular: Vec<u32>,
}

/// The packed location indexes of every sample (see the module doc).
pub struct PackedIds {
    bytes: Vec<u8>,
    /// Bytes per location index: 1 to 4, the fewest that hold the largest index.
    pub width: usize,
}

/// The padding after the last index, so that any index can be read as 4 bytes.
const PAD: usize = 3;

impl PackedIds {
    /// The location index at byte offset `at`.
    #[inline(always)]
    pub fn get(&self, at: usize) -> u32 {
        let word = u32::from_le_bytes(self.bytes[at..at + 4].try_into().unwrap());
        word & mask(self.width)
    }

    /// Keeps only the stacks packed from `at[i]` (increasing), `depth[i]` indexes each,
    /// moved down to the front in order, and frees the rest; `at` is updated to match.
    /// The stack build reads each distinct stack once, and on the large benchmark
    /// profiles 7 samples in 10 repeat one: M's packed ids fall from 30 to 14 MB before
    /// the stack tree's columns grow.
    pub fn keep_only(&mut self, at: &mut [u32], depth: &[u32]) {
        let mut written = 0usize;
        for (a, &d) in at.iter_mut().zip(depth) {
            let (from, len) = (*a as usize, d as usize * self.width);
            debug_assert!(from >= written, "stacks are kept in the order they were packed");
            self.bytes.copy_within(from..from + len, written);
            *a = written as u32;
            written += len;
        }
        self.bytes.truncate(written);
        self.bytes.resize(written + PAD, 0);
        self.bytes.shrink_to_fit();
    }

    /// The `len` packed bytes from `at`.
    pub fn bytes(&self, at: usize, len: usize) -> &[u8] {
        &self.bytes[at..at + len]
    }
}

/// Writes the low `width` bytes of `index` at `at` (one store for each width).
#[inline(always)]
fn put(buf: &mut [u8], at: usize, index: u32, width: usize) {
    let b = index.to_le_bytes();
    match width {
        1 => buf[at] = b[0],
        2 => buf[at..at + 2].copy_from_slice(&b[..2]),
        3 => buf[at..at + 3].copy_from_slice(&b[..3]),
        _ => buf[at..at + 4].copy_from_slice(&b),
    }
}

fn mask(width: usize) -> u32 {
    (u64::MAX >> (64 - 8 * width)) as u32
}

/// The bytes an index below `count` needs.
fn width_for(count: usize) -> usize {
    let largest = count.saturating_sub(1) as u64;
    (((64 - largest.leading_zeros()) as usize).div_ceil(8)).clamp(1, 4)
}

/// Packs every sample's location ids (as indexes below `location_count`), reusing `raw`'s
/// buffer when it owns one. With `halves`, an owned buffer is packed in two halves at
/// once (see [`pack_in_halves`]); the bytes are the same.
pub fn pack(
    raw: Cow<[u8]>,
    bodies: &SampleBodies,
    locations: &IdIndex,
    location_count: usize,
    halves: bool,
) -> Result<PackedIds, DecodeError> {
    let width = width_for(location_count);
    let total: u64 = bodies.depth.iter().map(|&d| d as u64).sum::<u64>() * width as u64;
    if total + PAD as u64 > u32::MAX as u64 {
        // read positions are kept as u32
        return Err(DecodeError::TooLarge { limit: u32::MAX as u64 });
    }
    let all = Samples { bodies, first: 0, end: bodies.depth.len(), base: 0, width, locations };
    let mut bytes = match raw {
        Cow::Owned(buffer) if halves && all.end >= 2 => pack_in_halves(buffer, all)?,
        Cow::Owned(mut buffer) => match all.pack(Output::InPlace(&mut buffer))? {
            Packed::InPlace(written) => {
                buffer.truncate(written);
                buffer
            }
            Packed::Apart(packed) => packed,
        },
        Cow::Borrowed(raw) => {
            match all.pack(Output::Apart(raw, Vec::with_capacity(total as usize + PAD)))? {
                Packed::Apart(packed) => packed,
                Packed::InPlace(_) => unreachable!("bytes apart stay apart"),
            }
        }
    };
    let written = bytes.len();
    bytes.resize(written + PAD, 0);
    bytes.shrink_to_fit();
    Ok(PackedIds { bytes, width })
}

/// Packs the first half of the samples (by location references) over the front of the
/// buffer and the second half over the bytes from its own first sample on, at the same
/// time (`par::join`): each half reads and writes only its own part. The second half's
/// ids then move down behind the first's, so the result is the one-pass result. The first
/// failing sample of the first half is reported before any of the second's, as one pass
/// would.
fn pack_in_halves(mut buffer: Vec<u8>, all: Samples) -> Result<Vec<u8>, DecodeError> {
    let refs: u64 = all.bodies.depth.iter().map(|&d| d as u64).sum();
    let mut seen = 0u64;
    let half = all.bodies.depth.iter().position(|&d| {
        seen += d as u64;
        seen * 2 >= refs
    });
    let half = half.map_or(all.end / 2, |s| s + 1).clamp(1, all.end - 1);
    let cut = all.bodies.span[half].0 as usize;
    let first = Samples { end: half, ..all };
    let second = Samples { first: half, base: cut, ..all };
    let (front, back) = buffer.split_at_mut(cut);
    let (a, b) =
        crate::par::join(|| first.pack(Output::InPlace(front)), || second.pack(Output::InPlace(back)));
    match (a?, b?) {
        (Packed::InPlace(la), Packed::InPlace(lb)) => {
            buffer.copy_within(cut..cut + lb, la);
            buffer.truncate(la + lb);
            Ok(buffer)
        }
        (a, b) => {
            let part = |p: &Packed, from: usize| match p {
                Packed::InPlace(n) => buffer[from..from + n].to_vec(),
                Packed::Apart(v) => v.clone(),
            };
            let mut out = part(&a, 0);
            out.extend_from_slice(&part(&b, cut));
            Ok(out)
        }
    }
}

/// A run of samples to pack: `first..end`, whose spans are read less `base` (where the
/// buffer they are packed in starts).
#[derive(Clone, Copy)]
struct Samples<'a> {
    bodies: &'a SampleBodies,
    first: usize,
    end: usize,
    base: usize,
    width: usize,
    locations: &'a IdIndex,
}

/// Where a run's packed ids ended up: the first bytes of its buffer, or a buffer apart.
enum Packed {
    InPlace(usize),
    Apart(Vec<u8>),
}

impl Samples<'_> {
    fn pack(&self, mut out: Output) -> Result<Packed, DecodeError> {
        let (width, locations, bodies) = (self.width, self.locations, self.bodies);
        let mut scratch: Vec<u64> = Vec::new();
        let irregular = &bodies.irregular[bodies.irregular.partition_point(|&s| (s as usize) < self.first)..];
        let mut irregular = irregular.iter().peekable();
        let mut written = 0usize;
        for s in self.first..self.end {
            let (start, end) = bodies.span[s];
            let (start, end, depth) =
                (start as usize - self.base, end as usize - self.base, bodies.depth[s] as usize);
            let len = depth * width;
            let next_start = match s + 1 {
                n if n < self.end => bodies.span[n].0 as usize - self.base,
                _ => out.len(),
            };
            if written + len > next_start {
                out = out.spill(written);
            }
            let unpacked = irregular.next_if_eq(&&(s as u32)).is_some();
            let read = if !unpacked && !out.overlaps(written + len, start) {
                // the usual case: straight from the field to its slots, leaf last
                let (src, dst) = out.split(start, written + len);
                pack_field(&src[..end - start], &mut dst[written..written + len], width, locations)
            } else {
                scratch.clear();
                let body = &out.source()[start..end];
                let read = if unpacked {
                    read_unpacked(body, &mut scratch)
                } else {
                    read_packed(body, &mut scratch)
                };
                read.and_then(|()| {
                    let dst = out.target(written + len);
                    put_all(&scratch, &mut dst[written..written + len], width, locations)
                })
            };
            read.map_err(|e| e.at_sample(s))?;
            written += len;
        }
        Ok(match out {
            Output::InPlace(_) => Packed::InPlace(written),
            Output::Apart(_, mut packed) => {
                packed.truncate(written);
                Packed::Apart(packed)
            }
        })
    }
}

/// Decodes one packed field of ids (leaf first) into `dst`'s slots (root first).
fn pack_field(field: &[u8], dst: &mut [u8], width: usize, locations: &IdIndex) -> Result<(), LocationError> {
    let mut slots = Slots::new(dst, width);
    let mut pos = 0;
    while pos < field.len() {
        let (id, next) = varint_at(field, pos)?;
        slots.push(id, locations)?;
        pos = next;
    }
    slots.finish()
}

/// Writes the indexes of `ids` (leaf first) into `dst`'s slots, root first.
fn put_all(ids: &[u64], dst: &mut [u8], width: usize, locations: &IdIndex) -> Result<(), LocationError> {
    let mut slots = Slots::new(dst, width);
    for &id in ids {
        slots.push(id, locations)?;
    }
    slots.finish()
}

/// One sample's slots, filled from the last (the leaf) to the first (the root).
struct Slots<'a> {
    dst: &'a mut [u8],
    at: usize,
    width: usize,
}

impl<'a> Slots<'a> {
    fn new(dst: &'a mut [u8], width: usize) -> Self {
        Slots { at: dst.len(), dst, width }
    }

    #[inline(always)]
    fn push(&mut self, id: u64, locations: &IdIndex) -> Result<(), LocationError> {
        let index = locations.get(id).ok_or(LocationError::Unknown(id))?;
        // more ids than the sample pass counted: the bytes changed between passes
        self.at = self.at.checked_sub(self.width).ok_or(LocationError::Wire)?;
        put(self.dst, self.at, index, self.width);
        Ok(())
    }

    /// Every slot must be filled.
    fn finish(self) -> Result<(), LocationError> {
        if self.at == 0 {
            Ok(())
        } else {
            Err(LocationError::Wire)
        }
    }
}

/// The varint at `pos` and where the next one starts. Ids of up to four bytes (28 bits:
/// every location of any real profile) are read with one 8-byte load.
#[inline(always)]
fn varint_at(buf: &[u8], pos: usize) -> Result<(u64, usize), LocationError> {
    if let Some(bytes) = buf.get(pos..pos + 8) {
        let word = u64::from_le_bytes(bytes.try_into().unwrap());
        let len = (!word & 0x8080_8080_8080_8080).trailing_zeros() as usize / 8 + 1;
        if len <= 4 {
            let v = (word & 0x7f)
                | ((word >> 1) & (0x7f << 7))
                | ((word >> 2) & (0x7f << 14))
                | ((word >> 3) & (0x7f << 21));
            return Ok((v & ((1 << (7 * len)) - 1), pos + len));
        }
    }
    let mut rd = Reader::new(&buf[pos..]);
    let v = rd.varint()?;
    Ok((v, pos + rd.position()))
}

/// Where the packed ids go: over the raw bytes themselves, or apart from them into a
/// buffer of their own (when the bytes are borrowed, or once writing over them would
/// overwrite ids not read yet).
enum Output<'a> {
    InPlace(&'a mut [u8]),
    Apart(&'a [u8], Vec<u8>),
}

impl<'a> Output<'a> {
    fn source(&self) -> &[u8] {
        match self {
            Output::InPlace(b) => b,
            Output::Apart(src, _) => src,
        }
    }

    /// The bytes read (and, in place, written over).
    fn len(&self) -> usize {
        self.source().len()
    }

    /// The buffer the packed ids go to, at least `len` bytes long.
    fn target(&mut self, len: usize) -> &mut [u8] {
        match self {
            Output::InPlace(b) => b,
            Output::Apart(_, t) => at_least(t, len),
        }
    }

    /// Whether writing up to `end` would overwrite the bytes from `start` on.
    fn overlaps(&self, end: usize, start: usize) -> bool {
        matches!(self, Output::InPlace(_)) && end > start
    }

    /// The source from `start` on, and the target, at least `len` long (in place, the
    /// bytes before `start`: see [`Output::overlaps`]).
    fn split(&mut self, start: usize, len: usize) -> (&[u8], &mut [u8]) {
        match self {
            Output::InPlace(b) => {
                let (front, back) = b.split_at_mut(start);
                (back, front)
            }
            Output::Apart(src, t) => (&src[start..], at_least(t, len)),
        }
    }

    /// Moves the `written` bytes so far to a new buffer, which takes the rest.
    fn spill(self, written: usize) -> Output<'a> {
        match self {
            Output::InPlace(b) => {
                let target = b[..written].to_vec();
                Output::Apart(b, target)
            }
            apart => apart,
        }
    }
}

/// `t`, grown with zeros to at least `len` bytes.
fn at_least(t: &mut Vec<u8>, len: usize) -> &mut [u8] {
    if t.len() < len {
        t.resize(len, 0);
    }
    t
}

/// The ids of one packed field, leaf first.
fn read_packed(field: &[u8], ids: &mut Vec<u64>) -> Result<(), LocationError> {
    let mut rd = Reader::new(field);
    while !rd.is_empty() {
        ids.push(rd.varint()?);
    }
    Ok(())
}

/// The ids of a sample message body in any encoding (packed fields, single varints or
/// both), leaf first.
fn read_unpacked(body: &[u8], ids: &mut Vec<u64>) -> Result<(), LocationError> {
    let mut rd = Reader::new(body);
    while !rd.is_empty() {
        let (field, wt) = rd.key()?;
        match (field, wt) {
            (1, WireType::Len) => read_packed(rd.bytes()?, ids)?,
            (1, WireType::Varint) => ids.push(rd.varint()?),
            (1, _) => return Err(LocationError::Wire),
            _ => rd.skip(wt)?,
        }
    }
    Ok(())
}

/// What can go wrong while reading one sample's locations.
pub enum LocationError {
    Wire,
    Unknown(u64),
}

impl LocationError {
    fn at_sample(self, s: usize) -> DecodeError {
        match self {
            LocationError::Wire => DecodeError::corrupt("sample", Some(s), "malformed protobuf"),
            LocationError::Unknown(id) => {
                DecodeError::corrupt("sample.location_id", Some(s), format!("location id {id} not found"))
            }
        }
    }
}

impl From<WireError> for LocationError {
    fn from(_: WireError) -> Self {
        LocationError::Wire
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(width_for(0), 1);
        assert_eq!(width_for(256), 1);
        assert_eq!(width_for(257), 2);
        assert_eq!(width_for(315_062), 3);
        assert_eq!(width_for(1 << 24), 3);
        assert_eq!(width_for((1 << 24) + 1), 4);
        assert_eq!(mask(3), 0xff_ffff);
        assert_eq!(mask(4), u32::MAX);
    }

    /// Keeping some stacks moves their indexes to the front in order, and each still reads
    /// back as it was packed.
    #[test]
    fn keeping_stacks_moves_them_down_unchanged() {
        let width = 3;
        let stacks: [&[u32]; 4] = [&[1, 2, 3], &[70_000, 5], &[9], &[4, 0x00ab_cdef, 6, 7]];
        let mut bytes = Vec::new();
        let mut at = Vec::new();
        for s in stacks {
            at.push(bytes.len() as u32);
            for &i in s {
                bytes.extend_from_slice(&i.to_le_bytes()[..width]);
            }
        }
        bytes.extend_from_slice(&[0; PAD]);
        let mut ids = PackedIds { bytes, width };
        let kept = [1usize, 3];
        let mut kept_at: Vec<u32> = kept.iter().map(|&k| at[k]).collect();
        let depth: Vec<u32> = kept.iter().map(|&k| stacks[k].len() as u32).collect();
        ids.keep_only(&mut kept_at, &depth);
        assert_eq!(kept_at, [0, 2 * width as u32]);
        for (j, &k) in kept.iter().enumerate() {
            let read: Vec<u32> =
                (0..stacks[k].len()).map(|d| ids.get(kept_at[j] as usize + d * width)).collect();
            assert_eq!(read, stacks[k], "stack {k}");
        }
        assert_eq!(ids.bytes.len(), 6 * width + PAD);
    }
}
