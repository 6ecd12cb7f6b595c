//! The label panel's data: pprof's `tags` (each label key's values and the sample value
//! each carries) plus, per value, the `-tagfocus`/`-tagignore` value that selects exactly
//! its samples, and for numeric keys a power-of-two histogram.

use super::{Result, Session};
use crate::query::tag_numbers::{numeric_keys, range_filter};
use crate::query::tags::tags;
use serde::Serialize;
use ts_rs::TS;

/// One label value; `filter` is the tagfocus/tagignore value that selects exactly its
/// samples (`None` when pprof could not express it).
#[derive(Serialize, Debug, Clone, PartialEq, TS)]
pub struct LabelValue {
    pub name: String,
    pub value: f64,
    pub filter: Option<String>,
}

/// A numeric key's power-of-two class.
#[derive(Serialize, Debug, Clone, PartialEq, TS)]
pub struct LabelBucket {
    pub low: f64,
    pub high: f64,
    /// `low`/`high` as pprof prints them in the key's unit (`1kB`).
    pub label: String,
    pub value: f64,
    pub filter: Option<String>,
}

#[derive(Serialize, Debug, Clone, PartialEq, TS)]
pub struct LabelKey {
    pub key: String,
    /// A numeric key's unit; `None` for a string key.
    pub unit: Option<String>,
    pub total: f64,
    pub values: Vec<LabelValue>,
    /// Numeric keys only, smallest first.
    pub buckets: Option<Vec<LabelBucket>>,
}

/// pprof's `-tags` for one sample type, plus the filters and numeric histograms.
#[derive(Serialize, Debug, Clone, PartialEq, TS)]
pub struct LabelsResult {
    /// The sample type's unit, for the amounts.
    pub unit: String,
    pub keys: Vec<LabelKey>,
}

/// Go's `regexp.QuoteMeta`, plus `,` as `\x2c`: pprof splits a tag filter's values on
/// commas before compiling them, so a literal comma must not appear.
fn quote_meta(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' | '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$' => {
                out.push('\\');
                out.push(c);
            }
            ',' => out.push_str("\\x2c"),
            _ => out.push(c),
        }
    }
    out
}

fn string_filter(key: &str, value: &str) -> Option<String> {
    (!key.is_empty() && !key.contains('=')).then(|| format!("{key}=^{}$", quote_meta(value)))
}

impl Session {
    /// The label keys of profile `id` for sample type `sample_index`.
    pub fn labels(&mut self, id: u32, sample_index: usize) -> Result<LabelsResult> {
        self.complete(id)?;
        let p = &self.get(id)?.profile;
        let index = super::check_index(p, sample_index)?;
        let numeric = numeric_keys(p, index);
        let keys = tags(p, index)
            .into_iter()
            .map(|k| {
                let num = numeric.get(&k.key);
                let values = k
                    .values
                    .iter()
                    .map(|v| {
                        let filter = match num.and_then(|n| n.ranges.get(&v.name).map(|r| (n, r))) {
                            Some((n, r)) => range_filter(&k.key, &n.unit, r.min, r.max),
                            None => string_filter(&k.key, &v.name),
                        };
                        LabelValue { name: v.name.clone(), value: v.value as f64, filter }
                    })
                    .collect();
                let buckets = num.map(|n| {
                    n.buckets
                        .iter()
                        .map(|b| {
                            let text = |x: i64| crate::query::tags::numeric_text(x, &n.unit);
                            let label = match (b.low == i64::MIN, b.low == b.high) {
                                (true, _) => format!("≤ {}", text(b.high)),
                                (false, true) => text(b.low),
                                (false, false) => format!("{}–{}", text(b.low), text(b.high)),
                            };
                            LabelBucket {
                                low: b.low as f64,
                                high: b.high as f64,
                                label,
                                value: b.value as f64,
                                filter: range_filter(&k.key, &n.unit, b.low, b.high),
                            }
                        })
                        .collect()
                });
                LabelKey { key: k.key, unit: k.unit, total: k.total as f64, values, buckets }
            })
            .collect();
        let unit = p.str(p.sample_types[index].unit).to_string();
        Ok(LabelsResult { unit, keys })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_keeps_values_literal_for_pprof() {
        assert_eq!(quote_meta("a.b,c(1)"), "a\\.b\\x2cc\\(1\\)");
        assert_eq!(string_filter("k", "v"), Some("k=^v$".into()));
        assert_eq!(string_filter("a=b", "v"), None);
    }
}
