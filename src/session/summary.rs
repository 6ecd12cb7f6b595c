//! The metadata panel's content: what a profile is (`summary`), with the `runtime.MemStats`
//! block of a heap text profile. Numbers cross as JS numbers (f64): timestamps in ns exceed
//! 2^53, and ms precision is plenty; MemStats fields are counts and sizes far below it, but
//! for timestamps and `NextGC` with the collector off, which are shown rounded anyway.

use super::{Result, Session};
use crate::model::memstats::unit_of;
use crate::model::{MemStatValue, Profile, ValueType};
use crate::query::kind::kind;
use serde::Serialize;
use ts_rs::TS;

#[derive(Serialize, Debug, Clone, PartialEq, TS)]
pub struct SampleType {
    #[serde(rename = "type")]
    pub ty: String,
    pub unit: String,
}

#[derive(Serialize, Debug, Clone, TS)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub name: String,
    pub kind: &'static str,
    pub sample_types: Vec<SampleType>,
    pub default_index: usize,
    pub period_type: Option<SampleType>,
    pub period: f64,
    pub time_nanos: f64,
    pub duration_nanos: f64,
    pub sample_count: usize,
    pub location_count: usize,
    pub function_count: usize,
    pub mapping_count: usize,
    pub comments: Vec<String>,
    pub drop_frames: String,
    pub keep_frames: String,
    /// Per sample type: whether some value is negative (a delta profile or a diff).
    pub negative: Vec<bool>,
    /// The main binary (first mapping's file), to tell snapshots of one program.
    pub binary: String,
    /// For a diff made in this session: the ids of its target and base.
    pub diff_of: Option<[u32; 2]>,
    /// What the file was: `profile.proto`, `heap text (debug=1)`, `goroutine dump (debug=2)`, …
    pub format: &'static str,
    /// The engine's answer to "which profiles can this one be diffed with": those with the
    /// same key (the same sample types and units and period type, as pprof's merge
    /// requires); null for a diff, which is never a side of another (see `comparable`).
    pub comparable_as: Option<String>,
    /// The `runtime.MemStats` block of a heap text profile.
    pub memstats: Option<Vec<MemStat>>,
}

/// One `runtime.MemStats` field: its name, its unit (see [`unit_of`]) and its value.
#[derive(Serialize, Debug, Clone, PartialEq, TS)]
pub struct MemStat {
    pub name: String,
    pub unit: &'static str,
    pub value: MemStatJs,
}

#[derive(Serialize, Debug, Clone, PartialEq, TS)]
#[serde(untagged)]
pub enum MemStatJs {
    Number(f64),
    Bool(bool),
    /// The pause rings: 256 entries, the most recent at `(NumGC + 255) % 256`.
    List(Vec<f64>),
    Text(String),
}

impl Session {
    /// The sample types of a profile and the index of its default one (the header alone:
    /// this reads no sample).
    pub fn sample_types(&self, id: u32) -> Result<(Vec<SampleType>, usize)> {
        let p = &self.get(id)?.profile;
        Ok((p.sample_types.iter().map(|t| sample_type(p, t)).collect(), p.default_sample_index()))
    }

    pub fn summary(&mut self, id: u32) -> Result<Summary> {
        self.complete(id)?;
        let l = self.get(id)?;
        let p = &l.profile;
        let vt = |t: &ValueType| sample_type(p, t);
        Ok(Summary {
            name: l.name.clone(),
            kind: kind(p),
            sample_types: p.sample_types.iter().map(vt).collect(),
            default_index: p.default_sample_index(),
            period_type: p.period_type.as_ref().map(vt),
            period: p.period as f64,
            time_nanos: p.time_nanos as f64,
            duration_nanos: p.duration_nanos as f64,
            sample_count: p.samples.len(),
            location_count: p.locations.len(),
            function_count: p.functions.len(),
            mapping_count: p.mappings.len(),
            comments: p.comments.iter().map(|&c| p.str(c).to_string()).collect(),
            drop_frames: p.str(p.drop_frames).to_string(),
            keep_frames: p.str(p.keep_frames).to_string(),
            negative: (0..p.sample_types.len()).map(|t| p.has_negative(t)).collect(),
            binary: p.mappings.first().map_or("", |m| p.str(m.file)).to_string(),
            diff_of: l.diff.as_ref().map(|d| [d.target, d.base]),
            format: self.text_dump_format(id).unwrap_or(p.format.name()),
            comparable_as: l.diff.is_none().then(|| crate::query::merge::compatibility_key(p)),
            memstats: memstats(p),
        })
    }
}

fn sample_type(p: &Profile, t: &ValueType) -> SampleType {
    SampleType { ty: p.str(t.ty).to_string(), unit: p.str(t.unit).to_string() }
}

/// The profile's MemStats block, field by field, or `None` when it has none.
fn memstats(p: &Profile) -> Option<Vec<MemStat>> {
    let m = p.memstats.as_ref()?;
    let value = |v: &MemStatValue| match v {
        MemStatValue::Int(n) => MemStatJs::Number(*n as f64),
        MemStatValue::Float(x) => MemStatJs::Number(*x),
        MemStatValue::Bool(b) => MemStatJs::Bool(*b),
        MemStatValue::List(l) => MemStatJs::List(l.iter().map(|&n| n as f64).collect()),
        MemStatValue::Text(t) => MemStatJs::Text(t.clone()),
    };
    Some(
        m.fields
            .iter()
            .map(|f| MemStat { name: f.name.clone(), unit: unit_of(&f.name), value: value(&f.value) })
            .collect(),
    )
}
