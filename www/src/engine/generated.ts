// Generated from the Rust types of src/session by tests/protocol_ts.rs
// (PROFLENS_UPDATE_TS=1 cargo test --test protocol_ts). Do not edit.

/**
 * A window of any kind of flame graph.
 */
export type AnyFlameResult = FlameResult | DiffFlameResult | GoroutineFlameResult;

export type BytesResult = { bytes: Uint8Array, };

/**
 * Children of call tree nodes: node `i`'s are entries `start[i]..start[i + 1]`,
 * heaviest first.
 */
export type CallTreeChildren = { unit: string, 
/**
 * The percent base.
 */
total: number, start: Uint32Array, 
/**
 * Call tree node ids, to expand further.
 */
node: Uint32Array, names: string[], self: Float64Array, totals: Float64Array, inline: Uint8Array, 
/**
 * 1 when the node has children.
 */
more: Uint8Array, };

/**
 * Node ids, -1 for the outermost frames.
 */
export type CallTreeRequest = { nodes: Array<number>, profile: number, sampleIndex: number, granularity: Granularity, };

/**
 * Whether two profiles can be diffed, and if not, why.
 */
export type Comparability = { comparable: boolean, 
/**
 * Why not, in words for the user (`None` when they can).
 */
reason: string | null, };

export type CompareRequest = { a: number, b: number, };

/**
 * A window of a diff's flame graph: widths of the target, `value`/`self` = target − base.
 */
export type DiffFlameResult = { 
/**
 * The window laid out (value units): boxes overlapping [lo, hi) at least minWidth wide.
 */
lo: number, hi: number, minWidth: number, unit: string, total: number, 
/**
 * The names (and files) of the functions this layout shows; `key` indexes them.
 */
names: string[], files: string[], key: Uint32Array, parent: Int32Array, depth: Uint32Array, 
/**
 * x offset in value units (from 0)
 */
start: Float64Array, 
/**
 * box width in value units (|value|-based, so diffs lay out)
 */
width: Float64Array, 
/**
 * signed total of the node
 */
value: Float64Array, self: Float64Array, inline: Uint8Array, 
/**
 * each box's call-tree node: its identity across windows
 */
node: Uint32Array, base: Float64Array, target: Float64Array, 
/**
 * Subtrees the target no longer has (largest first, at most 200), as "a ▸ b ▸ c".
 */
vanishedPaths: string[], vanishedBase: Float64Array, vanishedCount: number, };

/**
 * Which of pprof's two diff flags (by its name in requests: `base`, `diff_base`).
 */
export type DiffMode = "base" | "diff_base";

export type DiffRequest = { target: number, base: number, mode: DiffMode, normalize: boolean, };

/**
 * Base, target and delta per function. flat/cum are the delta (pprof's numbers).
 */
export type DiffTableResult = { unit: string, 
/**
 * pprof's percent base for the mode: sum |delta| (base) or the base total (diff_base).
 */
total: number, baseTotal: number, targetTotal: number, rows: number, names: string[], inline: Uint8Array, baseFlat: Float64Array, baseCum: Float64Array, targetFlat: Float64Array, targetCum: Float64Array, flat: Float64Array, cum: Float64Array, 
/**
 * The target's inuse/alloc for the site (heap profiles); NaN where unknown.
 */
retention: Float64Array, };

/**
 * One number of a finding: the file it comes from, and the command that prints it.
 */
export type Evidence = { file: string, value: number, unit: string, command: string, 
/**
 * The row of the command's output that prints the value, when it is not the
 * finding's first function.
 */
function?: string, };

/**
 * `redaction`: "" (none), "hash" or "trim:PREFIX".
 */
export type ExportRequest = { profile: number, redaction: string, };

/**
 * A file the report read: its name, what it is, and its time when it has one.
 */
export type FileInfo = { name: string, kind: string, 
/**
 * RFC 3339, UTC.
 */
time?: string, 
/**
 * `before` or `after`, in before/after mode.
 */
set?: string, };

