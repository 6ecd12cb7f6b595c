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

use super::granularity::FrameKeys;
use super::merge::{check_compatible, merge_two_trees, merge_with_stacks, Incompatible, Merged, Source};
use super::Granularity;
use crate::model::Profile;

/// Which of pprof's two diff flags (by its name in requests: `base`, `diff_base`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
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

/// A diff: pprof's merged profile, and where each side's stacks are in it, so that the
/// base and the target can also be valued apart on the merged tree (see `diff_view`).
pub struct Diff {
    pub profile: Profile,
    pub sides: Sides,
}

/// Where the target's and the base's stacks went in a merged profile.
pub struct Sides {
    /// Target stack node -> merged stack node.
    pub target_stacks: Vec<u32>,
    /// Base stack node -> merged stack node.
    pub base_stacks: Vec<u32>,
    /// Per sample type, what the target's values were multiplied by (1 unless normalized).
    pub target_scale: Vec<f64>,
    /// The diff's mode (whether the base's samples carry `pprof::base=true`).
    pub mode: DiffMode,
    /// Whether the merged profile has its samples ([`diff_sides`]) or only the merged
    /// tree ([`diff_tree`]), when the delta is made from the two sides' samples.
    pub merged_samples: bool,
}

/// `target − base` as one merged profile.
pub fn diff(target: &Profile, base: &Profile, opts: DiffOptions) -> Result<Profile, Incompatible> {
    diff_sides(target, base, opts).map(|d| d.profile)
}

/// [`diff`], keeping the stack maps of both sides.
pub fn diff_sides(target: &Profile, base: &Profile, opts: DiffOptions) -> Result<Diff, Incompatible> {
    check_compatible(target, base)?;
    let base_source = negated(base, opts.mode);
    if !opts.normalize {
        return Ok(two_sided(
            merge_with_stacks(&[Source::plain(target), base_source])?,
            target,
            opts.mode,
            true,
        ));
    }
    // pprof scales the target after it has merged it on its own, so equal stacks are
    // summed before rounding.
    let compact = merge_with_stacks(&[Source::plain(target)])?;
    let scale = normalize_ratios(&compact.profile, base);
    let source = Source { profile: &compact.profile, scale: Some(scale.clone()), set_label: None };
    let mut m = merge_with_stacks(&[source, base_source])?;
    let base_stacks = m.stacks.pop().expect("two sources");
    let via_compact = m.stacks.pop().expect("two sources");
    let target_stacks = compact.stacks[0].iter().map(|&n| via_compact[n as usize]).collect();
    Ok(Diff {
        profile: m.profile,
        sides: Sides {
            target_stacks,
            base_stacks,
            target_scale: scale,
            mode: opts.mode,
            merged_samples: true,
        },
    })
}

/// A diff without normalize whose profile has the merged tree but no sample yet
/// ([`merge_two_trees`]): the diff table and flame graph need no more (see `diff_delta`),
/// and [`diff_sides`] makes the same profile with its samples (the same numbering) when
/// one is needed.
pub fn diff_tree(target: &Profile, base: &Profile, mode: DiffMode) -> Result<Diff, Incompatible> {
    diff_tree_keyed(target, base, mode, None).map(|(d, _)| d)
}

/// [`diff_tree`], with the merged profile's frame keys at `keys_at` made beside its tree
/// (see [`merge_two_trees`]), for the stack view its first table needs.
pub fn diff_tree_keyed(
    target: &Profile,
    base: &Profile,
    mode: DiffMode,
    keys_at: Option<Granularity>,
) -> Result<(Diff, Option<FrameKeys>), Incompatible> {
    let (merged, keys) = merge_two_trees(&Source::plain(target), &negated(base, mode), keys_at)?;
    Ok((two_sided(merged, target, mode, false), keys))
}

/// The base as a source of the merge: values times −1, and `pprof::base=true` for `-diff_base`.
fn negated(base: &Profile, mode: DiffMode) -> Source<'_> {
    let set_label = (mode == DiffMode::DiffBase).then_some(BASE_LABEL);
    Source { profile: base, scale: Some(vec![-1.0; base.sample_types.len()]), set_label }
}

fn two_sided(mut m: Merged, target: &Profile, mode: DiffMode, merged_samples: bool) -> Diff {
    let base_stacks = m.stacks.pop().expect("two sources");
    let target_stacks = m.stacks.pop().expect("two sources");
    let target_scale = vec![1.0; target.sample_types.len()];
    Diff {
        profile: m.profile,
        sides: Sides { target_stacks, base_stacks, target_scale, mode, merged_samples },
    }
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
