//! Comparing loaded profiles: whether two can be compared, diffs (kept as profiles of
//! their own, so every single-profile view works on them) with their two-sided table, and
//! trends over snapshots.

use super::flames::{FlameKey, FlameKind};
use super::{fail, unit, Column, Error, Names, Result, Session};
use crate::query::diff::{diff_sides, diff_tree_keyed, DiffMode, DiffOptions, Sides};
use crate::query::diff_view::{diff_table, diff_table_and_flame, DiffInputs};
use crate::query::merge::check_compatible;
use crate::query::trend::{trend, MemStatSeries};
use crate::query::{Granularity, StackView};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::rc::Rc;
use ts_rs::TS;

/// What a diff was made from.
pub(super) struct DiffOf {
    pub target: u32,
    pub base: u32,
    pub sides: Sides,
}

/// Whether two profiles can be diffed, and if not, why.
#[derive(serde::Serialize, Debug, Clone, PartialEq, TS)]
pub struct Comparability {
    pub comparable: bool,
    /// Why not, in words for the user (`None` when they can).
    pub reason: Option<String>,
}

/// Base, target and delta per function. flat/cum are the delta (pprof's numbers).
#[derive(serde::Serialize, Debug, Clone, TS)]
#[serde(rename_all = "camelCase")]
pub struct DiffTableResult {
    pub unit: String,
    /// pprof's percent base for the mode: sum |delta| (base) or the base total (diff_base).
    pub total: f64,
    pub base_total: f64,
    pub target_total: f64,
    pub rows: usize,
    pub names: Names,
    pub inline: Column<u8>,
    pub base_flat: Column<i64>,
    pub base_cum: Column<i64>,
    pub target_flat: Column<i64>,
    pub target_cum: Column<i64>,
    pub flat: Column<i64>,
    pub cum: Column<i64>,
    /// The target's inuse/alloc for the site (heap profiles); NaN where unknown.
    pub retention: Column<f64>,
}

/// A trend over snapshots; rows sorted by leak score.
#[derive(serde::Serialize, Debug, Clone, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrendResult {
    pub unit: String,
    /// Profile ids in time order.
    pub order: Column<u32>,
    pub times: Column<i64>,
    pub totals: Column<i64>,
    /// runtime.MemStats series in time order, when every snapshot has them.
    pub memstats: MemStats,
    pub rows: usize,
    pub names: Names,
    /// Rows × snapshots, row-major, in time order.
    pub values: Column<i64>,
    pub delta: Column<f64>,
    /// NaN when all snapshots have the same time.
    pub per_minute: Column<f64>,
    pub tau: Column<f64>,
    pub score: Column<f64>,
    /// NaN when not a heap profile.
    pub retention: Column<f64>,
}

/// MemStats series by field name (`{HeapInuse: Float64Array, …}` in JS).
#[derive(Debug, Clone, Default)]
pub struct MemStats(pub Vec<(String, Column<f64>)>);

impl TS for MemStats {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "Record<string, Float64Array>".to_string()
    }
    fn inline(cfg: &ts_rs::Config) -> String {
        Self::name(cfg)
    }
}

impl Serialize for MemStats {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (name, values) in &self.0 {
            m.serialize_entry(name, values)?;
        }
        m.end()
    }
}

impl Session {
    /// Whether `a` and `b` can be diffed: the same sample types and units and the same
    /// period type (as pprof's merge requires), and neither a diff itself.
    pub fn comparable(&self, a: u32, b: u32) -> Result<Comparability> {
        let (pa, pb) = (self.get(a)?, self.get(b)?);
        let reason = if pa.diff.is_some() || pb.diff.is_some() {
            Some("a diff is not compared again".to_string())
        } else {
            check_compatible(&pa.profile, &pb.profile).err().map(|e| e.0)
        };
        Ok(Comparability { comparable: reason.is_none(), reason })
    }