export type FilterRequest = { profile: number, transforms: Array<Transform>, };

export type Finding = { kind: Kind, severity: Severity, score: number, 
/**
 * `certain` when the runtime says so itself, else `likely`.
 */
certainty: string, title: string, 
/**
 * The program's functions the finding is about, the most specific first.
 */
functions: Array<string>, path: Array<PathFrame>, evidence: Array<Evidence>, links: Array<string>, 
/**
 * Before/after mode: what became of the finding after the fix.
 */
status?: Status, };

/**
 * The findings of `profiles` (and of `after`, the run after a fix, when not empty);
 * `sameProgram` after the user said files that seem to be of several programs are one.
 * `redaction` is the Export menu's, for the Markdown.
 */
export type FindingsRequest = { profiles: Array<number>, after?: Array<number>, sameProgram?: boolean, redaction?: string, };

/**
 * One box of a flame graph, by its node id and extent in value units.
 */
export type FlameBox = { node: number, start: number, width: number, };

export type FlameFindRequest = { source: FlameSource, name: string, };

/**
 * Which flame graph: a profile's own, a diff's (target widths, delta labels, both sides
 * per box), or a goroutine dump's split first by state.
 */
export type FlameKind = "plain" | "diff" | "goroutine";

export type FlameMatchRequest = { source: FlameSource, needle: string, };

/**
 * A query and, optionally, the window of the flame graph to lay out (all of it without).
 */
export type FlameRequest = { window?: FlameWindow, profile: number, sampleIndex: number, granularity: Granularity, };

/**
 * A window of a flame graph.
 */
export type FlameResult = { 
/**
 * The window laid out (value units): boxes overlapping [lo, hi) at least minWidth wide.
 */
lo: number, hi: number, minWidth: number, unit: string, total: number, 
/**
 * The names (and files) of the functions this layout shows; `key` indexes them.
 */
names: string[], files: string[], key: Uint32Array, parent: Int32Array, depth: Uint32Array, 
/**
 * x offset in value units (from 0)
 */
start: Float64Array, 
/**
 * box width in value units (|value|-based, so diffs lay out)
 */
width: Float64Array, 
/**
 * signed total of the node
 */
value: Float64Array, self: Float64Array, inline: Uint8Array, 
/**
 * each box's call-tree node: its identity across windows
 */
node: Uint32Array, };

/**
 * Which flame graph: a profile's own, a diff's, a goroutine dump's by state.
 */
export type FlameSource = { kind: FlameKind, profile: number, sampleIndex: number, granularity: Granularity, };

/**
 * The flame graph as shown: `root` is the zoomed box's node id (or -1), `search` a regex
 * to outline (or "").
 */
export type FlameSvgRequest = { search: string, root: number, profile: number, sampleIndex: number, granularity: Granularity, };

/**
 * What to lay out, in value units: boxes overlapping `[lo, hi)` (`hi` = Infinity: the
 * total) and at least `min_fraction` × (hi − lo) wide. Narrower subtrees are skipped.
 */
export type FlameWindow = { lo: number, hi: number, minFraction: number, };

export type FlameWindowRequest = { source: FlameSource, window: FlameWindow, };

export type FoldedRequest = { profile: number, granularity: Granularity, };

export type FunctionLinesRequest = { profile: number, sampleIndex: number, function: string, };

/**
 * One function's rows of `-top -lines`, in file then line order.
 */
export type FunctionLinesResult = { 
/**
 * The function, resolved from a row of any granularity.
 */
function: string, unit: string, total: number, rows: number, names: string[], files: string[], lines: Float64Array, flat: Float64Array, cum: Float64Array, };

export type GoroutineFlameRequest = { profile: number, window?: FlameWindow, };

/**
 * A window of a goroutine dump's flame graph, split first by state.
 */
