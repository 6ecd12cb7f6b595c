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
}

export interface Requests {
  load: { req: { name: string; bytes: ArrayBuffer }; res: { profile: number; summary: Summary } };
  top: { req: { profile: number; sampleIndex: number; granularity: Granularity }; res: TopResult };
  flame: { req: { profile: number; sampleIndex: number; granularity: Granularity }; res: FlameResult };
  unload: { req: { profile: number }; res: { profile: number } };
  /** memory figures for the benchmark: wasm linear memory and the worker's JS heap if known */
  stats: { req: Record<string, never>; res: { wasmBytes: number; workerHeapBytes: number } };
}

export type RequestType = keyof Requests;

/** page -> worker */
export type ToWorker = {
  [K in RequestType]: { id: number; type: K } & Requests[K]['req'];
}[RequestType];

/** worker -> page */
export type FromWorker =
  | { kind: 'ready'; loadMs: number }
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
