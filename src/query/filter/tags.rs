//! pprof's `-tagfocus` / `-tagignore`: keep (or drop) samples by their labels.
//!
//! A filter is `[key=]value`. When the value reads as a numeric range (`64`, `1kb:`,
//! `:64`, `1kb:10kb`, units as pprof scales them), it matches a sample with a numeric
//! label (of `key`, or any key) in that range, compared in the range's unit. Otherwise the
//! value is a comma-separated list of regexes: with a key, any of them must match one of
//! the key's values; without one, every regex must match some `key:value` of the sample.

use super::rebuild::Rebuild;
use crate::model::{LabelSetId, Profile};
use crate::units::scale;
use regex_lite::Regex;
use std::collections::HashMap;

/// A parsed `-tagfocus` / `-tagignore` value.
#[derive(Debug, Clone)]
pub struct TagFilter {
    key: Option<String>,
    test: Test,
}

#[derive(Debug, Clone)]
enum Test {
    Regexes(Vec<Regex>),
    /// Bounds in `unit` (inclusive; `None`: open).
    Range {
        unit: String,
        low: Option<f64>,
        high: Option<f64>,
    },
}

impl TagFilter {
    pub fn parse(spec: &str) -> Result<TagFilter, String> {
        let (key, value) = match spec.split_once('=') {
            Some((k, v)) => (Some(k.to_string()), v),
            None => (None, spec),
        };
        if let Some(test) = parse_range(value) {
            return Ok(TagFilter { key, test });
        }
        let regexes = value
            .split(',')
            .map(|r| Regex::new(r).map_err(|e| format!("parsing tag regexp {r:?}: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TagFilter { key, test: Test::Regexes(regexes) })
    }

    /// Whether a sample with these labels matches. `units` gives each numeric label key's
    /// unit, as pprof infers it for the whole profile.
    fn matches(&self, p: &Profile, set: LabelSetId, units: &HashMap<String, String>) -> bool {
        let labels = p.label_sets.get(set);
        match &self.test {
            Test::Range { unit, low, high } => labels.iter().any(|l| {
                let key = p.str(l.key);
                let numeric = l.str.0 == 0;
                let wanted = self.key.as_deref().is_none_or(|k| k == key);
                if !numeric || !wanted {
                    return false;
                }
                let from = units.get(key).map_or(key, String::as_str);
                let (v, u) = scale(l.num, from, unit);
                u == *unit && low.is_none_or(|lo| v >= lo) && high.is_none_or(|hi| v <= hi)
            }),
            Test::Regexes(rx) => match &self.key {
                Some(k) => rx.iter().any(|re| {
                    labels.iter().any(|l| l.str.0 != 0 && p.str(l.key) == k && re.is_match(p.str(l.str)))
                }),
                None => rx.iter().all(|re| {
                    labels
                        .iter()
                        .any(|l| l.str.0 != 0 && re.is_match(&format!("{}:{}", p.str(l.key), p.str(l.str))))
                }),
            },
        }
    }
}

/// pprof's `parseTagFilterRange`: `N[unit]`, `N[unit]:`, `:N[unit]` or `N[unit]:M[unit]`.
fn parse_range(filter: &str) -> Option<Test> {
    let numbers = numbers_in(filter);
    let (first, rest) = numbers.split_first()?;
    let (v, u) = (first.1, first.2.as_str());
    let (low, unit) = scale(v, u, u);
    let range = |low: Option<f64>, high: Option<f64>| Some(Test::Range { unit: unit.clone(), low, high });
    if rest.is_empty() {
        let m = first.0.as_str();
        return if filter == m {
            range(Some(low), Some(low))
        } else if filter == format!("{m}:") {
            range(Some(low), None)
        } else if filter == format!(":{m}") {
            range(None, Some(low))
        } else {
            None
        };
    }
    let second = &rest[0];
    if filter != format!("{}:{}", first.0, second.0) {
        return None;
    }
    let (high, unit2) = scale(second.1, &second.2, &unit);
    if unit2 != unit {
        return None;
    }
    range(Some(low), Some(high))
}

/// The first two matches of `([+-]?[0-9]+)([A-Za-z]+)?`: (text, number, unit).
fn numbers_in(s: &str) -> Vec<(String, i64, String)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() && out.len() < 2 {
        let start = i;
        let sign = matches!(b[i], b'+' | b'-') && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        let mut j = if sign { i + 1 } else { i };
        if !b.get(j).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        let digits_end = j;
        while j < b.len() && b[j].is_ascii_alphabetic() {
            j += 1;
        }
        let Ok(n) = s[start..digits_end].parse::<i64>() else { return Vec::new() };
        out.push((s[start..j].to_string(), n, s[digits_end..j].to_string()));
        i = j;
    }
    out
}

/// pprof's `NumLabelUnits`: each numeric key's unit, from the labels' units, or inferred
/// from the key (`bytes` for `alignment` and `request`, otherwise the key itself).
pub fn num_label_units(p: &Profile) -> HashMap<String, String> {
    let mut units: HashMap<String, String> = HashMap::new();
    for i in 0..p.label_sets.len() {
        for l in p.label_sets.get(LabelSetId(i as u32)).iter().filter(|l| l.str.0 == 0) {
            let key = p.str(l.key).to_string();
            let unit = p.str(l.num_unit);
            let entry = units.entry(key).or_default();
            if entry.is_empty() && !unit.is_empty() {
                *entry = unit.to_string();
            }
        }
    }
    for (key, unit) in units.iter_mut() {
        if unit.is_empty() {
            *unit = if key == "alignment" || key == "request" { "bytes".into() } else { key.clone() };
        }
    }
    units
}

/// Keeps the samples that `focus` matches (all, without it) and `ignore` does not.
pub fn apply(p: &Profile, focus: Option<&TagFilter>, ignore: Option<&TagFilter>) -> Profile {
    let units = num_label_units(p);
    let keep_set: Vec<bool> = (0..p.label_sets.len() as u32)
        .map(|i| {
            let set = LabelSetId(i);
            focus.is_none_or(|f| f.matches(p, set, &units))
                && !ignore.is_some_and(|f| f.matches(p, set, &units))
        })
        .collect();
    let keep = |i: usize| keep_set[p.samples.labels[i].0 as usize];
    Rebuild::new(p).finish_same_stacks(keep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse_as_pprof_parses_them() {
        let bounds = |s: &str| match parse_range(s) {
            Some(Test::Range { unit, low, high }) => Some((unit, low, high)),
            _ => None,
        };
        assert_eq!(bounds("64"), Some(("".into(), Some(64.0), Some(64.0))));
        assert_eq!(bounds(":64"), Some(("".into(), None, Some(64.0))));
        assert_eq!(bounds("1kb:10kb").map(|b| (b.1, b.2)), Some((Some(1.0), Some(10.0))));
        assert_eq!(bounds("32mb:").map(|b| b.2), Some(None));
        assert!(bounds("acme").is_none());
        assert!(bounds("1kb-2kb").is_none());
    }
}
