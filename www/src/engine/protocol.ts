// The one declaration of every message between the page and the engine worker.
// Requests carry an `id`; the worker answers each with exactly one `result` or
// `error` message carrying the same id, after any number of `progress` messages.
// Bulk data (file bytes in, typed arrays out) travels as transferred buffers.

export type Granularity = 'functions' | 'filefunctions' | 'files' | 'lines';
export const GRANULARITIES: Granularity[] = ['functions', 'filefunctions', 'files', 'lines'];

export interface ValueType {
  type: string;
  unit: string;
}

/** What `Session.summary(id)` returns: the metadata panel's content. */
export interface Summary {
  name: string;
  kind: string;
  sample_types: ValueType[];
  default_index: number;
  period_type: ValueType | null;
  period: number;
  time_nanos: number;
  duration_nanos: number;
  sample_count: number;
  location_count: number;
  function_count: number;
  mapping_count: number;
  comments: string[];
  drop_frames: string;
  keep_frames: string;
  /** per sample type: some value is negative (a delta profile such as heap?seconds=30, or a diff) */
  negative: boolean[];
  /** the main binary (first mapping's file), to tell snapshots of one program */
  binary: string;
  /** for a diff made in this session: [target id, base id] */
  diff_of: [number, number] | null;
  /** what the file was: "profile.proto", "heap text (debug=1)", ... */
  format: string;
  /** the runtime.MemStats block of a heap text profile (?debug=1), in its order */
  memstats: MemStat[] | null;
}

/** One runtime.MemStats field. unit: bytes, count, nanoseconds, unix_nanoseconds, fraction or "" */
export interface MemStat {
  name: string;
  unit: string;
  /** a number, DebugGC's bool, the 256-entry pause rings (PauseNs, PauseEnd), or text */
  value: number | boolean | number[] | string;
}

export type DiffMode = 'base' | 'diff_base';

/** One transform of the stack: a pprof filter flag and its value (a regex, or for the tag
 *  filters `[key=]values` / a numeric range such as `1kb:10kb`). */
export interface Transform {
  op: 'focus' | 'ignore' | 'hide' | 'show' | 'show_from' | 'prune_from' | 'tagfocus' | 'tagignore';
  value: string;
}

/** Base, target and delta per function. flat/cum are the delta (pprof's numbers). */
export interface DiffTableResult {
  unit: string;
  /** pprof's percent base for the mode: sum |delta| (base) or the base total (diff_base) */
  total: number;
  baseTotal: number;
  targetTotal: number;
  rows: number;
  names: string[];
  inline: Uint8Array;
  baseFlat: Float64Array;
  baseCum: Float64Array;
  targetFlat: Float64Array;
  targetCum: Float64Array;
  flat: Float64Array;
  cum: Float64Array;
  /** the target's inuse/alloc for the site (heap profiles); NaN where unknown */
  retention: Float64Array;
}

/** A differential flame graph: widths of the target, `value`/`self` = target - base. */
export interface DiffFlameResult extends FlameResult {
  /** per box: the base's and the target's subtree value */
  base: Float64Array;
  target: Float64Array;
  /** subtrees the target no longer has (largest first, at most 200), as "a ▸ b ▸ c" */
  vanishedPaths: string[];
  vanishedBase: Float64Array;
  vanishedCount: number;
}

/** A trend over snapshots; rows sorted by leak score. */
export interface TrendResult {
  unit: string;
  /** profile ids in time order */
  order: Uint32Array;
  times: Float64Array;
  totals: Float64Array;
  rows: number;
  names: string[];
  /** rows x snapshots, row-major, in time order */
  values: Float64Array;
  delta: Float64Array;
  /** NaN when all snapshots have the same time */
  perMinute: Float64Array;
  tau: Float64Array;
  score: Float64Array;
  /** NaN when not a heap profile */
  retention: Float64Array;
  /** runtime.MemStats series in time order (HeapInuse, HeapObjects, NumGC), when every snapshot has them */
  memstats: Record<string, Float64Array>;
}

/** pprof's -top table, rows in -top order (|flat| desc, then name). */
export interface TopResult {
  unit: string;
  total: number;
  rows: number;
  names: string[];
  /** 0 none, 1 "(inline)", 2 "(partial-inline)" */
  inline: Uint8Array;
  flat: Float64Array;
  cum: Float64Array;
  /** false when some value is beyond 2^53 and was rounded */
  exact: boolean;
}

/** The flame graph's call tree: nodes in depth-first order, parents first. */
export interface FlameResult {
  unit: string;
  total: number;
  /** the names (and files) of the functions this window shows; `key` indexes them */
  names: string[];
  files: string[];
  key: Uint32Array;
  parent: Int32Array;
  depth: Uint32Array;
  /** x offset in value units (from 0) */
  start: Float64Array;
  /** box width in value units (|value|-based, so diffs lay out); absent = value */
  width?: Float64Array;
  /** signed total of the node */
  value: Float64Array;
  self: Float64Array;
  inline: Uint8Array;
  /** each box's call-tree node: its identity across windows */
  node: Uint32Array;
  /** the window laid out (value units): boxes overlapping [lo, hi) at least minWidth wide */
  lo: number;
  hi: number;
  minWidth: number;
}

