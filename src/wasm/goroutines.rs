//! The Goroutines view's engine side. A loaded goroutine dump (any form) is kept beside
//! its `goroutine/count` profile, so top and flame work on it as on any profile, and these
//! calls add its groups (optionally against a base dump), a group's details, the wait-time
//! histogram and a flame graph split by state.

use super::{set, strings, to_js, Session};
use crate::model::goroutines::{Dump, FrameRef};
use crate::model::Profile;
use crate::query::flame::FlameGraph;
use crate::query::goroutines::{diff, group, normalized_state, Group, GroupDiff};
use crate::query::StackView;
use js_sys::{Float64Array, Object, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A dump and its groups, computed once at load.
pub(super) struct Held {
    dump: Dump,
    groups: Vec<Group>,
}

impl Held {
    pub(super) fn new(dump: Dump) -> Held {
        let groups = group(&dump);
        Held { dump, groups }
    }
}

/// Upper bounds (exclusive) of the wait histogram's buckets, in minutes; the first bucket
/// holds goroutines that print no wait (under a minute, or not blocked).
const WAIT_BUCKETS: [u32; 8] = [1, 2, 5, 10, 30, 60, 240, u32::MAX];
const WAIT_LABELS: [&str; 8] =
    ["< 1 min", "1 min", "2–4 min", "5–9 min", "10–29 min", "30–59 min", "1–4 h", "≥ 4 h"];

#[derive(Serialize)]
struct StateCount<'a> {
    state: &'a str,
    normalized: &'a str,
    count: u64,
}

#[derive(Serialize)]
struct DumpSummary<'a> {
    form: &'static str,
    total: u64,
    groups: usize,
    truncated: bool,
    leak_profile: bool,
    has_states: bool,
    states: Vec<StateCount<'a>>,
}

#[derive(Serialize)]
struct FrameJs<'a> {
    function: &'a str,
    file: &'a str,
    line: u32,
    inlined: bool,
}

#[derive(Serialize)]
struct LabelJs<'a> {
    key: &'a str,
    value: &'a str,
    count: u64,
}

#[derive(Serialize)]
struct StartedByJs<'a> {
    goroutine: f64,
    state: &'a str,
    frames: Vec<FrameJs<'a>>,
}

#[derive(Serialize)]
struct GroupDetail<'a> {
    state: &'a str,
    count: u64,
    frames: Vec<FrameJs<'a>>,
    created_by: Option<FrameJs<'a>>,
    creators: Vec<(FrameJs<'a>, u64)>,
    started_by: Option<StartedByJs<'a>>,
    labels: Vec<LabelJs<'a>>,
    /// The first goroutine ids (as f64: ids are far below 2^53).
    ids: Vec<f64>,
    id_count: usize,
    from_base: bool,
}

/// One table row: a group of the dump, or (gone since the base) of the base.
struct RowRef<'h> {
    held: &'h Held,
    group: &'h Group,
    count: u64,
    diff: Option<GroupDiff>,
}

fn frame_js(d: &Dump, f: FrameRef) -> FrameJs<'_> {
    FrameJs {
        function: d.str(d.frames.function(f)),
        file: d.str(d.frames.file(f)),
        line: d.frames.line(f),
        inlined: d.frames.kind(f) == crate::model::goroutines::FrameKind::Inlined,
    }
}

#[wasm_bindgen]
impl Session {
    /// For a loaded goroutine dump: its form, total, groups and goroutines per state;
    /// `null` for any other profile.
    #[wasm_bindgen(js_name = goroutineSummary)]
    pub fn goroutine_summary(&self, id: u32) -> Result<JsValue, JsError> {
        let Some(h) = self.dumps.get(&id) else { return Ok(JsValue::NULL) };
        let d = &h.dump;
        let mut states: Vec<StateCount> = Vec::new();
        for g in &h.groups {
            let state = d.str(g.state);
            match states.iter_mut().find(|s| s.state == state) {
                Some(s) => s.count += g.count,
                None => {
                    states.push(StateCount { state, normalized: normalized_state(state), count: g.count })
                }
            }
        }
        states.sort_by(|a, b| b.count.cmp(&a.count).then(a.state.cmp(b.state)));
        to_js(&DumpSummary {
            form: d.form.name(),
            total: d.total(),
            groups: h.groups.len(),
            truncated: d.truncated,
            leak_profile: d.leak_profile,
            has_states: d.form.has_states(),
            states,
        })
    }

