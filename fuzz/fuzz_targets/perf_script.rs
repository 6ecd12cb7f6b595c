//! cargo-fuzz target for `perf script` text (see other_format.rs for what is checked). Seeds: the kept
//! example files, from the repo root:
//!
//! ```sh
//! mkdir -p /tmp/proflens-fuzz-perf_script && cp examples/other-profilers/work.perf.txt /tmp/proflens-fuzz-perf_script/
//! cargo +nightly fuzz run perf_script /tmp/proflens-fuzz-perf_script -- -dict=fuzz/other_formats.dict -max_total_time=300
//! ```
#![no_main]

#[path = "other_format.rs"]
mod other_format;

libfuzzer_sys::fuzz_target!(|data: &[u8]| other_format::check(data, proflens::model::Format::PerfScript));
