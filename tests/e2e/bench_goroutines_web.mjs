#!/usr/bin/env node
// Times a big goroutine dump in headless Chromium: file chosen -> engine read and
// grouped (engine time of `load`, which parses, groups and builds the profile) -> the
// Goroutines view's first rows on screen. Uses the dumps `cargo bench --bench goroutines`
// writes into bench-data/ (run it first).
// --smoke: the corpus's debug=2 dump once, to check that the benchmark still works.
// Usage: node tests/e2e/bench_goroutines_web.mjs [100k 64M] [--runs N] [--smoke]
import { join } from 'node:path';
import { ROOT, need, openFiles, openSite } from './lib.mjs';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke') && args.splice(args.indexOf('--smoke'), 1).length > 0;
const runsAt = args.indexOf('--runs');
const runs = smoke ? 1 : runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3;
const sizes = smoke ? ['smoke'] : args.length ? args : ['100k', '64M'];
/** The dump of a size: the corpus's small one for the smoke run, else a generated one. */
const dumpFile = (size) =>
  size === 'smoke'
    ? need(join(ROOT, '../shared/corpus/go/goroutine_debug2.txt'), 'the corpus is expected at ../shared/corpus')
    : need(join(process.env.PROFLENS_BENCH_DATA ?? join(ROOT, 'bench-data'), `goroutines-${size}.txt`), 'run `cargo bench --bench goroutines` first');

for (const size of sizes) {
  const file = dumpFile(size);
  const results = [];
  for (let r = 0; r < runs; r++) {
    const site = await openSite();
    try {
      const { page } = site;
      await openFiles(page, [file]);
      await page.waitForFunction(() => window.__proflens.goroutineRows(1).length > 0, null, { timeout: 120_000 });
      const t = await page.evaluate(() => ({
        engine: window.__proflens.engineTimings(),
        marks: window.__proflens.marks,
        now: performance.now(),
        stats: window.__proflens.stats(),
      }));
      const stats = await page.evaluate(() => window.__proflens.stats());
      results.push({ load: t.engine.load, groups: t.engine.goroutineGroups, toRows: t.now - t.marks.open, wasmMB: stats.wasmBytes / 1e6 });
    } finally {
      await site.close();
    }
  }
  results.sort((a, b) => a.load - b.load);
  const best = results[0];
  console.log(
    `${size}: engine load (parse+group+profile) ${best.load.toFixed(0)} ms, groups ${best.groups?.toFixed(0)} ms, ` +
      `drop -> rows on screen ${best.toRows.toFixed(0)} ms, wasm memory ${best.wasmMB.toFixed(0)} MB (best of ${runs})`,
  );
}
