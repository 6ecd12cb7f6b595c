//! First pass over profile.proto: everything but the samples. Samples come before the
//! tables they point into (the Go runtime writes samples first), so they are read in a
//! second pass (`samples.rs`) once locations can be resolved to indexes.

use super::ids::{IdError, IdIndex};
use super::wire::{Reader, WireError, WireType};
use super::DecodeError;
use crate::model::{Function, Line, Location, Mapping, Profile, StrId, StringTable, ValueType, NONE};
use crate::proto;
use prost::Message;

/// The profile without samples, plus what the sample pass needs to resolve ids.
pub struct Tables {
    pub profile: Profile,
    pub locations: IdIndex,
    pub sample_count: usize,
}

/// Raw sub-messages, collected before their string indexes can be checked (the string
/// table usually comes last).
#[derive(Default)]
pub struct Raw {
    sample_types: Vec<proto::ValueType>,
    period_type: Option<proto::ValueType>,
    mappings: Vec<proto::Mapping>,
    locations: RawLocations,
    functions: Vec<proto::Function>,
    strings: Vec<Box<str>>,
    comments: Vec<i64>,
    scalars: [i64; 15],
    sample_count: usize,
}

/// The locations and their lines as read, already in the profile's columns but with the
/// mapping and function *ids* beside them, to be turned into indexes (in place) once every
/// mapping and function is known. A large profile has many locations: M's 118,356 held
/// as prost messages (a line list each) took 13 MB beside the columns made from them.
#[derive(Default)]
struct RawLocations {
    locations: Vec<Location>,
    mapping_ids: Vec<u64>,
    lines: Vec<Line>,
    function_ids: Vec<u64>,
}

impl RawLocations {
    /// Reads one location message into the columns, as prost reads a `Location` (the
    /// last of a repeated scalar wins, unknown fields are skipped) but with no `Vec` of
    /// lines per location: M has 118,356 locations, and in the threaded wasm build every
    /// allocation takes the heap's lock, which the other side of a diff, decoding at the
    /// same time, wants too. A malformed location leaves the columns as they were.
    fn read(&mut self, body: &[u8]) -> Result<(), WireError> {
        let lines_start = self.lines.len();
        let read = self.read_fields(body, lines_start);
        if read.is_err() {
            self.lines.truncate(lines_start);
            self.function_ids.truncate(lines_start);
        }
        read
    }

    /// [`RawLocations::read`], whose lines start at `lines_start`.
    fn read_fields(&mut self, body: &[u8], lines_start: usize) -> Result<(), WireError> {
        let (mut id, mut mapping_id, mut address, mut is_folded) = (0, 0, 0, false);
        let mut rd = Reader::new(body);
        while !rd.is_empty() {
            match rd.key()? {
                (1, WireType::Varint) => id = rd.varint()?,
                (2, WireType::Varint) => mapping_id = rd.varint()?,
                (3, WireType::Varint) => address = rd.varint()?,
                (4, WireType::Len) => {
                    let (function_id, line, column) = read_line(rd.bytes()?)?;
                    self.lines.push(Line { function: NONE, line, column });
                    self.function_ids.push(function_id);
                }
                (5, WireType::Varint) => is_folded = rd.varint()? != 0,
                (1..=5, _) => return Err(WireError::Malformed),
                (_, wt) => rd.skip(wt)?,
            }
        }
        self.locations.push(Location {
            id,
            mapping: NONE,
            address,
            lines_start: lines_start as u32,
            lines_len: (self.lines.len() - lines_start) as u32,
            is_folded,
        });
        self.mapping_ids.push(mapping_id);
        Ok(())
    }
}

/// A `Line` message: (function id, line, column), as prost reads it.
fn read_line(body: &[u8]) -> Result<(u64, i64, i64), WireError> {
    let (mut function_id, mut line, mut column) = (0, 0, 0);
    let mut rd = Reader::new(body);
    while !rd.is_empty() {
        match rd.key()? {
            (1, WireType::Varint) => function_id = rd.varint()?,
            (2, WireType::Varint) => line = rd.varint()? as i64,
            (3, WireType::Varint) => column = rd.varint()? as i64,
            (1..=3, _) => return Err(WireError::Malformed),
            (_, wt) => rd.skip(wt)?,
        }
    }
    Ok((function_id, line, column))
}

