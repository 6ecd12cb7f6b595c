//! The Top table (pprof's `-top`) and the lines panel (a function's rows of `-top -lines`),
//! as columns.

use super::{unit, Column, Names, Result, Session};
use crate::model::Profile;
use crate::query::function_lines::{function_lines, split_line_name};
use crate::query::top::{top_of, Top};
use crate::query::{top, Granularity, StackView};
use serde::Serialize;
use std::rc::Rc;
use ts_rs::TS;

/// Values above this are not exact as JS numbers.
const MAX_SAFE: u64 = (1 << 53) - 1;

/// pprof's -top table, rows in -top order (|flat| desc, then name).
#[derive(Serialize, Debug, Clone, TS)]
pub struct TopResult {
    pub unit: String,
    /// The percent base: the total, or a filtered view's source's total.
    pub total: f64,
    pub rows: usize,
    pub names: Names,
    /// 0 none, 1 "(inline)", 2 "(partial-inline)"
    pub inline: Column<u8>,
    pub flat: Column<i64>,
    pub cum: Column<i64>,
    /// False when some value is beyond 2^53 and is rounded in JS.
    pub exact: bool,
}

/// One function's rows of `-top -lines`, in file then line order.
#[derive(Serialize, Debug, Clone, TS)]
pub struct FunctionLinesResult {
    /// The function, resolved from a row of any granularity.
    pub function: String,
    pub unit: String,
    pub total: f64,
    pub rows: usize,
    pub names: Names,
    pub files: Names,
    pub lines: Column<f64>,
    pub flat: Column<i64>,
    pub cum: Column<i64>,
}

impl Session {
    /// The top table in pprof's `-top` order, as columns.
    pub fn top(&mut self, id: u32, sample_index: usize, g: Granularity) -> Result<TopResult> {
        let percent_base = self.percent_base(id, sample_index)?;
        let (view, p, t) = self.top_table(id, sample_index, g)?;
        let total = percent_base.unwrap_or(t.total);
        Ok(TopResult {
            unit: unit(p, sample_index),
            total: total as f64,
            rows: t.rows.len(),
            names: t.rows.iter().map(|r| view.name(r.key)).collect(),
            inline: t.rows.iter().map(|r| r.inline as u8).collect(),
            flat: t.rows.iter().map(|r| r.flat).collect(),
            cum: t.rows.iter().map(|r| r.cum).collect(),
            exact: total.unsigned_abs() <= MAX_SAFE,
        })
    }

    /// pprof's -top table of profile `id` (its own total), with its view and profile. A diff
    /// made as a tree is not completed: its top is the delta of its two sides.
    pub fn top_table(
        &mut self,
        id: u32,
        sample_index: usize,
        g: Granularity,
    ) -> Result<(Rc<StackView>, &Profile, Top)> {
        if self.is_tree_diff(id)? {
            let (view, index) = self.diff_view(id, sample_index, g)?;
            let inputs = self.inputs(id)?;
            let t = top_of(inputs.merged, &view, &inputs.delta(&view, index), index);
            return Ok((view, &self.get(id)?.profile, t));
        }
        let (view, p, index) = self.query(id, sample_index, g)?;
        let t = top(p, &view, index);
        Ok((view, p, t))
    }

    /// The lines of `function` in profile `id`, in file then line order.
    pub fn function_lines(
        &mut self,
        id: u32,
        sample_index: usize,
        function: &str,
    ) -> Result<FunctionLinesResult> {
        let percent_base = self.percent_base(id, sample_index)?;
        let (view, p, index) = self.query(id, sample_index, Granularity::Lines)?;
        let function = resolve(&view, function);
        let rows = function_lines(p, &view, index, &function);
        Ok(FunctionLinesResult {
            function,
            unit: unit(p, index),
            total: percent_base.unwrap_or_else(|| crate::query::values::total(p, index)) as f64,
            rows: rows.len(),
            names: rows.iter().map(|r| r.name.as_str()).collect(),
            files: rows.iter().map(|r| r.file.as_str()).collect(),
            lines: rows.iter().map(|r| r.line as f64).collect(),
            flat: rows.iter().map(|r| r.flat).collect(),
            cum: rows.iter().map(|r| r.cum).collect(),
        })
    }
}

/// The function a selected row names: the row may come from the lines granularity
/// (`f file:line`) or the file-functions one (`f file`), as well as the functions one.
fn resolve(view: &StackView, selected: &str) -> String {
    let keys = &view.keys;
    if let Some(k) = keys.names.iter().position(|n| n == selected) {
        if let Some((f, _, _)) = split_line_name(selected, &keys.places[k]) {
            return f.to_string();
        }
    }
    let is_function = |f: &str| {
        keys.names
            .iter()
            .zip(keys.places.iter())
            .any(|(n, p)| split_line_name(n, p).is_some_and(|(g, _, _)| g == f))
    };
    if is_function(selected) {
        return selected.to_string();
    }
    match selected.rsplit_once(' ') {
        Some((f, _)) if is_function(f) => f.to_string(),
        _ => selected.to_string(),
    }
}
