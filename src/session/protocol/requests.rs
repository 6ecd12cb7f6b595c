//! The request structs: what the page sends, field by field (camelCase in JSON).

use crate::query::diff::DiffMode;
use crate::query::Granularity;
use crate::session::export::TableFormat;
use crate::session::filter::Transform;
use crate::session::flames::{FlameKey, FlameKind, FlameWindow};
use serde::Deserialize;
use ts_rs::TS;

/// A profile, a sample type and a granularity: what most views ask about.
#[derive(Deserialize, Debug, Clone, TS)]
#[serde(rename_all = "camelCase")]
pub struct Query {
    pub profile: u32,
    pub sample_index: usize,
    pub granularity: Granularity,
}

#[derive(Deserialize, Debug, Clone, TS)]
pub struct ProfileRequest {
    pub profile: u32,
}

/// A query and, optionally, the window of the flame graph to lay out (all of it without).
#[derive(Deserialize, Debug, Clone, TS)]
pub struct FlameRequest {
    #[serde(flatten)]
    pub query: Query,
    #[serde(default)]
    #[ts(optional)]
    pub window: Option<FlameWindow>,
}

/// Which flame graph: a profile's own, a diff's, a goroutine dump's by state.
#[derive(Deserialize, Debug, Clone, TS)]
#[serde(rename_all = "camelCase")]
pub struct FlameSource {
    pub kind: FlameKind,
    pub profile: u32,
    pub sample_index: usize,
    pub granularity: Granularity,
}

impl FlameSource {
    pub(super) fn key(&self) -> FlameKey {
        FlameKey {
            kind: self.kind,
            id: self.profile,
            index: self.sample_index,
            granularity: self.granularity,
        }
    }
}

#[derive(Deserialize, Debug, Clone, TS)]
pub struct FlameWindowRequest {
    pub source: FlameSource,
    pub window: FlameWindow,
}

#[derive(Deserialize, Debug, Clone, TS)]
pub struct FlameFindRequest {
    pub source: FlameSource,
    pub name: String,
}

#[derive(Deserialize, Debug, Clone, TS)]
pub struct FlameMatchRequest {
    pub source: FlameSource,
    pub needle: String,
}

#[derive(Deserialize, Debug, Clone, TS)]
pub struct GoroutineFlameRequest {
    pub profile: u32,
    #[serde(default)]
    #[ts(optional)]
    pub window: Option<FlameWindow>,
}

/// `base`: another loaded dump to compare with, or -1.
#[derive(Deserialize, Debug, Clone, TS)]
pub struct GoroutineGroupsRequest {
    pub profile: u32,
    pub base: i32,
}

#[derive(Deserialize, Debug, Clone, TS)]
pub struct GoroutineGroupRequest {
    pub profile: u32,
    pub row: usize,
    pub base: i32,
}

/// `state`: a normalized state, or "" for all.
#[derive(Deserialize, Debug, Clone, TS)]
pub struct GoroutineWaitsRequest {
    pub profile: u32,
    pub state: String,
}

/// The flame graph as shown: `root` is the zoomed box's node id (or -1), `search` a regex
/// to outline (or "").
#[derive(Deserialize, Debug, Clone, TS)]
pub struct FlameSvgRequest {
    #[serde(flatten)]
    pub query: Query,
    pub search: String,
    pub root: i64,
}

#[derive(Deserialize, Debug, Clone, TS)]
pub struct FoldedRequest {
    pub profile: u32,
    pub granularity: Granularity,
}

/// A table on screen: its header and rows of cells, as shown.
#[derive(Deserialize, Debug, Clone, TS)]
pub struct TableTextRequest {
    pub format: TableFormat,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// `redaction`: "" (none), "hash" or "trim:PREFIX".
#[derive(Deserialize, Debug, Clone, TS)]
pub struct ExportRequest {
    pub profile: u32,
    pub redaction: String,
}

#[derive(Deserialize, Debug, Clone, TS)]
pub struct DiffRequest {
    pub target: u32,
    pub base: u32,
    pub mode: DiffMode,
    pub normalize: bool,
}

#[derive(Deserialize, Debug, Clone, TS)]
pub struct CompareRequest {
    pub a: u32,
    pub b: u32,
}

#[derive(Deserialize, Debug, Clone, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrendRequest {
    pub profiles: Vec<u32>,
    pub sample_type: String,
    pub granularity: Granularity,
}

#[derive(Deserialize, Debug, Clone, TS)]
pub struct FilterRequest {
    pub profile: u32,
    pub transforms: Vec<Transform>,
}

#[derive(Deserialize, Debug, Clone, TS)]
pub struct NameRequest {
    #[serde(flatten)]
    pub query: Query,
    pub name: String,
}

/// Node ids, -1 for the outermost frames.
#[derive(Deserialize, Debug, Clone, TS)]
pub struct CallTreeRequest {
    #[serde(flatten)]
    pub query: Query,
    pub nodes: Vec<i64>,
}

#[derive(Deserialize, Debug, Clone, TS)]
pub struct HeaviestRequest {
    #[serde(flatten)]
    pub query: Query,
    pub from: i64,
}

#[derive(Deserialize, Debug, Clone, TS)]
#[serde(rename_all = "camelCase")]
pub struct LabelsRequest {
    pub profile: u32,
    pub sample_index: usize,
}

#[derive(Deserialize, Debug, Clone, TS)]
#[serde(rename_all = "camelCase")]
pub struct FunctionLinesRequest {
    pub profile: u32,
    pub sample_index: usize,
    pub function: String,
}

/// The findings of `profiles` (and of `after`, the run after a fix, when not empty);
/// `sameProgram` after the user said files that seem to be of several programs are one.
/// `redaction` is the Export menu's, for the Markdown.
#[derive(Deserialize, Debug, Clone, TS)]
#[serde(rename_all = "camelCase")]
pub struct FindingsRequest {
    pub profiles: Vec<u32>,
    #[serde(default)]
    #[ts(optional)]
    pub after: Option<Vec<u32>>,
    #[serde(default)]
    #[ts(optional)]
    pub same_program: Option<bool>,
    #[serde(default)]
    #[ts(optional)]
    pub redaction: Option<String>,
}
