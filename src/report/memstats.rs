//! `runtime.MemStats` for `proflens info`: a table with each value also in pprof's units,
//! and a JSON object of the raw values.

use crate::model::memstats::{recent_pauses, unit_of};
use crate::model::{MemStatValue, MemStats};
use crate::units::scaled_label;
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt::Write;

/// How many of the most recent pauses the text shows.
const PAUSES_SHOWN: usize = 8;

/// One line per field: the name, the raw value, and the value in units where that helps.
pub fn text(m: &MemStats) -> String {
    let mut s = String::from("MemStats (runtime.MemStats when the profile was written):\n");
    let num_gc = m.int("NumGC");
    for f in &m.fields {
        let unit = unit_of(&f.name);
        let shown = match &f.value {
            MemStatValue::Int(n) => with_unit(*n, unit),
            MemStatValue::Float(x) if unit == "fraction" => format!("{x}  ({:.4}%)", x * 100.0),
            MemStatValue::Float(x) => x.to_string(),
            MemStatValue::Bool(b) => b.to_string(),
            MemStatValue::Text(t) => t.clone(),
            MemStatValue::List(ring) => pauses(ring, num_gc, unit),
        };
        let _ = writeln!(s, "  {:<14} {shown}", f.name);
    }
    s
}

/// `2318896  (2.21MB)`; a time since the epoch as a date; a plain count alone.
fn with_unit(n: u64, unit: &str) -> String {
    let signed = i64::try_from(n).ok();
    match (unit, signed) {
        ("bytes" | "nanoseconds", Some(v)) if v >= 1000 => {
            format!("{n}  ({})", scaled_label(v, unit, "auto"))
        }
        ("unix_nanoseconds", Some(v)) if v > 0 => format!("{n}  ({})", crate::report::header::format_time(v)),
        _ => n.to_string(),
    }
}

/// A pause ring as its most recent entries, oldest first (Go keeps the last 256).
fn pauses(ring: &[u64], num_gc: Option<u64>, unit: &str) -> String {
    let Some(num_gc) = num_gc else {
        return format!("{} entries", ring.len());
    };
    let recent = recent_pauses(ring, num_gc);
    let shown: Vec<String> = recent
        .iter()
        .skip(recent.len().saturating_sub(PAUSES_SHOWN))
        .map(|&v| match (unit, i64::try_from(v)) {
            ("nanoseconds", Ok(v)) => scaled_label(v, unit, "auto"),
            ("unix_nanoseconds", Ok(v)) if v > 0 => crate::report::header::format_time(v),
            _ => v.to_string(),
        })
        .collect();
    format!("{} kept; the last {}, oldest first: {}", recent.len(), shown.len(), shown.join(", "))
}

/// The block as a JSON object, fields in the block's order: integers, arrays of integers
/// for the pause rings, a number for `GCCPUFraction`, a bool for `DebugGC`, and a string
/// for a value of no known shape.
pub struct Json<'a>(pub &'a MemStats);

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.fields.len()))?;
        for f in &self.0.fields {
            match &f.value {
                MemStatValue::Int(n) => map.serialize_entry(&f.name, n)?,
                MemStatValue::Float(x) => map.serialize_entry(&f.name, x)?,
                MemStatValue::Bool(b) => map.serialize_entry(&f.name, b)?,
                MemStatValue::List(l) => map.serialize_entry(&f.name, l)?,
                MemStatValue::Text(t) => map.serialize_entry(&f.name, t)?,
            }
        }
        map.end()
    }
}
