// The page's side of the worker protocol: typed request/response by id.
import type { FromWorker, RequestType, Requests, ToWorker } from './protocol';

type Pending = {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (stage: string, fraction: number) => void;
};

export class EngineClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  readonly ready: Promise<number>;
  /** the threads the engine runs on once it is ready (1: the single-threaded build) */
  threads = 1;
  /** why the engine runs on one thread although the page is isolated, to show the user */
  oneThread = '';
  /** how the engine's background warm-up after `ready` ended, once it has (see worker.ts) */
  warm: '' | Extract<FromWorker, { kind: 'warm' }>['ended'] = '';
  /** engine time of the last request of each type, in ms (for the benchmark) */
  readonly timings: Record<string, number> = {};
  private types = new Map<number, string>();
  /** The last requests: type, when sent and answered (performance.now()), engine ms, wasm memory after (for the benchmark). */
  readonly log: { type: string; sent: number; answered: number; ms: number; wasmBytes: number }[] = [];
  private sent = new Map<number, number>();
  /** The progress of the last load, as it arrived: stage, fraction, performance.now() (for the benchmark). */
  readonly progress: { stage: string; fraction: number; at: number }[] = [];

  constructor() {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    let ok!: (ms: number) => void;
    let fail!: (e: Error) => void;
    this.ready = new Promise((a, b) => ((ok = a), (fail = b)));
    this.ready.catch(() => {}); // reported by whoever awaits it
    this.worker.onmessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      if (m.kind === 'ready') {
        this.threads = m.threads;
        this.oneThread = m.oneThread ?? '';
        return ok(m.loadMs);
      }
      if (m.kind === 'warm') {
        this.warm = m.ended;
        return;
      }
      if (m.kind === 'fatal') {
        const err = new Error(m.message);
        fail(err);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.kind === 'progress') {
        if (this.progress.length < 1000) this.progress.push({ stage: m.stage, fraction: m.fraction, at: performance.now() });
        p.onProgress?.(m.stage, m.fraction);
      }
      else {
        this.pending.delete(m.id);
        if (m.kind === 'result') {
          const type = this.types.get(m.id) ?? '?';
          this.timings[type] = m.ms;
          this.log.push({ type, sent: this.sent.get(m.id) ?? 0, answered: performance.now(), ms: m.ms, wasmBytes: m.wasmBytes });
          if (this.log.length > 200) this.log.splice(0, 100);
          p.resolve(m.result);
        } else p.reject(new Error(m.message));
        this.types.delete(m.id);
        this.sent.delete(m.id);
      }
    };
    this.worker.onerror = (ev) => {
      ev.preventDefault();
      const err = new Error(`The analysis engine stopped: ${ev.message || 'worker error'}`);
      fail(err);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
  }

  request<K extends RequestType>(
    type: K,
    req: Requests[K]['req'],
    opts: { transfer?: Transferable[]; onProgress?: (stage: string, fraction: number) => void } = {},
  ): Promise<Requests[K]['res']> {
    const id = this.nextId++;
    const msg = { id, type, ...req } as ToWorker;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress: opts.onProgress });
      this.types.set(id, type);
      this.sent.set(id, performance.now());
      if (type === 'load') this.progress.length = 0;
      this.worker.postMessage(msg, opts.transfer ?? []);
    });
  }
}
