//! cargo-fuzz target for folded stacks (see other_format.rs for what is checked). Seeds: the kept
//! example files, from the repo root:
//!
//! ```sh
//! mkdir -p /tmp/proflens-fuzz-folded && cp examples/other-profilers/work.perf.cpu-clock.inferno.folded /tmp/proflens-fuzz-folded/
//! cargo +nightly fuzz run folded /tmp/proflens-fuzz-folded -- -dict=fuzz/other_formats.dict -max_total_time=300
//! ```
#![no_main]

#[path = "other_format.rs"]
mod other_format;

libfuzzer_sys::fuzz_target!(|data: &[u8]| other_format::check(data, proflens::model::Format::Folded));
