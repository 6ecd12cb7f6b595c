//! The page's requests, declared once: each is a typed request struct and a typed result,
//! named by its `type` (`{"type": "top", "profile": 0, "sampleIndex": 1, "granularity":
//! "functions"}`), and [`Session::handle`] answers any of them. The TypeScript types of
//! the protocol (www/src/engine/generated.ts) are generated from these declarations, and
//! tests/protocol_ts.rs fails when that file is stale. Keys are camelCase across the
//! boundary. Reading a file, threads and memory figures are the worker's own requests.

use super::compare::{Comparability, DiffTableResult, TrendResult};
use super::flames::{
    AnyFlameResult, DiffFlameResult, FlameBox, FlameResult, FlameWindow, GoroutineFlameResult,
};
use super::goroutines::{GoroutineGroupDetail, GoroutineGroups, GoroutineSummary, GoroutineWaits};
use super::labels::LabelsResult;
use super::navigate::{CallTreeChildren, SandwichResult};
use super::summary::{SampleType, Summary};
use super::tables::{FunctionLinesResult, TopResult};
use super::{Column, Result, Session};
use crate::query::findings::Report;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod requests;
pub use requests::*;

/// What the page shows when a file opens: its id, its summary and, for a goroutine dump,
/// the dump's overview (null for other profiles).
#[derive(Serialize, Debug, Clone, TS)]
pub struct Opened {
    pub profile: u32,
    pub summary: Summary,
    pub goroutines: Option<GoroutineSummary>,
    /// The other profiles the same file held (a speedscope file's), each opened as well.
    pub more: Vec<OpenedSibling>,
}

/// One more profile of an opened file: its id, its name and its summary.
#[derive(Serialize, Debug, Clone, TS)]
pub struct OpenedSibling {
    pub profile: u32,
    pub name: String,
    pub summary: Summary,
}

/// A profile made in the session (a diff, a filtered view) and its summary.
#[derive(Serialize, Debug, Clone, TS)]
pub struct Made {
    pub profile: u32,
    pub summary: Summary,
}

/// A diff made in the session: its id and its sample types (the target's), all that the
/// two-sided views need. Its summary counts the merged samples, which a diff is made
/// without until something reads them (see `Session::diff`), so it is asked for apart.
#[derive(Serialize, Debug, Clone, TS)]
#[serde(rename_all = "camelCase")]
pub struct MadeDiff {
    pub profile: u32,
    pub sample_types: Vec<SampleType>,
    pub default_index: usize,
}

#[derive(Serialize, Debug, Clone, TS)]
pub struct Unloaded {
    pub profile: u32,
}

#[derive(Serialize, Debug, Clone, TS)]
pub struct SvgResult {
    pub svg: String,
}

#[derive(Serialize, Debug, Clone, TS)]
pub struct TextResult {
    pub text: String,
}

#[derive(Serialize, Debug, Clone, TS)]
pub struct BytesResult {
    pub bytes: Column<u8>,
}

#[derive(Serialize, Debug, Clone, TS)]
pub struct ValueResult {
    pub value: f64,
}

/// The heaviest path below `from`, with the children of `from` and of each node on it.
#[derive(Serialize, Debug, Clone, TS)]
pub struct HeaviestResult {
    #[serde(flatten)]
    pub children: CallTreeChildren,
    pub path: Column<u32>,
}

/// An id or -1 (none), as the page sends node ids and bases.
fn optional(n: impl TryInto<u32>) -> Option<u32> {
    n.try_into().ok()
}

