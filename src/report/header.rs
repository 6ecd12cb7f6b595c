//! The legend lines pprof prints above a report: file, build id, comments, type, time,
//! duration.

use crate::model::Profile;
use crate::query::granularity::base_name;
use crate::units::{percentage, scaled_label};

/// pprof's `ProfileLabels`, for the sample type at `sample_index` whose total is `total`.
/// Times are printed in UTC.
pub fn profile_labels(p: &Profile, sample_index: usize, total: i64, output_unit: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(m) = p.mappings.first() {
        if !p.str(m.file).is_empty() {
            out.push(format!("File: {}", base_name(p.str(m.file))));
        }
        if !p.str(m.build_id).is_empty() {
            out.push(format!("Build ID: {}", p.str(m.build_id)));
        }
    }
    for &c in &p.comments {
        if !p.str(c).starts_with('#') {
            out.push(p.str(c).to_string());
        }
    }
    let st = p.sample_types[sample_index];
    out.push(format!("Type: {}", p.str(st.ty)));
    if p.time_nanos != 0 {
        out.push(format!("Time: {}", format_time(p.time_nanos)));
    }
    if p.duration_nanos != 0 {
        let unit = p.str(st.unit);
        let duration = scaled_label(p.duration_nanos, "nanoseconds", "auto");
        let (total_ns, total_unit) = crate::units::scale(total, unit, "nanoseconds");
        let ratio = if total_unit == "ns" && total_ns != 0.0 {
            format!("({})", percentage(total_ns as i64, p.duration_nanos))
        } else {
            String::new()
        };
        out.push(format!(
            "Duration: {duration}, Total samples = {} {ratio}",
            scaled_label(total, unit, output_unit)
        ));
    }
    out
}

/// Formats Unix nanoseconds like Go's layout `Jan 2, 2006 at 3:04pm (MST)`, in UTC.
pub fn format_time(nanos: i64) -> String {
    let secs = nanos.div_euclid(1_000_000_000);
    let days = secs.div_euclid(86400);
    let rem = secs.rem_euclid(86400);
    let (y, m, d) = civil_from_days(days);
    let (h, min) = (rem / 3600, rem % 3600 / 60);
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let h12 = if h % 12 == 0 { 12 } else { h % 12 };
    let ampm = if h < 12 { "am" } else { "pm" };
    format!("{} {d}, {y} at {h12}:{min:02}{ampm} (UTC)", MONTHS[(m - 1) as usize])
}

/// Days since 1970-01-01 to (year, month, day), after Howard Hinnant's algorithm.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + (m <= 2) as i64, m, d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn time_like_go() {
        // 2026-11-23T21:43:05Z
        assert_eq!(super::format_time(1_795_470_185_000_000_000), "Nov 23, 2026 at 9:43pm (UTC)");
        assert_eq!(super::format_time(0), "Jan 1, 1970 at 12:00am (UTC)");
    }
}
