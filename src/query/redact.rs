//! Redaction before a profile is shared: the names of private code replaced, the numbers
//! kept. Function names, system names and file names, binary (mapping) file names and
//! build ids, string label keys and values, and comments are replaced by stable hashes
//! (`f_1a2b3c4d`), so the same name gives the same hash in every profile and diffs of
//! redacted profiles still line up; or only a path prefix is trimmed from file names
//! (pprof's `trim_path`). Sample types, units and numeric labels stay.

use super::filter::cut_drop_frames;
use crate::model::{Label, LabelSetBuilder, LabelSetId, Profile, StrId, StringInterner};

/// What to do with names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redaction {
    /// Every name and path becomes a hash.
    Hash,
    /// Only this prefix goes from file and binary paths.
    TrimPath(String),
}

/// A stable 32-bit FNV-1a hash of a string, as hex with a one-letter role prefix.
fn hashed(role: char, s: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{role}_{h:08x}")
}

/// A name as `how` redacts it in the role `role` (`f` a function, `p` a file or binary
/// path, `b` a build id, `k`/`v` a label key/value, `c` a comment): the same text in
/// every profile and report, so they still line up once redacted.
pub fn name(role: char, s: &str, how: &Redaction) -> String {
    match how {
        Redaction::Hash => hashed(role, s),
        Redaction::TrimPath(prefix) if role == 'p' => {
            s.strip_prefix(prefix.as_str()).unwrap_or(s).to_string()
        }
        Redaction::TrimPath(_) => s.to_string(),
    }
}

pub fn redact(p: &Profile, how: &Redaction) -> Profile {
    // drop_frames holds regexps of names: with names hashed, make its cut first.
    if *how == Redaction::Hash && !p.str(p.drop_frames).is_empty() {
        return redact(&cut_drop_frames(p), how);
    }
    // A new table with only the strings the redacted profile refers to, so no original
    // name is left in it, referenced or not.
    let mut strings = StringInterner::default();
    let mut keep = |id: StrId| strings.intern(p.str(id));
    let mut out = p.clone();
    for t in &mut out.sample_types {
        (t.ty, t.unit) = (keep(t.ty), keep(t.unit));
    }
    if let Some(t) = &mut out.period_type {
        (t.ty, t.unit) = (keep(t.ty), keep(t.unit));
    }
    out.default_sample_type = keep(p.default_sample_type);
    (out.drop_frames, out.keep_frames) = (keep(p.drop_frames), keep(p.keep_frames));
    let mut role = |role: char, id: StrId| -> StrId {
        let s = p.str(id);
        match how {
            _ if s.is_empty() => StrId::EMPTY,
            _ if role == 'n' => strings.intern(s),
            _ => strings.intern(&name(role, s, how)),
        }
    };
    for f in &mut out.functions {
        f.name = role('f', f.name);
        f.system_name = role('f', f.system_name);
        f.file = role('p', f.file);
    }
    for m in &mut out.mappings {
        m.file = role('p', m.file);
        m.build_id = role('b', m.build_id);
    }
    out.comments = p.comments.iter().map(|&c| role('c', c)).collect();
    let mut sets = LabelSetBuilder::default();
    let mut remap = Vec::with_capacity(p.label_sets.len());
    for i in 0..p.label_sets.len() as u32 {
        let labels: Vec<Label> = p
            .label_sets
            .get(LabelSetId(i))
            .iter()
            .map(|l| match l.str {
                // A numeric label: its key and unit say what it measures, and stay.
                StrId::EMPTY => Label { key: role('n', l.key), num_unit: role('n', l.num_unit), ..*l },
                value => Label { key: role('k', l.key), str: role('v', value), ..*l },
            })
            .collect();
        remap.push(sets.intern(&labels));
    }
    for l in &mut out.samples.labels {
        *l = remap[l.0 as usize];
    }
    out.label_sets = sets.finish();
    out.strings = strings.finish();
    out
}
