//! pprof labels as dumps print them: `{"k": "v", "k2": "v2"}`. debug=1 prints Go's
//! `%q:%q` pairs after `# labels: `; debug=2 (Go 1.26 with GODEBUG=tracebacklabels=1, and
//! Go 1.27 by default) prints `labels:{"k": "v"}` in the header, with everything outside
//! printable ASCII escaped. Both use Go's double-quoted string syntax.

/// Parses the pairs between the braces (the braces themselves are optional). `None` when
/// the text does not follow the syntax; the caller then keeps it verbatim.
pub(super) fn parse_labels(text: &[u8]) -> Option<Vec<(String, String)>> {
    let mut s = trim(text);
    if let Some(inner) = s.strip_prefix(b"{").and_then(|r| r.strip_suffix(b"}")) {
        s = inner;
    }
    let mut pairs = Vec::new();
    loop {
        s = trim(s);
        if s.is_empty() {
            return Some(pairs);
        }
        let (key, rest) = quoted(s)?;
        let rest = trim(rest).strip_prefix(b":")?;
        let (value, rest) = quoted(trim(rest))?;
        pairs.push((key, value));
        s = trim(rest);
        if let Some(r) = s.strip_prefix(b",") {
            s = r;
        } else if !s.is_empty() {
            return None;
        }
    }
}

fn trim(s: &[u8]) -> &[u8] {
    s.trim_ascii()
}

/// Reads one Go double-quoted string from the start of `s`; returns it unescaped and the
/// rest of `s`.
fn quoted(s: &[u8]) -> Option<(String, &[u8])> {
    let mut rest = s.strip_prefix(b"\"")?;
    let mut out: Vec<u8> = Vec::new();
    loop {
        let (&c, tail) = rest.split_first()?;
        rest = tail;
        match c {
            b'"' => return Some((String::from_utf8_lossy(&out).into_owned(), rest)),
            b'\\' => {
                let (&e, tail) = rest.split_first()?;
                rest = tail;
                match e {
                    b'n' => out.push(b'\n'),
                    b't' => out.push(b'\t'),
                    b'r' => out.push(b'\r'),
                    b'a' => out.push(7),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'v' => out.push(11),
                    b'x' => {
                        out.push(hex(rest.get(..2)?)? as u8);
                        rest = &rest[2..];
                    }
                    b'u' | b'U' => {
                        let n = if e == b'u' { 4 } else { 8 };
                        let ch = char::from_u32(hex(rest.get(..n)?)?).unwrap_or(char::REPLACEMENT_CHARACTER);
                        out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                        rest = &rest[n..];
                    }
                    other => out.push(other),
                }
            }
            _ => out.push(c),
        }
    }
}

fn hex(digits: &[u8]) -> Option<u32> {
    let s = std::str::from_utf8(digits).ok()?;
    u32::from_str_radix(s, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::parse_labels;

    fn pairs(v: &[(&str, &str)]) -> Option<Vec<(String, String)>> {
        Some(v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect())
    }

    #[test]
    fn both_spacings_and_escapes() {
        assert_eq!(parse_labels(br#"{"tenant": "acme"}"#), pairs(&[("tenant", "acme")]));
        assert_eq!(parse_labels(br#"{"a":"1", "b":"x\"y"}"#), pairs(&[("a", "1"), ("b", "x\"y")]));
        assert_eq!(parse_labels(br#""k": "\u00e9\x41\n""#), pairs(&[("k", "éA\n")]));
        assert_eq!(parse_labels(b"{}"), pairs(&[]));
    }

    #[test]
    fn malformed_is_none() {
        assert_eq!(parse_labels(br#"{"a" "b"}"#), None);
        assert_eq!(parse_labels(br#"{"a": "b"#), None);
        assert_eq!(parse_labels(br#"{"a": "\x4"}"#), None);
        assert_eq!(parse_labels(b"{k:v}"), None);
    }
}