/** Which flame graph: a profile's own, a diff's (`diff` made it), a goroutine dump's by state. */
export interface FlameSource {
  kind: 'plain' | 'diff' | 'goroutine';
  profile: number;
  sampleIndex: number;
  granularity: Granularity;
}

/** What to lay out, in value units: boxes overlapping [lo, hi) (hi = Infinity: the
 *  total) and at least `minFraction` × (hi − lo) wide. Narrower subtrees are skipped. */
export interface FlameWindow {
  lo: number;
  hi: number;
  minFraction: number;
}

/** One box of a flame graph, by its node id and extent in value units. */
export interface FlameBox {
  node: number;
  start: number;
  width: number;
}

/** A goroutine dump's overview (see src/wasm/goroutines.rs); null for other profiles. */
export interface GoroutineSummary {
  form: string;
  total: number;
  groups: number;
  truncated: boolean;
  leak_profile: boolean;
  has_states: boolean;
  /** goroutines per verbatim state, most first */
  states: { state: string; normalized: string; count: number }[];
}

/** The group table as columns; with a base, rows follow the diff (gone groups last). */
export interface GoroutineGroups {
  rows: number;
  hasBase: boolean;
  state: string[];
  normalized: string[];
  /** innermost function, and the creator's function ('' when none) */
  top: string[];
  creator: string[];
  count: Float64Array;
  /** NaN without a base */
  baseCount: Float64Array;
  /** minutes; NaN when no goroutine of the group prints a wait */
  waitMin: Float64Array;
  waitMedian: Float64Array;
  waitMax: Float64Array;
  /** goroutines that print a wait */
  waiting: Float64Array;
  leaked: Float64Array;
  depth: Float64Array;
  likelyLeak: Uint8Array;
}

export interface GoroutineFrame {
  function: string;
  file: string;
  line: number;
  inlined: boolean;
}

/** One group in full, for an expanded row. */
export interface GoroutineGroupDetail {
  state: string;
  count: number;
  frames: GoroutineFrame[];
  created_by: GoroutineFrame | null;
  creators: [GoroutineFrame, number][];
  /** the goroutine that called a wrapper creator such as sync.(*WaitGroup).Go */
  started_by: { goroutine: number; state: string; frames: GoroutineFrame[] } | null;
  labels: { key: string; value: string; count: number }[];
  ids: number[];
  id_count: number;
  /** the group is gone: it comes from the base dump */
  from_base: boolean;
}

/** One function's sandwich (see src/wasm/navigate.rs); without `found` only unit and total. */
export interface SandwichResult {
  unit: string;
  /** the percent base */
  total: number;
  found: boolean;
  flat?: number;
  cum?: number;
  /** the function at depth 0, its callers above it (drawn inverted) */
  callers?: FlameResult;
  /** the function at depth 0, its callees below it */
  callees?: FlameResult;
  /** pprof -peek's tables: edge weights, heaviest first; inline 1 = an inlined call */
  callerNames?: string[];
  callerWeights?: Float64Array;
  callerInline?: Uint8Array;
  calleeNames?: string[];
  calleeWeights?: Float64Array;
  calleeInline?: Uint8Array;
}

/** Children of call tree nodes: node i's are entries start[i]..start[i+1], heaviest first. */
export interface CallTreeChildren {
  unit: string;
  /** the percent base */
  total: number;
  start: Uint32Array;
  /** call tree node ids, to expand further */
  node: Uint32Array;
  names: string[];
  self: Float64Array;
  totals: Float64Array;
  inline: Uint8Array;
  /** 1 when the node has children */
  more: Uint8Array;
}

/** One label value of the label panel; `filter` is the tagfocus/tagignore value that
 *  selects exactly its samples (null when pprof could not express it). */
export interface LabelValue {
  name: string;
  value: number;
  filter: string | null;
}

/** pprof's `-tags` for one sample type, plus the filters and numeric histograms. */
export interface LabelsResult {
  unit: string;
  keys: {
    key: string;
    /** a numeric key's unit; null for a string key */
    unit: string | null;
    total: number;
    values: LabelValue[];
    /** numeric keys: power-of-two classes, smallest first (`label` is `low–high`) */
    buckets: (LabelValue & { low: number; high: number; label: string })[] | null;
  }[];
}

/** One function's rows of `-top -lines`, in file then line order. */
export interface FunctionLinesResult {
  /** the function, resolved from a row of any granularity */
  function: string;
  unit: string;
  total: number;
  rows: number;
  names: string[];
  files: string[];
  lines: Float64Array;
  flat: Float64Array;
  cum: Float64Array;
}