    /// The group table as columns. With `base` ≥ 0 (another loaded dump), rows follow the
    /// diff and carry the base count and the likely-leak flag; groups gone since the base
    /// come last with count 0.
    #[wasm_bindgen(js_name = goroutineGroups)]
    pub fn goroutine_groups(&self, id: u32, base: i32) -> Result<JsValue, JsError> {
        let rows = self.group_rows(id, base)?;
        let obj = Object::new();
        let col = |f: &dyn Fn(&RowRef) -> f64| -> Float64Array {
            let v: Vec<f64> = rows.iter().map(f).collect();
            Float64Array::from(&v[..])
        };
        let wait = |r: &RowRef, pick: fn(&crate::query::goroutines::WaitStats) -> u32| {
            r.group.wait.filter(|_| r.count > 0).map_or(f64::NAN, |w| pick(&w) as f64)
        };
        let top = |r: &RowRef| {
            let d = &r.held.dump;
            r.group.frames(d).first().map_or("", |&f| d.str(d.frames.function(f))).to_string()
        };
        let creator = |r: &RowRef| {
            let d = &r.held.dump;
            r.group.created_by.map_or("", |c| d.str(d.frames.function(c.frame))).to_string()
        };
        let states: Vec<&str> = rows.iter().map(|r| r.held.dump.str(r.group.state)).collect();
        set(&obj, "rows", rows.len() as u32);
        set(&obj, "hasBase", base >= 0);
        set(&obj, "state", strings(states.iter()));
        set(&obj, "normalized", strings(states.iter().map(|s| normalized_state(s))));
        set(&obj, "top", strings(rows.iter().map(top)));
        set(&obj, "creator", strings(rows.iter().map(creator)));
        set(&obj, "count", col(&|r| r.count as f64));
        set(&obj, "baseCount", col(&|r| r.diff.as_ref().map_or(f64::NAN, |d| d.base_count as f64)));
        set(&obj, "waitMin", col(&|r| wait(r, |w| w.min)));
        set(&obj, "waitMedian", col(&|r| wait(r, |w| w.median)));
        set(&obj, "waitMax", col(&|r| wait(r, |w| w.max)));
        set(&obj, "waiting", col(&|r| r.group.wait.filter(|_| r.count > 0).map_or(0.0, |w| w.count as f64)));
        set(&obj, "leaked", col(&|r| if r.count > 0 { r.group.leaked as f64 } else { 0.0 }));
        set(&obj, "depth", col(&|r| r.group.frames(&r.held.dump).len() as f64));
        let likely: Vec<u8> =
            rows.iter().map(|r| r.diff.as_ref().is_some_and(|d| d.likely_leak) as u8).collect();
        set(&obj, "likelyLeak", Uint8Array::from(&likely[..]));
        Ok(obj.into())
    }

    /// One row of [`Session::goroutine_groups`] in full: frames, creators, the goroutine
    /// behind a wrapper creator, labels and the first ids.
    #[wasm_bindgen(js_name = goroutineGroup)]
    pub fn goroutine_group(&self, id: u32, row: u32, base: i32) -> Result<JsValue, JsError> {
        let rows = self.group_rows(id, base)?;
        let r = rows.get(row as usize).ok_or_else(|| JsError::new(&format!("no group row {row}")))?;
        let (d, g) = (&r.held.dump, r.group);
        let held = self.held(id)?;
        let own = std::ptr::eq(r.held, held);
        let started_by = g.started_by.filter(|_| own).map(|s| {
            let starter = &held.groups[s.group];
            StartedByJs {
                goroutine: s.goroutine as f64,
                state: d.str(starter.state),
                frames: starter.frames(d).iter().map(|&f| frame_js(d, f)).collect(),
            }
        });
        const MAX_IDS: usize = 1000;
        to_js(&GroupDetail {
            state: d.str(g.state),
            count: r.count,
            frames: g.frames(d).iter().map(|&f| frame_js(d, f)).collect(),
            created_by: g.created_by.map(|c| frame_js(d, c.frame)),
            creators: g.creators.iter().map(|&(f, n)| (frame_js(d, f), n)).collect(),
            started_by,
            labels: g
                .labels
                .iter()
                .map(|l| LabelJs { key: d.str(l.key), value: d.str(l.value), count: l.count })
                .collect(),
            ids: g.ids(d).take(MAX_IDS).map(|i| i as f64).collect(),
            id_count: g.ids(d).count(),
            from_base: !own,
        })
    }

