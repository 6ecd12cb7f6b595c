//! The tables part of pprof's merge: every string interned anew in one table, and every
//! mapping, function and location deduplicated by pprof's keys, numbered in the order the
//! sources bring them. The stack trees are merged apart (`merge_stacks.rs`), so a source's
//! tree can be merged while the next source's tables are (see `merge::merge_two_trees`).

use super::location_index::{fingerprint, LocationIndex, LocationKey};
use crate::model::{Function, Line, Location, Mapping, Profile, StrId, StringInterner, NONE};
use rustc_hash::FxHashMap;

/// pprof's mapping key: size rounded up to 4 KiB, file offset, and build id (or file).
type MappingKey = (u64, u64, StrId);
type FunctionKey = (i64, StrId, StrId, StrId);

/// The merged strings and tables; `p` holds the tables (and, once the merge is done, the
/// rest of the merged profile).
#[derive(Default)]
pub(super) struct TableMerger {
    pub strings: StringInterner,
    pub p: Profile,
    mapping_index: FxHashMap<MappingKey, u32>,
    function_index: FxHashMap<FunctionKey, u32>,
    location_index: LocationIndex,
}

/// Where a source's strings and locations went in the merged tables.
pub(super) struct TableMaps {
    pub strings: Vec<StrId>,
    pub locations: Vec<u32>,
}

impl TableMerger {
    /// Adds a source's strings, mappings, functions and locations.
    pub fn add(&mut self, p: &Profile) -> TableMaps {
        let strings: Vec<StrId> = p.strings.iter().map(|s| self.strings.intern(s)).collect();
        let mappings: Vec<(u32, i64)> = p.mappings.iter().map(|m| self.mapping(m, &strings)).collect();
        let functions: Vec<u32> = p.functions.iter().map(|f| self.function(f, &strings)).collect();
        let locations = p.locations.iter().map(|l| self.location(p, l, &mappings, &functions)).collect();
        TableMaps { strings, locations }
    }

    /// Interns a source's `set_label` (key and value), where the whole merge interns it:
    /// after that source's tables, before the next source's.
    pub fn intern_label(&mut self, label: Option<(&str, &str)>) -> Option<(StrId, StrId)> {
        label.map(|(k, v)| (self.strings.intern(k), self.strings.intern(v)))
    }

    /// Makes the merged string table, once every string is interned.
    pub fn finish_strings(&mut self) {
        self.p.strings = std::mem::take(&mut self.strings).finish();
    }

    /// The merged mapping of `m`, and what to add to `m`'s addresses to rebase them on it.
    fn mapping(&mut self, m: &Mapping, strings: &[StrId]) -> (u32, i64) {
        const ROUND: u64 = 0x1000;
        let size = m.memory_limit.wrapping_sub(m.memory_start).wrapping_add(ROUND - 1) / ROUND * ROUND;
        let (build_id, file) = (strings[m.build_id.0 as usize], strings[m.file.0 as usize]);
        let key = (size, m.file_offset, if build_id != StrId::EMPTY { build_id } else { file });
        if let Some(&i) = self.mapping_index.get(&key) {
            let start = self.p.mappings[i as usize].memory_start;
            return (i, start.wrapping_sub(m.memory_start) as i64);
        }
        let i = self.p.mappings.len() as u32;
        self.p.mappings.push(Mapping { id: i as u64 + 1, file, build_id, ..m.clone() });
        self.mapping_index.insert(key, i);
        (i, 0)
    }

    fn function(&mut self, f: &Function, strings: &[StrId]) -> u32 {
        let s = |id: StrId| strings[id.0 as usize];
        let key = (f.start_line, s(f.name), s(f.system_name), s(f.file));
        let next = self.p.functions.len() as u32;
        let functions = &mut self.p.functions;
        *self.function_index.entry(key).or_insert_with(|| {
            functions.push(Function {
                id: next as u64 + 1,
                name: key.1,
                system_name: key.2,
                file: key.3,
                start_line: f.start_line,
            });
            next
        })
    }

    fn location(&mut self, p: &Profile, l: &Location, mappings: &[(u32, i64)], functions: &[u32]) -> u32 {
        let (mapping, delta) = mappings.get(l.mapping as usize).copied().unwrap_or((NONE, 0));
        let address = l.address.wrapping_add(delta as u64);
        let relative = self.relative(mapping, address);
        let source_lines = p.location_lines(l);
        let line = |ln: &Line| (functions.get(ln.function as usize).copied().unwrap_or(NONE), ln.line);
        let lines = || source_lines.iter().map(line);
        let same = |i: u32| {
            let m = &self.p.locations[i as usize];
            (m.mapping, m.is_folded, self.relative(m.mapping, m.address)) == (mapping, l.is_folded, relative)
                && self.p.location_lines(m).iter().map(|ln| (ln.function, ln.line)).eq(lines())
        };
        let key = || -> LocationKey { (relative, mapping, lines().collect(), l.is_folded) };
        let vacant =
            match self.location_index.find(fingerprint(relative, mapping, l.is_folded, lines()), same, key) {
                Ok(i) => return i,
                Err(vacant) => vacant,
            };
        let i = self.p.locations.len() as u32;
        let lines_start = self.p.lines.len() as u32;
        for ln in source_lines {
            let (function, line) = line(ln);
            self.p.lines.push(Line { function, line, column: ln.column });
        }
        self.p.locations.push(Location {
            id: i as u64 + 1,
            mapping,
            address,
            lines_start,
            lines_len: source_lines.len() as u32,
            is_folded: l.is_folded,
        });
        self.location_index.insert(vacant, i);
        i
    }

    /// An address relative to its merged mapping's start, as pprof's location key has it.
    fn relative(&self, mapping: u32, address: u64) -> u64 {
        match self.p.mappings.get(mapping as usize) {
            Some(m) => address.wrapping_sub(m.memory_start),
            None => address,
        }
    }
}
