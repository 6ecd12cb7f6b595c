//! `runtime.MemStats` for the web app: the block of a heap text profile for its metadata
//! panel, and the trend's MemStats series. Numbers cross as JS numbers: the fields are
//! counts and sizes far below 2^53, but for timestamps and `NextGC` with the collector
//! off, which are shown rounded anyway.

use super::set;
use crate::model::memstats::unit_of;
use crate::model::{MemStatValue, Profile};
use crate::query::trend::MemStatSeries;
use js_sys::{Float64Array, Object};
use serde::Serialize;

/// One field: its name, its unit (see [`unit_of`]) and its value.
#[derive(Serialize)]
pub(super) struct MemStatJs<'a> {
    name: &'a str,
    unit: &'static str,
    value: ValueJs<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum ValueJs<'a> {
    Number(f64),
    Bool(bool),
    /// The pause rings: 256 entries, the most recent at `(NumGC + 255) % 256`.
    List(Vec<f64>),
    Text(&'a str),
}

/// The profile's MemStats block, field by field, or `None` when it has none.
pub(super) fn fields(p: &Profile) -> Option<Vec<MemStatJs<'_>>> {
    let m = p.memstats.as_ref()?;
    Some(
        m.fields
            .iter()
            .map(|f| MemStatJs { name: &f.name, unit: unit_of(&f.name), value: value_js(&f.value) })
            .collect(),
    )
}

fn value_js(v: &MemStatValue) -> ValueJs<'_> {
    match v {
        MemStatValue::Int(n) => ValueJs::Number(*n as f64),
        MemStatValue::Float(x) => ValueJs::Number(*x),
        MemStatValue::Bool(b) => ValueJs::Bool(*b),
        MemStatValue::List(l) => ValueJs::List(l.iter().map(|&n| n as f64).collect()),
        MemStatValue::Text(t) => ValueJs::Text(t),
    }
}

/// The trend's series as `{HeapInuse: Float64Array, …}` (empty when a snapshot has no
/// MemStats).
pub(super) fn series(all: &[MemStatSeries]) -> Object {
    let obj = Object::new();
    for s in all {
        let values: Vec<f64> = s.values.iter().map(|&v| v as f64).collect();
        set(&obj, s.name, Float64Array::from(&values[..]));
    }
    obj
}
