#!/usr/bin/env node
// npm run bench:compare — diffs and trends in headless Chromium, on the diff pairs of
// ../shared/bench/gen_profile.py (`--diff-pair`, generated into bench-data/ by
// `cargo bench --bench compare` or here). In a fresh browser per case, the page starts its
// own engine worker (the site's built worker, same origin, same CSP) and times:
//   diff:  load base + target, then diff (-diff_base), diffTable and diffFlame,
//   trend: load three snapshots, then trend;
// and reports the engine's wasm memory afterwards.
// The page blocks the site's service worker: it would answer the routed files' URLs
// with the page itself (its offline fallback) before the route sees them.
// --smoke: the S pair once, to check that the benchmark still works (scripts/test.sh).
// Usage: node tests/e2e/bench_compare_web.mjs [M L] [--smoke]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, DIST, ROOT, need } from './lib.mjs';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const sizes = smoke ? ['S'] : args.length ? args : ['M', 'L'];
const DATA = join(ROOT, 'bench-data');

function pair(size) {
  const [base, target] = [join(DATA, `${size}base.pb.gz`), join(DATA, `${size}new.pb.gz`)];
  if (!existsSync(base) || !existsSync(target)) {
    const gen = resolve(ROOT, '../shared/bench/gen_profile.py');
    need(gen, 'the bench generator is expected at ../shared/bench/gen_profile.py');
    console.log(`generating the ${size} diff pair into bench-data/ ...`);
    mkdirSync(DATA, { recursive: true }); // a fresh checkout has none
    execFileSync('python3', [gen, '--preset', size, '--diff-pair', base, target], { stdio: 'inherit' });
  }
  return [base, target];
}

/** Runs `steps` (a list of [label, requests]) in a fresh page; returns ms per label. */
async function run(url, files, plan) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ serviceWorkers: 'block' });
    // The files are served from the site's own origin, so the CSP allows the fetch.
    for (const [i, f] of files.entries()) {
      await page.route(`**/bench-file-${i}`, (r) => r.fulfill({ body: readFileSync(f), contentType: 'application/octet-stream' }));
    }
    await page.goto(url);
    const worker = readdirSync(join(DIST, 'assets')).find((n) => /^worker-.*\.js$/.test(n));
    return await page.evaluate(
      async ({ workerUrl, count, plan }) => {
        const w = new Worker(workerUrl, { type: 'module' });
        let next = 1;
        const pending = new Map();
        const ready = new Promise((ok, fail) => {
          w.onmessage = (ev) => {
            const m = ev.data;
            if (m.kind === 'ready') return ok();
            if (m.kind === 'fatal') return fail(new Error(m.message));
            const p = pending.get(m.id);
            if (!p || m.kind === 'progress') return;
            pending.delete(m.id);
            m.kind === 'result' ? p.ok(m.result) : p.fail(new Error(m.message));
          };
        });
        const ask = (type, req, transfer = []) =>
          new Promise((ok, fail) => {
            const id = next++;
            pending.set(id, { ok, fail });
            w.postMessage({ id, type, ...req }, transfer);
          });
        await ready;
        const bytes = [];
        for (let i = 0; i < count; i++) bytes.push(await (await fetch(`bench-file-${i}`)).arrayBuffer());
        const times = {};
        const ids = [];
        let t = performance.now();
        for (const [i, b] of bytes.entries()) ids.push((await ask('load', { name: `f${i}`, bytes: b }, [b])).profile);
        times.load = performance.now() - t;
        t = performance.now();
        if (plan === 'diff') {
          const q = { sampleIndex: 3, granularity: 'functions' };
          const d = (await ask('diff', { target: ids[1], base: ids[0], mode: 'diff_base', normalize: false })).profile;
          times.merge = performance.now() - t;
          let u = performance.now();
          await ask('diffTable', { profile: d, ...q });
          times.table = performance.now() - u;
          u = performance.now();
          await ask('diffFlame', { profile: d, ...q });
          times.flame = performance.now() - u;
        } else {
          await ask('trend', { profiles: ids, sampleType: 'inuse_space', granularity: 'functions' });
        }
        times.compare = performance.now() - t;
        times.wasm = (await ask('stats', {})).wasmBytes;
        return times;
      },
      { workerUrl: `assets/${worker}`, count: files.length, plan },
    );
  } finally {
    await browser.close();
  }
}

need(join(DIST, 'index.html'), 'run `npm run build` first');
const srv = await serve(DIST, 0);
const mb = (b) => `${(b / 2 ** 20).toFixed(0)} MB`;
try {
  console.log('pair case   files raw MB   load ms  compare ms (parts)   wasm memory  (x raw)');
  for (const size of sizes) {
    const [base, target] = pair(size);
    for (const [plan, files] of [['diff', [base, target]], ['trend', [base, target, base]]]) {
      const r = await run(srv.url, files, plan);
      const raw = files.reduce((a, f) => a + Number(execFileSync('gzip', ['-l', f]).toString().split('\n')[1].trim().split(/\s+/)[1]), 0);
      const merge = r.merge ? ` (merge ${r.merge.toFixed(0)}, table ${r.table.toFixed(0)}, flame ${r.flame.toFixed(0)})` : '';
      console.log(
        `${size.padEnd(4)} ${plan.padEnd(6)} ${mb(raw).padStart(12)} ${r.load.toFixed(0).padStart(9)} ${(r.compare.toFixed(0) + merge).padStart(18)} ${mb(r.wasm).padStart(13)} ${(r.wasm / raw).toFixed(2).padStart(8)}`,
      );
    }
  }
} finally {
  await srv.close();
}
