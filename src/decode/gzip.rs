//! One-shot gunzip into a buffer sized from the gzip ISIZE trailer, with a hard limit on
//! the decompressed size so that a gzip bomb is stopped early with a clear error.

use super::DecodeError;
use flate2::{Decompress, FlushDecompress, Status};
use std::mem::MaybeUninit;

const MAGIC: [u8; 2] = [0x1f, 0x8b];

/// True when the bytes start with the gzip magic number.
pub fn is_gzip(data: &[u8]) -> bool {
    data.starts_with(&MAGIC)
}

/// The uncompressed size the gzip trailer claims (modulo 2^32), used to size buffers up
/// front. It is only a hint: a hostile file can lie.
pub fn isize_hint(data: &[u8]) -> u64 {
    match data.len().checked_sub(4) {
        Some(at) if is_gzip(data) => u32::from_le_bytes(data[at..].try_into().unwrap()) as u64,
        _ => 0,
    }
}

/// Decompresses every gzip member of `data`, refusing to produce more than `limit` bytes.
/// `progress` is called with the fraction of the input consumed.
pub fn gunzip(data: &[u8], limit: u64, progress: &mut dyn FnMut(f64)) -> Result<Vec<u8>, DecodeError> {
    let mut out = GrowingOutput { vec: Vec::with_capacity(capacity_for(data, limit)), limit };
    inflate_members(data, &mut out, progress)?;
    if out.vec.len() as u64 > limit {
        return Err(DecodeError::TooLarge { limit });
    }
    verify_crc(data, out.vec.len(), || crc32fast::hash(&out.vec))?;
    Ok(out.vec)
}

/// The buffer to reserve for the output: the size the trailer claims, unless it is a lie
/// (deflate cannot expand data more than about 1032 times, and a larger claim would
/// otherwise reserve up to the limit, which in wasm is real memory), and at most one byte
/// over the limit.
pub fn capacity_for(data: &[u8], limit: u64) -> usize {
    let hint = isize_hint(data).min(data.len() as u64 * 1032);
    let capacity = if hint >= data.len() as u64 { hint } else { data.len() as u64 * 4 };
    capacity.min(limit.saturating_add(1)) as usize
}

/// Where inflated bytes go.
pub trait Output {
    /// Room for the next bytes (never empty), or the error that ends the inflate (the
    /// output is full).
    fn room(&mut self) -> Result<&mut [MaybeUninit<u8>], DecodeError>;
    /// The first `n` bytes of the last room are written.
    fn wrote(&mut self, n: usize);
}

/// A `Vec` that grows as needed, up to a limit.
struct GrowingOutput {
    vec: Vec<u8>,
    limit: u64,
}

impl Output for GrowingOutput {
    fn room(&mut self) -> Result<&mut [MaybeUninit<u8>], DecodeError> {
        if self.vec.len() == self.vec.capacity() {
            if self.vec.len() as u64 > self.limit {
                return Err(DecodeError::TooLarge { limit: self.limit });
            }
            let room = (self.limit + 1 - self.vec.len() as u64) as usize;
            self.vec.reserve_exact(self.vec.capacity().max(1 << 16).min(room));
        }
        Ok(self.vec.spare_capacity_mut())
    }

    fn wrote(&mut self, n: usize) {
        // SAFETY: the inflater initialized the first `n` bytes of the spare capacity.
        unsafe { self.vec.set_len(self.vec.len() + n) }
    }
}

/// Inflates every gzip member of `data` into `out`. `progress` is called with the
/// fraction of the input consumed.
pub fn inflate_members(
    data: &[u8],
    out: &mut impl Output,
    progress: &mut dyn FnMut(f64),
) -> Result<(), DecodeError> {
    let mut rest = data;
    while is_gzip(rest) {
        let body = skip_header(rest)?;
        let consumed = inflate_member(body, out, data.len(), progress)?;
        let trailer = &body[consumed..];
        if trailer.len() < 8 {
            return Err(DecodeError::Truncated("the gzip trailer is missing".into()));
        }
        rest = &trailer[8..];
    }
    Ok(())
}

/// Checks the CRC-32 in the last trailer against the whole output (`len` bytes, whose
/// checksum `crc` computes) when the trailer's size matches it, which is the
/// single-member case (nearly every file). Members of a multi-member file have each had
/// to end cleanly, but their CRCs are not checked.
pub fn verify_crc(data: &[u8], len: usize, crc: impl FnOnce() -> u32) -> Result<(), DecodeError> {
    if let Some(at) = data.len().checked_sub(8) {
        let want = u32::from_le_bytes(data[at..at + 4].try_into().unwrap());
        let size = u32::from_le_bytes(data[at + 4..].try_into().unwrap());
        if size == len as u32 && crc() != want {
            return Err(DecodeError::corrupt("gzip", None, "CRC-32 checksum mismatch"));
        }
    }
    Ok(())
}

/// Returns the deflate stream after a gzip member header (RFC 1952, section 2.3).
fn skip_header(data: &[u8]) -> Result<&[u8], DecodeError> {
    let short = || DecodeError::Truncated("the gzip header is cut short".into());
    if data.len() < 10 {
        return Err(short());
    }
    if data[2] != 8 {
        return Err(DecodeError::corrupt("gzip", None, format!("unknown compression method {}", data[2])));
    }
    let flags = data[3];
    let mut rest = &data[10..];
    if flags & 4 != 0 {
        let n = u16::from_le_bytes(rest.get(..2).ok_or_else(short)?.try_into().unwrap()) as usize;
        rest = rest.get(2 + n..).ok_or_else(short)?;
    }
    for bit in [8u8, 16] {
        if flags & bit != 0 {
            let end = rest.iter().position(|&b| b == 0).ok_or_else(short)?;
            rest = &rest[end + 1..];
        }
    }
    if flags & 2 != 0 {
        rest = rest.get(2..).ok_or_else(short)?;
    }
    Ok(rest)
}

/// Inflates one raw deflate stream into `out`; returns the input bytes consumed.
///
/// Input is fed in slices so that progress can be reported on big files.
fn inflate_member(
    input: &[u8],
    out: &mut impl Output,
    total_len: usize,
    progress: &mut dyn FnMut(f64),
) -> Result<usize, DecodeError> {
    const SLICE: usize = 4 << 20;
    let mut z = Decompress::new(false);
    loop {
        let pos = z.total_in() as usize;
        let before = z.total_out();
        let slice = &input[pos..(pos + SLICE).min(input.len())];
        let room = out.room()?;
        let room_len = room.len();
        let status = z
            .decompress_uninit(slice, room, FlushDecompress::None)
            .map_err(|e| DecodeError::corrupt("gzip", None, format!("bad deflate data ({e})")))?;
        let produced = (z.total_out() - before) as usize;
        out.wrote(produced);
        if status == Status::StreamEnd {
            return Ok(z.total_in() as usize);
        }
        let stalled = z.total_in() as usize == pos && produced == 0;
        if stalled && pos == input.len() {
            return Err(DecodeError::Truncated("the gzip stream ends early".into()));
        }
        if stalled && produced < room_len {
            return Err(DecodeError::corrupt("gzip", None, "the deflate stream makes no progress"));
        }
        progress(z.total_in() as f64 / total_len.max(1) as f64);
    }
}
