//! `proflens peek` as text, in the layout of `go tool pprof -peek`.

use super::top_text::{header, number_columns, table_unit};
use crate::model::Profile;
use crate::query::peek::{Edge, PeekEntry};
use crate::query::{StackView, Top};
use crate::units::{percentage, scaled_label};
use std::fmt::Write;

const SEPARATOR: &str = "----------------------------------------------------------+-------------";
const LEGEND: &str = "      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t ";

pub fn render(p: &Profile, view: &StackView, table: &Top, entries: &[PeekEntry]) -> String {
    let unit = p.str(p.sample_types[table.sample_index].unit);
    let out_unit = table_unit(table, unit);
    let fmt = |v: i64| scaled_label(v, unit, &out_unit);
    let mut s = header(p, table, &out_unit);
    let _ = writeln!(s, "{SEPARATOR}\n{LEGEND}");
    let edge = |s: &mut String, e: &Edge, cum: i64| {
        let inline = if e.inline { " (inline)" } else { "" };
        let _ = writeln!(
            s,
            "{:>50} {} |   {}{inline}",
            fmt(e.weight),
            percentage(e.weight, cum),
            view.name(e.key)
        );
    };
    let mut flat_sum = 0i64;
    for e in entries {
        let _ = writeln!(s, "{SEPARATOR}");
        for c in &e.callers {
            edge(&mut s, c, e.cum);
        }
        flat_sum = flat_sum.wrapping_add(e.flat);
        let numbers = number_columns(&fmt, e.flat, flat_sum, e.cum, table.total);
        let _ = writeln!(s, "{numbers}                | {}", view.name(e.key));
        for c in &e.callees {
            edge(&mut s, c, e.cum);
        }
    }
    if !table.rows.is_empty() {
        let _ = writeln!(s, "{SEPARATOR}");
    }
    s
}
