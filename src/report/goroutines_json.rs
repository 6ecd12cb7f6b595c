//! `proflens goroutines --format json`:
//!
//! ```text
//! {"total":N,"groups":[{"state":..,"count":N,"wait_minutes":{"min":..,"median":..,"max":..}|null,
//!   "created_by":{"function":..,"file":..,"line":N}|null,"frames":[{"function":..,"file":..,"line":N},..]
//!   [,"base_count":N]},..]}
//! ```
//!
//! `state` is the wait reason as printed ("" when the dump has none). With a base dump,
//! every group gets `base_count`, and groups found only in the base come last with
//! count 0.

use super::goroutines_text::{Report, Row};
use crate::model::goroutines::{Dump, FrameRef};
use crate::query::goroutines::WaitStats;
use serde::Serialize;

#[derive(Serialize)]
struct FrameJson<'a> {
    function: &'a str,
    file: &'a str,
    line: u32,
}

#[derive(Serialize)]
struct WaitJson {
    min: u32,
    median: u32,
    max: u32,
}

#[derive(Serialize)]
struct GroupJson<'a> {
    state: &'a str,
    count: u64,
    wait_minutes: Option<WaitJson>,
    created_by: Option<FrameJson<'a>>,
    frames: Vec<FrameJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_count: Option<u64>,
}

#[derive(Serialize)]
struct DumpJson<'a> {
    total: u64,
    groups: Vec<GroupJson<'a>>,
}

fn frame(d: &Dump, f: FrameRef) -> FrameJson<'_> {
    FrameJson { function: d.str(d.frames.function(f)), file: d.str(d.frames.file(f)), line: d.frames.line(f) }
}

fn group<'a>(r: &Row<'a>) -> GroupJson<'a> {
    let (d, g) = (r.dump, r.group);
    GroupJson {
        state: d.str(g.state),
        count: r.count,
        wait_minutes: g.wait.filter(|_| r.count > 0).map(|WaitStats { min, median, max, .. }| WaitJson {
            min,
            median,
            max,
        }),
        created_by: g.created_by.map(|c| frame(d, c.frame)),
        frames: g.frames(d).iter().map(|&f| frame(d, f)).collect(),
        base_count: r.diff.map(|x| x.base_count),
    }
}

/// The JSON document of a report.
pub fn render(report: &Report) -> String {
    let doc = DumpJson { total: report.dump.total(), groups: report.rows().iter().map(group).collect() };
    serde_json::to_string(&doc).expect("plain data always serializes")
}
