// The messages between the page and the engine worker. Every request the engine answers,
// and every result, is declared once in Rust (src/session/protocol/); generated.ts is
// generated from those declarations (tests/protocol_ts.rs fails when it is stale). This
// file adds only what is the worker's own: reading a file, threads and memory figures,
// and the envelope. Requests carry an `id`; the worker answers each with exactly one
// `result` or `error` message carrying the same id, after any number of `progress`
// messages. Bulk data (file bytes in, typed arrays out) travels as transferred buffers.
import type { EngineRequests, FlameResult, GoroutineSummary, Granularity, Opened, SampleType } from './generated';

export type * from './generated';
export type { GoroutineSummary };

export const GRANULARITIES: Granularity[] = ['functions', 'filefunctions', 'files', 'lines'];

/** A sample type or period type. */
export type ValueType = SampleType;
/** One label value of the label panel. */
export type LabelValue = import('./generated').LabelValue;
export type { FlameResult };

/** What the worker answers itself (the engine answers the rest, see EngineRequests). */
export interface WorkerRequests {
  load: {
    /** a Blob (a file) is read by the worker */
    req: { name: string; bytes: ArrayBuffer | Blob };
    res: Opened;
  };
  /** how many threads a decode may use (0: as many as pay); for tests of the parallel paths */
  configure: { req: { threads: number }; res: { threads: number } };
  /** memory figures for the benchmark: wasm linear memory and the worker's JS heap if known */
  stats: { req: Record<string, never>; res: { wasmBytes: number; workerHeapBytes: number; threads: number } };
}

export interface Requests extends EngineRequests, WorkerRequests {}

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
  /** the background warm-up after `ready` is over: finished, stopped by a request, or failed (a bug) */
  | { kind: 'warm'; ended: 'finished' | 'stopped' | 'failed' }
  | { kind: 'fatal'; message: string }
  | { kind: 'progress'; id: number; stage: string; fraction: number }
  | { kind: 'result'; id: number; result: unknown; /** time spent in the engine */ ms: number; /** wasm memory after it (the peak so far) */ wasmBytes: number }
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
