// One helper thread of the threaded engine (see helpers.ts): it joins the
// engine's shared memory and runs the Rust helper loop for as long as the page
// lives. If the loop ever traps (a bug), the engine is told, so that it stops
// waiting for this helper's part and reports the crash instead of hanging.
import { helperFailed, helperLoop, initSync } from '../../pkg-threads/proflens.js';

self.onmessage = (ev: MessageEvent<{ module: WebAssembly.Module; memory: WebAssembly.Memory }>) => {
  self.onmessage = null;
  initSync({ module: ev.data.module, memory: ev.data.memory });
  try {
    helperLoop();
  } catch (e) {
    helperFailed();
    throw e;
  }
};
