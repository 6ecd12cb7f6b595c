//! Profiles described as text, for tests (after Firefox Profiler's
//! `getProfileFromTextSamples`). Each line is a stack, root first, then its values:
//!
//! ```text
//! main;handle;parse 10 1
//! main;handle+checksum 5 2
//! ```
//!
//! Frames are separated by `;`. `a+b` is one location whose function `b` was inlined into
//! `a` (so `b` is the innermost line). A stack of `-` is the empty stack. Every distinct
//! frame text gets its own location; every function name gets one function in `main.go`.

use super::{Function, Line, Location, Mapping, Profile, StackBuilder, StackId, StringInterner, ValueType};
use super::{LabelSetBuilder, LabelSetId, Samples};
use rustc_hash::FxHashMap;

/// Builds a profile with sample types `types` (e.g. `[("samples","count")]`) from text.
/// Panics on malformed text: it is only for tests.
pub fn profile_from_text(types: &[(&str, &str)], text: &str) -> Profile {
    let mut strings = StringInterner::default();
    let mut p = Profile {
        sample_types: types
            .iter()
            .map(|(t, u)| ValueType { ty: strings.intern(t), unit: strings.intern(u) })
            .collect(),
        ..Profile::default()
    };
    p.mappings.push(Mapping {
        id: 1,
        file: strings.intern("/bin/app"),
        has_functions: true,
        ..Mapping::default()
    });
    let file = strings.intern("main.go");
    let mut functions: FxHashMap<String, u32> = FxHashMap::default();
    let mut locations: FxHashMap<String, u32> = FxHashMap::default();
    let mut stacks = StackBuilder::default();
    let mut samples = Samples { values: vec![Vec::new(); types.len()], ..Samples::default() };
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut parts = line.split_whitespace();
        let stack = parts.next().unwrap();
        let values: Vec<i64> = parts.map(|v| v.parse().expect("value")).collect();
        assert_eq!(values.len(), types.len(), "line {line:?}");
        let mut locs = Vec::new();
        if stack != "-" {
            for frame in stack.split(';') {
                let next_id = locations.len() as u32;
                let loc = *locations.entry(frame.to_string()).or_insert_with(|| {
                    let start = p.lines.len() as u32;
                    // Innermost first: "a+b" means b inlined into a.
                    for name in frame.split('+').rev() {
                        let next_fn = functions.len() as u32;
                        let f = *functions.entry(name.to_string()).or_insert_with(|| {
                            p.functions.push(Function {
                                id: next_fn as u64 + 1,
                                name: strings.intern(name),
                                system_name: strings.intern(name),
                                file,
                                start_line: 1,
                            });
                            next_fn
                        });
                        p.lines.push(Line { function: f, line: 10 + f as i64, column: 0 });
                    }
                    p.locations.push(Location {
                        id: next_id as u64 + 1,
                        mapping: 0,
                        address: 0x1000 + next_id as u64,
                        lines_start: start,
                        lines_len: p.lines.len() as u32 - start,
                        is_folded: false,
                    });
                    next_id
                });
                locs.push(loc);
            }
        }
        let id = if locs.is_empty() { StackId::EMPTY } else { stacks.insert_root_first(&locs) };
        samples.stack.push(id);
        samples.labels.push(LabelSetId(0));
        for (column, v) in samples.values.iter_mut().zip(values) {
            column.push(v);
        }
    }
    p.stacks = stacks.finish();
    p.samples = samples;
    p.label_sets = LabelSetBuilder::default().finish();
    p.strings = strings.finish();
    p
}