export type GoroutineFlameResult = { 
/**
 * The window laid out (value units): boxes overlapping [lo, hi) at least minWidth wide.
 */
lo: number, hi: number, minWidth: number, unit: string, total: number, 
/**
 * The names (and files) of the functions this layout shows; `key` indexes them.
 */
names: string[], files: string[], key: Uint32Array, parent: Int32Array, depth: Uint32Array, 
/**
 * x offset in value units (from 0)
 */
start: Float64Array, 
/**
 * box width in value units (|value|-based, so diffs lay out)
 */
width: Float64Array, 
/**
 * signed total of the node
 */
value: Float64Array, self: Float64Array, inline: Uint8Array, 
/**
 * each box's call-tree node: its identity across windows
 */
node: Uint32Array, states: string[], stateOf: Uint16Array, };

export type GoroutineFrame = { function: string, file: string, line: number, inlined: boolean, };

/**
 * One group in full, for an expanded row.
 */
export type GoroutineGroupDetail = { state: string, count: number, frames: Array<GoroutineFrame>, createdBy: GoroutineFrame | null, creators: Array<[GoroutineFrame, number]>, startedBy: StartedBy | null, labels: Array<GoroutineLabel>, 
/**
 * The first goroutine ids (as f64: ids are far below 2^53).
 */
ids: Array<number>, idCount: number, 
/**
 * The group is gone: it comes from the base dump.
 */
fromBase: boolean, };

export type GoroutineGroupRequest = { profile: number, row: number, base: number, };

/**
 * The group table as columns; with a base, rows follow the diff (gone groups last).
 */
export type GoroutineGroups = { rows: number, hasBase: boolean, state: string[], normalized: string[], 
/**
 * The function a group is named by (see `query::go_code::waiting_frame`: the
 * innermost outside the runtime, `sync` and `internal/…`), the call it blocks in
 * ("" when it is the innermost frame), and the creator's function ("" when none).
 */
top: string[], blocking: string[], creator: string[], count: Float64Array, 
/**
 * NaN without a base.
 */
baseCount: Float64Array, 
/**
 * Minutes; NaN when no goroutine of the group prints a wait.
 */
waitMin: Float64Array, waitMedian: Float64Array, waitMax: Float64Array, 
/**
 * Goroutines that print a wait.
 */
waiting: Float64Array, leaked: Float64Array, depth: Float64Array, likelyLeak: Uint8Array, };

/**
 * `base`: another loaded dump to compare with, or -1.
 */
export type GoroutineGroupsRequest = { profile: number, base: number, };

export type GoroutineLabel = { key: string, value: string, count: number, };

/**
 * A goroutine dump's overview.
 */
export type GoroutineSummary = { form: string, total: number, groups: number, truncated: boolean, leakProfile: boolean, hasStates: boolean, 
/**
 * Goroutines per verbatim state, most first.
 */
states: Array<StateCount>, };

/**
 * Goroutines per wait-time bucket.
 */
export type GoroutineWaits = { labels: string[], counts: Float64Array, };

/**
 * `state`: a normalized state, or "" for all.
 */
export type GoroutineWaitsRequest = { profile: number, state: string, };

/**
 * How finely frames are told apart, as pprof's `-granularity` (by its flag's name in
 * requests).
 */
export type Granularity = "functions" | "filefunctions" | "files" | "lines";

export type HeaviestRequest = { from: number, profile: number, sampleIndex: number, granularity: Granularity, };

/**
 * The heaviest path below `from`, with the children of `from` and of each node on it.
 */
export type HeaviestResult = { path: Uint32Array, unit: string, 
/**
 * The percent base.
 */
total: number, start: Uint32Array, 
/**
 * Call tree node ids, to expand further.
 */
node: Uint32Array, names: string[], self: Float64Array, totals: Float64Array, inline: Uint8Array, 
/**
 * 1 when the node has children.
 */
more: Uint8Array, };

export type Kind = "heap_growth" | "goroutine_growth" | "goroutine_wait" | "goroutine_leak" | "join" | "runtime_memory" | "starved" | "contention" | "hot_spot";

/**
 * A numeric key's power-of-two class.
 */