    /// Diffs two loaded profiles as `go tool pprof -base` or `-diff_base` would, optionally
    /// normalized; keeps the result and returns its id.
    ///
    /// Without normalize, the diff is made as pprof's merged tree without its samples
    /// (`diff_tree`): the diff table and flame graph value the tree from the two sides'
    /// own samples, and summing every sample by stack and labels, most of the merge, is
    /// left to the first request that reads the merged samples ([`Session::complete`]).
    pub fn diff(&mut self, target: u32, base: u32, mode: DiffMode, normalize: bool) -> Result<u32> {
        let (t, b) = (self.get(target)?, self.get(base)?);
        // the frame keys of the default granularity (the page's and the CLI's first view)
        // are made beside the tree, where there are two threads
        let g = Granularity::default();
        let made = if normalize {
            diff_sides(&t.profile, &b.profile, DiffOptions { mode, normalize }).map(|d| (d, None))
        } else {
            diff_tree_keyed(&t.profile, &b.profile, mode, Some(g))
        };
        let (d, keys) =
            made.map_err(|e| Error(format!("{} and {} cannot be compared: {e}", t.name, b.name)))?;
        let name = format!("{} − {}", t.name, b.name);
        let id = self.keep(name, d.profile, Some(DiffOf { target, base, sides: d.sides }));
        if let (Some(keys), Some(Some(l))) = (keys, self.profiles.get_mut(id as usize)) {
            l.views.insert(g, Rc::new(StackView::with_keys(&l.profile, g, keys)));
        }
        Ok(id)
    }

    /// Gives a diff made as a tree its merged samples (the whole merge, numbered as the
    /// tree is, so its stack views and kept results stay valid); nothing for any other
    /// profile. Every request that reads a profile's samples calls this first.
    pub(super) fn complete(&mut self, id: u32) -> Result<()> {
        if !self.is_tree_diff(id)? {
            return Ok(());
        }
        let d = self.diff_of(id)?;
        let (t, b) = (self.side(d.target)?, self.side(d.base)?);
        let whole = diff_sides(&t.profile, &b.profile, DiffOptions { mode: d.sides.mode, normalize: false })
            .map_err(|e| Error(e.to_string()))?;
        let Some(Some(l)) = self.profiles.get_mut(id as usize) else { unreachable!("checked above") };
        l.profile = whole.profile;
        if let Some(d) = l.diff.as_mut() {
            d.sides = whole.sides;
        }
        Ok(())
    }

    /// Whether `id` is a diff made as a tree that has not been completed.
    pub(super) fn is_tree_diff(&self, id: u32) -> Result<bool> {
        Ok(self.get(id)?.diff.as_ref().is_some_and(|d| !d.sides.merged_samples))
    }

    /// One of a diff's two profiles, which the user may have closed since.
    fn side(&self, id: u32) -> Result<&super::Loaded> {
        self.get(id).map_err(|_| Error("a profile of this diff was closed".into()))
    }

    /// The diff table: base, target and delta flat/cum per function, and the target's
    /// retention (inuse/alloc) where it is a heap profile. The diff's flame graph, which
    /// the page asks for next, is made with it from the same two sides' values, and kept.
    pub fn diff_table(&mut self, id: u32, sample_index: usize, g: Granularity) -> Result<DiffTableResult> {
        let (view, index) = self.diff_view(id, sample_index, g)?;
        let flame = FlameKey { kind: FlameKind::Diff, id, index, granularity: g };
        let kept = self.has_flame(flame);
        let inputs = self.inputs(id)?;
        let unit = unit(inputs.merged, index);
        let t = if kept {
            diff_table(&inputs, &view, index)
        } else {
            let (t, tree) = diff_table_and_flame(&inputs, &view, index);
            self.keep_diff_flame(flame, unit.clone(), view.clone(), tree);
            t
        };
        let col = |f: fn(&crate::query::diff_view::DiffRow) -> i64| t.rows.iter().map(f).collect();
        Ok(DiffTableResult {
            unit,
            total: t.total as f64,
            base_total: t.base_total as f64,
            target_total: t.target_total as f64,
            rows: t.rows.len(),
            names: t.rows.iter().map(|r| view.name(r.key)).collect(),
            inline: t.rows.iter().map(|r| r.inline as u8).collect(),
            base_flat: col(|r| r.base_flat),
            base_cum: col(|r| r.base_cum),
            target_flat: col(|r| r.target_flat),
            target_cum: col(|r| r.target_cum),
            flat: col(|r| r.flat),
            cum: col(|r| r.cum),
            retention: Column(t.retention.clone().unwrap_or_else(|| vec![f64::NAN; t.rows.len()])),
        })
    }

