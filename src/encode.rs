//! Model to profile.proto bytes (uncompressed), for downloads and round-trip tests.
//! The profile's own ids and string indexes are kept, so decode(encode(p)) == p.

use crate::model::{Profile, ValueType, NONE};
use crate::proto;
use prost::Message;

/// Encodes a profile as raw (not gzip'd) profile.proto bytes.
pub fn encode(p: &Profile) -> Vec<u8> {
    to_proto(p).encode_to_vec()
}

fn vt(v: &ValueType) -> proto::ValueType {
    proto::ValueType { r#type: v.ty.0 as i64, unit: v.unit.0 as i64 }
}

fn to_proto(p: &Profile) -> proto::Profile {
    let sample = (0..p.samples.len())
        .map(|i| proto::Sample {
            location_id: p
                .stacks
                .locations_leaf_first(p.samples.stack[i])
                .map(|l| p.locations[l as usize].id)
                .collect(),
            value: p.samples.values.iter().map(|c| c[i]).collect(),
            label: p
                .label_sets
                .get(p.samples.labels[i])
                .iter()
                .map(|l| proto::Label {
                    key: l.key.0 as i64,
                    str: l.str.0 as i64,
                    num: l.num,
                    num_unit: l.num_unit.0 as i64,
                })
                .collect(),
        })
        .collect();
    proto::Profile {
        sample_type: p.sample_types.iter().map(vt).collect(),
        sample,
        mapping: p
            .mappings
            .iter()
            .map(|m| proto::Mapping {
                id: m.id,
                memory_start: m.memory_start,
                memory_limit: m.memory_limit,
                file_offset: m.file_offset,
                filename: m.file.0 as i64,
                build_id: m.build_id.0 as i64,
                has_functions: m.has_functions,
                has_filenames: m.has_filenames,
                has_line_numbers: m.has_line_numbers,
                has_inline_frames: m.has_inline_frames,
            })
            .collect(),
        location: p
            .locations
            .iter()
            .map(|l| proto::Location {
                id: l.id,
                mapping_id: if l.mapping == NONE { 0 } else { p.mappings[l.mapping as usize].id },
                address: l.address,
                line: p
                    .location_lines(l)
                    .iter()
                    .map(|ln| proto::Line {
                        function_id: p.functions[ln.function as usize].id,
                        line: ln.line,
                        column: ln.column,
                    })
                    .collect(),
                is_folded: l.is_folded,
            })
            .collect(),
        function: p
            .functions
            .iter()
            .map(|f| proto::Function {
                id: f.id,
                name: f.name.0 as i64,
                system_name: f.system_name.0 as i64,
                filename: f.file.0 as i64,
                start_line: f.start_line,
            })
            .collect(),
        string_table: p.strings.iter().map(str::to_string).collect(),
        drop_frames: p.drop_frames.0 as i64,
        keep_frames: p.keep_frames.0 as i64,
        time_nanos: p.time_nanos,
        duration_nanos: p.duration_nanos,
        period_type: p.period_type.as_ref().map(vt),
        period: p.period,
        comment: p.comments.iter().map(|c| c.0 as i64).collect(),
        default_sample_type: p.default_sample_type.0 as i64,
    }
}

/// Encodes a profile as gzip'd profile.proto, the form `go tool pprof` writes and reads.
pub fn encode_gzip(p: &Profile) -> Vec<u8> {
    use std::io::Write;
    let raw = encode(p);
    let mut gz =
        flate2::write::GzEncoder::new(Vec::with_capacity(raw.len() / 4), flate2::Compression::default());
    gz.write_all(&raw).expect("writing to memory cannot fail");
    gz.finish().expect("writing to memory cannot fail")
}
