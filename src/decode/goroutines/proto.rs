//! The goroutine profile in its profile.proto form (`/debug/pprof/goroutine`, and Go
//! 1.26+'s `goroutineleak`) read as a dump: one record per sample, `count` goroutines
//! with the sample's stack and labels. The proto has no wait states or goroutine ids.

use super::builder::{DumpBuilder, MAX_COUNT};
use crate::model::goroutines::{Dump, DumpForm, Extra, Flags, FrameKind, FrameRef, Goroutine};
use crate::model::{LabelSetId, Profile, StrId};
use rustc_hash::FxHashMap;

/// The dump a goroutine profile stands for, or `None` when the profile has no
/// `goroutine` or `goroutineleak` sample type.
pub fn dump_from_profile(p: &Profile) -> Option<Dump> {
    let index = p.sample_types.iter().position(|t| matches!(p.str(t.ty), "goroutine" | "goroutineleak"))?;
    let leak = p.str(p.sample_types[index].ty) == "goroutineleak";
    let mut b = DumpBuilder::new();
    let mut frames: Vec<FrameRef> = Vec::new();
    let mut label_sets: FxHashMap<LabelSetId, LabelSetId> = FxHashMap::default();
    for i in 0..p.samples.len() {
        frames.clear();
        for loc in p.stacks.locations_leaf_first(p.samples.stack[i]) {
            let Some(location) = p.locations.get(loc as usize) else { continue };
            let lines = p.location_lines(location);
            for (k, line) in lines.iter().enumerate() {
                let kind = if k + 1 < lines.len() { FrameKind::Inlined } else { FrameKind::Call };
                let (name, file) = match p.functions.get(line.function as usize) {
                    Some(f) => (p.str(f.name), p.str(f.file)),
                    None => ("", ""),
                };
                let line_no = line.line.clamp(0, u32::MAX as i64) as u32;
                frames.push(b.frame_parts(name.as_bytes(), file.as_bytes(), line_no, kind));
            }
        }
        let stack = b.stack(&frames);
        let own = p.samples.labels[i];
        let labels = *label_sets.entry(own).or_insert_with(|| {
            let pairs: Vec<(String, String)> = p
                .label_sets
                .get(own)
                .iter()
                .filter(|l| l.str != StrId::EMPTY)
                .map(|l| (p.str(l.key).to_string(), p.str(l.str).to_string()))
                .collect();
            b.labels(&pairs)
        });
        let count = p.samples.values[index][i].clamp(0, MAX_COUNT as i64) as u64;
        let extra = b.extra(Extra::default());
        b.goroutines.push(Goroutine {
            id: None,
            count,
            state: StrId::EMPTY,
            wait_minutes: None,
            flags: Flags::default(),
            bubble: None,
            labels,
            stack,
            created_by: None,
            extra,
        });
    }
    Some(b.finish(DumpForm::Proto, None, false, leak))
}
