//! The text form of heap and allocs profiles (`/debug/pprof/heap?debug=1`; allocs writes
//! the same text). A header, then one record per allocation site, largest in-use first:
//!
//! ```text
//! heap profile: 103: 396400 [571: 701200] @ heap/8192
//! 36: 147456 [36: 147456] @ 0x4bbc9a 0x4bc5e9 0x4379f2 0x461e81
//! #    0x4bbc99    main.leak+0x79    /src/main.go:46
//! ```
//!
//! `in-use objects: in-use bytes [allocated objects: allocated bytes]`, as sampled, then
//! the `# runtime.MemStats` block (see `memstats.rs`). The numbers are pprof's
//! (`parseHeap`):
//!
//! * The header's `heap/RATE` is twice the sampling rate (runtime/pprof writes
//!   `2*MemProfileRate`, as the old C++ profiler did), so the period is RATE / 2.
//!   `heap_v2/RATE` and `heapz_v2/RATE` give the rate itself; `heapprofile` means no
//!   sampling.
//! * Each record is unsampled: a site with `n` sampled objects of average size `s` stands
//!   for `n / (1 − e^(−s/rate))` objects (and likewise bytes), since an allocation of `s`
//!   bytes is sampled with probability `1 − e^(−s/rate)`.
//! * When the header's allocated totals equal its in-use totals (or are 0), the text has
//!   no separate allocation numbers: the sample types are `objects` and `space` only.
//!   Otherwise they are `alloc_objects`, `alloc_space`, `inuse_objects`, `inuse_space`,
//!   and pprof shows the last by default (so allocs' text opens on `inuse_space` too,
//!   where its proto form opens on `alloc_space`).
//! * Each sample carries a numeric label `bytes`, the sampled bytes per object.
//! * `drop_frames` is `runtime\..*` (but not `runtime.panic`, `runtime.reflectcall`,
//!   `runtime.callN`): pprof's frames for legacy heap profiles, cut below the program's
//!   first frame. pprof's list also names C and C++ allocators (malloc, tcmalloc, …),
//!   which never appear in a Go profile's `#` lines.

use super::builder::Builder;
use super::cursor::Cursor;
use super::records::{read_records, Form, Record};
use crate::decode::text::{bad_line, Line};
use crate::decode::DecodeError;
use crate::model::{Format, Profile};

/// pprof's drop and keep frames for legacy heap profiles, for the frames Go can print.
const DROP_FRAMES: &str = r"runtime\..*";
const KEEP_FRAMES: &str = r"runtime\.panic|runtime\.reflectcall|runtime\.call[0-9]*";

/// Whether `line` is a heap profile header, as the sniffer sees it.
pub(super) fn is_header(line: &[u8]) -> bool {
    line.starts_with(b"heap profile:")
}

/// Reads the text (its first non-blank line is the header).
pub(super) fn parse<'a>(mut lines: impl Iterator<Item = (usize, Line<'a>)>) -> Result<Profile, DecodeError> {
    let (number, first) =
        lines.next().ok_or_else(|| DecodeError::Truncated("no heap profile header".into()))?;
    let h =
        header(first.text.trim_ascii_end()).map_err(|why| bad_line(HeapForm::NAME, number, first, &why))?;
    let types: &[(&str, &str)] = if h.has_alloc {
        &[
            ("alloc_objects", "count"),
            ("alloc_space", "bytes"),
            ("inuse_objects", "count"),
            ("inuse_space", "bytes"),
        ]
    } else {
        &[("objects", "count"), ("space", "bytes")]
    };
    let mut b = Builder::new(types, ("space", "bytes"), h.period);
    b.profile.drop_frames = b.strings.intern(DROP_FRAMES);
    b.profile.keep_frames = b.strings.intern(KEEP_FRAMES);
    let mut form = HeapForm { rate: h.period, unsample: h.unsample, has_alloc: h.has_alloc };
    read_records(lines, &mut form, &mut b)?;
    let mut p = b.finish();
    p.format = Format::HeapText;
    Ok(p)
}

/// What the header says.
#[derive(Debug, PartialEq, Eq)]
struct Header {
    period: i64,
    /// Whether records are unsampled (a `heap`, `heap_v2` or `heapz_v2` header).
    unsample: bool,
    has_alloc: bool,
}

/// `heap profile: 103: 396400 [571: 701200] @ heap/8192`
fn header(line: &[u8]) -> Result<Header, String> {
    const WANT: &str = "not a heap profile header (`heap profile: N: N [N: N] @ heap/RATE`)";
    let at = memchr::memmem::find(line, b"heap profile:").ok_or(WANT)?;
    let mut c = Cursor::new(&line[at + b"heap profile:".len()..]);
    let mut totals = [&b""[..]; 4];
    for (i, sep) in [&b":"[..], b"[", b":", b"]"].into_iter().enumerate() {
        totals[i] = c.spaces().digits().ok_or(WANT)?;
        c.spaces().lit(sep).ok_or(WANT)?;
    }
    c.spaces().lit(b"@").ok_or(WANT)?;
    let kind_len = c
        .spaces()
        .rest()
        .iter()
        .take_while(|&&ch| ch == b'_' || ch.is_ascii_lowercase() || ch.is_ascii_digit())
        .count();
    let kind = &c.rest()[..kind_len];
    if !kind.starts_with(b"heap") {
        return Err(WANT.into());
    }
    c.lit(kind).ok_or(WANT)?;
    let _ = c.lit(b"/");
    let rate = if c.rest().first().is_some_and(u8::is_ascii_digit) { c.int()? } else { 0 };
    // pprof compares the totals as text: allocation numbers equal to the in-use ones
    // (or zero) mean the text has none of its own.
    let has_alloc =
        (totals[2] != totals[0] && totals[2] != b"0") || (totals[3] != totals[1] && totals[3] != b"0");
    let (period, unsample) = match kind {
        b"heap" => (rate / 2, true),
        b"heap_v2" | b"heapz_v2" => (rate, true),
        b"heapprofile" => (1, false),
        other => return Err(format!("unknown heap profile kind `{}`", String::from_utf8_lossy(other))),
    };
    Ok(Header { period, unsample, has_alloc })
}

