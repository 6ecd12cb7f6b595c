//! The Goroutines view's requests. A loaded goroutine dump (any form) is kept beside its
//! `goroutine/count` profile, so top and flame work on it as on any profile, and these
//! add its groups (optionally against a base dump), a group's details, the wait-time
//! histogram and a flame graph split by state (see `flames`).

use super::{fail, Column, Names, Result, Session};
use crate::model::goroutines::{Dump, DumpForm, FrameKind, FrameRef};
use crate::model::Profile;
use crate::query::go_code::waiting_frame;
use crate::query::goroutines::{
    diff, group, normalized_state, wait_histogram, Group, GroupDiff, WaitStats, WAIT_LABELS,
};
use serde::Serialize;
use ts_rs::TS;

/// A dump and its groups, computed once at load.
pub(super) struct Held {
    pub(super) dump: Dump,
    groups: Vec<Group>,
}

impl Held {
    pub(super) fn new(dump: Dump) -> Held {
        let groups = group(&dump);
        Held { dump, groups }
    }
}

impl Session {
    /// What a dump's file was, for its details: `goroutine dump (debug=2)` for a text
    /// dump; `None` for a profile.proto, which says so itself.
    pub(super) fn text_dump_format(&self, id: u32) -> Option<&'static str> {
        let form = self.dumps.get(&id)?.dump.form;
        (form != DumpForm::Proto).then(|| form.label())
    }
}

/// A goroutine dump's overview.
#[derive(Serialize, Debug, Clone, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoroutineSummary {
    pub form: &'static str,
    pub total: u64,
    pub groups: usize,
    pub truncated: bool,
    pub leak_profile: bool,
    pub has_states: bool,
    /// Goroutines per verbatim state, most first.
    pub states: Vec<StateCount>,
}

#[derive(Serialize, Debug, Clone, PartialEq, TS)]
pub struct StateCount {
    pub state: String,
    pub normalized: String,
    pub count: u64,
}

/// The group table as columns; with a base, rows follow the diff (gone groups last).
#[derive(Serialize, Debug, Clone, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoroutineGroups {
    pub rows: usize,
    pub has_base: bool,
    pub state: Names,
    pub normalized: Names,
    /// The function a group is named by (see `query::go_code::waiting_frame`: the
    /// innermost outside the runtime, `sync` and `internal/…`), the call it blocks in
    /// ("" when it is the innermost frame), and the creator's function ("" when none).
    pub top: Names,
    pub blocking: Names,
    pub creator: Names,
    pub count: Column<f64>,
    /// NaN without a base.
    pub base_count: Column<f64>,
    /// Minutes; NaN when no goroutine of the group prints a wait.
    pub wait_min: Column<f64>,
    pub wait_median: Column<f64>,
    pub wait_max: Column<f64>,
    /// Goroutines that print a wait.
    pub waiting: Column<f64>,
    pub leaked: Column<f64>,
    pub depth: Column<f64>,
    pub likely_leak: Column<u8>,
}

#[derive(Serialize, Debug, Clone, PartialEq, TS)]
pub struct GoroutineFrame {
    pub function: String,
    pub file: String,
    pub line: u32,
    pub inlined: bool,
}

#[derive(Serialize, Debug, Clone, PartialEq, TS)]
pub struct GoroutineLabel {
    pub key: String,
    pub value: String,
    pub count: u64,
}

/// The goroutine that called a wrapper creator such as `sync.(*WaitGroup).Go`.
#[derive(Serialize, Debug, Clone, PartialEq, TS)]
pub struct StartedBy {
    pub goroutine: f64,
    pub state: String,
    pub frames: Vec<GoroutineFrame>,
}

/// One group in full, for an expanded row.
#[derive(Serialize, Debug, Clone, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoroutineGroupDetail {
    pub state: String,
    pub count: u64,
    pub frames: Vec<GoroutineFrame>,
    pub created_by: Option<GoroutineFrame>,
    pub creators: Vec<(GoroutineFrame, u64)>,
    pub started_by: Option<StartedBy>,
    pub labels: Vec<GoroutineLabel>,
    /// The first goroutine ids (as f64: ids are far below 2^53).
    pub ids: Vec<f64>,
    pub id_count: usize,
    /// The group is gone: it comes from the base dump.
    pub from_base: bool,
}

