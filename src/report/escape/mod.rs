//! How profile text goes into each output format, one module per format. A profile's
//! names are chosen by whoever made the file (a profile.proto or a text dump can carry any
//! string), so every writer, in the CLI and in the page, passes them through here: the
//! file it writes then opens as data, with the names as text, never as code or structure.

pub mod csv;
/// Folded stacks' stand-ins are a fact of the format, shared with its reader.
pub use crate::folded_syntax as folded;
pub mod markdown;
pub mod xml;
