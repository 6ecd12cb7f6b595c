//! One-shot gunzip into a buffer sized from the gzip ISIZE trailer, with a hard limit on
//! the decompressed size so that a gzip bomb is stopped early with a clear error.

use super::DecodeError;
use flate2::{Decompress, FlushDecompress, Status};

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
    // Deflate cannot expand data more than about 1032 times, so a larger claim is a lie
    // (it would otherwise reserve up to the limit, which in wasm is real memory).
    let hint = isize_hint(data).min(data.len() as u64 * 1032);
    let capacity = if hint >= data.len() as u64 { hint } else { data.len() as u64 * 4 };
    let mut out = Vec::with_capacity(capacity.min(limit.saturating_add(1)) as usize);
    let mut rest = data;
    while is_gzip(rest) {
        let body = skip_header(rest)?;
        let consumed = inflate_member(body, &mut out, limit, data.len(), progress)?;
        let trailer = &body[consumed..];
        if trailer.len() < 8 {
            return Err(DecodeError::Truncated("the gzip trailer is missing".into()));
        }
        rest = &trailer[8..];
    }
    verify_crc(data, &out)?;
    Ok(out)
}

/// Checks the CRC-32 in the last trailer against the whole output when the trailer's size
/// matches it, which is the single-member case (nearly every file). Members of a
/// multi-member file have each had to end cleanly, but their CRCs are not checked.
fn verify_crc(data: &[u8], out: &[u8]) -> Result<(), DecodeError> {
    if let Some(at) = data.len().checked_sub(8) {
        let crc = u32::from_le_bytes(data[at..at + 4].try_into().unwrap());
        let size = u32::from_le_bytes(data[at + 4..].try_into().unwrap());
        if size == out.len() as u32 && crc32fast::hash(out) != crc {
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

/// Inflates one raw deflate stream, appending to `out`; returns the input bytes consumed.
///
/// Input is fed in slices so that progress can be reported on big files; output goes
/// straight into `out`'s spare capacity, which is only grown when the size hint was wrong.
fn inflate_member(
    input: &[u8],
    out: &mut Vec<u8>,
    limit: u64,
    total_len: usize,
    progress: &mut dyn FnMut(f64),
) -> Result<usize, DecodeError> {
    const SLICE: usize = 4 << 20;
    let mut z = Decompress::new(false);
    loop {
        if out.len() == out.capacity() {
            if out.len() as u64 > limit {
                return Err(DecodeError::TooLarge { limit });
            }
            let room = (limit + 1 - out.len() as u64) as usize;
            out.reserve_exact(out.capacity().max(1 << 16).min(room));
        }
        let pos = z.total_in() as usize;
        let produced = out.len();
        let slice = &input[pos..(pos + SLICE).min(input.len())];
        let status = z
            .decompress_vec(slice, out, FlushDecompress::None)
            .map_err(|e| DecodeError::corrupt("gzip", None, format!("bad deflate data ({e})")))?;
        if out.len() as u64 > limit {
            return Err(DecodeError::TooLarge { limit });
        }
        if status == Status::StreamEnd {
            return Ok(z.total_in() as usize);
        }
        let stalled = z.total_in() as usize == pos && out.len() == produced;
        if stalled && pos == input.len() {
            return Err(DecodeError::Truncated("the gzip stream ends early".into()));
        }
        if stalled && out.len() < out.capacity() {
            return Err(DecodeError::corrupt("gzip", None, "the deflate stream makes no progress"));
        }
        progress(z.total_in() as f64 / total_len.max(1) as f64);
    }
}
