//! Navigating one function or one call path: the sandwich of a function (its callers
//! and callees flame graphs and its peek table) and the call tree table, expanded a node
//! at a time. The call tree's values are kept (in the session's cache) per (profile,
//! granularity, sample type), so expanding a row only lists that row's children.

use super::cache::{Entry, Key};
use super::flames::{layout, FlameResult};
use super::{unit, Column, Names, Result, Session};
use crate::query::calltree_view::CallTreeValues;
use crate::query::peek::Edge;
use crate::query::sandwich::sandwich;
use crate::query::{Granularity, StackView};
use serde::Serialize;
use std::rc::Rc;
use ts_rs::TS;

/// One function's sandwich: its trees and pprof -peek's tables (edges heaviest first);
/// without `found`, only the unit and the percent base.
#[derive(Serialize, Debug, Clone, Default, TS)]
#[serde(rename_all = "camelCase")]
pub struct SandwichResult {
    pub unit: String,
    /// The percent base.
    pub total: f64,
    pub found: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub flat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cum: Option<f64>,
    /// The function at depth 0, its callers above it (drawn inverted).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub callers: Option<FlameResult>,
    /// The function at depth 0, its callees below it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub callees: Option<FlameResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub caller_names: Option<Names>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub caller_weights: Option<Column<i64>>,
    /// 1 for an inlined call
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub caller_inline: Option<Column<u8>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub callee_names: Option<Names>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub callee_weights: Option<Column<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub callee_inline: Option<Column<u8>>,
}

/// Children of call tree nodes: node `i`'s are entries `start[i]..start[i + 1]`,
/// heaviest first.
#[derive(Serialize, Debug, Clone, TS)]
pub struct CallTreeChildren {
    pub unit: String,
    /// The percent base.
    pub total: f64,
    pub start: Column<u32>,
    /// Call tree node ids, to expand further.
    pub node: Column<u32>,
    pub names: Names,
    #[serde(rename = "self")]
    pub self_value: Column<i64>,
    pub totals: Column<i64>,
    pub inline: Column<u8>,
    /// 1 when the node has children.
    pub more: Column<u8>,
}

impl Session {
    /// The sandwich of the function named `name`; `found` is false when the profile has no
    /// such function at this granularity.
    pub fn sandwich(
        &mut self,
        id: u32,
        sample_index: usize,
        g: Granularity,
        name: &str,
    ) -> Result<SandwichResult> {
        let total = self.total_checked(id, sample_index)?;
        let (view, p, index) = self.query(id, sample_index, g)?;
        let found =
            view.keys.names.iter().position(|n| n == name).and_then(|k| sandwich(p, &view, index, k as u32));
        let unit = unit(p, index);
        let Some(s) = found else {
            return Ok(SandwichResult { unit, total: total as f64, ..Default::default() });
        };
        let (caller_names, caller_weights, caller_inline) = edges(&view, &s.peek.callers);
        let (callee_names, callee_weights, callee_inline) = edges(&view, &s.peek.callees);
        Ok(SandwichResult {
            callers: Some(whole(layout(&unit, total as f64, &view, &s.callers))),
            callees: Some(whole(layout(&unit, total as f64, &view, &s.callees))),
            unit,
            total: total as f64,
            found: true,
            flat: Some(s.peek.flat as f64),
            cum: Some(s.peek.cum as f64),
            caller_names: Some(caller_names),
            caller_weights: Some(caller_weights),
            caller_inline: Some(caller_inline),
            callee_names: Some(callee_names),
            callee_weights: Some(callee_weights),
            callee_inline: Some(callee_inline),
        })
    }

    /// The children of call tree nodes (`None` for the outermost frames), heaviest first.
    pub fn call_tree_children(
        &mut self,
        id: u32,
        sample_index: usize,
        g: Granularity,
        nodes: &[Option<u32>],
    ) -> Result<CallTreeChildren> {
        let (view, values, total, unit) = self.tree_values(id, sample_index, g)?;
        let p = &self.get(id)?.profile;
        let tree = view.call_tree(p);
        let mut start = vec![0u32];
        let mut list: Vec<u32> = Vec::new();
        for &n in nodes {
            list.extend(values.children(n));
            start.push(list.len() as u32);
        }
        Ok(CallTreeChildren {
            unit,
            total: total as f64,
            start: Column(start),
            names: list.iter().map(|&c| view.name(tree.key[c as usize])).collect(),
            self_value: list.iter().map(|&c| values.self_value[c as usize]).collect(),
            totals: list.iter().map(|&c| values.total[c as usize]).collect(),
            inline: list.iter().map(|&c| tree.inlined[c as usize] as u8).collect(),
            more: list.iter().map(|&c| values.has_children(c) as u8).collect(),
            node: Column(list),
        })
    }

    /// The heaviest path below call tree node `from` (`None`: from the outermost frames),
    /// not including `from`: each step the child with the largest |total|.
    pub fn call_tree_heaviest(
        &mut self,
        id: u32,
        sample_index: usize,
        g: Granularity,
        from: Option<u32>,
    ) -> Result<Vec<u32>> {
        let (_, values, _, _) = self.tree_values(id, sample_index, g)?;
        Ok(values.heaviest_path(from))
    }

    /// The percent base, after checking the sample index.
    fn total_checked(&mut self, id: u32, sample_index: usize) -> Result<i64> {
        super::check_index(&self.get(id)?.profile, sample_index)?;
        self.total(id, sample_index)
    }

    /// The call tree values of a profile at a granularity and sample type (kept), with the
    /// view, the percent base and the unit.
    fn tree_values(
        &mut self,
        id: u32,
        sample_index: usize,
        g: Granularity,
    ) -> Result<(Rc<StackView>, Rc<CallTreeValues>, i64, String)> {
        let total = self.total_checked(id, sample_index)?;
        let (view, p, index) = self.query(id, sample_index, g)?;
        let unit = unit(p, index);
        let key = Key::Tree(id, view.granularity, index);
        if let Some(Entry::Tree(v)) = self.cache.get(&key) {
            return Ok((view, v, total, unit));
        }
        let (_, p, _) = self.query(id, sample_index, g)?;
        let v = Rc::new(CallTreeValues::new(p, &view, index));
        self.cache.put(key, Entry::Tree(v.clone()));
        Ok((view, v, total, unit))
    }
}

/// A layout that is the whole graph, as a window of it.
fn whole(layout: super::flames::FlameLayout) -> FlameResult {
    FlameResult { lo: 0.0, hi: layout.total, min_width: 0.0, layout }
}

/// A peek edge list as columns: names, weights, inline marks.
fn edges(view: &StackView, edges: &[Edge]) -> (Names, Column<i64>, Column<u8>) {
    (
        edges.iter().map(|e| view.name(e.key)).collect(),
        edges.iter().map(|e| e.weight).collect(),
        edges.iter().map(|e| e.inline as u8).collect(),
    )
}
