//! V8's profiles, as JSON: the CPU profile (`node --cpu-prof`, Chrome DevTools' `.cpuprofile`,
//! `cpu.rs`) and the sampling heap profile (`node --heap-prof`, `.heapprofile`, `heap.rs`).
//!
//! Frames: each V8 call frame (function name, script URL, line and column) is a location
//! with one line; the function is its name in its script, the script URL its file, the
//! frame's line and column (made 1-based) its line. A frame without a name is named as
//! speedscope names it, `(anonymous work.js:12)`, or `(anonymous)` without a script.
//! V8's `(root)` node is no frame.

mod cpu;
mod heap;

use super::builder::{FrameLine, ProfileBuilder, NO_MAPPING};
use super::reader::Reader;
use super::{DecodeError, Decoded};
use rustc_hash::FxHashMap;
use serde::Deserialize;

pub(crate) const CPU_READER: Reader = Reader {
    name: "V8 CPU profiles (.cpuprofile: node --cpu-prof, Chrome DevTools)",
    sniff: cpu::sniff,
    read: |data| cpu::read(data).map(Decoded::Profile),
};

pub(crate) const HEAP_READER: Reader = Reader {
    name: "V8 sampling heap profiles (.heapprofile: node --heap-prof)",
    sniff: heap::sniff,
    read: |data| heap::read(data).map(Decoded::Profile),
};

/// A V8 call frame.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "camelCase")]
struct CallFrame {
    #[serde(default)]
    function_name: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    line_number: i64,
    #[serde(default)]
    column_number: i64,
}

impl CallFrame {
    /// The 1-based line, or 0 for none (V8 writes -1).
    fn line(&self) -> i64 {
        (self.line_number + 1).max(0)
    }

    fn column(&self) -> i64 {
        (self.column_number + 1).max(0)
    }

    fn name(&self) -> String {
        match (self.function_name.is_empty(), self.url.is_empty()) {
            (false, _) => self.function_name.clone(),
            (true, false) => {
                format!("(anonymous {}:{})", self.url.rsplit('/').next().unwrap_or_default(), self.line())
            }
            (true, true) => "(anonymous)".to_string(),
        }
    }
}

/// Whether JSON text starts as an object and holds every key of `keys` (whole file: the
/// keys of V8's files may come last).
fn json_with_keys(data: &[u8], keys: &[&[u8]]) -> bool {
    data.trim_ascii_start().starts_with(b"{") && keys.iter().all(|k| memchr::memmem::find(data, k).is_some())
}

/// A JSON error: truncated at the end of the data, otherwise corrupt at its line.
pub(super) fn json_error(what: &'static str, e: serde_json::Error) -> DecodeError {
    match e.classify() {
        serde_json::error::Category::Eof => {
            DecodeError::Truncated(format!("the {what} stops in the middle (line {})", e.line()))
        }
        _ => DecodeError::corrupt(what, None, format!("line {} column {}: {e}", e.line(), e.column())),
    }
}

/// Locations by call frame, shared by both readers.
#[derive(Default)]
struct Frames {
    locations: FxHashMap<CallFrame, u32>,
}

impl Frames {
    fn location(&mut self, b: &mut ProfileBuilder, frame: &CallFrame) -> u32 {
        if let Some(&l) = self.locations.get(frame) {
            return l;
        }
        let name = b.str(&frame.name());
        let file = b.str(&frame.url);
        let function = b.function(name, file);
        let f = &mut b.profile.functions[function as usize];
        if f.start_line == 0 {
            f.start_line = frame.line();
        }
        let l =
            b.location(NO_MAPPING, 0, &[FrameLine { function, line: frame.line(), column: frame.column() }]);
        self.locations.insert(frame.clone(), l);
        l
    }
}
