//! `proflens tags` as text (pprof's `-tags` lines, aligned more simply) and JSON.

use crate::query::tags::TagKey;
use crate::units::{percentage, scale};
use serde::Serialize;
use std::fmt::Write;

/// `key: Total N` then ` N (p%): value` per value, as pprof's `-tags` prints them.
pub fn text(keys: &[TagKey], unit: &str) -> String {
    let amount = |v: i64| {
        let (f, u) = scale(v, unit, "minimum");
        format!("{f:.1}{u}")
    };
    let mut s = String::new();
    for k in keys {
        let _ = writeln!(s, "{}: Total {}", k.key, amount(k.total));
        let width = k.values.iter().map(|v| amount(v.value).len()).max().unwrap_or(0);
        for v in &k.values {
            if k.total > 0 {
                let _ = writeln!(
                    s,
                    "  {:>width$} ({}): {}",
                    amount(v.value),
                    percentage(v.value, k.total),
                    v.name
                );
            } else {
                let _ = writeln!(s, "  {:>width$}: {}", amount(v.value), v.name);
            }
        }
        s.push('\n');
    }
    s
}

#[derive(Serialize)]
struct KeyJson<'a> {
    key: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    total: i64,
    values: Vec<ValueJson<'a>>,
}

#[derive(Serialize)]
struct ValueJson<'a> {
    value: &'a str,
    total: i64,
}

/// `[{"key","unit"?,"total","values":[{"value","total"}]}]`, raw integers.
pub fn json(keys: &[TagKey]) -> String {
    let doc: Vec<KeyJson> = keys
        .iter()
        .map(|k| KeyJson {
            key: &k.key,
            unit: k.unit.as_deref(),
            total: k.total,
            values: k.values.iter().map(|v| ValueJson { value: &v.name, total: v.value }).collect(),
        })
        .collect();
    serde_json::to_string(&doc).expect("plain data always serializes")
}
