//! Numeric labels in detail, for the label panel: which raw numbers each of `tags`'
//! printed values stands for (so that a click can filter on exactly those samples, since
//! `2.62kB` is rounded and pprof's `-tagfocus` compares integers), and a power-of-two
//! histogram of the sample value carried by each size class.

use super::filter::num_label_units;
use super::tags::numeric_text;
use crate::model::{LabelSetId, Profile};
use std::collections::{BTreeMap, HashMap};

/// The raw numbers behind one printed value (`tags` groups values that print alike).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawRange {
    pub min: i64,
    pub max: i64,
}

/// One histogram bar: the numbers in `low..=high` and the sample value they carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub low: i64,
    pub high: i64,
    pub value: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NumericKey {
    /// The unit pprof infers for the key (`bytes`, or the key itself when unknown).
    pub unit: String,
    /// By printed value (as `tags` prints it).
    pub ranges: HashMap<String, RawRange>,
    /// Contiguous power-of-two classes from the smallest to the largest number; numbers
    /// ≤ 0 fall in one first class `i64::MIN..=0`.
    pub buckets: Vec<Bucket>,
}

/// The power-of-two class of `n`: 0 for n ≤ 0, else 1 + floor(log2 n).
fn class(n: i64) -> u32 {
    if n <= 0 {
        0
    } else {
        64 - n.leading_zeros()
    }
}

fn class_bounds(c: u32) -> (i64, i64) {
    match c {
        0 => (i64::MIN, 0),
        63 => (1 << 62, i64::MAX),
        _ => (1i64 << (c - 1), (1i64 << c) - 1),
    }
}

/// The numeric label keys of `p`, with their raw ranges and histograms for `sample_index`.
pub fn numeric_keys(p: &Profile, sample_index: usize) -> HashMap<String, NumericKey> {
    let units = num_label_units(p);
    let mut out: HashMap<String, NumericKey> = HashMap::new();
    let mut classes: HashMap<String, BTreeMap<u32, i64>> = HashMap::new();
    let Some(column) = p.samples.values.get(sample_index) else { return out };
    // Sum per label set first: there are far fewer sets than samples. Only sets some
    // sample carries count (a filtered profile keeps every set).
    let mut per_set: Vec<Option<i64>> = vec![None; p.label_sets.len()];
    for (labels, &v) in p.samples.labels.iter().zip(column) {
        if let Some(e) = per_set.get_mut(labels.0 as usize) {
            let e = e.get_or_insert(0);
            *e = e.wrapping_add(v);
        }
    }
    for (set, v) in per_set.iter().enumerate() {
        let Some(v) = *v else { continue };
        for l in p.label_sets.get(LabelSetId(set as u32)) {
            if l.str.0 != 0 {
                continue;
            }
            let key = p.str(l.key);
            let unit = units.get(key).map_or("", String::as_str);
            let k = out.entry(key.to_string()).or_insert_with(|| NumericKey {
                unit: unit.to_string(),
                ranges: HashMap::new(),
                buckets: Vec::new(),
            });
            let r = k.ranges.entry(numeric_text(l.num, unit)).or_insert(RawRange { min: l.num, max: l.num });
            r.min = r.min.min(l.num);
            r.max = r.max.max(l.num);
            let e = classes.entry(key.to_string()).or_default().entry(class(l.num)).or_insert(0);
            *e = e.wrapping_add(v);
        }
    }
    for (key, by_class) in classes {
        let (Some(&first), Some(&last)) = (by_class.keys().next(), by_class.keys().next_back()) else {
            continue;
        };
        let k = out.get_mut(&key).expect("every class belongs to a key seen");
        k.buckets = (first..=last)
            .map(|c| {
                let (low, high) = class_bounds(c);
                Bucket { low, high, value: by_class.get(&c).copied().unwrap_or(0) }
            })
            .collect();
    }
    out
}

/// A `-tagfocus`/`-tagignore` value selecting `key`'s numbers in `low..=high`, in the
/// form pprof parses as a range (`bytes=2688bytes`, `bytes=1024bytes:2047bytes`). `None`
/// when pprof could not read it back: a key with `=`, or a unit that is not one word.
pub fn range_filter(key: &str, unit: &str, low: i64, high: i64) -> Option<String> {
    let word = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if key.is_empty() || key.contains('=') || !word(unit) || unit.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // A lone number would make pprof ask for exactly that value; bound the open end instead.
    Some(match (low == i64::MIN, high == i64::MAX || low == high) {
        _ if low == high => format!("{key}={low}{unit}"),
        (true, _) => format!("{key}=:{high}{unit}"),
        (false, true) => format!("{key}={low}{unit}:"),
        (false, false) => format!("{key}={low}{unit}:{high}{unit}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_powers_of_two() {
        assert_eq!(class(0), 0);
        assert_eq!(class(-5), 0);
        assert_eq!(class(1), 1);
        assert_eq!(class_bounds(1), (1, 1));
        assert_eq!(class(1024), 11);
        assert_eq!(class_bounds(11), (1024, 2047));
        assert_eq!(class(i64::MAX), 63);
        assert_eq!(class_bounds(63).1, i64::MAX);
    }

    #[test]
    fn range_filters_read_back_as_ranges() {
        assert_eq!(range_filter("bytes", "bytes", 2688, 2688).as_deref(), Some("bytes=2688bytes"));
        assert_eq!(range_filter("bytes", "bytes", 1024, 2047).as_deref(), Some("bytes=1024bytes:2047bytes"));
        assert_eq!(range_filter("bytes", "bytes", i64::MIN, 0).as_deref(), Some("bytes=:0bytes"));
        assert_eq!(
            range_filter("n", "n", 1 << 62, i64::MAX).as_deref(),
            Some(format!("n={}n:", 1i64 << 62)).as_deref()
        );
        assert_eq!(range_filter("a=b", "bytes", 1, 1), None);
        assert_eq!(range_filter("k", "weird unit", 1, 1), None);
    }
}
