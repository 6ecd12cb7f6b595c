//! pprof's filters as derived profiles: `-focus`, `-ignore`, `-hide`, `-show`,
//! `-show_from`, `-tagfocus`, `-tagignore` and `-prune_from`, with pprof's exact
//! semantics and in pprof's order (its `applyFocus`). Each stage reads a profile and
//! builds a new one, so the model is never changed and stages compose: a transform stack
//! is a list of [`Filters`] applied one after the other.
//!
//! pprof cuts `drop_frames` when it loads a profile, before any filter, so that cut is made
//! first (and the derived profile has no `drop_frames` left). Percentages stay of the
//! unfiltered total, as in pprof (see [`Filters::apply`]'s callers).

mod matcher;
mod names;
mod prune_from;
mod rebuild;
mod show_from;
mod tags;

pub use prune_from::simplify_func;
pub use tags::{num_label_units, TagFilter};

use super::prune::Prune;
use crate::model::{Profile, StackId, StrId};
use rebuild::Rebuild;
use regex_lite::Regex;
use std::borrow::Cow;

/// One set of filters, as pprof's flags of the same names.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub focus: Option<Regex>,
    pub ignore: Option<Regex>,
    pub hide: Option<Regex>,
    pub show: Option<Regex>,
    pub show_from: Option<Regex>,
    pub tag_focus: Option<TagFilter>,
    pub tag_ignore: Option<TagFilter>,
    pub prune_from: Option<Regex>,
}

/// Compiles a filter regex as pprof does (Go's RE2 syntax, unanchored).
pub fn regex(flag: &str, re: &str) -> Result<Regex, String> {
    Regex::new(re).map_err(|e| format!("parsing {flag} regexp: {e}"))
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.focus.is_none()
            && self.ignore.is_none()
            && self.hide.is_none()
            && self.show.is_none()
            && self.show_from.is_none()
            && self.tag_focus.is_none()
            && self.tag_ignore.is_none()
            && self.prune_from.is_none()
    }

    /// Whether these filters only drop samples (`-focus`, `-ignore`, `-tagfocus`,
    /// `-tagignore`): applied to a profile without `drop_frames`, the result keeps its
    /// functions, locations, lines and stack tree exactly.
    pub fn only_drops_samples(&self) -> bool {
        self.hide.is_none() && self.show.is_none() && self.show_from.is_none() && self.prune_from.is_none()
    }

    /// The filtered profile (borrowed when there is nothing to do).
    pub fn apply<'a>(&self, p: &'a Profile) -> Cow<'a, Profile> {
        if self.is_empty() {
            return Cow::Borrowed(p);
        }
        let mut cur = Cow::Borrowed(p);
        if !p.str(p.drop_frames).is_empty() {
            cur = Cow::Owned(cut_drop_frames(&cur));
        }
        if self.focus.is_some() || self.ignore.is_some() || self.hide.is_some() || self.show.is_some() {
            let f = names::NameFilters {
                focus: self.focus.as_ref(),
                ignore: self.ignore.as_ref(),
                hide: self.hide.as_ref(),
                show: self.show.as_ref(),
            };
            cur = Cow::Owned(names::apply(&cur, &f));
        }
        if let Some(re) = &self.show_from {
            cur = Cow::Owned(show_from::apply(&cur, re));
        }
        if self.tag_focus.is_some() || self.tag_ignore.is_some() {
            cur = Cow::Owned(tags::apply(&cur, self.tag_focus.as_ref(), self.tag_ignore.as_ref()));
        }
        if let Some(re) = &self.prune_from {
            cur = Cow::Owned(prune_from::apply(&cur, re));
        }
        cur
    }
}

/// pprof's `RemoveUninteresting`, made into a profile: the [`Prune`] view's line cuts and
/// stack cuts applied, and `drop_frames`/`keep_frames` cleared.
pub(crate) fn cut_drop_frames(p: &Profile) -> Profile {
    let prune = Prune::new(p);
    let mut r = Rebuild::new(p);
    for (l, &skip) in prune.lines_skip.iter().enumerate() {
        if skip > 0 {
            let kept = r.lines(l)[skip as usize..].to_vec();
            r.set_lines(l, kept);
        }
    }
    let t = &p.stacks;
    let mut node_map = vec![StackId::EMPTY; t.len()];
    for n in 0..t.len() {
        let parent = match t.parent[n] {
            u32::MAX => StackId::EMPTY,
            q => node_map[q as usize],
        };
        node_map[n] = r.child(parent, t.location[n]);
    }
    let cut: Vec<StackId> =
        (0..t.len()).map(|n| node_map[prune.leaf(StackId(n as u32)).unwrap_or(n)]).collect();
    let mut out = r.finish(&cut, StackId::EMPTY, |_| true);
    (out.drop_frames, out.keep_frames) = (StrId::EMPTY, StrId::EMPTY);
    out
}
