//! A synthetic profile with the shape of a real Go heap profile: Zipf-popular call paths,
//! random tails, inlined frames and a numeric label, written as profile.proto bytes.
//!
//! The web worker opens one a few times while the page loads, through the same Session
//! methods a user's file goes through (`Session.syntheticProfile`). Browsers first run
//! wasm with a quick baseline compiler and switch a function to optimized code only on a
//! later call, after it has run enough; without this warm-up the user's first file is
//! decoded by baseline code, about twice as slow.

use crate::proto::{Function, Label, Line, Location, Mapping, Profile, Sample, ValueType};
use prost::Message;

/// The bytes gzip'd, as the Go runtime serves profiles.
pub fn gzipped(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gz =
        flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 3), flate2::Compression::fast());
    gz.write_all(bytes).expect("writing to a Vec does not fail");
    gz.finish().expect("writing to a Vec does not fail")
}

/// Encodes a synthetic profile with about `samples` samples (deterministic).
pub fn synthetic_profile(samples: usize) -> Vec<u8> {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut rand = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n.max(1)
    };
    let mut strings: Vec<String> = [
        "",
        "alloc_objects",
        "count",
        "alloc_space",
        "bytes",
        "inuse_objects",
        "inuse_space",
        "/app",
        "bytes",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // As many functions (and locations) as a small service's profile: the per-location
    // paths (reading the tables, naming frames for a view) warm up only on enough of
    // them. With 400, S's first top table took 36 ms in the browser's worker, and 11-20
    // with 4000; its first flame frame came about 20 ms sooner.
    let nfuncs = 4000u64;
    let first_name = strings.len() as i64;
    for f in 0..nfuncs {
        strings.push(format!("example.com/app/pkg{}.(*T).fn{f}", f % 23));
    }
    let file = strings.len() as i64;
    strings.push("app/main.go".into());
    let function = (0..nfuncs)
        .map(|f| Function {
            id: f + 1,
            name: first_name + f as i64,
            system_name: 0,
            filename: file,
            start_line: 10,
        })
        .collect();
    // One location per function, every eighth with a second (inlined) line.
    let location = (0..nfuncs)
        .map(|f| {
            let mut line = vec![Line { function_id: f + 1, line: 20 + f as i64, column: 0 }];
            if f % 8 == 0 {
                line.insert(0, Line { function_id: (f + 7) % nfuncs + 1, line: 5, column: 0 });
            }
            Location { id: f + 1, mapping_id: 1, address: 0x1000 + f * 16, line, is_folded: false }
        })
        .collect();
    let sample = (0..samples)
        .map(|_| {
            let hot = rand(8) * rand(8);
            let depth = 8 + rand(24);
            let location_id =
                (0..depth).map(|d| if d > depth / 2 { hot * 7 + d + 1 } else { rand(nfuncs) + 1 }).collect();
            let n = 1 + rand(64) as i64;
            let size = 16i64 << rand(10);
            Sample {
                location_id,
                value: vec![n, n * size, n / 2, n / 2 * size],
                label: vec![Label { key: 8, str: 0, num: size, num_unit: 4 }],
            }
        })
        .collect();
    let vt = |t, u| ValueType { r#type: t, unit: u };
    Profile {
        sample_type: vec![vt(1, 2), vt(3, 4), vt(5, 2), vt(6, 4)],
        sample,
        mapping: vec![Mapping { id: 1, filename: 7, has_functions: true, ..Mapping::default() }],
        location,
        function,
        string_table: strings,
        period_type: Some(vt(3, 4)),
        period: 524288,
        ..Profile::default()
    }
    .encode_to_vec()
}

#[cfg(test)]
mod tests {
    #[test]
    fn decodes_with_every_type_non_empty() {
        let p = crate::decode(&super::synthetic_profile(2000)).unwrap();
        assert_eq!(p.samples.len(), 2000);
        assert!(p.samples.values.iter().all(|c| c.iter().any(|&v| v != 0)));
        assert!(p.lines.len() > p.locations.len(), "some locations have inlined lines");
    }
}
