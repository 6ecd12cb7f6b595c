// The engine worker: owns the wasm instance and its Session. It starts loading
// the wasm as soon as the page creates it, so opening a profile later makes no
// network request. Where the page is cross-origin isolated (shared memory is
// allowed), it runs the threaded build with helper threads; elsewhere the
// single-threaded one. Both give the same results (a test compares them).
import type * as Engine from '../../pkg/proflens.js';
import plainWasmUrl from '../../pkg/proflens_bg.wasm?url';
import threadsWasmUrl from '../../pkg-threads/proflens_bg.wasm?url';
import exampleBase64 from 'virtual:example-profile';
import { helperCount, startHelpers } from './helpers';
import { transferables, type FromWorker, type Opened, type ToWorker, type WorkerRequests } from './protocol';

const post = (msg: FromWorker, transfer: Transferable[] = []) => {
  try {
    (self as unknown as Worker).postMessage(msg, transfer);
  } catch {
    // A buffer that cannot be detached (e.g. a view on wasm memory): copy instead.
    (self as unknown as Worker).postMessage(msg);
  }
};

let Session: typeof Engine.Session;
let session: Engine.Session | null = null;
let memory: WebAssembly.Memory | null = null;
/** Helper threads started (the threaded build only). */
let helpers = 0;
const queue: ToWorker[] = [];
const t0 = performance.now();

/** Shared memory needs a cross-origin isolated page (COOP and COEP headers). */
const canThread = () => self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function' && helperCount() > 0;

/**
 * Why an isolated page runs one thread, for the status line. A page that is not
 * isolated (a first visit to a host that sends no headers) needs no reason, nor
 * does a one-core machine. WebKitGTK (2.50) isolates the page but exposes no
 * SharedArrayBuffer (WebKit bug 317847); Safari does.
 */
function oneThreadReason(): string | undefined {
  if (self.crossOriginIsolated !== true || helperCount() === 0) return undefined;
  if (typeof SharedArrayBuffer !== 'function') return 'this browser shares no memory between threads (no SharedArrayBuffer)';
  if (helpers === 0) return 'this browser starts no workers from a worker';
  return undefined;
}

/**
 * Waits (at most a few seconds) for the threaded build's helpers to run, so that the
 * warm-up below runs the parallel paths on them too. Nothing else waits for them.
 */
