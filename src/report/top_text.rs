//! The top table as text, in the layout of `go tool pprof -top`.

use super::header::profile_labels;
use crate::model::Profile;
use crate::query::{StackView, Top};
use crate::units::{output_unit, percentage, scaled_label};
use std::fmt::Write;

/// Renders `top` (already sorted and cut to the rows to show). `all_rows` is how many rows
/// there were before a `--nodecount` cut.
pub fn render(p: &Profile, view: &StackView, top: &Top, all_rows: usize) -> String {
    let unit = p.str(p.sample_types[top.sample_index].unit);
    let out_unit = table_unit(top, unit);
    let fmt = |v: i64| scaled_label(v, unit, &out_unit);
    let mut s = header(p, top, &out_unit);
    if top.total != 0 && !top.rows.is_empty() && top.rows.len() < all_rows {
        let _ = writeln!(s, "Showing top {} nodes out of {}", top.rows.len(), all_rows);
    }
    let _ = writeln!(s, "      flat  flat%   sum%        cum   cum%");
    let mut running = 0i64;
    for r in &top.rows {
        running = running.wrapping_add(r.flat);
        let inline = r.inline.label();
        let sep = if inline.is_empty() { "" } else { " " };
        let numbers = number_columns(&fmt, r.flat, running, r.cum, top.total);
        let _ = writeln!(s, "{numbers}  {}{sep}{inline}", view.name(r.key));
    }
    s
}

/// pprof's five number columns of a row (flat, flat%, sum%, cum, cum%), which `-top` and
/// `-peek` print alike.
pub(super) fn number_columns(
    fmt: &dyn Fn(i64) -> String,
    flat: i64,
    sum: i64,
    cum: i64,
    total: i64,
) -> String {
    format!(
        "{:>10} {} {} {:>10} {}",
        fmt(flat),
        percentage(flat, total),
        percentage(sum, total),
        fmt(cum),
        percentage(cum, total)
    )
}

/// The unit pprof picks for a table: from the smallest non-zero row value and the total.
pub fn table_unit(top: &Top, unit: &str) -> String {
    let min = top
        .rows
        .iter()
        .map(|r| if r.flat != 0 { r.flat.unsigned_abs() } else { r.cum.unsigned_abs() })
        .filter(|&v| v > 0)
        .min()
        .unwrap_or(0) as i64;
    output_unit(min, top.total, unit)
}

/// The profile's legend lines and "Showing nodes accounting for …", as pprof prints them
/// above a table.
pub fn header(p: &Profile, top: &Top, out_unit: &str) -> String {
    let unit = p.str(p.sample_types[top.sample_index].unit);
    let fmt = |v: i64| scaled_label(v, unit, out_unit);
    let mut s = String::new();
    for line in profile_labels(p, top.sample_index, top.total, out_unit) {
        s.push_str(&line);
        s.push('\n');
    }
    let flat_sum = top.rows.iter().fold(0i64, |a, r| a.wrapping_add(r.flat));
    let _ = writeln!(
        s,
        "Showing nodes accounting for {}, {} of {} total",
        fmt(flat_sum),
        percentage(flat_sum, top.total).trim(),
        fmt(top.total)
    );
    s
}
