//! Bytes to model. Sniffs the format from the bytes (never the file name), gunzips with a
//! size limit, and decodes profile.proto straight into the columnar [`Profile`].

mod error;
pub mod gzip;
mod ids;
mod samples;
mod stacks;
mod tables;
mod wire;

pub use error::DecodeError;

use crate::model::Profile;
use std::borrow::Cow;

/// The stages of a decode, reported to progress callbacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Gunzip,
    Decode,
    Build,
}

impl Stage {
    pub fn name(self) -> &'static str {
        match self {
            Stage::Gunzip => "gunzip",
            Stage::Decode => "decode",
            Stage::Build => "build",
        }
    }
}

/// Options for [`decode_with`].
pub struct DecodeOptions<'a> {
    /// The most bytes a compressed profile may inflate to. Default 1 GiB.
    pub max_decompressed: u64,
    /// Called with each stage and the fraction of it done (0.0 to 1.0).
    pub progress: Option<&'a mut dyn FnMut(Stage, f64)>,
}

impl Default for DecodeOptions<'_> {
    fn default() -> Self {
        DecodeOptions { max_decompressed: 1 << 30, progress: None }
    }
}

/// Decodes a profile with default options.
pub fn decode(data: &[u8]) -> Result<Profile, DecodeError> {
    decode_with(data, DecodeOptions::default())
}

/// Decodes a gzip'd or raw profile.proto.
pub fn decode_with(data: &[u8], mut opts: DecodeOptions) -> Result<Profile, DecodeError> {
    match inflate(data, &mut opts)? {
        Some(raw) => decode_proto(Cow::Owned(raw), &mut opts),
        None => decode_proto(Cow::Borrowed(data), &mut opts),
    }
}

/// Like [`decode_with`], but takes the bytes and frees the compressed copy as soon as it
/// is inflated, which lowers peak memory (it matters in the browser's 4 GiB wasm heap).
pub fn decode_owned(data: Vec<u8>, mut opts: DecodeOptions) -> Result<Profile, DecodeError> {
    match inflate(&data, &mut opts)? {
        Some(raw) => {
            drop(data);
            decode_proto(Cow::Owned(raw), &mut opts)
        }
        None => decode_proto(Cow::Owned(data), &mut opts),
    }
}

/// Checks the bytes and gunzips them if they are gzip'd (`None`: already raw).
fn inflate(data: &[u8], opts: &mut DecodeOptions) -> Result<Option<Vec<u8>>, DecodeError> {
    if data.is_empty() {
        return Err(DecodeError::NotAProfile("the file is empty".into()));
    }
    if gzip::is_gzip(data) {
        opts.report(Stage::Gunzip, 0.0);
        let limit = opts.max_decompressed;
        let raw = gzip::gunzip(data, limit, &mut |f| opts.report(Stage::Gunzip, f))?;
        opts.report(Stage::Gunzip, 1.0);
        if raw.is_empty() {
            return Err(DecodeError::NotAProfile("the gzip stream is empty".into()));
        }
        return Ok(Some(raw));
    }
    sniff_text(data)?;
    if data.len() as u64 > opts.max_decompressed {
        return Err(DecodeError::TooLarge { limit: opts.max_decompressed });
    }
    Ok(None)
}

impl DecodeOptions<'_> {
    fn report(&mut self, stage: Stage, fraction: f64) {
        if let Some(p) = self.progress.as_mut() {
            p(stage, fraction)
        }
    }
}

/// Rejects text formats up front with a message that says what the file is.
fn sniff_text(data: &[u8]) -> Result<(), DecodeError> {
    let head = &data[..data.len().min(64)];
    if head.starts_with(b"goroutine ") || head.starts_with(b"goroutine profile:") {
        return Err(DecodeError::NotAProfile(
            "this is a goroutine text dump (debug=1 or debug=2), which this version cannot read yet".into(),
        ));
    }
    Ok(())
}

/// Decodes raw profile.proto bytes. When it owns them, the sample pass compacts them in
/// place to lower peak memory (see `samples::read_samples`).
fn decode_proto(raw: Cow<[u8]>, opts: &mut DecodeOptions) -> Result<Profile, DecodeError> {
    opts.report(Stage::Decode, 0.0);
    let tables = tables::read_tables(&raw)?;
    opts.report(Stage::Decode, 1.0);
    let profile = samples::read_samples(raw, tables, &mut |f| opts.report(Stage::Build, f))?;
    opts.report(Stage::Build, 1.0);
    Ok(profile)
}