export type LabelBucket = { low: number, high: number, 
/**
 * `low`/`high` as pprof prints them in the key's unit (`1kB`).
 */
label: string, value: number, filter: string | null, };

export type LabelKey = { key: string, 
/**
 * A numeric key's unit; `None` for a string key.
 */
unit: string | null, total: number, values: Array<LabelValue>, 
/**
 * Numeric keys only, smallest first.
 */
buckets: Array<LabelBucket> | null, };

/**
 * One label value; `filter` is the tagfocus/tagignore value that selects exactly its
 * samples (`None` when pprof could not express it).
 */
export type LabelValue = { name: string, value: number, filter: string | null, };

export type LabelsRequest = { profile: number, sampleIndex: number, };

/**
 * pprof's `-tags` for one sample type, plus the filters and numeric histograms.
 */
export type LabelsResult = { 
/**
 * The sample type's unit, for the amounts.
 */
unit: string, keys: Array<LabelKey>, };

/**
 * A profile made in the session (a diff, a filtered view) and its summary.
 */
export type Made = { profile: number, summary: Summary, };

/**
 * A diff made in the session: its id and its sample types (the target's), all that the
 * two-sided views need. Its summary counts the merged samples, which a diff is made
 * without until something reads them (see `Session::diff`), so it is asked for apart.
 */
export type MadeDiff = { profile: number, sampleTypes: Array<SampleType>, defaultIndex: number, };

/**
 * One `runtime.MemStats` field: its name, its unit (see [`unit_of`]) and its value.
 */
export type MemStat = { name: string, unit: string, value: MemStatJs, };

export type MemStatJs = number | boolean | Array<number> | string;

export type NameRequest = { name: string, profile: number, sampleIndex: number, granularity: Granularity, };

/**
 * What the page shows when a file opens: its id, its summary and, for a goroutine dump,
 * the dump's overview (null for other profiles).
 */
export type Opened = { profile: number, summary: Summary, goroutines: GoroutineSummary | null, 
/**
 * The other profiles the same file held (a speedscope file's), each opened as well.
 */
more: Array<OpenedSibling>, };

/**
 * One more profile of an opened file: its id, its name and its summary.
 */
export type OpenedSibling = { profile: number, name: string, summary: Summary, };

/**
 * A frame of a finding's code path, from the entry point down.
 */
export type PathFrame = { function: string, file: string, line: number, inline?: boolean, };

export type ProfileRequest = { profile: number, };

/**
 * A profile, a sample type and a granularity: what most views ask about.
 */
export type Query = { profile: number, sampleIndex: number, granularity: Granularity, };

export type Report = { program: string, files: Array<FileInfo>, findings: Array<Finding>, 
/**
 * What more to take when the files cannot show growth, and the files Proflens could
 * not tell are of the program.
 */
advice: Array<string>, };

export type SampleType = { type: string, unit: string, };

/**
 * One function's sandwich: its trees and pprof -peek's tables (edges heaviest first);
 * without `found`, only the unit and the percent base.
 */
export type SandwichResult = { unit: string, 
/**
 * The percent base.
 */
total: number, found: boolean, flat?: number, cum?: number, 
/**
 * The function at depth 0, its callers above it (drawn inverted).
 */
callers?: FlameResult, 
/**
 * The function at depth 0, its callees below it.
 */
callees?: FlameResult, callerNames?: string[], callerWeights?: Float64Array, 
/**
 * 1 for an inlined call
 */
callerInline?: Uint8Array, calleeNames?: string[], calleeWeights?: Float64Array, calleeInline?: Uint8Array, };

export type Severity = "low" | "medium" | "high";

/**
 * The goroutine that called a wrapper creator such as `sync.(*WaitGroup).Go`.
 */
export type StartedBy = { goroutine: number, state: string, frames: Array<GoroutineFrame>, };

export type State = "gone" | "smaller" | "still_there" | "new";

export type StateCount = { state: string, normalized: string, count: number, };

/**
 * What became of a finding after the fix; `before` and `after` are the number it is
 * compared by (see `number`) on each side, when it has one.
 */
