//! Splits text into lines without copying: `\n` ends a line and a `\r` before it is
//! dropped (a dump saved on Windows). The last line reports whether it had its newline,
//! which is how a dump cut off mid-line is noticed.

/// One line and whether a newline ended it.
pub(super) struct Line<'a> {
    pub text: &'a [u8],
    pub terminated: bool,
}

pub(super) fn lines(text: &[u8]) -> impl Iterator<Item = Line<'_>> {
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
pub(super) fn parse_u64(digits: &[u8]) -> Option<u64> {
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

/// Finds `needle` in `hay`.
pub(super) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
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
    fn numbers() {
        assert_eq!(parse_u64(b"18446744073709551615"), Some(u64::MAX));
        assert_eq!(parse_u64(b"18446744073709551616"), None);
        assert_eq!(parse_u64(b""), None);
        assert_eq!(parse_u64(b"1x"), None);
    }
}
