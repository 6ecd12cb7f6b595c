//! A filter regex's verdicts on a profile's names, decided once per function and per
//! mapping: a profile has far more lines than functions, and matching is the costly
//! part of a filter. Shared by the name filters and `-show_from`.

use crate::model::{Line, Location, Profile};
use regex_lite::Regex;

/// One regex's verdicts, decided once per function and per mapping (a profile has far
/// more lines than functions, and matching is the costly part of a filter).
pub struct Matcher {
    functions: Vec<bool>,
    mappings: Vec<bool>,
}

impl Matcher {
    pub fn new(p: &Profile, re: &Regex) -> Matcher {
        // A name without the regex's literal text cannot match: that test is a substring
        // search, far cheaper than the regex on every function name and file.
        let literal = required_literal(re.as_str());
        let finder = literal.as_deref().map(memchr::memmem::Finder::new);
        let is_match =
            |s: &str| finder.as_ref().is_none_or(|f| f.find(s.as_bytes()).is_some()) && re.is_match(s);
        Matcher {
            functions: p
                .functions
                .iter()
                .map(|f| is_match(p.str(f.name)) || is_match(p.str(f.file)))
                .collect(),
            mappings: p.mappings.iter().map(|m| is_match(p.str(m.file))).collect(),
        }
    }

    /// Whether a line's function name or file matches.
    pub fn line(&self, ln: &Line) -> bool {
        self.functions.get(ln.function as usize).copied().unwrap_or(false)
    }

    /// Whether a location's mapping file matches.
    pub fn mapping(&self, loc: &Location) -> bool {
        self.mappings.get(loc.mapping as usize).copied().unwrap_or(false)
    }

    pub fn location(&self, p: &Profile, loc: &Location) -> bool {
        p.location_lines(loc).iter().any(|ln| self.line(ln)) || self.mapping(loc)
    }
}

/// The text every match of `pattern` contains, when the pattern is plain text (with
/// escaped punctuation such as `\.`), optionally anchored by `^` and `$`: what the
/// context menu makes of a function name. `None` for any other pattern.
fn required_literal(pattern: &str) -> Option<String> {
    let body = pattern.strip_prefix('^').unwrap_or(pattern);
    let mut out = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e) if e.is_ascii_punctuation() => out.push(e),
                _ => return None,
            },
            '$' if chars.peek().is_none() => {}
            '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$' => return None,
            _ => out.push(c),
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::required_literal;

    #[test]
    fn literal_text_of_plain_patterns_only() {
        let lit = |p: &str| required_literal(p);
        assert_eq!(lit(r"^main\.handle$").as_deref(), Some("main.handle"));
        assert_eq!(lit(r"^sync\.\(\*Mutex\)\.Lock$").as_deref(), Some("sync.(*Mutex).Lock"));
        assert_eq!(lit("runtime").as_deref(), Some("runtime"));
        assert_eq!(lit(r"cost\$").as_deref(), Some("cost$"));
        // anything a regex could match without that exact text
        for p in ["main.handle", "^a|b$", "(?i)main", "a+", r"\d+", "x$y", "^$", "[ab]"] {
            assert_eq!(lit(p), None, "{p}");
        }
    }

    #[test]
    fn a_name_without_the_literal_never_matches_the_regex() {
        let pattern = r"^github\.com/acme/kit/codec\.writeSpan$";
        let re = regex_lite::Regex::new(pattern).unwrap();
        let literal = required_literal(pattern).unwrap();
        for name in [
            "github.com/acme/kit/codec.writeSpan",
            "github.com/acme/kit/codec.writeSpans",
            "xgithub.com/acme/kit/codec.writeSpan",
            "codec.writeSpan",
        ] {
            if re.is_match(name) {
                assert!(name.contains(&literal), "{name}");
            }
        }
        assert!(re.is_match("github.com/acme/kit/codec.writeSpan"));
    }
}