export type Status = { state: State, before?: number, after?: number, unit?: string, };

export type Summary = { name: string, kind: string, sampleTypes: Array<SampleType>, defaultIndex: number, periodType: SampleType | null, period: number, timeNanos: number, durationNanos: number, sampleCount: number, locationCount: number, functionCount: number, mappingCount: number, comments: Array<string>, dropFrames: string, keepFrames: string, 
/**
 * Per sample type: whether some value is negative (a delta profile or a diff).
 */
negative: Array<boolean>, 
/**
 * The main binary (first mapping's file), to tell snapshots of one program.
 */
binary: string, 
/**
 * For a diff made in this session: the ids of its target and base.
 */
diffOf: [number, number] | null, 
/**
 * What the file was: `profile.proto`, `heap text (debug=1)`, `goroutine dump (debug=2)`, …
 */
format: string, 
/**
 * The engine's answer to "which profiles can this one be diffed with": those with the
 * same key (the same sample types and units and period type, as pprof's merge
 * requires); null for a diff, which is never a side of another (see `comparable`).
 */
comparableAs: string | null, 
/**
 * The `runtime.MemStats` block of a heap text profile.
 */
memstats: Array<MemStat> | null, };

export type SvgResult = { svg: string, };

/**
 * The format of a table written for a file.
 */
export type TableFormat = "csv" | "md";

/**
 * A table on screen: its header and rows of cells, as shown.
 */
export type TableTextRequest = { format: TableFormat, header: Array<string>, rows: Array<Array<string>>, };

export type TextResult = { text: string, };

/**
 * pprof's -top table, rows in -top order (|flat| desc, then name).
 */
export type TopResult = { unit: string, 
/**
 * The percent base: the total, or a filtered view's source's total.
 */
total: number, rows: number, names: string[], 
/**
 * 0 none, 1 "(inline)", 2 "(partial-inline)"
 */
inline: Uint8Array, flat: Float64Array, cum: Float64Array, 
/**
 * False when some value is beyond 2^53 and is rounded in JS.
 */
exact: boolean, };

/**
 * One transform, as the page sends it: `{"op": "focus", "value": "main\\.handle"}`; the
 * value is a regex, or for the tag filters `[key=]values` or a numeric range (`1kb:10kb`).
 */
export type Transform = { op: TransformOp, value: string, };

/**
 * A transform's kind: one of pprof's filter flags, by its name.
 */
export type TransformOp = "focus" | "ignore" | "hide" | "show" | "show_from" | "prune_from" | "tagfocus" | "tagignore";

export type TrendRequest = { profiles: Array<number>, sampleType: string, granularity: Granularity, };

/**
 * A trend over snapshots; rows sorted by leak score.
 */
export type TrendResult = { unit: string, 
/**
 * Profile ids in time order.
 */
order: Uint32Array, times: Float64Array, totals: Float64Array, 
/**
 * runtime.MemStats series in time order, when every snapshot has them.
 */
memstats: Record<string, Float64Array>, rows: number, names: string[], 
/**
 * Rows × snapshots, row-major, in time order.
 */
values: Float64Array, delta: Float64Array, 
/**
 * NaN when all snapshots have the same time.
 */
perMinute: Float64Array, tau: Float64Array, score: Float64Array, 
/**
 * NaN when not a heap profile.
 */
retention: Float64Array, };

export type Unloaded = { profile: number, };

export type ValueResult = { value: number, };