/// Goroutines per wait-time bucket.
#[derive(Serialize, Debug, Clone, TS)]
pub struct GoroutineWaits {
    pub labels: Names,
    pub counts: Column<f64>,
}

/// One table row: a group of the dump, or (gone since the base) of the base.
struct RowRef<'h> {
    held: &'h Held,
    group: &'h Group,
    count: u64,
    diff: Option<GroupDiff>,
}

fn frame(d: &Dump, f: FrameRef) -> GoroutineFrame {
    GoroutineFrame {
        function: d.str(d.frames.function(f)).to_string(),
        file: d.str(d.frames.file(f)).to_string(),
        line: d.frames.line(f),
        inlined: d.frames.kind(f) == FrameKind::Inlined,
    }
}

impl Session {
    /// For a loaded goroutine dump: its form, total, groups and goroutines per state;
    /// `None` for any other profile.
    pub fn goroutine_summary(&self, id: u32) -> Option<GoroutineSummary> {
        let h = self.dumps.get(&id)?;
        let d = &h.dump;
        let mut states: Vec<StateCount> = Vec::new();
        for g in &h.groups {
            let state = d.str(g.state);
            match states.iter_mut().find(|s| s.state == state) {
                Some(s) => s.count += g.count,
                None => states.push(StateCount {
                    state: state.to_string(),
                    normalized: normalized_state(state).to_string(),
                    count: g.count,
                }),
            }
        }
        states.sort_by(|a, b| b.count.cmp(&a.count).then(a.state.cmp(&b.state)));
        Some(GoroutineSummary {
            form: d.form.name(),
            total: d.total(),
            groups: h.groups.len(),
            truncated: d.truncated,
            leak_profile: d.leak_profile,
            has_states: d.form.has_states(),
            states,
        })
    }

