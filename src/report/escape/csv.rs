//! CSV cells that a spreadsheet opens as data: RFC 4180 quoting, and no formula.
//!
//! Spreadsheets run a cell that begins with `=`, `+`, `-` or `@` as a formula (and some
//! after a leading tab, carriage return or spaces), so such a text cell gets a leading
//! `'`, OWASP's advice against CSV injection. A plain number (`-1234`, `+0.5`, `1e3`,
//! `-12.5%`) is left as it is, so a diff's negative delta stays a number. A number with a
//! unit (`-1.50MB`) is a label, not a number, and is guarded like any text.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV document: one line per row, cells escaped by [`cell`], lines ending in CRLF as
/// the RFC asks (spreadsheets accept either).
pub fn document<'a>(rows: impl IntoIterator<Item = &'a [String]>) -> String {
    let mut out = String::new();
    for row in rows {
        for (i, c) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&cell(c));
        }
        out.push_str("\r\n");
    }
    out
}

/// One cell: a text that could start a formula gets a leading `'`; then a cell with a
/// comma, quote, CR or LF is quoted, its quotes doubled.
pub fn cell(c: &str) -> Cow<'_, str> {
    let guarded =
        if starts_formula(c) && !is_number(c) { Cow::Owned(format!("'{c}")) } else { Cow::Borrowed(c) };
    if guarded.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", guarded.replace('"', "\"\"")))
    } else {
        guarded
    }
}

/// Whether a spreadsheet could read `c` as a formula: it starts with a formula character,
/// or with spaces or line breaks before one (some importers trim them first).
fn starts_formula(c: &str) -> bool {
    c.starts_with(FORMULA_START)
        || (c.starts_with([' ', '\n'])
            && c.trim_start_matches([' ', '\n', '\r', '\t']).starts_with(FORMULA_START))
}

/// A plain decimal number: an optional sign, digits with at most one point, an optional
/// exponent and an optional `%`. Nothing else: no unit, no space, no grouping.
pub fn is_number(c: &str) -> bool {
    let s = c.strip_suffix('%').unwrap_or(c);
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => {
            (digits(int) || int.is_empty()) && (digits(frac) || frac.is_empty()) && mantissa.len() > 1
        }
        None => digits(mantissa),
    };
    let exponent_ok = exponent.map_or(true, |e| digits(e.strip_prefix(['-', '+']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\",\"click\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\""
        );
        assert_eq!(cell("@SUM(1+1)*cmd|' /C calc'!A0"), "'@SUM(1+1)*cmd|' /C calc'!A0");
        assert_eq!(cell("+SUM(1)"), "'+SUM(1)");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\r=1"), "\"'\r=1\"");
        assert_eq!(cell("  =1+1"), "'  =1+1");
        assert_eq!(cell("-1.50MB"), "'-1.50MB");
        assert_eq!(cell("-"), "'-");
        for n in ["-1234", "+5", "-0.5", "-12.5%", "1e3", "-2.5E-3", "0", "-.5"] {
            assert_eq!(cell(n), n, "{n} is a number");
        }
        for t in ["main.main", "a=b", "x-y", "1.50MB", "(inline)"] {
            assert_eq!(cell(t), t, "{t} starts no formula");
        }
    }

    #[test]
    fn numbers_are_plain_decimals_only() {
        for n in ["-1234", "3.", ".5", "1e-7", "100%"] {
            assert!(is_number(n), "{n}");
        }
        for t in ["", "-", "+", ".", "-e5", "1e", "1.2.3", "-1,234", "- 1", "-1MB", "0x10", "-inf", "1%%"] {
            assert!(!is_number(t), "{t}");
        }
    }

    #[test]
    fn documents_quote_as_rfc_4180_asks() {
        let rows = [vec!["Flat".to_string(), "Name".to_string()], vec!["0".into(), "a,b \"c\"\nd".into()]];
        assert_eq!(document(rows.iter().map(|r| &r[..])), "Flat,Name\r\n0,\"a,b \"\"c\"\"\nd\"\r\n");
    }
}
