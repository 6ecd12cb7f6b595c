#!/usr/bin/env node
// npm run bench:web — in headless Chromium, for the S, M and L profiles of
// ../shared/bench/gen_profile.py, time
//   file chosen -> first table rendered, and
//   file chosen -> first flame-graph frame drawn,
// and report peak memory: wasm linear memory, the page's JS heap, and the
// resident size of all Chromium processes. Each profile gets a fresh browser.
// Usage: node tests/e2e/bench_web.mjs [S M L] [--runs N]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, DIST, ROOT, need } from './lib.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3;
const presets = args.length ? args : ['S', 'M', 'L'];
const GOALS = { S: 100, M: 600, L: 2500 }; // issue 3, ms to first table
const GEN = resolve(ROOT, '../shared/bench/gen_profile.py');
const OUT = join(ROOT, 'bench-data');

function profileFor(p) {
  for (const dir of [process.env.PROFLENS_BENCH_DATA, OUT, resolve(ROOT, '../bench-data')]) {
    if (dir && existsSync(join(dir, `${p}.pb.gz`))) return join(dir, `${p}.pb.gz`);
  }
  need(GEN, 'the bench generator is expected at ../shared/bench/gen_profile.py');
  mkdirSync(OUT, { recursive: true });
  console.log(`generating ${p} into bench-data/ (python3 gen_profile.py --preset ${p}) ...`);
  execFileSync('python3', [GEN, '--preset', p, join(OUT, `${p}.pb.gz`)], { stdio: 'inherit' });
  return join(OUT, `${p}.pb.gz`);
}

/** Sum of RSS over the browser's process tree, in bytes. */
function chromiumRss(rootPid) {
  const kids = new Map();
  const rss = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = fields[1];
      rss.set(pid, Number(fields[21]) * 4096);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(pid);
    } catch {}
  }
  let sum = 0;
  const stack = [String(rootPid)];
  while (stack.length) {
    const p = stack.pop();
    sum += rss.get(p) ?? 0;
    stack.push(...(kids.get(p) ?? []));
  }
  return sum;
}

async function once(url, file) {
  const dir = await mkdtemp(join(tmpdir(), 'proflens-bench-'));
  const browser = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
    viewport: { width: 1400, height: 1000 },
  });
  // the browser's pid, found by its (unique) user-data-dir
  let pid = 0;
  try {
    pid = Number(execFileSync('pgrep', ['-o', '-f', `user-data-dir=${dir}`]).toString().trim());
  } catch {}
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => window.__proflens?.ready === true, null, { timeout: 60_000 });
    let peakHeap = 0;
    let peakRss = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peakRss = Math.max(peakRss, pid ? chromiumRss(pid) : 0);
        try {
          peakHeap = Math.max(peakHeap, await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0));
        } catch {}
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await page.setInputFiles('#file-input', file);
    await page.waitForFunction(() => window.__proflens.marks.flame > 0 || document.querySelector('#errors li'), null, { timeout: 300_000 });
    sampling = false;
    await sampler;
    const err = await page.$eval('#errors', (e) => e.textContent);
    if (err) throw new Error(err);
    const m = await page.evaluate(() => window.__proflens.marks);
    const stats = await page.evaluate(() => window.__proflens.stats());
    const eng = await page.evaluate(() => window.__proflens.engineTimings());
    // one more frame after zooming into the widest root, to see the per-frame cost
    await page.focus('#flame-canvas');
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(100);
    const drawMs = await page.evaluate(() => window.__proflens.lastDrawMs());
    return {
      table: m.table - m.open,
      flame: m.flame - m.open,
      wasm: stats.wasmBytes,
      heap: Math.max(peakHeap, stats.workerHeapBytes),
      rss: peakRss,
      drawMs,
      eng,
      m: Object.fromEntries(['read', 'loaded', 'top'].map((k) => [k, m[k] - m.open])),
      errors,
    };
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (b) => `${(b / 2 ** 20).toFixed(0)} MB`;

need(join(DIST, 'index.html'), 'run `npm run build` first');
const srv = await serve(DIST, 0);
const rows = [];
try {
  for (const p of presets) {
    const file = profileFor(p);
    const n = p === 'L' ? Math.min(runs, 2) : runs;
    const res = [];
    for (let i = 0; i < n; i++) {
      const r = await once(srv.url, file);
      res.push(r);
      console.log(`${p} run ${i + 1}: table ${r.table.toFixed(0)} ms, flame ${r.flame.toFixed(0)} ms, wasm ${mb(r.wasm)}, JS heap ${mb(r.heap)}, Chromium RSS ${mb(r.rss)}, frame ${r.drawMs.toFixed(1)} ms; read at ${r.m.read.toFixed(0)}, loaded at ${r.m.loaded.toFixed(0)}, top at ${r.m.top.toFixed(0)}; in the worker: load ${r.eng.load?.toFixed(0)} ms, top ${r.eng.top?.toFixed(0)} ms, flame ${r.eng.flame?.toFixed(0)} ms`);
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
