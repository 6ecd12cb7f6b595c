#!/usr/bin/env node
// npm run bench:peers — Proflens against what users have today, on the same files
// in the same run (so the same machine load), and the ratios:
//   - in Chromium, file chosen -> first flame frame: Proflens (the site in dist/)
//     against speedscope (the npm devDependency, served from node_modules, driven
//     through its own file input: the clock starts at its input's change event,
//     and the first frame is two animation frames after it sets the title to the
//     imported profile, as in ../shared/bench/BASELINES.md); a fresh browser per run;
//   - native, decode + top table: `proflens top` (target/release) against
//     `go tool pprof -top -nodecount=50` (the pprof binary in GOTOOLDIR, skipping
//     `go tool`'s dispatch), wall time and peak RSS from /usr/bin/time -v.
// Every performance claim in the README comes from this command.
// --smoke: one run of each on S, to check that the benchmark still works (scripts/test.sh);
// it takes the debug CLI when there is no release build.
// --before DIR: instead of the peers, the site in DIR (e.g. main's build) against dist/,
// run after run interleaved (before, after, before, …) so both see the same machine load;
// prints both medians of drop -> table and drop -> first flame frame, and their ratio.
// Usage: node tests/e2e/bench_peers.mjs [S M L] [--runs N] [--skip-pprof-L] [--smoke] [--before DIR]
//        node tests/e2e/bench_peers.mjs --engines [S M] [--runs N] [--smoke]: the site in
//        Chromium, Firefox and WebKit instead (tests/engines/bench.mjs)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { freshBrowser, mb, median, profileFor, proflensOnce, rssSampler } from './benchlib.mjs';
import { DIST, ROOT, need } from './lib.mjs';

if (process.argv.includes('--engines')) {
  await (await import('../engines/bench.mjs')).main(process.argv.slice(2).filter((a) => a !== '--engines'));
  process.exit(0);
}

const args = process.argv.slice(2);
const flag = (f) => (args.includes(f) ? (args.splice(args.indexOf(f), 1), true) : false);
const runsAt = args.indexOf('--runs');
const runs = args.includes('--smoke') ? 1 : runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3;
const skipPprofL = flag('--skip-pprof-L');
const beforeAt = args.indexOf('--before');
const beforeDir = beforeAt >= 0 ? args.splice(beforeAt, 2)[1] : null;
const smoke = flag('--smoke');
const presets = smoke ? ['S'] : args.length ? args : ['S', 'M', 'L'];
/** Slow peers get fewer runs on L (speedscope about 40 s, pprof about 70 s and 8 GB). */
const runsFor = (p, n) => (p === 'L' || p === 'XL' ? Math.min(n, 1) : n);

const SPEEDSCOPE = join(ROOT, 'node_modules/speedscope/dist/release');
const RELEASE_CLI = join(ROOT, 'target/release/proflens');
const CLI = smoke && !existsSync(RELEASE_CLI) ? join(ROOT, 'target/debug/proflens') : RELEASE_CLI;
const PPROF = join(execFileSync('go', ['env', 'GOTOOLDIR']).toString().trim(), 'pprof');

/** One speedscope run in a fresh browser: change event -> title set -> 2 rAF. */
async function speedscopeOnce(url, file) {
  const { browser, pid, close } = await freshBrowser(['--js-flags=--max-old-space-size=8192']);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(url);
    await page.waitForSelector('#file', { state: 'attached', timeout: 60_000 });
    await page.evaluate(() => {
      const t = (window.__bench = { change: 0, title: 0, frame: 0 });
      const first = document.title;
      document.querySelector('#file').addEventListener('change', () => (t.change = performance.now()), { capture: true });
      new MutationObserver(() => {
        if (t.title || document.title === first) return;
        t.title = performance.now();
        requestAnimationFrame(() => requestAnimationFrame(() => (t.frame = performance.now())));
      }).observe(document.querySelector('title') ?? document.head, { childList: true, subtree: true, characterData: true });
    });
    const sampler = rssSampler(pid, page);
    await page.setInputFiles('#file', file);
    await page.waitForFunction(() => window.__bench.frame > 0, null, { timeout: 600_000, polling: 100 });
    const mem = await sampler.stop();
    const t = await page.evaluate(() => window.__bench);
    return { imported: t.title - t.change, frame: t.frame - t.change, ...mem };
  } finally {
    await close();
  }
}

