//! Diffs of two profiles with `go tool pprof`'s semantics.
//!
//! - `-base B`: B's values times −1 are merged into the target ([`merge`]); what is left is
//!   target − base per stack, and the total is the sum of |value| after the merge.
//! - `-diff_base B`: the same merge, but B's samples carry the label `pprof::base=true`, so
//!   they stay apart from the target's, and percentages are of B's total (see
//!   [`super::values::total`]).
//! - `normalize`: before subtracting, the target is scaled so that its (signed) total per
//!   sample type equals the base's, each sample rounded as pprof's `ScaleN` rounds it.
//!
//! The result is a profile, so it reports, draws and encodes like any other.

use super::merge::{check_compatible, merge, Incompatible, Source};
use crate::model::Profile;

/// Which of pprof's two diff flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DiffMode {
    /// `-base`: percentages of the merged profile's sum of |value|.
    #[default]
    Base,
    /// `-diff_base`: percentages of the base profile's total.
    DiffBase,
}

impl DiffMode {
    pub fn parse(s: &str) -> Option<DiffMode> {
        match s {
            "base" => Some(DiffMode::Base),
            "diff_base" | "diff-base" => Some(DiffMode::DiffBase),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DiffOptions {
    pub mode: DiffMode,
    pub normalize: bool,
}

/// The label pprof puts on the samples of a `-diff_base` base profile.
pub const BASE_LABEL: (&str, &str) = ("pprof::base", "true");

/// `target − base` as one merged profile.
pub fn diff(target: &Profile, base: &Profile, opts: DiffOptions) -> Result<Profile, Incompatible> {
    check_compatible(target, base)?;
    let set_label = (opts.mode == DiffMode::DiffBase).then_some(BASE_LABEL);
    let base_source = Source { profile: base, scale: Some(vec![-1.0; base.sample_types.len()]), set_label };
    if !opts.normalize {
        return merge(&[Source::plain(target), base_source]);
    }
    // pprof scales the target after it has merged it on its own, so equal stacks are
    // summed before rounding.
    let compact = merge(&[Source::plain(target)])?;
    let scale = normalize_ratios(&compact, base);
    merge(&[Source { profile: &compact, scale: Some(scale), set_label: None }, base_source])
}

/// pprof's `Normalize` ratios: base sum / target sum per sample type (0 when the target
/// sums to 0). Sums are signed.
pub fn normalize_ratios(target: &Profile, base: &Profile) -> Vec<f64> {
    let sums = |p: &Profile| -> Vec<i64> {
        p.samples.values.iter().map(|c| c.iter().fold(0i64, |a, &v| a.wrapping_add(v))).collect()
    };
    sums(base)
        .iter()
        .zip(sums(target))
        .map(|(&b, t)| if t == 0 { 0.0 } else { b as f64 / t as f64 })
        .collect()
}
