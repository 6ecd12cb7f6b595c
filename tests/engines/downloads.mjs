// Downloads that land in a folder (Firefox, WebKit): the browser saves the
// file itself, so the adapter waits for a new, complete file there.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Files a browser writes while it is still downloading. */
const PARTIAL = /\.(part|download|crdownload)$|^\.|\.wkdownload/;

/** Runs `start()` and resolves to the first new complete file in `dir`. */
export async function downloadInto(dir, start, timeout = 60_000) {
  const before = new Set(readdirSync(dir));
  await start();
  const end = Date.now() + timeout;
  for (;;) {
    const fresh = readdirSync(dir).filter((f) => !before.has(f));
    const done = fresh.find((f) => !PARTIAL.test(f));
    // complete: no partial file beside it and a size that stays put
    if (done && !fresh.some((f) => PARTIAL.test(f))) {
      const size = statSync(join(dir, done)).size;
      await new Promise((r) => setTimeout(r, 100));
      if (statSync(join(dir, done)).size === size) return { name: done, bytes: readFileSync(join(dir, done)) };
    }
    if (Date.now() > end) throw new Error(`no download arrived in ${dir} (saw ${fresh.join(', ') || 'nothing'})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