impl Raw {
    /// Makes room for the tables that `rest` (top-level fields, from a field's start)
    /// holds, counted in a quick pass over their keys, so that their columns are made
    /// once at their size. Grown by doubling instead, the locations' columns took a new
    /// block at each step; in wasm, where the heap's top never comes down, that left M's
    /// locations 6 MB above everything else. The counts are only a hint: the pass stops
    /// at anything malformed, and reading reports it.
    pub fn reserve_for_tables(&mut self, rest: &[u8]) {
        let (mut locations, mut lines, mut functions, mut strings) = (0, 0, 0, 0);
        let mut rd = Reader::new(rest);
        while let Ok((field, wt)) = rd.key() {
            match (field, wt) {
                (4, WireType::Len) => {
                    let Ok(body) = rd.bytes() else { break };
                    locations += 1;
                    lines += count_lines(body);
                    continue;
                }
                (5, WireType::Len) => functions += 1,
                (6, WireType::Len) => strings += 1,
                _ => {}
            }
            if rd.skip(wt).is_err() {
                break;
            }
        }
        let l = &mut self.locations;
        l.locations.reserve_exact(locations);
        l.mapping_ids.reserve_exact(locations);
        l.lines.reserve_exact(lines);
        l.function_ids.reserve_exact(lines);
        self.functions.reserve_exact(functions);
        self.strings.reserve_exact(strings);
    }

    /// The sample types read so far.
    pub fn sample_type_count(&self) -> usize {
        self.sample_types.len()
    }

    /// Counts a sample read elsewhere.
    pub fn count_sample(&mut self) {
        self.sample_count += 1;
    }

    /// True when nothing a profile has was read: no sample types, samples or strings.
    pub fn is_empty(&self) -> bool {
        self.strings.is_empty() && self.sample_types.is_empty() && self.sample_count == 0
    }
}

pub fn read_tables(raw: &[u8]) -> Result<Tables, DecodeError> {
    let mut r = Raw::default();
    let mut rd = Reader::new(raw);
    let mut counted = false;
    while !rd.is_empty() {
        let at = rd.position();
        // counted from the first table on: Go writes the samples first, and need not
        // skip them twice
        if !counted && matches!(rd.clone().key(), Ok((4..=6, WireType::Len))) {
            r.reserve_for_tables(&raw[at..]);
            counted = true;
        }
        if let Err(e) = read_field(&mut rd, &mut r) {
            return Err(wire_error(e, at, &r));
        }
    }
    if r.is_empty() {
        return Err(DecodeError::NotAProfile("no sample types, samples or strings were found".into()));
    }
    build(r)
}

/// Turns a top-level wire error into a decode error. Bytes that never looked like a
/// profile (nothing recognisable read yet) are "not a profile"; a profile that stops
/// early is "truncated".
fn wire_error(e: WireError, at: usize, r: &Raw) -> DecodeError {
    let seen_any = !r.strings.is_empty() || !r.sample_types.is_empty() || r.sample_count > 0;
    match (e, seen_any) {
        (_, false) => DecodeError::NotAProfile(format!("no profile.proto message at byte {at}")),
        (WireError::Eof, true) => {
            DecodeError::Truncated(format!("the data ends inside a field that starts at byte {at}"))
        }
        (WireError::Malformed, true) => {
            DecodeError::corrupt("profile", None, format!("malformed protobuf at byte {at}"))
        }
    }
}

