//! Second pass over profile.proto: the samples, decoded straight into columns. Each
//! sample's stack goes into the stack prefix tree; no `Vec` is allocated per sample.

use super::ids::IdIndex;
use super::tables::Tables;
use super::wire::{Reader, WireError, WireType};
use super::DecodeError;
use crate::model::{Label, LabelSetBuilder, Profile, Samples, StackBuilder, StrId};

/// Scratch buffers reused across samples.
#[derive(Default)]
struct Scratch {
    locs: Vec<u32>,
    values: Vec<i64>,
    labels: Vec<Label>,
}

pub fn read_samples(
    raw: &[u8],
    tables: Tables,
    progress: &mut dyn FnMut(f64),
) -> Result<Profile, DecodeError> {
    let Tables {
        mut profile,
        locations,
        sample_count,
    } = tables;
    let ntypes = profile.sample_types.len();
    let nstrings = profile.strings.len();
    let mut samples = Samples {
        stack: Vec::with_capacity(sample_count),
        labels: Vec::with_capacity(sample_count),
        values: (0..ntypes)
            .map(|_| Vec::with_capacity(sample_count))
            .collect(),
    };
    let mut stacks = StackBuilder::default();
    let mut label_sets = LabelSetBuilder::default();
    let mut scratch = Scratch::default();

    let mut rd = Reader::new(raw);
    let mut index = 0usize;
    while !rd.is_empty() {
        // The first pass already walked these keys successfully.
        let (field, wt) = rd.key().map_err(|_| unreachable_wire())?;
        if field != 2 || wt != WireType::Len {
            rd.skip(wt).map_err(|_| unreachable_wire())?;
            continue;
        }
        let body = rd.bytes().map_err(|_| unreachable_wire())?;
        read_sample(body, &locations, nstrings, &mut scratch)
            .map_err(|e| sample_error(e, index))?;
        if scratch.values.len() != ntypes {
            return Err(DecodeError::corrupt(
                "sample.value",
                Some(index),
                format!(
                    "{} values for {} sample types",
                    scratch.values.len(),
                    ntypes
                ),
            ));
        }
        scratch.locs.reverse();
        samples.stack.push(stacks.insert_root_first(&scratch.locs));
        samples.labels.push(label_sets.intern(&scratch.labels));
        for (column, &v) in samples.values.iter_mut().zip(&scratch.values) {
            column.push(v);
        }
        index += 1;
        if index % 65536 == 0 {
            progress(rd.position() as f64 / raw.len() as f64);
        }
    }
    profile.stacks = stacks.finish();
    profile.samples = samples;
    profile.label_sets = label_sets.finish();
    Ok(profile)
}

fn unreachable_wire() -> DecodeError {
    DecodeError::corrupt("profile", None, "the message changed between passes")
}

/// What can go wrong inside one sample.
enum SampleError {
    Wire,
    UnknownLocation(u64),
    BadString(&'static str, u64),
}

impl From<WireError> for SampleError {
    fn from(_: WireError) -> Self {
        SampleError::Wire
    }
}

fn sample_error(e: SampleError, index: usize) -> DecodeError {
    match e {
        SampleError::Wire => DecodeError::corrupt("sample", Some(index), "malformed protobuf"),
        SampleError::UnknownLocation(id) => DecodeError::corrupt(
            "sample.location_id",
            Some(index),
            format!("location id {id} not found"),
        ),
        SampleError::BadString(field, v) => DecodeError::corrupt(
            field,
            Some(index),
            format!("string index {v} is out of range"),
        ),
    }
}

fn read_sample(
    body: &[u8],
    locations: &IdIndex,
    nstrings: usize,
    s: &mut Scratch,
) -> Result<(), SampleError> {
    s.locs.clear();
    s.values.clear();
    s.labels.clear();
    let mut rd = Reader::new(body);
    while !rd.is_empty() {
        let (field, wt) = rd.key()?;
        match field {
            1 => {
                let mut bad = None;
                rd.repeated_varint(wt, |id| {
                    match locations.get(id) {
                        Some(i) => s.locs.push(i),
                        None => bad = bad.or(Some(id)),
                    }
                    Ok(())
                })?;
                if let Some(id) = bad {
                    return Err(SampleError::UnknownLocation(id));
                }
            }
            2 => rd.repeated_varint(wt, |v| {
                s.values.push(v as i64);
                Ok(())
            })?,
            3 if wt == WireType::Len => s.labels.push(read_label(rd.bytes()?, nstrings)?),
            _ => rd.skip(wt)?,
        }
    }
    Ok(())
}

fn read_label(body: &[u8], nstrings: usize) -> Result<Label, SampleError> {
    let mut f = [0i64; 5];
    let mut rd = Reader::new(body);
    while !rd.is_empty() {
        let (field, wt) = rd.key()?;
        match (field, wt) {
            (1..=4, WireType::Varint) => f[field as usize] = rd.varint()? as i64,
            _ => rd.skip(wt)?,
        }
    }
    let id = |v: i64, field: &'static str| {
        if v < 0 || v as u64 >= nstrings as u64 {
            Err(SampleError::BadString(field, v as u64))
        } else {
            Ok(StrId(v as u32))
        }
    };
    Ok(Label {
        key: id(f[1], "sample.label.key")?,
        str: id(f[2], "sample.label.str")?,
        num: f[3],
        num_unit: id(f[4], "sample.label.num_unit")?,
    })
}
