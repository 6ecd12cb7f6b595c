//! cargo-fuzz target for reading a profile while it is inflated (`decode/overlap.rs`): the
//! input is gzip'd unless it already is (so the fuzzer mutates the protobuf, or the gzip
//! stream itself), then decoded on two threads (read while inflating) and on one; both
//! must give the same profile or the same error, and never panic or hang. Seeds as for `profile_proto`, from the repo root:
//!
//! ```sh
//! mkdir -p /tmp/proflens-fuzz-proto
//! for f in $(find ../shared/corpus -name "*.pb.gz" -size -2M); do
//!   gzip -dc "$f" > /tmp/proflens-fuzz-proto/$(basename "$f" .gz)
//! done
//! cargo +nightly fuzz run overlapped_decode /tmp/proflens-fuzz-proto -- -max_total_time=300 -max_len=200000
//! ```
#![no_main]

use libfuzzer_sys::fuzz_target;
use proflens::decode::{decode_any_owned, DecodeOptions};
use std::io::Write;

fuzz_target!(|data: &[u8]| {
    let gzipped = if data.starts_with(&[0x1f, 0x8b]) {
        data.to_vec()
    } else {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(data).unwrap();
        gz.finish().unwrap()
    };
    // a small inflate limit keeps gzip bombs quick
    let on = |threads| {
        let opts = DecodeOptions { max_decompressed: 1 << 24, threads, ..Default::default() };
        decode_any_owned(gzipped.clone(), opts).map_err(|e| e.to_string())
    };
    assert_eq!(on(2), on(1), "read while inflating and sequentially");
});