/// Reads one top-level field at the reader's position into `r` (a sample is only counted).
pub fn read_field(rd: &mut Reader, r: &mut Raw) -> Result<(), WireError> {
    let (field, wt) = rd.key()?;
    match (field, wt) {
        (1, WireType::Len) => r.sample_types.push(sub(rd)?),
        (2, WireType::Len) => {
            rd.bytes()?;
            r.sample_count += 1;
        }
        (3, WireType::Len) => r.mappings.push(sub(rd)?),
        (4, WireType::Len) => r.locations.read(rd.bytes()?)?,
        (5, WireType::Len) => r.functions.push(sub(rd)?),
        (6, WireType::Len) => {
            let s = rd.bytes()?;
            r.strings.push(String::from_utf8_lossy(s).into());
        }
        (11, WireType::Len) => r.period_type = Some(sub(rd)?),
        (13, _) => rd.repeated_varint(wt, |v| {
            r.comments.push(v as i64);
            Ok(())
        })?,
        (7..=14, WireType::Varint) => r.scalars[field as usize] = rd.varint()? as i64,
        _ => rd.skip(wt)?,
    }
    Ok(())
}

/// How many lines (field 4) a location's body has, up to anything malformed.
fn count_lines(location: &[u8]) -> usize {
    let mut rd = Reader::new(location);
    let mut lines = 0;
    while let Ok((field, wt)) = rd.key() {
        lines += usize::from(field == 4 && wt == WireType::Len);
        if rd.skip(wt).is_err() {
            break;
        }
    }
    lines
}

/// Decodes a small sub-message with prost. Its bytes are already bounded by the outer
/// length, so a failure means the sub-message itself is malformed.
fn sub<M: Message + Default>(rd: &mut Reader) -> Result<M, WireError> {
    M::decode(rd.bytes()?).map_err(|_| WireError::Malformed)
}

/// Checks that a string index is in range.
struct Strs(usize);

impl Strs {
    fn id(&self, v: i64, field: &'static str, index: usize) -> Result<StrId, DecodeError> {
        if v < 0 || v as u64 >= self.0 as u64 {
            return Err(DecodeError::corrupt(
                field,
                Some(index),
                format!("string index {v} is out of range (the string table has {} entries)", self.0),
            ));
        }
        Ok(StrId(v as u32))
    }

