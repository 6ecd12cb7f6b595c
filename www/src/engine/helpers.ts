// The threaded engine's helper threads. wasm has no threads of its own: each
// helper is a Web Worker that instantiates the engine's module on the engine's
// shared memory and then runs the Rust helper loop, which never returns (it
// blocks on the memory, waiting for parts of parallel work; see src/par/).
// Only the engine worker starts them, and only where the page is cross-origin
// isolated, which shared memory requires.

/** Threads worth starting: the cores the browser reports, less the engine's own, at most 7. */
export function helperCount(): number {
  const cores = navigator.hardwareConcurrency || 1;
  return Math.max(0, Math.min(cores, 8) - 1);
}

/**
 * Starts `count` helpers on the engine's module and memory. They start on
 * their own time; until one is running, parallel work simply runs on the
 * engine's thread, so nothing waits for them.
 */
export function startHelpers(module: WebAssembly.Module, memory: WebAssembly.Memory, count: number): Worker[] {
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const w = new Worker(new URL('./helper.ts', import.meta.url), { type: 'module', name: `proflens-helper-${i + 1}` });
      w.postMessage({ module, memory });
      workers.push(w);
    }
  } catch {
    // a browser without workers in workers: the engine runs on its own thread alone
  }
  return workers;
}