struct HeapForm {
    rate: i64,
    unsample: bool,
    has_alloc: bool,
}

impl HeapForm {
    /// Adds a (count, bytes) pair, unsampled. The block size label is the sampled bytes
    /// per object of the last non-empty pair (in-use after allocated), as pprof sets it.
    fn push(
        &self,
        values: &mut Vec<i64>,
        block_size: &mut i64,
        count: i64,
        bytes: i64,
        what: &str,
    ) -> Result<(), String> {
        if count == 0 && bytes != 0 {
            return Err(format!("{what} count is 0 but {what} bytes are {bytes}"));
        }
        let (mut count, mut bytes) = (count, bytes);
        if count != 0 {
            *block_size = bytes.wrapping_div(count);
            if self.unsample {
                (count, bytes) = unsample(count, bytes, self.rate);
            }
        }
        values.extend([count, bytes]);
        Ok(())
    }
}

/// pprof's `scaleHeapSample`: a site sampled `count` times for `bytes` bytes, at one sample
/// per `rate` bytes on average, stands for `count / p` objects and `bytes / p` bytes, where
/// `p = 1 − e^(−(bytes/count)/rate)` is the chance that an object of that size is sampled.
/// A rate of 1 or less means every allocation was recorded (or the rate is unknown).
fn unsample(count: i64, bytes: i64, rate: i64) -> (i64, i64) {
    if count == 0 || bytes == 0 {
        return (0, 0);
    }
    if rate <= 1 {
        return (count, bytes);
    }
    let average = bytes as f64 / count as f64;
    let scale = 1.0 / (1.0 - (-average / rate as f64).exp());
    ((count as f64 * scale) as i64, (bytes as f64 * scale) as i64)
}

impl<'a> Form<'a> for HeapForm {
    const NAME: &'static str = "heap profile";

    /// `36: 147456 [36: 147456] @ 0x4bbc9a 0x4bc5e9`
    fn record(&mut self, b: &mut Builder<'a>, line: &'a [u8]) -> Result<Record, String> {
        const WANT: &str = "not a heap record (`N: N [N: N] @ 0x…`)";
        let mut c = Cursor::new(line);
        let inuse_objects = c.int()?;
        let inuse_bytes = c.lit(b":").ok_or(WANT)?.spaces().int()?;
        let alloc_objects = c.spaces().lit(b"[").ok_or(WANT)?.spaces().uint()?;
        let alloc_bytes = c.lit(b":").ok_or(WANT)?.spaces().uint()?;
        c.spaces().lit(b"] @").ok_or(WANT)?;
        let addrs = c.addresses()?;
        let mut values = Vec::with_capacity(4);
        let mut block_size = 0;
        if self.has_alloc {
            self.push(&mut values, &mut block_size, alloc_objects, alloc_bytes, "allocated")?;
        }
        self.push(&mut values, &mut block_size, inuse_objects, inuse_bytes, "in-use")?;
        let labels = vec![b.num_label("bytes", block_size)];
        Ok(Record { values, addrs, labels })
    }

    fn ends(&self, _line: &[u8]) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        let h = header(b"heap profile: 103: 396400 [571: 701200] @ heap/8192").unwrap();
        assert_eq!(h, Header { period: 4096, unsample: true, has_alloc: true });
        let h = header(b"heap profile:1:2[1:2]@heap_v2/524288").unwrap();
        assert_eq!(h, Header { period: 524288, unsample: true, has_alloc: false });
        // Zero allocation totals also mean "no allocation numbers".
        assert!(!header(b"heap profile: 1: 2 [0: 0] @ heapprofile").unwrap().has_alloc);
        assert_eq!(header(b"heap profile: 1: 2 [1: 3] @ heap").unwrap().period, 0);
        assert!(header(b"heap profile: 1: 2 [1: 3] @ heap_v9/1").is_err());
        assert!(header(b"heap profile: 1: 2 @ heap/1").is_err());
    }

    #[test]
    fn unsampling_by_hand() {
        // 4 objects of 1024 bytes at rate 1024: p = 1 - e^-1 = 0.63212…, scale 1.58198…
        assert_eq!(unsample(4, 4096, 1024), (6, 6479));
        assert_eq!(unsample(4, 4096, 1), (4, 4096));
        assert_eq!(unsample(0, 0, 1024), (0, 0));
    }
}
