//! Proflens: a pprof profile analyzer engine.
//!
//! Dependencies point one way: [`decode`] builds a [`model::Profile`]; [`query`] derives
//! views from models; [`report`] renders them; [`session`] holds what one page (or one CLI
//! run) has loaded and answers its requests over them; the wasm bindings and the CLI sit
//! over the session.

pub mod decode;
pub mod encode;
pub mod folded_syntax;
pub mod model;
pub mod par;
pub mod proto;
pub mod query;
pub mod radix;
pub mod report;
pub mod session;
pub mod synthetic;
pub mod units;
pub mod utc;

/// The wasm-bindgen API (`Session`), used by the web worker.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use decode::{decode, decode_owned, decode_with, DecodeError, DecodeOptions, Stage};
pub use model::Profile;