    /// The group table as columns. With a `base` (another loaded dump), rows follow the
    /// diff and carry the base count and the likely-leak flag; groups gone since the base
    /// come last with count 0.
    pub fn goroutine_groups(&self, id: u32, base: Option<u32>) -> Result<GoroutineGroups> {
        let rows = self.group_rows(id, base)?;
        let col = |f: &dyn Fn(&RowRef) -> f64| rows.iter().map(f).collect();
        let wait = |r: &RowRef, pick: fn(&WaitStats) -> u32| {
            r.group.wait.filter(|_| r.count > 0).map_or(f64::NAN, |w| pick(&w) as f64)
        };
        let named: Vec<(&str, &str)> = rows.iter().map(named_frame).collect();
        fn creator<'h>(r: &RowRef<'h>) -> &'h str {
            let d = &r.held.dump;
            r.group.created_by.map_or("", |c| d.str(d.frames.function(c.frame)))
        }
        let states: Vec<&str> = rows.iter().map(|r| r.held.dump.str(r.group.state)).collect();
        Ok(GoroutineGroups {
            rows: rows.len(),
            has_base: base.is_some(),
            state: states.iter().collect(),
            normalized: states.iter().map(|s| normalized_state(s)).collect(),
            top: named.iter().map(|n| n.0).collect(),
            blocking: named.iter().map(|n| n.1).collect(),
            creator: rows.iter().map(creator).collect(),
            count: col(&|r| r.count as f64),
            base_count: col(&|r| r.diff.as_ref().map_or(f64::NAN, |d| d.base_count as f64)),
            wait_min: col(&|r| wait(r, |w| w.min)),
            wait_median: col(&|r| wait(r, |w| w.median)),
            wait_max: col(&|r| wait(r, |w| w.max)),
            waiting: col(&|r| r.group.wait.filter(|_| r.count > 0).map_or(0.0, |w| w.count as f64)),
            leaked: col(&|r| if r.count > 0 { r.group.leaked as f64 } else { 0.0 }),
            depth: col(&|r| r.group.frames(&r.held.dump).len() as f64),
            likely_leak: rows.iter().map(|r| r.diff.as_ref().is_some_and(|d| d.likely_leak) as u8).collect(),
        })
    }

    /// One row of [`Session::goroutine_groups`] in full: frames, creators, the goroutine
    /// behind a wrapper creator, labels and the first ids.
    pub fn goroutine_group(&self, id: u32, row: usize, base: Option<u32>) -> Result<GoroutineGroupDetail> {
        let rows = self.group_rows(id, base)?;
        let Some(r) = rows.get(row) else { return fail(format!("no group row {row}")) };
        let (d, g) = (&r.held.dump, r.group);
        let held = self.held(id)?;
        let own = std::ptr::eq(r.held, held);
        let started_by = g.started_by.filter(|_| own).map(|s| {
            let starter = &held.groups[s.group];
            StartedBy {
                goroutine: s.goroutine as f64,
                state: d.str(starter.state).to_string(),
                frames: starter.frames(d).iter().map(|&f| frame(d, f)).collect(),
            }
        });
        const MAX_IDS: usize = 1000;
        Ok(GoroutineGroupDetail {
            state: d.str(g.state).to_string(),
            count: r.count,
            frames: g.frames(d).iter().map(|&f| frame(d, f)).collect(),
            created_by: g.created_by.map(|c| frame(d, c.frame)),
            creators: g.creators.iter().map(|&(f, n)| (frame(d, f), n)).collect(),
            started_by,
            labels: g
                .labels
                .iter()
                .map(|l| GoroutineLabel {
                    key: d.str(l.key).into(),
                    value: d.str(l.value).into(),
                    count: l.count,
                })
                .collect(),
            ids: g.ids(d).take(MAX_IDS).map(|i| i as f64).collect(),
            id_count: g.ids(d).count(),
            from_base: !own,
        })
    }

    /// Goroutines per wait-time bucket, over the goroutines whose normalized state is
    /// `state` ("" for all).
    pub fn goroutine_waits(&self, id: u32, state: &str) -> Result<GoroutineWaits> {
        let counts = wait_histogram(&self.held(id)?.dump, state);
        Ok(GoroutineWaits {
            labels: WAIT_LABELS.iter().collect(),
            counts: counts.iter().map(|&c| c as f64).collect(),
        })
    }

    /// The dump as a profile whose outermost frame is each goroutine's normalized state.
    pub(super) fn by_state_profile(&self, id: u32) -> Option<Profile> {
        Some(self.dumps.get(&id)?.dump.to_profile_by_state(&|s| normalized_state(s).to_string()))
    }

    fn held(&self, id: u32) -> Result<&Held> {
        match self.dumps.get(&id) {
            Some(h) => Ok(h),
            None => fail(format!("profile {id} is not a goroutine dump")),
        }
    }

    fn group_rows(&self, id: u32, base: Option<u32>) -> Result<Vec<RowRef<'_>>> {
        let h = self.held(id)?;
        let Some(base) = base else {
            return Ok(h
                .groups
                .iter()
                .map(|g| RowRef { held: h, group: g, count: g.count, diff: None })
                .collect());
        };
        let b = self.held(base)?;
        let rows = diff((&h.dump, &h.groups), (&b.dump, &b.groups));
        Ok(rows
            .into_iter()
            .map(|d| match d.group {
                Some(i) => RowRef { held: h, group: &h.groups[i], count: d.count, diff: Some(d) },
                None => {
                    let bi = d.base_group.expect("a diff row has a group in one of the dumps");
                    RowRef { held: b, group: &b.groups[bi], count: 0, diff: Some(d) }
                }
            })
            .collect())
    }
}

/// A group's named function and blocking call ("" for none), after [`waiting_frame`].
fn named_frame<'h>(r: &RowRef<'h>) -> (&'h str, &'h str) {
    let d = &r.held.dump;
    let functions: Vec<&str> = r.group.frames(d).iter().map(|&f| d.str(d.frames.function(f))).collect();
    waiting_frame(&functions)
        .map_or(("", ""), |(named, blocking)| (functions[named], blocking.map_or("", |b| functions[b])))
}