    /// Goroutines per wait-time bucket (`labels`, `counts`), over the goroutines whose
    /// normalized state is `state` ("" for all).
    #[wasm_bindgen(js_name = goroutineWaits)]
    pub fn goroutine_waits(&self, id: u32, state: &str) -> Result<JsValue, JsError> {
        let h = self.held(id)?;
        let d = &h.dump;
        let mut counts = [0f64; WAIT_BUCKETS.len()];
        for g in &d.goroutines {
            if !state.is_empty() && normalized_state(d.str(g.state)) != state {
                continue;
            }
            let bucket = match g.wait_minutes {
                None => 0,
                Some(m) => WAIT_BUCKETS.iter().position(|&b| m < b).unwrap_or(WAIT_BUCKETS.len() - 1),
            };
            counts[bucket] += g.count as f64;
        }
        let obj = Object::new();
        set(&obj, "labels", strings(WAIT_LABELS.iter()));
        set(&obj, "counts", Float64Array::from(&counts[..]));
        Ok(obj.into())
    }

    /// A flame graph of every goroutine, split first by normalized state: the outermost
    /// boxes are `[state]`, and `stateOf[node]` indexes `states` for each box's colour.
    #[wasm_bindgen(js_name = goroutineFlame)]
    pub fn goroutine_flame(&mut self, id: u32) -> Result<JsValue, JsError> {
        self.flame_window("goroutine", id, 0, "functions", 0.0, f64::INFINITY, 0.0)
    }
}

/// The states of a goroutine flame graph's boxes: each outermost box `[state]` names one,
/// and its subtree shares it. Returns the states and the index of each box's.
pub(super) fn states_of(g: &FlameGraph, view: &StackView) -> (Vec<String>, Vec<u16>) {
    let mut states: Vec<String> = Vec::new();
    let mut state_of: Vec<u16> = vec![0; g.key.len()];
    for i in 0..g.key.len() {
        let parent = g.parent[i];
        state_of[i] = if parent < 0 {
            let name = view.name(g.key[i]);
            let state = name.trim_start_matches('[').trim_end_matches(']').to_string();
            let k = states.iter().position(|s| *s == state).unwrap_or_else(|| {
                states.push(state);
                states.len() - 1
            });
            k.min(u16::MAX as usize) as u16
        } else {
            state_of[parent as usize]
        };
    }
    (states, state_of)
}

impl Session {
    /// The dump as a profile whose outermost frame is each goroutine's normalized state.
    pub(super) fn by_state_profile(&self, id: u32) -> Result<Profile, JsError> {
        Ok(self.held(id)?.dump.to_profile_by_state(&|s| normalized_state(s).to_string()))
    }

    fn held(&self, id: u32) -> Result<&Held, JsError> {
        self.dumps.get(&id).ok_or_else(|| JsError::new(&format!("profile {id} is not a goroutine dump")))
    }

    fn group_rows(&self, id: u32, base: i32) -> Result<Vec<RowRef<'_>>, JsError> {
        let h = self.held(id)?;
        if base < 0 {
            return Ok(h
                .groups
                .iter()
                .map(|g| RowRef { held: h, group: g, count: g.count, diff: None })
                .collect());
        }
        let b = self.held(base as u32)?;
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
