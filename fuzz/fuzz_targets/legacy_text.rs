//! cargo-fuzz target for the `?debug=1` texts of heap, allocs, block, mutex and
//! threadcreate profiles: any bytes must decode to a profile, a dump or a typed error,
//! never panic; a text profile must report (top, info, MemStats JSON) and survive an
//! encode/decode round trip with its totals. Seeds: the example program's texts (run
//! `cargo test --test legacy_text_live` once to write them), from the repo root:
//!
//! ```sh
//! mkdir -p /tmp/proflens-fuzz-text && cp target/tmp/text-profiles-inlined/*.txt /tmp/proflens-fuzz-text/
//! cargo +nightly fuzz run legacy_text /tmp/proflens-fuzz-text -- \
//!     -dict=fuzz/legacy_text.dict -max_total_time=300
//! ```
#![no_main]

use libfuzzer_sys::fuzz_target;
use proflens::decode::{decode_any, Decoded};
use proflens::model::Format;
use proflens::query::{top, Granularity, StackView};

fuzz_target!(|data: &[u8]| {
    let Ok(Decoded::Profile(p)) = decode_any(data) else { return };
    if p.format == Format::Proto {
        return;
    }
    let view = StackView::new(&p, Granularity::Functions);
    let totals: Vec<i64> = (0..p.sample_types.len()).map(|t| top(&p, &view, t).total).collect();
    let _ = proflens::report::info::render(&p);
    let _ = proflens::report::info::json(&p);
    let again = proflens::decode(&proflens::encode::encode(&p)).expect("a text profile re-encodes");
    let view = StackView::new(&again, Granularity::Functions);
    for (t, total) in totals.iter().enumerate() {
        assert_eq!(top(&again, &view, t).total, *total, "sample type {t} after a round trip");
    }
});