/// Declares the requests: the `Request` enum (tagged by `type`), the `Response` enum, the
/// dispatch in [`Session::handle`], and the list the TypeScript generation reads.
macro_rules! requests {
    ($( $(#[doc = $doc:literal])* $variant:ident($req:ty) -> $res:ty = $handle:expr; )*) => {
        /// Any request of the page.
        #[derive(Deserialize, Debug, Clone)]
        #[serde(tag = "type", rename_all = "camelCase")]
        pub enum Request {
            $( $(#[doc = $doc])* $variant($req), )*
        }

        /// The result of any request (made to be serialized at once, so its size does not
        /// matter).
        #[derive(Serialize, Debug, Clone)]
        #[serde(untagged)]
        #[allow(clippy::large_enum_variant)]
        pub enum Response {
            $( $variant($res), )*
        }

        impl Session {
            /// Answers one request of the page.
            pub fn handle(&mut self, request: Request) -> Result<Response> {
                Ok(match request {
                    $( Request::$variant(r) => {
                        let answer: fn(&mut Session, $req) -> Result<$res> = $handle;
                        Response::$variant(answer(self, r)?)
                    } )*
                })
            }
        }

        /// Each request's `type`, doc, request type and result type, in TypeScript, and a
        /// visit of every type they use (for the generated protocol file).
        pub fn typescript(cfg: &ts_rs::Config) -> Vec<(String, String, String, String)> {
            vec![$( (
                camel(stringify!($variant)),
                [$($doc),*].join("\n"),
                <$req as TS>::name(cfg),
                <$res as TS>::name(cfg),
            ), )*]
        }

        /// Calls `visit` for every request and result type.
        pub fn visit_types(v: &mut impl ts_rs::TypeVisitor) {
            $( v.visit::<$req>(); v.visit::<$res>(); )*
        }
    };
}

fn camel(name: &str) -> String {
    let mut c = name.chars();
    c.next().map_or(String::new(), |f| f.to_lowercase().chain(c).collect())
}

requests! {
    /// What the page shows of a file it opened (the worker asks this after a load).
    Opened(ProfileRequest) -> Opened = |s, r| {
        let more = s
            .siblings(r.profile)
            .to_vec()
            .into_iter()
            .map(|id| Ok(OpenedSibling { profile: id, name: s.get(id)?.name.clone(), summary: s.summary(id)? }))
            .collect::<Result<Vec<_>>>()?;
        Ok(Opened { profile: r.profile, summary: s.summary(r.profile)?, goroutines: s.goroutine_summary(r.profile), more })
    };
    /// The metadata panel's content.
    Summary(ProfileRequest) -> Summary = |s, r| s.summary(r.profile);
    /// Closes a profile (derived ones stay).
    Unload(ProfileRequest) -> Unloaded = |s, r| {
        s.unload(r.profile);
        Ok(Unloaded { profile: r.profile })
    };
    /// pprof's -top table.
    Top(Query) -> TopResult = |s, r| s.top(r.profile, r.sample_index, r.granularity);
    /// The flame graph, the whole of it or only `window`.
    Flame(FlameRequest) -> FlameResult =
        |s, r| s.flame(r.query.profile, r.query.sample_index, r.query.granularity, r.window.unwrap_or(FlameWindow::ALL));
    /// More of a flame graph: the boxes a zoom shows; the same columns as its first result.
    FlameWindow(FlameWindowRequest) -> AnyFlameResult = |s, r| s.flame_window(r.source.key(), r.window);
    /// The widest box of a function, or null.
    FlameFind(FlameFindRequest) -> Option<FlameBox> = |s, r| s.flame_find(r.source.key(), &r.name);
    /// The signed value a search covers.
    FlameMatch(FlameMatchRequest) -> ValueResult =
        |s, r| Ok(ValueResult { value: s.flame_match(r.source.key(), &r.needle)? as f64 });
    /// The flame graph as SVG, as shown.
    FlameSvg(FlameSvgRequest) -> SvgResult = |s, r| {
        let q = r.query;
        Ok(SvgResult { svg: s.flame_svg(q.profile, q.sample_index, q.granularity, &r.search, optional(r.root))? })
    };
    /// Folded stacks of the profile (or diff, or filtered view).
    Folded(FoldedRequest) -> TextResult = |s, r| Ok(TextResult { text: s.folded(r.profile, r.granularity)? });
    /// A table on screen as CSV or Markdown, escaped by the engine's writers.
    TableText(TableTextRequest) -> TextResult =
        |_, r| Ok(TextResult { text: super::export::table_text(r.format, r.header, r.rows)? });
    /// gzip'd profile.proto.
    ExportProfile(ExportRequest) -> BytesResult = |s, r| {
        let how = super::export::parse_redaction(&r.redaction)?;
        Ok(BytesResult { bytes: Column(s.export_profile(r.profile, how.as_ref())?) })
    };
    /// Whether two profiles can be diffed, and if not, why.
    Comparable(CompareRequest) -> Comparability = |s, r| s.comparable(r.a, r.b);
    /// Makes a diff (kept as a profile of its own: every view works on it).
    Diff(DiffRequest) -> MadeDiff = |s, r| {
        let profile = s.diff(r.target, r.base, r.mode, r.normalize)?;
        let (sample_types, default_index) = s.sample_types(profile)?;
        Ok(MadeDiff { profile, sample_types, default_index })
    };
    /// Base, target and delta per function.
    DiffTable(Query) -> DiffTableResult = |s, r| s.diff_table(r.profile, r.sample_index, r.granularity);
    /// A diff's flame graph: target widths, delta values, both sides per box.
    DiffFlame(FlameRequest) -> DiffFlameResult = |s, r| {
        let q = r.query;
        s.diff_flame(q.profile, q.sample_index, q.granularity, r.window.unwrap_or(FlameWindow::ALL))
    };
    /// A trend over snapshots.
    Trend(TrendRequest) -> TrendResult = |s, r| s.trend(&r.profiles, &r.sample_type, r.granularity);
    /// Applies a transform stack (pprof's filters, in order); the result is a profile of
    /// its own whose percentages stay of the source's total.
    Filter(FilterRequest) -> Made = |s, r| {
        let profile = s.filter(r.profile, &r.transforms)?;
        Ok(Made { profile, summary: s.summary(profile)? })
    };
    /// A function's callers and callees trees and its pprof -peek tables.
    Sandwich(NameRequest) -> SandwichResult =
        |s, r| s.sandwich(r.query.profile, r.query.sample_index, r.query.granularity, &r.name);
    /// Children of call tree nodes (-1: the outermost frames).
    CallTreeChildren(CallTreeRequest) -> CallTreeChildren = |s, r| {
        let nodes: Vec<Option<u32>> = r.nodes.into_iter().map(optional).collect();
        s.call_tree_children(r.query.profile, r.query.sample_index, r.query.granularity, &nodes)
    };
    /// The heaviest path below `from` (-1: from the top), with the children of `from` and
    /// of each node on it.
    CallTreeHeaviest(HeaviestRequest) -> HeaviestResult = |s, r| {
        let q = r.query;
        let path = s.call_tree_heaviest(q.profile, q.sample_index, q.granularity, optional(r.from))?;
        let from = optional(r.from);
        let expand: Vec<Option<u32>> =
            std::iter::once(from).chain(path[..path.len().saturating_sub(1)].iter().map(|&n| Some(n))).collect();
        let children = s.call_tree_children(q.profile, q.sample_index, q.granularity, &expand)?;
        Ok(HeaviestResult { children, path: Column(path) })
    };
    /// The label panel: each label key's values and amounts (pprof's -tags).
    Labels(LabelsRequest) -> LabelsResult = |s, r| s.labels(r.profile, r.sample_index);
    /// The lines panel: one function's rows at lines granularity.
    FunctionLines(FunctionLinesRequest) -> FunctionLinesResult =
        |s, r| s.function_lines(r.profile, r.sample_index, &r.function);
    /// The goroutine group table; with a base, rows follow the diff (gone groups last).
    GoroutineGroups(GoroutineGroupsRequest) -> GoroutineGroups =
        |s, r| s.goroutine_groups(r.profile, optional(r.base));
    /// One group in full.
    GoroutineGroup(GoroutineGroupRequest) -> GoroutineGroupDetail =
        |s, r| s.goroutine_group(r.profile, r.row, optional(r.base));
    /// Goroutines per wait-time bucket.
    GoroutineWaits(GoroutineWaitsRequest) -> GoroutineWaits = |s, r| s.goroutine_waits(r.profile, &r.state);
    /// All goroutines split first by state: `stateOf[node]` indexes `states`.
    GoroutineFlame(GoroutineFlameRequest) -> GoroutineFlameResult =
        |s, r| s.goroutine_flame(r.profile, r.window.unwrap_or(FlameWindow::ALL));
    /// The Findings tab: `proflens report`'s analysis of open profiles, its JSON's type.
    Findings(FindingsRequest) -> Report = |s, r| {
        s.findings(&r.profiles, r.after.as_deref().unwrap_or(&[]), r.same_program.unwrap_or(false))
    };
    /// The findings as Markdown, with the Export menu's redaction.
    FindingsMarkdown(FindingsRequest) -> TextResult = |s, r| {
        let how = super::export::parse_redaction(r.redaction.as_deref().unwrap_or(""))?;
        let after = r.after.as_deref().unwrap_or(&[]);
        Ok(TextResult { text: s.findings_markdown(&r.profiles, after, r.same_program.unwrap_or(false), how.as_ref())? })
    };
}
