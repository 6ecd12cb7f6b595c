//! Strings packed end to end in one buffer. A view names every frame key once (tens of
//! thousands on a large profile, each with a `file:line`); a `Vec<String>` made an
//! allocation for each, which was a good part of building the view, above all in wasm.

use std::fmt::Write;
use std::ops::Index;

/// A list of strings, appended to and read by index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Texts {
    text: String,
    /// Where each string ends in `text` (it starts where the one before ends).
    ends: Vec<usize>,
}

impl Texts {
    /// Room for `n` strings of about `bytes` bytes in all.
    pub fn with_capacity(n: usize, bytes: usize) -> Texts {
        Texts { text: String::with_capacity(bytes), ends: Vec::with_capacity(n) }
    }

    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len());
    }

    /// Appends a string written by `format_args!`, without making it first.
    pub fn push_fmt(&mut self, args: std::fmt::Arguments) {
        // writing to a String cannot fail
        let _ = self.text.write_fmt(args);
        self.ends.push(self.text.len());
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.text[start..end])
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let s = &self.text[start..end];
            start = end;
            s
        })
    }
}

impl Index<usize> for Texts {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        match self.get(i) {
            Some(s) => s,
            None => panic!("text {i} of {}", self.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_as_pushed_including_empty_ones() {
        let mut t = Texts::with_capacity(4, 16);
        t.push("main.main");
        t.push("");
        t.push_fmt(format_args!("{}:{}", "a/b.go", 42));
        t.push("é");
        assert_eq!(t.len(), 4);
        assert_eq!((&t[0], &t[1], &t[2], &t[3]), ("main.main", "", "a/b.go:42", "é"));
        assert_eq!(t.iter().collect::<Vec<_>>(), ["main.main", "", "a/b.go:42", "é"]);
        assert_eq!(t.get(4), None);
        assert!(Texts::default().is_empty());
    }
}
