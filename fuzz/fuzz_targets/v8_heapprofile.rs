//! cargo-fuzz target for V8 `.heapprofile` (see other_format.rs for what is checked). Seeds: the kept
//! example files, from the repo root:
//!
//! ```sh
//! mkdir -p /tmp/proflens-fuzz-v8_heapprofile && cp examples/other-profilers/work.heapprofile /tmp/proflens-fuzz-v8_heapprofile/
//! cargo +nightly fuzz run v8_heapprofile /tmp/proflens-fuzz-v8_heapprofile -- -dict=fuzz/other_formats.dict -max_total_time=300
//! ```
#![no_main]

#[path = "other_format.rs"]
mod other_format;

libfuzzer_sys::fuzz_target!(|data: &[u8]| other_format::check(data, proflens::model::Format::HeapProfile));
