//! pprof's `tags`: for each label key, the values seen and the sample value carried by
//! each (a numeric label's values formatted in its unit, so they group as pprof groups
//! them). Keys come by name; values by |value| descending, then name.

use super::filter::num_label_units;
use crate::model::{LabelSetId, Profile};
use crate::units::scaled_label;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub struct TagValue {
    /// The string value, or the number formatted in its unit (`3kB`).
    pub name: String,
    pub value: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TagKey {
    pub key: String,
    /// The unit of a numeric key's values (`None` for a string key).
    pub unit: Option<String>,
    pub total: i64,
    pub values: Vec<TagValue>,
}

/// How `-tags` prints a numeric label value: scaled to its best unit (`2.62kB`), so values
/// that print alike are one row.
pub fn numeric_text(num: i64, unit: &str) -> String {
    scaled_label(num, unit, "minimum")
}

pub fn tags(p: &Profile, sample_index: usize) -> Vec<TagKey> {
    let units = num_label_units(p);
    // Per label set, once: its (key, formatted value) pairs.
    let mut per_set: Vec<Vec<(String, String)>> = Vec::with_capacity(p.label_sets.len());
    for i in 0..p.label_sets.len() as u32 {
        let pairs = p
            .label_sets
            .get(LabelSetId(i))
            .iter()
            .map(|l| {
                let key = p.str(l.key).to_string();
                let value = if l.str.0 != 0 {
                    p.str(l.str).to_string()
                } else {
                    numeric_text(l.num, units.get(&key).map_or("", String::as_str))
                };
                (key, value)
            })
            .collect();
        per_set.push(pairs);
    }
    // Sum per label set first (there are far fewer sets than samples), then per value.
    // Only sets some sample carries count (a filtered profile keeps every set).
    let mut per_set_value: Vec<Option<i64>> = vec![None; per_set.len()];
    let column = &p.samples.values[sample_index];
    for (labels, &v) in p.samples.labels.iter().zip(column) {
        let e = per_set_value[labels.0 as usize].get_or_insert(0);
        *e = e.wrapping_add(v);
    }
    let mut sums: HashMap<String, HashMap<String, i64>> = HashMap::new();
    for (pairs, v) in per_set.iter().zip(&per_set_value) {
        let Some(v) = *v else { continue };
        for (key, value) in pairs {
            let e = sums.entry(key.clone()).or_default().entry(value.clone()).or_insert(0);
            *e = e.wrapping_add(v);
        }
    }
    let mut keys: Vec<TagKey> = sums
        .into_iter()
        .map(|(key, values)| {
            let mut values: Vec<TagValue> =
                values.into_iter().map(|(name, value)| TagValue { name, value }).collect();
            values.sort_by(|a, b| {
                b.value.unsigned_abs().cmp(&a.value.unsigned_abs()).then_with(|| a.name.cmp(&b.name))
            });
            TagKey {
                unit: units.get(&key).cloned(),
                total: values.iter().fold(0i64, |a, v| a.wrapping_add(v.value)),
                values,
                key,
            }
        })
        .collect();
    keys.sort_by(|a, b| a.key.cmp(&b.key));
    keys
}
