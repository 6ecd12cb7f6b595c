//! Bytes to model. Sniffs the format from the bytes (never the file name), gunzips with a
//! size limit, and decodes profile.proto straight into the columnar [`Profile`]. The text
//! and JSON formats have one reader each behind one interface (`reader.rs`): the legacy
//! `?debug=1` texts of heap, block, mutex and threadcreate profiles, folded stacks, `perf
//! script`, V8's `.cpuprofile` and `.heapprofile` and speedscope's JSON become a
//! [`Profile`] too, a goroutine text dump a [`Dump`] (see [`decode_any`]).

mod builder;
mod distinct;
mod error;
mod folded;
pub mod goroutines;
pub mod gzip;
mod ids;
pub mod legacy_text;
mod overlap;
mod perf_script;
mod reader;
mod samples;
pub mod speedscope;
mod stack_ids;
mod stacks;
mod tables;
pub(crate) mod text;
mod v8;
mod wire;

pub use error::DecodeError;
pub use reader::formats;

use crate::model::goroutines::Dump;
use crate::model::Profile;
use overlap::Overlapped;
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
    /// Threads for the stack build: 1, 2, or 0 for two where the machine has them and
    /// the profile is large enough to gain (see `crate::par`: in wasm, only the threaded
    /// build has a second thread).
    pub threads: usize,
}

impl Default for DecodeOptions<'_> {
    fn default() -> Self {
        DecodeOptions { max_decompressed: 1 << 30, progress: None, threads: 0 }
    }
}

/// What a file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// A profile.proto (including the goroutine profile in its proto form).
    Profile(Profile),
    /// A goroutine text dump (`?debug=2` or `?debug=1`).
    Goroutines(Dump),
}

impl Decoded {
    /// The profile, or the dump as a `goroutine/count` profile (see [`Dump::to_profile`]).
    pub fn into_profile(self) -> Profile {
        match self {
            Decoded::Profile(p) => p,
            Decoded::Goroutines(d) => d.to_profile(),
        }
    }
}

/// Decodes a profile with default options.
pub fn decode(data: &[u8]) -> Result<Profile, DecodeError> {
    decode_with(data, DecodeOptions::default())
}

/// Decodes a gzip'd or raw profile.proto. A goroutine text dump is read too, and comes
/// back as its `goroutine/count` profile; use [`decode_any`] to keep the dump itself.
pub fn decode_with(data: &[u8], opts: DecodeOptions) -> Result<Profile, DecodeError> {
    decode_any_with(data, opts).map(Decoded::into_profile)
}

/// Like [`decode_with`], but takes the bytes and frees the compressed copy as soon as it
/// is inflated, which lowers peak memory (it matters in the browser's 4 GiB wasm heap).
pub fn decode_owned(data: Vec<u8>, opts: DecodeOptions) -> Result<Profile, DecodeError> {
    decode_any_owned(data, opts).map(Decoded::into_profile)
}

/// Decodes a profile.proto or a goroutine text dump (gzip'd or not), and says which.
pub fn decode_any(data: &[u8]) -> Result<Decoded, DecodeError> {
    decode_any_with(data, DecodeOptions::default())
}

/// [`decode_any`] with options.
pub fn decode_any_with(data: &[u8], mut opts: DecodeOptions) -> Result<Decoded, DecodeError> {
    if let Ok(streamed) = overlap::read(Cow::Borrowed(data), &mut opts) {
        return finish_streamed(streamed, &mut opts);
    }
    match inflate(data, &mut opts)? {
        Some(raw) => decode_raw(Cow::Owned(raw), &mut opts),
        None => decode_raw(Cow::Borrowed(data), &mut opts),
    }
}

/// [`decode_any`] that takes the bytes (see [`decode_owned`]).
pub fn decode_any_owned(data: Vec<u8>, mut opts: DecodeOptions) -> Result<Decoded, DecodeError> {
    let data = match overlap::read(Cow::Owned(data), &mut opts) {
        Ok(streamed) => return finish_streamed(streamed, &mut opts),
        Err(data) => data.into_owned(),
    };
    match inflate(&data, &mut opts)? {
        Some(raw) => {
            drop(data);
            decode_raw(Cow::Owned(raw), &mut opts)
        }
        None => decode_raw(Cow::Owned(data), &mut opts),
    }
}

/// Finishes a profile read while it was inflated (see `overlap`).
fn finish_streamed(streamed: overlap::Streamed, opts: &mut DecodeOptions) -> Result<Decoded, DecodeError> {
    match streamed.finish(opts) {
        Overlapped::Decoded(p) => p.map(Decoded::Profile),
        Overlapped::Inflated(raw) => decode_raw(Cow::Owned(raw), opts),
    }
}

/// Decodes uncompressed bytes: with the reader whose sniffer claims them (`reader.rs`),
/// otherwise as profile.proto. Text that is none of the formats is "not a profile",
/// whatever the proto reader made of it.
fn decode_raw(raw: Cow<[u8]>, opts: &mut DecodeOptions) -> Result<Decoded, DecodeError> {
    if let Some(reader) = reader::reader_of(&raw) {
        opts.report(Stage::Decode, 0.0);
        let decoded = (reader.read)(&raw)?;
        opts.report(Stage::Decode, 1.0);
        return Ok(decoded);
    }
    let is_text = text::looks_like_text(&raw);
    decode_proto(raw, opts).map(Decoded::Profile).map_err(|e| match is_text {
        true => reader::not_a_profile("the file is text"),
        false => e,
    })
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

/// Decodes raw profile.proto bytes. When it owns them, the sample pass compacts them in
/// place to lower peak memory (see `samples::read_samples`).
fn decode_proto(raw: Cow<[u8]>, opts: &mut DecodeOptions) -> Result<Profile, DecodeError> {
    opts.report(Stage::Decode, 0.0);
    let tables = tables::read_tables(&raw)?;
    opts.report(Stage::Decode, 1.0);
    let threads = opts.threads;
    let profile = samples::read_samples(raw, tables, threads, &mut |f| opts.report(Stage::Build, f))?;
    opts.report(Stage::Build, 1.0);
    Ok(profile)
}