export interface Requests {
  load: {
    /** a Blob (a file) is read by the worker */
    req: { name: string; bytes: ArrayBuffer | Blob };
    res: { profile: number; summary: Summary; goroutines?: GoroutineSummary | null };
  };
  goroutineGroups: { req: { profile: number; base: number }; res: GoroutineGroups };
  goroutineGroup: { req: { profile: number; row: number; base: number }; res: GoroutineGroupDetail };
  goroutineWaits: { req: { profile: number; state: string }; res: { labels: string[]; counts: Float64Array } };
  /** all goroutines split first by state: `stateOf[node]` indexes `states` */
  goroutineFlame: { req: { profile: number; window?: FlameWindow }; res: FlameResult & { states: string[]; stateOf: Uint16Array } };
  top: { req: { profile: number; sampleIndex: number; granularity: Granularity }; res: TopResult };
  /** the flame graph, the whole of it or only `window` (see FlameWindow) */
  flame: { req: { profile: number; sampleIndex: number; granularity: Granularity; window?: FlameWindow }; res: FlameResult };
  /** more of a flame graph: the boxes a zoom shows; the same columns as its first result */
  flameWindow: { req: { source: FlameSource; window: FlameWindow }; res: FlameResult };
  flameFind: { req: { source: FlameSource; name: string }; res: FlameBox | null };
  flameMatch: { req: { source: FlameSource; needle: string }; res: { value: number } };
  unload: { req: { profile: number }; res: { profile: number } };
  /** the flame graph as shown (zoom root = the zoomed box's node id, or -1; search regex or '') */
  flameSvg: {
    req: { profile: number; sampleIndex: number; granularity: Granularity; search: string; root: number };
    res: { svg: string };
  };
  /** folded stacks of the profile (or diff, or filtered view) */
  folded: { req: { profile: number; granularity: Granularity }; res: { text: string } };
  /** a table on screen as CSV or Markdown, escaped by the engine's writers (report::escape) */
  tableText: { req: { format: 'csv' | 'md'; header: string[]; rows: string[][] }; res: { text: string } };
  /** gzip'd profile.proto; redaction '' | 'hash' | 'trim:PREFIX' */
  exportProfile: { req: { profile: number; redaction: string }; res: { bytes: Uint8Array } };
  /** makes a diff (kept as a profile of its own: top/flame work on it) */
  diff: {
    req: { target: number; base: number; mode: DiffMode; normalize: boolean };
    res: { profile: number; summary: Summary };
  };
  diffTable: { req: { profile: number; sampleIndex: number; granularity: Granularity }; res: DiffTableResult };
  diffFlame: { req: { profile: number; sampleIndex: number; granularity: Granularity; window?: FlameWindow }; res: DiffFlameResult };
  trend: { req: { profiles: number[]; sampleType: string; granularity: Granularity }; res: TrendResult };
  /** applies a transform stack (pprof's filters, in order) to a profile; the result is a
   *  profile of its own whose percentages stay of the source's total */
  filter: { req: { profile: number; transforms: Transform[] }; res: { profile: number; summary: Summary } };
  /** a function's callers and callees trees and its pprof -peek tables */
  sandwich: { req: { profile: number; sampleIndex: number; granularity: Granularity; name: string }; res: SandwichResult };
  /** children of call tree nodes (-1: the outermost frames) */
  callTreeChildren: { req: { profile: number; sampleIndex: number; granularity: Granularity; nodes: number[] }; res: CallTreeChildren };
  /** the heaviest path below `from` (-1: from the top), with the children of `from` and of each node on it */
  callTreeHeaviest: {
    req: { profile: number; sampleIndex: number; granularity: Granularity; from: number };
    res: CallTreeChildren & { path: Uint32Array };
  };
  /** the label panel: each label key's values and amounts (pprof's -tags) */
  labels: { req: { profile: number; sampleIndex: number }; res: LabelsResult };
  /** the lines panel: one function's rows at lines granularity */
  functionLines: { req: { profile: number; sampleIndex: number; function: string }; res: FunctionLinesResult };
  /** how many threads a decode may use (0: as many as pay); for tests of the parallel paths */
  configure: { req: { threads: number }; res: { threads: number } };
  /** memory figures for the benchmark: wasm linear memory and the worker's JS heap if known */
  stats: { req: Record<string, never>; res: { wasmBytes: number; workerHeapBytes: number; threads: number } };
}

export type RequestType = keyof Requests;

/** page -> worker */
export type ToWorker = {
  [K in RequestType]: { id: number; type: K } & Requests[K]['req'];
}[RequestType];

/** worker -> page */
export type FromWorker =
  | {
      kind: 'ready';
      loadMs: number;
      threads: number;
      /** why a cross-origin isolated page still runs one thread (absent where it is not isolated) */
      oneThread?: string;
    }
  | { kind: 'fatal'; message: string }
  | { kind: 'progress'; id: number; stage: string; fraction: number }
  | { kind: 'result'; id: number; result: unknown; /** time spent in the engine */ ms: number }
  | { kind: 'error'; id: number; message: string };

/** The buffers in a result that the worker hands over instead of copying. */
export function transferables(result: unknown): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  if (result && typeof result === 'object') {
    for (const v of Object.values(result as Record<string, unknown>)) {
      if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer && !out.includes(v.buffer)) out.push(v.buffer);
    }
  }
  return out;
}
