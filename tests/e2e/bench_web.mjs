#!/usr/bin/env node
// npm run bench:web — in headless Chromium, for the S, M and L profiles of
// ../shared/bench/gen_profile.py, time
//   file chosen -> first table rendered, and
//   file chosen -> first flame-graph frame drawn,
// and report peak memory: wasm linear memory, the page's JS heap, and the
// resident size of all Chromium processes. Each profile gets a fresh browser.
// The page is cross-origin isolated, so it runs the threaded engine; --single
// serves it without the headers, so it runs the single-threaded one.
// --smoke: one run on S, to check that the benchmark still works (scripts/test.sh).
// Usage: node tests/e2e/bench_web.mjs [S M L] [--runs N] [--single] [--smoke]
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { mb, median, profileFor, proflensOnce as once } from './benchlib.mjs';
import { DIST, need } from './lib.mjs';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke') && args.splice(args.indexOf('--smoke'), 1).length > 0;
const runsAt = args.indexOf('--runs');
const runs = smoke ? 1 : runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3;
const singleAt = args.indexOf('--single');
const single = singleAt >= 0 && args.splice(singleAt, 1).length > 0;
const presets = smoke ? ['S'] : args.length ? args : ['S', 'M', 'L'];
const GOALS = { S: 100, M: 600, L: 2500 }; // issue 3, ms to first table

need(join(DIST, 'index.html'), 'run `npm run build` first');
const srv = await serve(DIST, 0, '127.0.0.1', { isolated: !single });
const rows = [];
try {
  for (const p of presets) {
    const file = profileFor(p);
    const n = p === 'L' ? Math.min(runs, 2) : runs;
    const res = [];
    for (let i = 0; i < n; i++) {
      const r = await once(srv.url, file);
      res.push(r);
      console.log(`${p} run ${i + 1} (${r.threads} thread${r.threads > 1 ? 's' : ''}): table ${r.table.toFixed(0)} ms, flame ${r.flame.toFixed(0)} ms, wasm ${mb(r.wasm)}, JS heap ${mb(r.heap)}, Chromium RSS ${mb(r.rss)}, frame ${r.drawMs.toFixed(1)} ms; read at ${r.m.read.toFixed(0)}, loaded at ${r.m.loaded.toFixed(0)}, top at ${r.m.top.toFixed(0)}; in the worker: load ${r.eng.load?.toFixed(0)} ms, top ${r.eng.top?.toFixed(0)} ms, flame ${r.eng.flame?.toFixed(0)} ms`);
    }
    const gz = statSync(file).size;
    rows.push({
      p,
      gz,
      table: median(res.map((r) => r.table)),
      flame: median(res.map((r) => r.flame)),
      wasm: Math.max(...res.map((r) => r.wasm)),
      heap: Math.max(...res.map((r) => r.heap)),
      rss: Math.max(...res.map((r) => r.rss)),
      drawMs: median(res.map((r) => r.drawMs)),
    });
  }
} finally {
  await srv.close();
}
console.log('\nprofile  gz size   drop->table  drop->flame  goal(table)  wasm mem  peak JS heap  wasm+JS  Chromium RSS  zoomed frame');
for (const r of rows) {
  console.log(
    [r.p.padEnd(7), mb(r.gz).padStart(8), `${r.table.toFixed(0)} ms`.padStart(12), `${r.flame.toFixed(0)} ms`.padStart(12),
      `${GOALS[r.p] ?? '-'} ms`.padStart(12), mb(r.wasm).padStart(9), mb(r.heap).padStart(13), mb(r.wasm + r.heap).padStart(8),
      mb(r.rss).padStart(13), `${r.drawMs.toFixed(1)} ms`.padStart(13)].join(' '),
  );
}