    fn vt(&self, v: &proto::ValueType, field: &'static str, index: usize) -> Result<ValueType, DecodeError> {
        Ok(ValueType { ty: self.id(v.r#type, field, index)?, unit: self.id(v.unit, field, index)? })
    }
}

fn id_error(field: &'static str, e: IdError) -> DecodeError {
    match e {
        IdError::Zero(i) => DecodeError::corrupt(field, Some(i), "id 0 is reserved"),
        IdError::Duplicate(i, id) => DecodeError::corrupt(field, Some(i), format!("duplicate id {id}")),
    }
}

/// Checks the fields read and makes the profile's tables.
pub fn build(r: Raw) -> Result<Tables, DecodeError> {
    if let Some(first) = r.strings.first() {
        if !first.is_empty() {
            return Err(DecodeError::corrupt("string_table", Some(0), "the first string must be empty"));
        }
    }
    let s = Strs(r.strings.len().max(1));
    let mut p = Profile {
        sample_types: r
            .sample_types
            .iter()
            .enumerate()
            .map(|(i, v)| s.vt(v, "sample_type", i))
            .collect::<Result<_, _>>()?,
        period_type: r.period_type.as_ref().map(|v| s.vt(v, "period_type", 0)).transpose()?,
        drop_frames: s.id(r.scalars[7], "drop_frames", 0)?,
        keep_frames: s.id(r.scalars[8], "keep_frames", 0)?,
        time_nanos: r.scalars[9],
        duration_nanos: r.scalars[10],
        period: r.scalars[12],
        default_sample_type: s.id(r.scalars[14], "default_sample_type", 0)?,
        comments: r
            .comments
            .iter()
            .enumerate()
            .map(|(i, &c)| s.id(c, "comment", i))
            .collect::<Result<_, _>>()?,
        ..Profile::default()
    };

    let mapping_ids = IdIndex::build(r.mappings.iter().map(|m| m.id)).map_err(|e| id_error("mapping", e))?;
    for (i, m) in r.mappings.iter().enumerate() {
        p.mappings.push(Mapping {
            id: m.id,
            memory_start: m.memory_start,
            memory_limit: m.memory_limit,
            file_offset: m.file_offset,
            file: s.id(m.filename, "mapping.filename", i)?,
            build_id: s.id(m.build_id, "mapping.build_id", i)?,
            has_functions: m.has_functions,
            has_filenames: m.has_filenames,
            has_line_numbers: m.has_line_numbers,
            has_inline_frames: m.has_inline_frames,
        });
    }

    let function_ids =
        IdIndex::build(r.functions.iter().map(|f| f.id)).map_err(|e| id_error("function", e))?;
    for (i, f) in r.functions.iter().enumerate() {
        p.functions.push(Function {
            id: f.id,
            name: s.id(f.name, "function.name", i)?,
            system_name: s.id(f.system_name, "function.system_name", i)?,
            file: s.id(f.filename, "function.filename", i)?,
            start_line: f.start_line,
        });
    }

    let RawLocations {
        mut locations,
        mapping_ids: location_mappings,
        mut lines,
        function_ids: line_functions,
    } = r.locations;
    let location_ids = IdIndex::build(locations.iter().map(|l| l.id)).map_err(|e| id_error("location", e))?;
    for (i, (l, &mapping_id)) in locations.iter_mut().zip(&location_mappings).enumerate() {
        let at = l.lines_start as usize..(l.lines_start + l.lines_len) as usize;
        for (ln, &function_id) in lines[at.clone()].iter_mut().zip(&line_functions[at]) {
            ln.function = function_ids.get(function_id).ok_or_else(|| {
                DecodeError::corrupt(
                    "location.line.function_id",
                    Some(i),
                    format!("location id {} has a line with unknown function id {}", l.id, function_id),
                )
            })?;
        }
        // pprof keeps a location whose mapping id is unknown, with no mapping.
        l.mapping = mapping_ids.get(mapping_id).unwrap_or(NONE);
    }
    // tables read before a count (ahead of the samples) grew by doubling: give back the
    // room no location or line took
    locations.shrink_to_fit();
    lines.shrink_to_fit();
    p.locations = locations;
    p.lines = lines;
    p.strings = StringTable::from_profile_strings(r.strings);
    Ok(Tables { profile: p, locations: location_ids, sample_count: r.sample_count })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto;
    use prost::Message;

    /// The tables are counted from their keys: a location's columns and its lines' are
    /// made at their size before they are read, skipping the samples around them.
    #[test]
    fn tables_are_counted_before_they_are_read() {
        let line = |f| proto::Line { function_id: f, line: 7, column: 0 };
        let p = proto::Profile {
            sample: vec![proto::Sample { location_id: vec![1, 2], value: vec![1], label: vec![] }; 3],
            location: vec![
                proto::Location { id: 1, line: vec![line(1), line(2), line(1)], ..Default::default() },
                proto::Location { id: 2, line: vec![line(2)], ..Default::default() },
            ],
            function: vec![
                proto::Function { id: 1, ..Default::default() },
                proto::Function { id: 2, ..Default::default() },
            ],
            string_table: vec![String::new(), "a".into(), "b".into()],
            ..Default::default()
        };
        let mut r = Raw::default();
        r.reserve_for_tables(&p.encode_to_vec());
        let l = &r.locations;
        assert_eq!((l.locations.capacity(), l.mapping_ids.capacity()), (2, 2));
        assert_eq!((l.lines.capacity(), l.function_ids.capacity()), (4, 4));
        assert_eq!((r.functions.capacity(), r.strings.capacity()), (2, 3));
        // a cut-off table counts what is whole and stops
        let bytes = p.encode_to_vec();
        let mut cut = Raw::default();
        cut.reserve_for_tables(&bytes[..bytes.len() - 3]);
        assert!(cut.strings.capacity() <= 3);
    }
}