/** Every request the engine answers, by its `type`. */
export interface EngineRequests {
  // What the page shows of a file it opened (the worker asks this after a load).
  opened: { req: ProfileRequest; res: Opened };
  // The metadata panel's content.
  summary: { req: ProfileRequest; res: Summary };
  // Closes a profile (derived ones stay).
  unload: { req: ProfileRequest; res: Unloaded };
  // pprof's -top table.
  top: { req: Query; res: TopResult };
  // The flame graph, the whole of it or only `window`.
  flame: { req: FlameRequest; res: FlameResult };
  // More of a flame graph: the boxes a zoom shows; the same columns as its first result.
  flameWindow: { req: FlameWindowRequest; res: AnyFlameResult };
  // The widest box of a function, or null.
  flameFind: { req: FlameFindRequest; res: FlameBox | null };
  // The signed value a search covers.
  flameMatch: { req: FlameMatchRequest; res: ValueResult };
  // The flame graph as SVG, as shown.
  flameSvg: { req: FlameSvgRequest; res: SvgResult };
  // Folded stacks of the profile (or diff, or filtered view).
  folded: { req: FoldedRequest; res: TextResult };
  // A table on screen as CSV or Markdown, escaped by the engine's writers.
  tableText: { req: TableTextRequest; res: TextResult };
  // gzip'd profile.proto.
  exportProfile: { req: ExportRequest; res: BytesResult };
  // Whether two profiles can be diffed, and if not, why.
  comparable: { req: CompareRequest; res: Comparability };
  // Makes a diff (kept as a profile of its own: every view works on it).
  diff: { req: DiffRequest; res: MadeDiff };
  // Base, target and delta per function.
  diffTable: { req: Query; res: DiffTableResult };
  // A diff's flame graph: target widths, delta values, both sides per box.
  diffFlame: { req: FlameRequest; res: DiffFlameResult };
  // A trend over snapshots.
  trend: { req: TrendRequest; res: TrendResult };
  // Applies a transform stack (pprof's filters, in order); the result is a profile of
  // its own whose percentages stay of the source's total.
  filter: { req: FilterRequest; res: Made };
  // A function's callers and callees trees and its pprof -peek tables.
  sandwich: { req: NameRequest; res: SandwichResult };
  // Children of call tree nodes (-1: the outermost frames).
  callTreeChildren: { req: CallTreeRequest; res: CallTreeChildren };
  // The heaviest path below `from` (-1: from the top), with the children of `from` and
  // of each node on it.
  callTreeHeaviest: { req: HeaviestRequest; res: HeaviestResult };
  // The label panel: each label key's values and amounts (pprof's -tags).
  labels: { req: LabelsRequest; res: LabelsResult };
  // The lines panel: one function's rows at lines granularity.
  functionLines: { req: FunctionLinesRequest; res: FunctionLinesResult };
  // The goroutine group table; with a base, rows follow the diff (gone groups last).
  goroutineGroups: { req: GoroutineGroupsRequest; res: GoroutineGroups };
  // One group in full.
  goroutineGroup: { req: GoroutineGroupRequest; res: GoroutineGroupDetail };
  // Goroutines per wait-time bucket.
  goroutineWaits: { req: GoroutineWaitsRequest; res: GoroutineWaits };
  // All goroutines split first by state: `stateOf[node]` indexes `states`.
  goroutineFlame: { req: GoroutineFlameRequest; res: GoroutineFlameResult };
  // The Findings tab: `proflens report`'s analysis of open profiles, its JSON's type.
  findings: { req: FindingsRequest; res: Report };
  // The findings as Markdown, with the Export menu's redaction.
  findingsMarkdown: { req: FindingsRequest; res: TextResult };
}

/** The transforms (pprof's filters), in the order the page offers them: `op` is also
 *  pprof's flag, `pprofRank` the order pprof applies them in whatever the command
 *  line's order, `joinable` when two of them are one flag `a|b`. */
export const TRANSFORMS = [
  { op: 'focus', pprofRank: 0, joinable: false },
  { op: 'ignore', pprofRank: 1, joinable: true },
  { op: 'hide', pprofRank: 2, joinable: true },
  { op: 'show', pprofRank: 3, joinable: false },
  { op: 'show_from', pprofRank: 4, joinable: false },
  { op: 'prune_from', pprofRank: 7, joinable: false },
  { op: 'tagfocus', pprofRank: 5, joinable: false },
  { op: 'tagignore', pprofRank: 6, joinable: false },
] as const;