    /// The trend of `sample_type` over loaded profiles: per site, its values in time order,
    /// delta, rate per minute, Mann-Kendall tau, leak score and retention.
    pub fn trend(&mut self, ids: &[u32], sample_type: &str, g: Granularity) -> Result<TrendResult> {
        let views = self.views(ids, g)?;
        let mut pairs = Vec::with_capacity(ids.len());
        for (&id, view) in ids.iter().zip(&views) {
            pairs.push((&self.get(id)?.profile, &**view));
        }
        let t = trend(&pairs, sample_type).map_err(|e| Error(e.to_string()))?;
        let first = pairs[t.order[0]].0;
        let unit = first
            .sample_types
            .iter()
            .find(|v| first.str(v.ty) == sample_type)
            .map_or("", |v| first.str(v.unit));
        let opt = |x: Option<f64>| x.unwrap_or(f64::NAN);
        let col = |f: &dyn Fn(&crate::query::trend::TrendRow) -> f64| t.rows.iter().map(f).collect();
        let series = |s: &MemStatSeries| (s.name.to_string(), s.values.iter().map(|&v| v as f64).collect());
        Ok(TrendResult {
            unit: unit.to_string(),
            order: t.order.iter().map(|&i| ids[i]).collect(),
            times: Column(t.times_ns.clone()),
            totals: Column(t.totals.clone()),
            memstats: MemStats(t.memstats.iter().map(series).collect()),
            rows: t.rows.len(),
            names: t.rows.iter().map(|r| r.name.as_str()).collect(),
            values: t.rows.iter().flat_map(|r| r.values.iter().copied()).collect(),
            delta: col(&|r| r.measures.delta),
            per_minute: col(&|r| opt(r.measures.per_minute)),
            tau: col(&|r| r.measures.mk_tau),
            score: col(&|r| r.score),
            retention: col(&|r| opt(r.retention)),
        })
    }

    fn diff_of(&self, id: u32) -> Result<&DiffOf> {
        match self.get(id)?.diff.as_ref() {
            Some(d) => Ok(d),
            None => fail(format!("profile {id} is not a diff")),
        }
    }

    /// The merged profile's view and the checked sample index.
    pub(super) fn diff_view(
        &mut self,
        id: u32,
        sample_index: usize,
        g: Granularity,
    ) -> Result<(Rc<StackView>, usize)> {
        let index = super::check_index(&self.get(id)?.profile, sample_index)?;
        self.diff_of(id)?;
        let (view, _) = self.tree_view(id, g)?;
        Ok((view, index))
    }

    pub(super) fn inputs(&self, id: u32) -> Result<DiffInputs<'_>> {
        let l = self.get(id)?;
        let d = self.diff_of(id)?;
        Ok(DiffInputs {
            merged: &l.profile,
            sides: &d.sides,
            target: &self.side(d.target)?.profile,
            base: &self.side(d.base)?.profile,
        })
    }

    /// Whether profile `id` is a diff made in this session.
    pub fn is_diff(&self, id: u32) -> Result<bool> {
        Ok(self.get(id)?.diff.is_some())
    }
}
