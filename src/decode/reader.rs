//! The readers of text and JSON formats, behind one interface: sniff the content, then
//! convert it into the model. Content decides the format, never the file name. The first
//! reader whose sniffer says yes reads the file; a bad line then makes it *corrupt* (the
//! message names the line), not "not a profile". profile.proto, the binary format, is
//! read when no reader claims the file (see `decode_raw`).

use super::{folded, goroutines, legacy_text, perf_script, speedscope, v8, DecodeError, Decoded};

/// One format Proflens reads.
pub(crate) struct Reader {
    /// The format as the message that a file is none of them lists it.
    pub name: &'static str,
    /// Whether the uncompressed bytes are this format, from how they start.
    pub sniff: fn(&[u8]) -> bool,
    /// Reads bytes the sniffer claimed.
    pub read: fn(&[u8]) -> Result<Decoded, DecodeError>,
}

/// profile.proto, as the message lists it.
const PROTO: &str = "profile.proto (gzip'd or not)";

/// Every reader, in the order they sniff: the specific headers first, folded stacks (the
/// loosest form) last.
pub(crate) const READERS: &[Reader] = &[
    legacy_text::READER,
    goroutines::READER,
    speedscope::READER,
    v8::CPU_READER,
    v8::HEAP_READER,
    perf_script::READER,
    folded::READER,
];

/// The reader of `raw`, if any claims it.
pub(crate) fn reader_of(raw: &[u8]) -> Option<&'static Reader> {
    READERS.iter().find(|r| (r.sniff)(raw))
}

/// Every format read, for messages: `profile.proto (gzip'd or not); …`.
pub fn formats() -> String {
    std::iter::once(PROTO).chain(READERS.iter().map(|r| r.name)).collect::<Vec<_>>().join("; ")
}

/// The error for a file that is none of the formats.
pub(crate) fn not_a_profile(what: &str) -> DecodeError {
    DecodeError::NotAProfile(format!("{what}, but none of the forms Proflens reads: {}", formats()))
}