async function helpersUp(): Promise<void> {
  const want = 1 + helpers;
  for (let waited = 0; Session.threads() < want && waited < 3000; waited += 20) {
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Loads one of the two builds; the threaded one also starts its helpers. */
async function loadEngine(): Promise<void> {
  const url = (u: string) => new URL(u, self.location.href);
  if (canThread()) {
    const pkg = await import('../../pkg-threads/proflens.js');
    const module = await WebAssembly.compileStreaming(fetch(url(threadsWasmUrl)));
    const wasm = await pkg.default({ module_or_path: module });
    memory = wasm.memory;
    helpers = startHelpers(module, wasm.memory, helperCount()).length;
    Session = pkg.Session as unknown as typeof Engine.Session;
  } else {
    const pkg = await import('../../pkg/proflens.js');
    const wasm = await pkg.default({ module_or_path: url(plainWasmUrl) });
    memory = wasm.memory;
    Session = pkg.Session;
  }
}

loadEngine()
  .then(helpersUp)
  .then(() => {
    warmUp();
    session = new Session();
    post({ kind: 'ready', loadMs: performance.now() - t0, threads: Session.threads(), oneThread: oneThreadReason() });
    drain();
    warmComparisonsWhileIdle();
  })
  .catch((e: unknown) => post({ kind: 'fatal', message: `The analysis engine failed to load: ${errText(e)}` }));

/**
 * Warms the engine up before any file arrives. The browser first runs wasm with
 * its baseline compiler and switches a function to optimized code only after it
 * has run a while, and only for its later calls; a cold first open is about twice
 * as slow, and the optimizing compiles then take a core from it. So the worker
 * opens profiles the way a user's file is opened, through the same Session
 * methods (most of the work is inlined into them): a synthetic Go heap profile
 * (made in Rust) gzip'd and not, with its work split in two and not, and the
 * bundled example; each with its summary, both top tables, the first flame window
 * and the label panel. This costs about 0.2-0.4 s in the worker, at page load.
 * Less is worse for a file opened as soon as the page is ready: three rounds
 * without the example's second pass made the engine ready 70 ms sooner, and left
 * S's first table at 85 ms instead of 67 (10 interleaved pairs, December 2026).
 */
function warmUp() {
  try {
    const example = Uint8Array.from(atob(exampleBase64), (c) => c.charCodeAt(0));
    const gz = Session.syntheticProfile(8000, true);
    const raw = Session.syntheticProfile(8000, false);
    const w = new Session();
    for (let round = 0; round < 4; round++) {
      w.setThreads(round % 2 ? 0 : 2);
      for (const bytes of [gz, raw, example, example]) open(w, bytes);
    }
    w.free();
  } catch {
    // a failed warm-up only costs speed
  }
}

/** What the page asks for when it opens one file (see views/topview.ts). */
function open(w: Engine.Session, bytes: Uint8Array) {
  const id = w.load('warm-up', bytes, () => {}); // copied into the engine's memory
  const ask = (req: Record<string, unknown>) => w.request(req);
  const { summary } = ask({ type: 'opened', profile: id }) as Opened;
  const q = { profile: id, sampleIndex: summary.defaultIndex };
  ask({ type: 'top', ...q, granularity: 'functions' });
  ask({ type: 'top', ...q, granularity: 'lines' });
  // a 1,200 px view's first window
  ask({ type: 'flame', ...q, granularity: 'functions', window: { lo: 0, hi: Infinity, minFraction: 0.0004 } });
  ask({ type: 'labels', ...q });
  w.unload(id);
}

/** Set by the first request from the page (but `stats`): the background warm-up then stops. */
let asked = false;

/** How long the engine waits, idle after `ready`, before it warms the comparisons up. */
const WARM_AFTER_IDLE_MS = 200;

/**
 * Warms the comparisons up (see warmUp) once the engine has been idle a moment after
 * `ready`, one request at a time, each its own task of at most a few tens of
 * milliseconds, while the page asks for nothing. A file opened as soon as the page is
 * ready does not wait for it at all, one opened later waits for one step at most, and
 * the warm-up stops there. A pair chosen in a file dialog comes long after it is over
 * (about 0.35 s after `ready`). Then the page hears `warm`, and how it ended.
 */
function warmComparisonsWhileIdle() {
  const steps = comparisonSteps();
  const next = () => {
    let ended: 'finished' | 'stopped' | 'failed' = 'stopped';
    try {
      if (!asked && !steps.next().done) return void setTimeout(next, 0);
      if (!asked) ended = 'finished';
    } catch {
      ended = 'failed'; // it only costs speed
    }
    steps.return(undefined);
    post({ kind: 'warm', ended });
  };
  setTimeout(next, WARM_AFTER_IDLE_MS);
}

/**
 * What the page asks for when it compares two files, a request a step: both loaded at
 * once; the Diff view's diff, table and flame window; a flame window of a diff without
 * its table, as the Trend view asks; the trend.
 */
function* comparisonSteps(): Generator<void, void, undefined> {
  const w = new Session();
  try {
    const base = Session.syntheticProfile(8000, true);
    yield;
    const target = Session.syntheticProfile(9000, true); // the same and 1,000 samples more
    yield;
    const ask = (req: Record<string, unknown>) => w.request(req);
    const ids = w.loadTwo('warm-up base', base, 'warm-up target', target, () => {}) as number[];
    const [b, t] = ids.map((profile) => (ask({ type: 'opened', profile }) as Opened).summary);
    yield;
    const window = { lo: 0, hi: Infinity, minFraction: 0.0004 };
    for (const mode of ['base', 'diff_base']) {
      const made = ask({ type: 'diff', target: ids[1], base: ids[0], mode, normalize: false }) as { profile: number };
      const q = { profile: made.profile, sampleIndex: t.defaultIndex, granularity: 'functions' };
      yield;
      if (mode === 'base') {
        ask({ type: 'diffTable', ...q });
        yield;
      }
      ask({ type: 'diffFlame', ...q, window });
      w.unload(made.profile);
      yield;
    }
    ask({ type: 'trend', profiles: ids, sampleType: b.sampleTypes[b.defaultIndex].type, granularity: 'functions' });
  } finally {
    w.free();
  }
}

function errText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The requests the worker answers itself; the engine answers every other one. */
const OWN: { [K in keyof WorkerRequests]: (m: Extract<ToWorker, { type: K }>) => WorkerRequests[K]['res'] } = {
  load(m) {
    if (m.bytes instanceof Blob) throw new Error('the file is read before it is loaded (handle)');
    const profile = session!.load(m.name, new Uint8Array(m.bytes), reporter(m.id));
    return session!.request({ type: 'opened', profile }) as Opened;
  },
  configure(m) {
    session!.setThreads(m.threads);
    return { threads: Session.threads() };
  },
  stats() {
    const pm = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return { wasmBytes: memory?.buffer.byteLength ?? 0, workerHeapBytes: pm?.usedJSHeapSize ?? 0, threads: Session.threads() };
  },
};

function run(m: ToWorker): unknown {
  const own = OWN[m.type as keyof WorkerRequests] as ((m: ToWorker) => unknown) | undefined;
  return own ? own(m) : session!.request(m);
}

/** Set after a wasm trap: the instance's state can no longer be trusted. */
let crashed = '';

type Load = Extract<ToWorker, { type: 'load' }>;

/**
 * The files being read, by load. The first loads waiting are read at once, as soon as
 * they arrive: a pair's two files together and while the engine still starts, a third
 * while the first two decode (each read of a 10 MB file takes 10-40 ms). Only that many,
 * so that a hundred files dropped at once are not all held in memory. Requests behind a
 * load wait in `queue`, in order.
 */
const reading = new Set<number>();
const READ_AHEAD = 4;

/** Reads a load's file; a file that cannot be read fails its load alone. */
function startReading(m: Load) {
  reading.add(m.id);
  void (m.bytes as Blob)
    .arrayBuffer()
    .then(
      (bytes) => void (m.bytes = bytes),
      (e: unknown) => {
        queue.splice(queue.indexOf(m), 1);
        post({ kind: 'error', id: m.id, message: `could not read the file: ${errText(e)}` });
      },
    )
    .finally(() => {
      reading.delete(m.id);
      drain();
    });
}

/** A progress callback for load `id`: at most ~100 messages per file. */
function reporter(id: number) {
  let last = -1;
  return (stage: string, fraction: number) => {
    const f = Math.floor(fraction * 100);
    if (f !== last || fraction >= 1) {
      last = f;
      post({ kind: 'progress', id, stage, fraction });
    }
  };
}

/** The loads at the head of the queue, at most two: those the engine decodes at once. */
function headLoads(): Load[] {
  const out: Load[] = [];
  for (const m of queue.slice(0, 2)) {
    if (m.type !== 'load') break;
    out.push(m);
  }
  return out;
}

/** Starts reading the files of the first loads waiting. */
function readAhead() {
  const ahead = queue.filter((m): m is Load => m.type === 'load').slice(0, READ_AHEAD);
  for (const m of ahead) if (m.bytes instanceof Blob && !reading.has(m.id)) startReading(m);
}

function drain() {
  readAhead();
  while (session && queue.length) {
    const loads = headLoads();
    if (loads.some((m) => m.bytes instanceof Blob)) return readAhead(); // drained again when read
    if (loads.length === 2 && !crashed) {
      queue.splice(0, 2);
      loadTwo(loads[0], loads[1]);
    } else handle(queue.shift()!);
  }
}

/** Two loads decoded at once (on two threads in the threaded build); each answered on its own. */
function loadTwo(a: Load, b: Load) {
  const bytes = (m: Load) => new Uint8Array(m.bytes as ArrayBuffer);
  const t = performance.now();
  try {
    const ids = session!.loadTwo(a.name, bytes(a), b.name, bytes(b), reporter(a.id)) as (number | string)[];
    const ms = (performance.now() - t) / 2; // the pair's time, shared
    for (const [m, r] of [a, b].map((m, i) => [m, ids[i]] as const)) {
      if (typeof r === 'string') post({ kind: 'error', id: m.id, message: r });
      else reply(m.id, session!.request({ type: 'opened', profile: r }), ms);
    }
  } catch (e) {
    for (const m of [a, b]) fail(m.id, e);
  }
}

/** A result, with the engine's time and its memory after the request (it never shrinks: the peak). */
function reply(id: number, result: unknown, ms: number) {
  post({ kind: 'result', id, result, ms, wasmBytes: memory?.buffer.byteLength ?? 0 }, transferables(result));
}

function fail(id: number, e: unknown) {
  if (e instanceof WebAssembly.RuntimeError) {
    crashed = `the analysis engine crashed (${e.message}); reload the page to continue`;
    post({ kind: 'error', id, message: crashed });
  } else post({ kind: 'error', id, message: errText(e) });
}

function handle(m: ToWorker) {
  if (crashed) return post({ kind: 'error', id: m.id, message: crashed });
  try {
    const t = performance.now();
    const result = run(m);
    reply(m.id, result, performance.now() - t);
  } catch (e) {
    fail(m.id, e);
  }
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  if (ev.data.type !== 'stats') asked = true; // the benchmark's and tests' own question waits for nothing
  queue.push(ev.data);
  drain();
};
