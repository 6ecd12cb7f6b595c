//! `proflens goroutines`: one paragraph per group, most goroutines first, after panicparse.
//!
//! ```text
//! 1238: chan receive, 678 of them for 1 minute
//!     main.awaitConfirmation  inventory-server/main.go:166
//!   created by main.handleOrder  inventory-server/main.go:186
//! ```

use crate::model::goroutines::{Dump, FrameRef};
use crate::query::go_code::waiting_frame;
use crate::query::goroutines::{normalized_state, Group, GroupDiff};
use crate::units::plural;
use std::fmt::Write;

/// What the `goroutines` command reports: a dump's groups, and optionally their diff with
/// a base dump (rows from `query::goroutines::diff`).
pub struct Report<'a> {
    pub dump: &'a Dump,
    pub groups: &'a [Group],
    pub base: Option<(&'a Dump, &'a [Group], &'a [GroupDiff])>,
}

/// One printed group: from the dump, or (gone since the base) from the base.
pub struct Row<'a> {
    pub dump: &'a Dump,
    pub group: &'a Group,
    /// Goroutines in the newer dump (0 for a group that is gone).
    pub count: u64,
    pub diff: Option<&'a GroupDiff>,
}

impl<'a> Report<'a> {
    /// The groups in report order.
    pub fn rows(&self) -> Vec<Row<'a>> {
        let Some((base, base_groups, diff)) = self.base else {
            return self
                .groups
                .iter()
                .map(|g| Row { dump: self.dump, group: g, count: g.count, diff: None })
                .collect();
        };
        diff.iter()
            .map(|d| match (d.group, d.base_group) {
                (Some(i), _) => {
                    Row { dump: self.dump, group: &self.groups[i], count: d.count, diff: Some(d) }
                }
                (None, Some(b)) => Row { dump: base, group: &base_groups[b], count: 0, diff: Some(d) },
                (None, None) => unreachable!("a diff row has a group in one of the dumps"),
            })
            .collect()
    }
}

/// The report as text for a terminal.
pub fn render(report: &Report) -> String {
    let d = report.dump;
    let mut s = String::new();
    let _ = write!(
        s,
        "Goroutine dump ({}): {} goroutine{} in {} group{}",
        d.form.name(),
        d.total(),
        plural(d.total()),
        report.groups.len(),
        plural(report.groups.len() as u64)
    );
    if d.leak_profile {
        s.push_str(", a goroutineleak profile");
    }
    s.push('\n');
    if d.truncated {
        s.push_str("The dump is truncated: it ends inside a goroutine's block, or has fewer goroutines than its header says.\n");
    }
    if let Some((base, _, _)) = report.base {
        let _ =
            writeln!(s, "Compared with a base dump of {} goroutine{}.", base.total(), plural(base.total()));
    }
    for row in report.rows() {
        s.push('\n');
        paragraph(&mut s, report, &row);
    }
    s
}

fn paragraph(s: &mut String, report: &Report, row: &Row) {
    let (d, g) = (row.dump, row.group);
    let state = if d.form.has_states() { d.str(g.state) } else { normalized_state("") };
    let _ = write!(s, "{}: {state}", row.count);
    if let Some(w) = g.wait.filter(|_| row.count > 0) {
        if w.min == w.max {
            let _ = write!(s, ", {} of them for {} minute{}", w.count, w.min, plural(w.min.into()));
        } else {
            let _ =
                write!(s, ", {} of them for {} to {} minutes (median {})", w.count, w.min, w.max, w.median);
        }
    }
    if g.leaked > 0 && row.count > 0 {
        let _ = write!(s, ", {} leaked", g.leaked);
    }
    if g.locked > 0 && row.count > 0 {
        let _ = write!(s, ", {} locked to thread", g.locked);
    }
    if let Some(diff) = row.diff {
        let _ = write!(s, "  [base {}, {:+}]", diff.base_count, diff.growth());
        if diff.likely_leak {
            s.push_str("  LIKELY LEAK");
        }
    }
    s.push('\n');
    let frames = g.frames(d);
    if frames.is_empty() {
        s.push_str("    (no frames)\n");
    }
    let width = frames.iter().map(|&f| d.str(d.frames.function(f)).len()).max().unwrap_or(0).min(60);
    for &f in frames {
        let _ = writeln!(s, "    {}", frame_text(d, f, width));
    }
    if let Some(c) = g.created_by {
        let _ = write!(s, "  created by {}", frame_text(d, c.frame, 0));
        if g.creators.len() > 1 {
            let _ =
                write!(s, "  ({} of {}; {} creators)", g.creators[0].1, row.group.count, g.creators.len());
        }
        s.push('\n');
    }
    if let Some(sb) = g.started_by.filter(|_| std::ptr::eq(d, report.dump)) {
        let starter = &report.groups[sb.group];
        let _ = writeln!(
            s,
            "  started by goroutine {}, now {}: {}",
            sb.goroutine,
            d.str(starter.state),
            waiting_text(d, starter.frames(d))
        );
    }
    if !g.labels.is_empty() {
        let labels: Vec<String> =
            g.labels.iter().map(|l| format!("{}={} ({})", d.str(l.key), d.str(l.value), l.count)).collect();
        let _ = writeln!(s, "  labels: {}", labels.join(", "));
    }
    let ids: Vec<u64> = g.ids(d).take(9).collect();
    if !ids.is_empty() {
        let list: Vec<String> = ids.iter().take(8).map(u64::to_string).collect();
        let more = if ids.len() > 8 { format!(" and {} more", g.members.len() - 8) } else { String::new() };
        let _ = writeln!(s, "  goroutines {}{more}", list.join(", "));
    }
}

/// The frame a stack is named by, with the call it blocks in (see `go_code::waiting_frame`):
/// `main.run  main.go:12, in sync.(*WaitGroup).Wait`.
fn waiting_text(d: &Dump, frames: &[FrameRef]) -> String {
    let names: Vec<&str> = frames.iter().map(|&f| d.str(d.frames.function(f))).collect();
    match waiting_frame(&names) {
        None => String::new(),
        Some((named, None)) => frame_text(d, frames[named], 0),
        Some((named, Some(b))) => format!("{}, in {}", frame_text(d, frames[named], 0), names[b]),
    }
}

/// `function  file:line`, the function padded to `width`.
fn frame_text(d: &Dump, f: FrameRef, width: usize) -> String {
    let name = d.str(d.frames.function(f));
    let file = d.str(d.frames.file(f));
    if file.is_empty() {
        return name.to_string();
    }
    format!("{name:<width$}  {file}:{}", d.frames.line(f))
}
