//! The `# runtime.MemStats` block at the end of a heap profile's text:
//!
//! ```text
//! # runtime.MemStats
//! # Alloc = 2318896
//! # Stack = 360448 / 360448
//! # PauseNs = [20679 9277 0 0 …]
//! # GCCPUFraction = 8.588208511228349e-05
//! # DebugGC = false
//! # MaxRSS = 5050368
//! ```
//!
//! Every `# Name = value` line up to the first line that is not a comment is kept, so a
//! field added or dropped by another Go version reads all the same (see
//! [`crate::model::memstats`] for the values).

use crate::decode::text::{lines, parse_u64};
use crate::model::{MemStat, MemStatValue, MemStats};

/// The block's first line.
const START: &[u8] = b"# runtime.MemStats";

/// The block of `text`, or `None` when it has none.
pub(super) fn parse(text: &[u8]) -> Option<MemStats> {
    let mut it = lines(text).map(|l| l.text.trim_ascii()).skip_while(|&l| l != START);
    it.next()?;
    let mut stats = MemStats::default();
    for line in it.take_while(|l| l.starts_with(b"#")) {
        let Some((name, value)) = field(&line[1..]) else { continue };
        push(&mut stats, name, value);
    }
    Some(stats)
}

/// ` Name = value` → (`Name`, `value`); the name is a Go identifier.
fn field(rest: &[u8]) -> Option<(&str, &[u8])> {
    let eq = memchr::memmem::find(rest, b" = ")?;
    let name = std::str::from_utf8(rest[..eq].trim_ascii()).ok()?;
    let ident = !name.is_empty() && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_');
    ident.then(|| (name, rest[eq + 3..].trim_ascii()))
}

/// Adds a field. `Stack = inuse / sys` (also `MSpan`, `MCache`) becomes the struct's two
/// fields, `StackInuse` and `StackSys`.
fn push(stats: &mut MemStats, name: &str, value: &[u8]) {
    let mut add = |name: String, value| stats.fields.push(MemStat { name, value });
    if let Some(slash) = memchr::memmem::find(value, b" / ") {
        if let (Some(inuse), Some(sys)) = (parse_u64(&value[..slash]), parse_u64(&value[slash + 3..])) {
            add(format!("{name}Inuse"), MemStatValue::Int(inuse));
            add(format!("{name}Sys"), MemStatValue::Int(sys));
            return;
        }
    }
    add(name.to_string(), read_value(value));
}

/// An integer, a `[…]` list of integers, `true`/`false`, a finite float, or the text.
fn read_value(value: &[u8]) -> MemStatValue {
    if let Some(n) = parse_u64(value) {
        return MemStatValue::Int(n);
    }
    if let Some(inner) = value.strip_prefix(b"[").and_then(|v| v.strip_suffix(b"]")) {
        let items: Option<Vec<u64>> =
            inner.split(u8::is_ascii_whitespace).filter(|w| !w.is_empty()).map(parse_u64).collect();
        if let Some(items) = items {
            return MemStatValue::List(items);
        }
    }
    let text = String::from_utf8_lossy(value);
    match &*text {
        "true" => MemStatValue::Bool(true),
        "false" => MemStatValue::Bool(false),
        t => match t.parse::<f64>() {
            Ok(x) if x.is_finite() && is_float_text(t) => MemStatValue::Float(x),
            _ => MemStatValue::Text(t.to_string()),
        },
    }
}

/// Go's `%v` of a float64: digits with a point or an exponent (not `NaN`, `+Inf`, `-1`).
fn is_float_text(t: &str) -> bool {
    t.bytes().all(|c| c.is_ascii_digit() || b".eE+-".contains(&c)) && t.contains(['.', 'e', 'E'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(read_value(b"42"), MemStatValue::Int(42));
        assert_eq!(read_value(b"[1 2  3]"), MemStatValue::List(vec![1, 2, 3]));
        assert_eq!(read_value(b"[]"), MemStatValue::List(vec![]));
        assert_eq!(read_value(b"8.5e-05"), MemStatValue::Float(8.5e-05));
        assert_eq!(read_value(b"false"), MemStatValue::Bool(false));
        for text in ["-1", "NaN", "inf", "[1 x]", "12 MB"] {
            assert_eq!(read_value(text.as_bytes()), MemStatValue::Text(text.into()), "{text}");
        }
    }

    #[test]
    fn block_with_pairs_and_unknown_fields() {
        let text = b"1: 2 [1: 2] @ 0x1\n\n# runtime.MemStats\n# Alloc = 5\n# Stack = 3 / 4\n\
            # NewField = 7\n# not a field\n# Odd = 1 / x\nafter\n# Late = 1\n";
        let m = parse(text).unwrap();
        let names: Vec<&str> = m.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["Alloc", "StackInuse", "StackSys", "NewField", "Odd"]);
        assert_eq!((m.int("StackSys"), m.int("NewField")), (Some(4), Some(7)));
        assert_eq!(m.get("Odd"), Some(&MemStatValue::Text("1 / x".into())));
        assert_eq!(parse(b"heap profile: 0: 0 [0: 0] @ heap/1\n"), None);
    }
}
