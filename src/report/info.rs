//! `proflens info`: what a profile holds, in a few lines.

use super::header::format_time;
use super::json::SampleType;
use crate::model::goroutines::Dump;
use crate::model::Profile;
use crate::query::goroutines::{normalized_state, Group};
use crate::units::scaled_label;
use serde::Serialize;
use std::fmt::Write;

pub fn render(p: &Profile) -> String {
    let mut s = String::new();
    let default = p.default_sample_index();
    let _ = writeln!(s, "Format: {}", p.format.name());
    let _ = writeln!(s, "Sample types:");
    for (i, t) in p.sample_types.iter().enumerate() {
        let mark = if i == default { "  (default)" } else { "" };
        let delta = if p.has_negative(i) { "  (has negative values: a delta profile or a diff)" } else { "" };
        let _ = writeln!(s, "  {i}: {}/{}{mark}{delta}", p.str(t.ty), p.str(t.unit));
    }
    if let Some(pt) = p.period_type {
        let _ = writeln!(s, "Period: {} {}/{}", p.period, p.str(pt.ty), p.str(pt.unit));
    }
    if p.time_nanos != 0 {
        let _ = writeln!(s, "Time: {}", format_time(p.time_nanos));
    }
    if p.duration_nanos != 0 {
        let _ = writeln!(s, "Duration: {}", scaled_label(p.duration_nanos, "nanoseconds", "auto"));
    }
    let _ = writeln!(s, "Samples: {}", p.samples.len());
    let _ = writeln!(s, "Locations: {}", p.locations.len());
    let _ = writeln!(s, "Functions: {}", p.functions.len());
    let _ = writeln!(s, "Mappings: {}", p.mappings.len());
    for &c in &p.comments {
        let _ = writeln!(s, "Comment: {}", p.str(c));
    }
    if !p.str(p.drop_frames).is_empty() {
        let _ = writeln!(s, "Drop frames: {}", p.str(p.drop_frames));
    }
    if !p.str(p.keep_frames).is_empty() {
        let _ = writeln!(s, "Keep frames: {}", p.str(p.keep_frames));
    }
    if let Some(m) = &p.memstats {
        s.push_str(&super::memstats::text(m));
    }
    s
}

#[derive(Serialize)]
struct InfoJson<'a> {
    format: &'a str,
    sample_types: Vec<SampleType<'a>>,
    /// The type pprof shows by default.
    default_sample_type: Option<&'a str>,
    period_type: Option<SampleType<'a>>,
    period: i64,
    samples: usize,
    /// The `runtime.MemStats` block of a heap text profile, or null.
    memstats: Option<super::memstats::Json<'a>>,
}

/// `{"format":..,"sample_types":[{"type","unit"}..],"default_sample_type":..,
/// "period_type":{..}|null,"period":N,"samples":N,"memstats":{"Alloc":N,..}|null}`
pub fn json(p: &Profile) -> String {
    json_as(p, p.format.name())
}

/// [`json`] for a goroutine dump: its form, and its profile's sample type.
pub fn json_dump(d: &Dump) -> String {
    json_as(&d.to_profile(), d.form.label())
}

fn json_as(p: &Profile, format: &str) -> String {
    let vt = |t: &crate::model::ValueType| SampleType { ty: p.str(t.ty), unit: p.str(t.unit) };
    let doc = InfoJson {
        format,
        sample_types: p.sample_types.iter().map(vt).collect(),
        default_sample_type: p.sample_types.get(p.default_sample_index()).map(|t| p.str(t.ty)),
        period_type: p.period_type.as_ref().map(vt),
        period: p.period,
        samples: p.samples.len(),
        memstats: p.memstats.as_ref().map(super::memstats::Json),
    };
    serde_json::to_string(&doc).expect("plain data always serializes")
}
/// `proflens info` on a goroutine dump: its form, how many goroutines and groups, and the
/// goroutines per state, most first.
pub fn render_dump(d: &Dump, groups: &[Group]) -> String {
    let mut s = String::new();
    let kind = if d.leak_profile { "goroutineleak profile" } else { "goroutine dump" };
    let _ = writeln!(s, "Kind: {kind} ({})", d.form.name());
    let _ = writeln!(s, "Goroutines: {}", d.total());
    if let Some(t) = d.header_total {
        let _ = writeln!(s, "Header total: {t}");
    }
    let _ = writeln!(s, "Groups: {}", groups.len());
    if d.truncated {
        let _ = writeln!(s, "Truncated: yes (read up to the cut)");
    }
    let mut states: Vec<(&str, u64)> = Vec::new();
    for g in groups {
        let name = if d.form.has_states() { d.str(g.state) } else { normalized_state("") };
        match states.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 += g.count,
            None => states.push((name, g.count)),
        }
    }
    states.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let _ = writeln!(s, "States:");
    for (name, n) in states {
        let _ = writeln!(s, "  {n:>8}  {name}");
    }
    s
}
