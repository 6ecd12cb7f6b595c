//! Transforms: a stack of pprof filters applied to a loaded profile, kept as a derived
//! profile of its own (every view works on it). The source is never changed, so removing
//! a transform is re-deriving from the source with the rest of the stack.

use super::Session;
use crate::query::filter::{regex, Filters, TagFilter};
use crate::query::values::total;
use serde::Deserialize;
use std::borrow::Cow;
use wasm_bindgen::prelude::*;

/// One transform, as the page sends it: `{"op": "focus", "value": "main\\.handle"}`.
#[derive(Deserialize)]
struct Transform {
    op: String,
    value: String,
}

/// The filters of one transform (each transform is one stage, applied in stack order).
fn filters_of(t: &Transform) -> Result<Filters, String> {
    let mut f = Filters::default();
    let re = || regex(&t.op, &t.value).map(Some);
    match t.op.as_str() {
        "focus" => f.focus = re()?,
        "ignore" => f.ignore = re()?,
        "hide" => f.hide = re()?,
        "show" => f.show = re()?,
        "show_from" => f.show_from = re()?,
        "prune_from" => f.prune_from = re()?,
        "tagfocus" => f.tag_focus = Some(TagFilter::parse(&t.value)?),
        "tagignore" => f.tag_ignore = Some(TagFilter::parse(&t.value)?),
        other => return Err(format!("unknown transform {other:?}")),
    }
    Ok(f)
}

#[wasm_bindgen]
impl Session {
    /// Applies `transforms` (a JSON array of `{op, value}`, ops as pprof's flags: focus,
    /// ignore, hide, show, show_from, prune_from, tagfocus, tagignore) to profile `id`, in
    /// order; keeps the result and returns its id. Percentages of the result stay of the
    /// source's total.
    pub fn filter(&mut self, id: u32, transforms: &str) -> Result<u32, JsError> {
        let list: Vec<Transform> =
            serde_json::from_str(transforms).map_err(|e| JsError::new(&format!("bad transforms: {e}")))?;
        let stages =
            list.iter().map(filters_of).collect::<Result<Vec<_>, _>>().map_err(|e| JsError::new(&e))?;
        let source = self.get(id)?;
        let mut p = Cow::Borrowed(&source.profile);
        for stage in &stages {
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
}

impl Session {
    /// pprof's percent base for a filtered profile: its source's total (`None` otherwise).
    pub(super) fn percent_base(&self, id: u32, sample_index: usize) -> Result<Option<i64>, JsError> {
        let Some(from) = self.get(id)?.filtered_from else { return Ok(None) };
        let source = self.get(from)?;
        let p = &source.profile;
        Ok((sample_index < p.sample_types.len()).then(|| {
            *source.totals.borrow_mut().entry(sample_index).or_insert_with(|| total(p, sample_index))
        }))
    }
}
