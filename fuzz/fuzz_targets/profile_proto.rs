//! cargo-fuzz target for the profile.proto reader: any bytes must decode to a profile or a
//! typed error, never panic or hang; the decoder's two paths (bytes it owns, packed in
//! place, and borrowed bytes, packed into a buffer of its own) must agree; a profile must
//! report a top table and survive an encode/decode round trip. Seeds: the corpus's proto
//! profiles, gunzipped (the fuzzer then mutates the wire format itself), from the repo root:
//!
//! ```sh
//! mkdir -p /tmp/proflens-fuzz-proto
//! for f in $(find ../shared/corpus -name "*.pb.gz" -size -2M); do
//!   gzip -dc "$f" > /tmp/proflens-fuzz-proto/$(basename "$f" .gz)
//! done
//! cargo +nightly fuzz run profile_proto /tmp/proflens-fuzz-proto -- -max_total_time=300 -max_len=200000
//! ```
#![no_main]

use libfuzzer_sys::fuzz_target;
use proflens::decode::{decode_owned, DecodeOptions};
use proflens::query::{top, Granularity, StackView};

fuzz_target!(|data: &[u8]| {
    // a small inflate limit keeps gzip bombs quick
    let opts = || DecodeOptions { max_decompressed: 1 << 24, ..Default::default() };
    let borrowed = proflens::decode::decode_with(data, opts());
    let owned = decode_owned(data.to_vec(), opts());
    let p = match (borrowed, owned) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "owned and borrowed bytes decode alike");
            a
        }
        (Err(_), Err(_)) => return,
        (a, b) => panic!("one path failed: borrowed {:?}, owned {:?}", a.err(), b.err()),
    };
    let view = StackView::new(&p, Granularity::Functions);
    let totals: Vec<i64> = (0..p.sample_types.len()).map(|t| top(&p, &view, t).total).collect();
    let Ok(again) = proflens::decode(&proflens::encode::encode(&p)) else { return };
    let view = StackView::new(&again, Granularity::Functions);
    for (t, total) in totals.iter().enumerate() {
        assert_eq!(top(&again, &view, t).total, *total, "sample type {t} after a round trip");
    }
});
