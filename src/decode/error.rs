//! Typed decode errors. Each carries enough context for a message a person can act on.

use std::fmt;

/// Why a file could not be read as a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes are not a pprof profile at all (wrong magic, random data, empty file).
    NotAProfile(String),
    /// The data stops before the end of a gzip stream or a protobuf field.
    Truncated(String),
    /// The data is well-formed protobuf but breaks a profile rule, e.g. an index out of range.
    Corrupt {
        /// The profile.proto field (or gzip part) that is wrong, e.g. `sample.location_id`.
        field: &'static str,
        /// Which element of that field, when it is repeated.
        index: Option<usize>,
        /// What is wrong with it.
        detail: String,
    },
    /// The decompressed data would exceed the configured limit (a gzip bomb, or just huge).
    TooLarge { limit: u64 },
}

impl DecodeError {
    /// A short machine-readable kind, used by the CLI's JSON and by the web front end.
    pub fn kind(&self) -> &'static str {
        match self {
            DecodeError::NotAProfile(_) => "not_a_profile",
            DecodeError::Truncated(_) => "truncated",
            DecodeError::Corrupt { .. } => "corrupt",
            DecodeError::TooLarge { .. } => "too_large",
        }
    }

    pub(crate) fn corrupt(field: &'static str, index: Option<usize>, detail: impl Into<String>) -> Self {
        DecodeError::Corrupt { field, index, detail: detail.into() }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotAProfile(why) => write!(f, "not a pprof profile: {why}"),
            DecodeError::Truncated(why) => write!(f, "truncated profile: {why}"),
            DecodeError::Corrupt { field, index: Some(i), detail } => {
                write!(f, "corrupt profile: {field}[{i}]: {detail}")
            }
            DecodeError::Corrupt { field, index: None, detail } => {
                write!(f, "corrupt profile: {field}: {detail}")
            }
            DecodeError::TooLarge { limit } => write!(
                f,
                "profile too large: it decompresses to more than {}, the most that can be opened here",
                crate::units::human_bytes(*limit)
            ),
        }
    }
}

impl std::error::Error for DecodeError {}
