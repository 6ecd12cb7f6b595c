//! A cursor over one line, for the record and header grammars of the legacy texts. pprof
//! reads them with regular expressions such as `(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @`;
//! each method here is one piece of such a pattern, so the parsers read like them.

use crate::decode::text::parse_hex;

pub(super) struct Cursor<'a> {
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    pub fn new(line: &'a [u8]) -> Self {
        Cursor { rest: line }
    }

    pub fn rest(&self) -> &'a [u8] {
        self.rest
    }

    /// ` *`: any number of spaces.
    pub fn spaces(&mut self) -> &mut Self {
        let n = self.rest.iter().take_while(|&&c| c == b' ').count();
        self.rest = &self.rest[n..];
        self
    }

    /// A literal.
    pub fn lit(&mut self, s: &[u8]) -> Option<&mut Self> {
        self.rest = self.rest.strip_prefix(s)?;
        Some(self)
    }

    /// `\d+`, as text (pprof compares some header numbers as strings).
    pub fn digits(&mut self) -> Option<&'a [u8]> {
        let n = self.rest.iter().take_while(|c| c.is_ascii_digit()).count();
        let (d, rest) = self.rest.split_at(n);
        self.rest = rest;
        (n > 0).then_some(d)
    }

    /// `-?\d+` as an `i64` (Go's `strconv.ParseInt(s, 10, 64)`: too large is an error).
    pub fn int(&mut self) -> Result<i64, String> {
        let negative = self.lit(b"-").is_some();
        self.number(negative)
    }

    /// `\d+` as an `i64`.
    pub fn uint(&mut self) -> Result<i64, String> {
        self.number(false)
    }

    fn number(&mut self, negative: bool) -> Result<i64, String> {
        let digits = self.digits().ok_or("a number is missing")?;
        let sign = if negative { -1 } else { 1 };
        digits
            .iter()
            .try_fold(0i64, |n, &d| n.checked_mul(10)?.checked_add(sign * (d - b'0') as i64))
            .ok_or_else(|| {
                format!("{}{} is out of range", &"-"[..negative as usize], String::from_utf8_lossy(digits))
            })
    }

    /// The addresses after `@`: `0x…` words separated by spaces, up to the end of the line.
    pub fn addresses(&mut self) -> Result<Vec<u64>, String> {
        let words = std::mem::take(&mut self.rest).split(|&c| c == b' ').filter(|w| !w.is_empty());
        words
            .map(|w| {
                parse_hex(w).ok_or_else(|| format!("`{}` is not an address", String::from_utf8_lossy(w)))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces() {
        let mut c = Cursor::new(b"12:  -3 [x");
        assert_eq!(c.int(), Ok(12));
        assert!(c.lit(b":").is_some());
        assert_eq!(c.spaces().int(), Ok(-3));
        assert!(c.spaces().lit(b"[").is_some());
        assert_eq!(c.digits(), None);
        assert_eq!(c.rest(), b"x");
        assert!(Cursor::new(b"9223372036854775808").int().is_err());
        assert_eq!(Cursor::new(b"-9223372036854775808").int(), Ok(i64::MIN));
        assert_eq!(Cursor::new(b" 0x1  0xff").addresses(), Ok(vec![1, 255]));
        assert!(Cursor::new(b" 0x1 zz").addresses().is_err());
    }
}
