//! `proflens info`: what a profile holds, in a few lines.

use super::header::format_time;
use crate::model::Profile;
use crate::units::scaled_label;
use std::fmt::Write;

pub fn render(p: &Profile) -> String {
    let mut s = String::new();
    let default = p.default_sample_index();
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
    s
}
