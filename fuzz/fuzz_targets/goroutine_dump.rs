//! cargo-fuzz target for goroutine dumps: any bytes must decode to a dump, a profile or a
//! typed error, and a dump must group, report, compare with itself and become a profile
//! without panicking. Run from the repo root (seeds from the shared corpus, read only):
//!
//! ```sh
//! cargo +nightly fuzz run goroutine_dump /tmp/proflens-fuzz-corpus ../shared/corpus/go -- \
//!     -dict=fuzz/goroutine_dump.dict -max_total_time=300
//! ```
#![no_main]

use libfuzzer_sys::fuzz_target;
use proflens::decode::{decode_any, Decoded};
use proflens::query::goroutines::{diff, group};
use proflens::report::goroutines_text::Report;

fuzz_target!(|data: &[u8]| {
    let Ok(Decoded::Goroutines(d)) = decode_any(data) else { return };
    let groups = group(&d);
    let rows = diff((&d, &groups), (&d, &groups));
    assert!(rows.iter().all(|r| r.count == r.base_count));
    let report = Report { dump: &d, groups: &groups, base: Some((&d, &groups, &rows)) };
    let _ = proflens::report::goroutines_text::render(&report);
    let _ = proflens::report::goroutines_json::render(&report);
    let p = d.to_profile();
    assert_eq!(p.samples.values[0].iter().map(|&v| v as u64).sum::<u64>(), d.total());
});
