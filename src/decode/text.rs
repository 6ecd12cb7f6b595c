//! Helpers shared by the readers of text forms (goroutine dumps, the legacy `?debug=1`
//! profiles): telling text from profile.proto, and splitting it into lines without
//! copying. `\n` ends a line and a `\r` before it is dropped (a file saved on Windows).
//! The last line reports whether it had its newline, which is how a file cut off mid-line
//! is noticed.

use super::DecodeError;

/// How many leading bytes [`looks_like_text`] checks.
pub(crate) const TEXT_PROBE: usize = 512;

/// Whether `data` starts like text: no control bytes other than tab, newline and carriage
/// return in its first 512 bytes. profile.proto has some from its first bytes (field tags
/// such as 0x08 and 0x12, short lengths), so the text forms are told from it without
/// decoding it.
pub(crate) fn looks_like_text(data: &[u8]) -> bool {
    data.iter().take(TEXT_PROBE).all(|&c| c >= 0x20 || matches!(c, b'\n' | b'\r' | b'\t'))
}

/// One line and whether a newline ended it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    pub text: &'a [u8],
    pub terminated: bool,
}

pub(crate) fn lines(text: &[u8]) -> impl Iterator<Item = Line<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, terminated) = match memchr::memchr(b'\n', rest) {
            Some(i) => {
                let line = &rest[..i];
                rest = &rest[i + 1..];
                (line, true)
            }
            None => (std::mem::take(&mut rest), false),
        };
        let text = line.strip_suffix(b"\r").unwrap_or(line);
        Some(Line { text, terminated })
    })
}

/// Parses ASCII digits as a number; `None` when empty, not all digits, or too large.
pub(crate) fn parse_u64(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() || digits.len() > 20 {
        return None;
    }
    let mut n: u64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add((d - b'0') as u64)?;
    }
    Some(n)
}

/// Parses `0x…` lowercase hex digits (as Go prints addresses); `None` when it is not
/// that or does not fit in 64 bits.
pub(crate) fn parse_hex(text: &[u8]) -> Option<u64> {
    let digits = text.strip_prefix(b"0x")?;
    if digits.is_empty() || digits.len() > 16 {
        return None;
    }
    let mut n: u64 = 0;
    for &d in digits {
        let v = match d {
            b'0'..=b'9' => d - b'0',
            b'a'..=b'f' => d - b'a' + 10,
            _ => return None,
        };
        n = n << 4 | v as u64;
    }
    Some(n)
}

/// Splits `file:line` at its last colon (Windows paths have one more); a location
/// without a line number is all file, line 0.
pub(crate) fn split_file_line(loc: &[u8]) -> (&[u8], u32) {
    if let Some(colon) = loc.iter().rposition(|&c| c == b':') {
        if let Some(n) = parse_u64(&loc[colon + 1..]) {
            return (&loc[..colon], n.min(u32::MAX as u64) as u32);
        }
    }
    (loc, 0)
}

/// Finds `needle` in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// The error for a line of a text format that is wrong (`what` names the format): corrupt,
/// naming the line, or truncated when it is the last line and has no newline.
pub(crate) fn bad_line(what: &'static str, number: usize, line: Line, why: &str) -> DecodeError {
    if !line.terminated {
        return DecodeError::Truncated(format!("the {what} text stops in the middle of line {number}"));
    }
    const SHOWN: usize = 80;
    let text = String::from_utf8_lossy(line.text);
    let shown: String = text.chars().take(SHOWN).collect();
    let more = if shown.len() < text.len() { "…" } else { "" };
    DecodeError::corrupt(what, None, format!("line {number}: {why}: `{shown}{more}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_cut_last_line() {
        let got: Vec<(&[u8], bool)> = lines(b"a\r\nb\n\nc").map(|l| (l.text, l.terminated)).collect();
        assert_eq!(got, vec![(&b"a"[..], true), (b"b", true), (b"", true), (b"c", false)]);
    }

    #[test]
    fn text_or_not() {
        assert!(looks_like_text(b"heap profile: 1: 2 [3: 4] @ heap/1024\r\n\t#"));
        assert!(!looks_like_text(b"\x0a\x04\x08\x01\x10\x02"));
        assert_eq!(parse_hex(b"0x4bc0e7"), Some(0x4bc0e7));
        assert_eq!(parse_hex(b"0xffffffffffffffff"), Some(u64::MAX));
        for bad in [&b"0x"[..], b"4bc0e7", b"0x1ffffffffffffffff", b"0xABC"] {
            assert_eq!(parse_hex(bad), None);
        }
    }

    #[test]
    fn locations() {
        assert_eq!(split_file_line(b"C:/go/src/x.go:12"), (&b"C:/go/src/x.go"[..], 12));
        assert_eq!(split_file_line(b"x.go"), (&b"x.go"[..], 0));
        assert_eq!(split_file_line(b""), (&b""[..], 0));
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_u64(b"18446744073709551615"), Some(u64::MAX));
        assert_eq!(parse_u64(b"18446744073709551616"), None);
        assert_eq!(parse_u64(b""), None);
        assert_eq!(parse_u64(b"1x"), None);
    }
}
