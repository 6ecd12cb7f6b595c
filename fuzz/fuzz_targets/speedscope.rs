//! cargo-fuzz target for speedscope JSON (see other_format.rs for what is checked). Seeds: the kept
//! example files, from the repo root:
//!
//! ```sh
//! mkdir -p /tmp/proflens-fuzz-speedscope && cp examples/other-profilers/*.speedscope.json /tmp/proflens-fuzz-speedscope/
//! cargo +nightly fuzz run speedscope /tmp/proflens-fuzz-speedscope -- -dict=fuzz/other_formats.dict -max_total_time=300
//! ```
#![no_main]

#[path = "other_format.rs"]
mod other_format;

libfuzzer_sys::fuzz_target!(|data: &[u8]| other_format::check(data, proflens::model::Format::Speedscope));