/** Wall seconds and peak RSS (bytes) of a command, from /usr/bin/time -v. */
function timed(cmd, cmdArgs) {
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...cmdArgs], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr.slice(-2000)}`);
  const field = (re) => r.stderr.match(re)?.[1] ?? '';
  // "m:ss.ss" or "h:mm:ss"
  const wall = field(/Elapsed \(wall clock\) time.*: ([\d:.]+)/).split(':').reduce((a, v) => a * 60 + Number(v), 0);
  return { wall, rss: Number(field(/Maximum resident set size \(kbytes\): (\d+)/)) * 1024 };
}

const load = () => loadavg()[0].toFixed(2);
/** Seconds, to the millisecond under one (S's goals are 80 and 100 ms). */
const sec = (ms) => `${(ms / 1000).toFixed(ms < 1000 ? 3 : 2)} s`;
const x = (a, b) => (b > 0 ? `${(a / b).toFixed(1)}×` : '–');

need(join(DIST, 'index.html'), 'run `npm run build` first');
if (beforeDir) {
  await beforeAfter(beforeDir);
  process.exit(0);
}
need(join(SPEEDSCOPE, 'index.html'), 'run `npm install` (speedscope is a devDependency)');
need(CLI, 'run `cargo build --release` first');
need(PPROF, 'install golang-go (go tool pprof)');
const site = await serve(DIST, 0);
const peer = await serve(SPEEDSCOPE, 0);
const rows = [];
try {
  for (const p of presets) {
    const file = profileFor(p);
    const row = { p, gz: statSync(file).size, load: [] };
    const web = [];
    for (let i = 0; i < (p === 'L' ? Math.min(runs, 2) : runs); i++) web.push(await proflensOnce(site.url, file));
    row.load.push(load());
    const ss = [];
    for (let i = 0; i < runsFor(p, runs); i++) ss.push(await speedscopeOnce(peer.url, file));
    row.load.push(load());
    const cli = [];
    for (let i = 0; i < runs; i++) cli.push(timed(CLI, ['top', file]));
    const pp = [];
    if (!(skipPprofL && p === 'L')) for (let i = 0; i < runsFor(p, runs); i++) pp.push(timed(PPROF, ['-top', '-nodecount=50', file]));
    row.load.push(load());
    Object.assign(row, {
      table: median(web.map((r) => r.table)),
      flame: median(web.map((r) => r.flame)),
      webMem: Math.max(...web.map((r) => r.wasm + r.heap)),
      ssFrame: median(ss.map((r) => r.frame)),
      ssImported: median(ss.map((r) => r.imported)),
      ssHeap: Math.max(...ss.map((r) => r.heap)),
      cli: median(cli.map((r) => r.wall)) * 1000,
      cliRss: Math.max(...cli.map((r) => r.rss)),
      pprof: pp.length ? median(pp.map((r) => r.wall)) * 1000 : NaN,
      pprofRss: pp.length ? Math.max(...pp.map((r) => r.rss)) : NaN,
    });
    rows.push(row);
    console.log(`${p}: Proflens table ${sec(row.table)} / flame ${sec(row.flame)} (${mb(row.webMem)} wasm+JS); speedscope imported ${sec(row.ssImported)} / frame ${sec(row.ssFrame)} (${mb(row.ssHeap)} JS heap); proflens top ${sec(row.cli)} ${mb(row.cliRss)}; pprof -top ${sec(row.pprof)} ${mb(row.pprofRss)}; load ${row.load.join(' ')}`);
  }
} finally {
  await site.close();
  await peer.close();
}

console.log('\nprofile  gz size | Proflens drop->table  ->flame  wasm+JS | speedscope ->frame  JS heap | ratio flame | proflens top  RSS | pprof -top  RSS | ratio time  RSS | load (1 min)');
for (const r of rows) {
  console.log(
    [r.p.padEnd(7), mb(r.gz).padStart(8), '|', sec(r.table).padStart(20), sec(r.flame).padStart(8), mb(r.webMem).padStart(8), '|',
      sec(r.ssFrame).padStart(18), mb(r.ssHeap).padStart(8), '|', x(r.ssFrame, r.flame).padStart(11), '|',
      sec(r.cli).padStart(12), mb(r.cliRss).padStart(6), '|', sec(r.pprof).padStart(10), mb(r.pprofRss).padStart(7), '|',
      x(r.pprof, r.cli).padStart(10), x(r.pprofRss, r.cliRss).padStart(5), '|', r.load.join(' ')].join(' '),
  );
}
console.log('ratio flame = speedscope first frame / Proflens first flame frame; ratio time, RSS = pprof -top / proflens top (goals on L: ≥16×, ≥35×, ≥20×)');

/** --before DIR: the site in DIR against dist/, interleaved, medians of table and first flame frame. */
async function beforeAfter(dir) {
  need(join(dir, 'index.html'), 'build the other site first');
  const sites = { before: await serve(dir, 0), after: await serve(DIST, 0) };
  const out = [];
  try {
    for (const p of presets) {
      const file = profileFor(p);
      const runsHere = p === 'L' ? Math.min(runs, 3) : runs;
      const got = { before: [], after: [] };
      for (let i = 0; i < runsHere; i++) for (const k of i % 2 ? ['after', 'before'] : ['before', 'after']) got[k].push(await proflensOnce(sites[k].url, file));
      const m = (k, f) => median(got[k].map((r) => r[f]));
      const row = { p, runs: runsHere, load: load() };
      for (const f of ['table', 'flame']) Object.assign(row, { [`${f}Before`]: m('before', f), [`${f}After`]: m('after', f) });
      out.push(row);
      console.log(`${p}: table ${sec(row.tableBefore)} -> ${sec(row.tableAfter)}, first flame frame ${sec(row.flameBefore)} -> ${sec(row.flameAfter)} (${runsHere} runs each, load ${row.load})`);
    }
  } finally {
    await sites.before.close();
    await sites.after.close();
  }
  console.log('\nprofile | table before  after  after/before | flame before  after  after/before | runs');
  for (const r of out) {
    const q = (a, b) => `${(a / b).toFixed(3)}`;
    console.log([r.p.padEnd(7), '|', sec(r.tableBefore).padStart(12), sec(r.tableAfter).padStart(8), q(r.tableAfter, r.tableBefore).padStart(13), '|',
      sec(r.flameBefore).padStart(12), sec(r.flameAfter).padStart(8), q(r.flameAfter, r.flameBefore).padStart(13), '|', r.runs].join(' '));
  }
}
