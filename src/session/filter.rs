//! Transforms: a stack of pprof filters applied to a loaded profile, kept as a derived
//! profile of its own (every view works on it). The source is never changed, so removing
//! a transform is re-deriving from the source with the rest of the stack. The derived
//! profile remembers its source: pprof takes a filtered view's percentages of the
//! unfiltered total (the percent base).

use super::{Result, Session};
use crate::query::filter::{regex, Filters, TagFilter};
use crate::query::values::total;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use ts_rs::TS;

/// A transform's kind: one of pprof's filter flags, by its name.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum TransformOp {
    Focus,
    Ignore,
    Hide,
    Show,
    ShowFrom,
    PruneFrom,
    Tagfocus,
    Tagignore,
}

/// One transform, as the page sends it: `{"op": "focus", "value": "main\\.handle"}`; the
/// value is a regex, or for the tag filters `[key=]values` or a numeric range (`1kb:10kb`).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, TS)]
pub struct Transform {
    pub op: TransformOp,
    pub value: String,
}

impl TransformOp {
    /// Every op, in the order the page offers them.
    pub const ALL: [TransformOp; 8] = [
        TransformOp::Focus,
        TransformOp::Ignore,
        TransformOp::Hide,
        TransformOp::Show,
        TransformOp::ShowFrom,
        TransformOp::PruneFrom,
        TransformOp::Tagfocus,
        TransformOp::Tagignore,
    ];

    /// Where pprof applies this filter, whatever the command line's order (its driver's
    /// `applyFocus`): focus, ignore, hide, show, show_from, the tag filters, prune_from.
    pub fn pprof_rank(self) -> u8 {
        match self {
            TransformOp::Focus => 0,
            TransformOp::Ignore => 1,
            TransformOp::Hide => 2,
            TransformOp::Show => 3,
            TransformOp::ShowFrom => 4,
            TransformOp::Tagfocus => 5,
            TransformOp::Tagignore => 6,
            TransformOp::PruneFrom => 7,
        }
    }

    /// Whether applying two of these equals one flag `a|b` (a sample dropped by either,
    /// frames hidden by either), so a stack with two still maps to one pprof flag.
    pub fn joinable(self) -> bool {
        matches!(self, TransformOp::Ignore | TransformOp::Hide)
    }

    /// The op's name, which is also pprof's flag (`-focus`, `-show_from`, …).
    pub fn name(self) -> &'static str {
        match self {
            TransformOp::Focus => "focus",
            TransformOp::Ignore => "ignore",
            TransformOp::Hide => "hide",
            TransformOp::Show => "show",
            TransformOp::ShowFrom => "show_from",
            TransformOp::PruneFrom => "prune_from",
            TransformOp::Tagfocus => "tagfocus",
            TransformOp::Tagignore => "tagignore",
        }
    }
}

impl Transform {
    pub fn new(op: TransformOp, value: &str) -> Transform {
        Transform { op, value: value.to_string() }
    }

    /// The filters of this transform (each transform is one stage, applied in stack order).
    pub fn filters(&self) -> std::result::Result<Filters, String> {
        let mut f = Filters::default();
        self.set_on(&mut f)?;
        Ok(f)
    }

    /// Sets this transform's filter in `f`, as pprof's flag of the same name does (the
    /// CLI gathers all its flags into one `Filters`, as pprof applies them together).
    pub fn set_on(&self, f: &mut Filters) -> std::result::Result<(), String> {
        let re = || regex(self.op.name(), &self.value).map(Some);
        match self.op {
            TransformOp::Focus => f.focus = re()?,
            TransformOp::Ignore => f.ignore = re()?,
            TransformOp::Hide => f.hide = re()?,
            TransformOp::Show => f.show = re()?,
            TransformOp::ShowFrom => f.show_from = re()?,
            TransformOp::PruneFrom => f.prune_from = re()?,
            TransformOp::Tagfocus => f.tag_focus = Some(TagFilter::parse(&self.value)?),
            TransformOp::Tagignore => f.tag_ignore = Some(TagFilter::parse(&self.value)?),
        }
        Ok(())
    }
}

impl Session {
    /// Applies `transforms` to profile `id`, in order; keeps the result and returns its
    /// id. Percentages of the result stay of the source's total.
    pub fn filter(&mut self, id: u32, transforms: &[Transform]) -> Result<u32> {
        let stages = transforms.iter().map(Transform::filters).collect::<std::result::Result<Vec<_>, _>>()?;
        self.filter_stages(id, &stages)
    }

    /// [`Session::filter`] with the stages as filters (the CLI gives one stage of every flag).
    pub fn filter_stages(&mut self, id: u32, stages: &[Filters]) -> Result<u32> {
        self.complete(id)?;
        let source = self.get(id)?;
        let mut p = Cow::Borrowed(&source.profile);
        for stage in stages {
            p = Cow::Owned(stage.apply(&p).into_owned());
        }
        let name = format!("{} (filtered)", source.name);
        let derived = p.into_owned();
        let root = source.filtered_from.unwrap_or(id);
        let same_tree = (source.filtered_from.is_none() || source.same_tree_as_source)
            && source.profile.drop_frames.0 == 0
            && stages.iter().all(Filters::only_drops_samples);
        let new = self.keep(name, derived, None);
        if let Some(Some(l)) = self.profiles.get_mut(new as usize) {
            l.filtered_from = Some(root);
            l.same_tree_as_source = same_tree;
        }
        Ok(new)
    }

    /// pprof's percent base for a filtered profile: its source's total (`None` otherwise,
    /// and for a sample index the source lacks).
    pub fn percent_base(&self, id: u32, sample_index: usize) -> Result<Option<i64>> {
        let Some(from) = self.get(id)?.filtered_from else { return Ok(None) };
        let source = self.get(from)?;
        let p = &source.profile;
        Ok((sample_index < p.sample_types.len()).then(|| {
            *source.totals.borrow_mut().entry(sample_index).or_insert_with(|| total(p, sample_index))
        }))
    }

    /// The percent base of profile `id` for `sample_index`: its source's total when it is a
    /// filtered view, else its own total.
    pub fn total(&mut self, id: u32, sample_index: usize) -> Result<i64> {
        self.complete(id)?;
        let p = &self.get(id)?.profile;
        Ok(self.percent_base(id, sample_index)?.unwrap_or_else(|| total(p, sample_index)))
    }
}
