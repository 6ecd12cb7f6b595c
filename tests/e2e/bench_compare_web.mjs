#!/usr/bin/env node
// npm run bench:compare — comparisons end to end in headless Chromium, on the diff pairs
// of ../shared/bench/gen_profile.py (`--diff-pair`, generated into bench-data/ if missing).
// In a fresh browser per run, the site (cross-origin isolated: the threaded engine) is
// given the files through its own file input once its engine is ready and warm (as files
// chosen in a dialog arrive), and the clock runs from the files chosen to
//   diff:  the pair (base, target) → the Diff view's table and flame graph drawn
//          (the page opens with `#m=diff`, so the view comes up as soon as they load);
//   trend: three snapshots (base, target, base again) → the Trend table and its
//          first→last diff flame graph drawn.
// Per stage (the engine's requests, from the page's engine log): its engine time and the
// wasm memory after it (memory never shrinks, so that is the peak so far).
// In the same run: `go tool pprof -top -diff_base` on the first pair (M), and the native
// `proflens top --diff-base` on it, as ratios.
// --dist DIR (repeatable) times other builds of the site too, interleaved run by run
// (e.g. main's dist/ against this one's, for before/after numbers). --runs N (default 3).
// --smoke: the S pair once, native and pprof included, to check that the benchmark works.
// --only diff|trend: that case alone. --no-pprof: without go tool pprof. --trace: each
// run's timeline too (every engine request's send and answer from the files chosen, and
// the page's draw marks), to see what lies between the engine's requests.
// Usage: node tests/e2e/bench_compare_web.mjs [M L] [--runs N] [--dist DIR]... [--only CASE] [--no-pprof] [--trace] [--smoke]
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { freshBrowser, mb, median } from './benchlib.mjs';
import { DIST, ROOT, need } from './lib.mjs';

const args = process.argv.slice(2);
const take = (flag) => {
  const out = [];
  for (let i = args.indexOf(flag); i >= 0; i = args.indexOf(flag)) out.push(args.splice(i, 2)[1]);
  return out;
};
const flag = (f) => args.includes(f) && args.splice(args.indexOf(f), 1).length > 0;
const smoke = flag('--smoke');
const noPprof = flag('--no-pprof'); // skip go tool pprof (a minute or more on M)
const trace = flag('--trace');
const runs = smoke ? 1 : Number(take('--runs')[0] ?? 3);
const only = take('--only')[0]; // diff or trend: that case alone
const dists = [DIST, ...take('--dist').map((d) => resolve(d))];
const sizes = smoke ? ['S'] : args.length ? args : ['M', 'L'];
const DATA = join(ROOT, 'bench-data');
const GOALS = { M: { diff: 800, trend: 900 }, L: { diff: 3500 } }; // issue 22, ms end to end

function pair(size) {
  const [base, target] = [join(DATA, `${size}base.pb.gz`), join(DATA, `${size}new.pb.gz`)];
  if (!existsSync(base) || !existsSync(target)) {
    const gen = resolve(ROOT, '../shared/bench/gen_profile.py');
    need(gen, 'the bench generator is expected at ../shared/bench/gen_profile.py');
    console.log(`generating the ${size} diff pair into bench-data/ ...`);
    mkdirSync(DATA, { recursive: true }); // a fresh checkout has none
    execFileSync('python3', [gen, '--preset', size, '--diff-pair', base, target], { stdio: 'inherit' });
  }
  // the trend's third snapshot: the base again, under its own name
  const again = join(DATA, `${size}base-again.pb.gz`);
  if (!existsSync(again)) copyFileSync(base, again);
  return { base, target, again };
}

/** One run in a fresh browser: files chosen → the view's table and flame graph drawn; the stages from the engine log. */
async function once(url, files, plan) {
  const { browser, close } = await freshBrowser();
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    // the URL names the view to show, as a reload would (a series alone opens on its Findings)
    await page.goto(`${url}#v=1&m=${plan === 'diff' ? 'diff' : 'trend'}`);
    await page.waitForFunction(() => window.__proflens?.ready === true, null, { timeout: 60_000 });
    // and its background warm-up, over a fraction of a second later: files chosen in a
    // dialog come after it (a build without one has no `warm`)
    await page.waitForFunction(() => window.__proflens.warm?.() ?? true, null, { timeout: 60_000 });
    await page.setInputFiles('#file-input', files);
    await page.waitForFunction(
      (plan) => {
        const p = window.__proflens;
        if (document.querySelector('#errors li')) return true;
        const flame = p.flameKind() === 'diff' && p.frameRects().length > 0;
        return plan === 'diff' ? p.view() === 'diff' && flame && p.diffRows(1).length > 0 : p.view() === 'trend' && flame && p.trendRows(1).length > 0;
      },
      plan,
      { timeout: 600_000, polling: 10 },
    );
    const seen = await page.evaluate(() => performance.now());
    const err = await page.$eval('#errors', (e) => e.textContent);
    if (err) throw new Error(err);
    const marks = await page.evaluate(() => ({ ...window.__proflens.marks }));
    const open = marks.open;
    // Drawn is when the page painted the later of the two (its own marks, as bench:web
    // times one open), not when this harness's polling saw them (tens of ms later).
    const drawn = Math.max(marks.table, marks.flame);
    if (!(marks.table > open && marks.flame > open)) throw new Error(`the page marked no table or flame drawn: ${JSON.stringify(marks)}`);
    const log = (await page.evaluate(() => window.__proflens.engineLog())).filter((e) => e.sent >= open);
    const stages = {};
    for (const e of log) {
      const s = (stages[e.type] ??= { ms: 0, wasm: 0, until: 0 });
      s.ms += e.ms;
      s.wasm = Math.max(s.wasm, e.wasmBytes ?? 0);
      s.until = Math.max(s.until, e.answered - open);
    }
    const stats = await page.evaluate(() => window.__proflens.stats());
    if (trace) printTimeline(log, marks, open, seen, await page.evaluate(() => window.__proflens.engineProgress()));
    return { total: drawn - open, stages, wasm: stats.wasmBytes, threads: stats.threads };
  } finally {
    await close();
  }
}

/** `--trace`: the engine's requests and the page's marks, in ms from the files chosen. */
function printTimeline(log, marks, open, seen, progress) {
  const at = (t) => (t - open).toFixed(0).padStart(6);
  const lines = log.map((e) => [e.sent, `${at(e.sent)} → ${at(e.answered)}  ${e.type} (engine ${e.ms.toFixed(0)} ms)`]);
  for (const [name, t] of Object.entries(marks)) if (typeof t === 'number' && t >= open) lines.push([t, `${at(t)}            mark ${name}`]);
  lines.push([seen, `${at(seen)}            seen by the harness`]);
  // the last load's progress: each stage's start and end, and the build's every 5 %
  // (reports arrive when the page is free to take them, so a busy page delays them)
  const reports = progress.filter((p) => p.at >= open);
  const shown = (r, i) => r.fraction === 0 || r.fraction === 1 || (r.stage === 'build' && Math.floor(r.fraction * 20) !== Math.floor((reports[i - 1]?.fraction ?? 0) * 20));
  for (const r of reports.filter(shown)) lines.push([r.at, `${at(r.at)}            progress ${r.stage} ${r.fraction.toFixed(2)}`]);
  for (const [, line] of lines.sort((a, b) => a[0] - b[0])) console.log(`   ${line}`);
}

/** Wall ms of a command, best of `n` (the machine is shared). */
function timed(cmd, argv, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = spawnSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')}: ${r.stderr}`);
    times.push(performance.now() - t);
  }
  return median(times);
}

function nativeProflens() {
  const profile = smoke ? 'debug' : 'release';
  execFileSync('cargo', ['build', '--bin', 'proflens', ...(smoke ? [] : ['--release'])], { cwd: ROOT, stdio: 'inherit' });
  return join(ROOT, 'target', profile, 'proflens');
}

const RAW_KEYS = ['load', 'trend', 'diff', 'diffTable', 'diffFlame'];
const stageText = (s) =>
  RAW_KEYS.filter((k) => s[k]).map((k) => `${k} ${s[k].ms.toFixed(0)} ms${s[k].wasm ? ` → ${mb(s[k].wasm)}` : ''}`).join(', ');

for (const d of dists) need(join(d, 'index.html'), `${d}: run \`npm run build\` first`);
const servers = [];
for (const d of dists) servers.push(await serve(d, 0));
try {
  const pprofPair = pair(sizes[0]);
  const proflens = nativeProflens();
  const native = timed(proflens, ['top', '--diff-base', pprofPair.base, pprofPair.target], smoke ? 1 : 3);
  console.log(`native proflens top --diff-base (${sizes[0]} pair): ${native.toFixed(0)} ms`);
  const rows = [];
  for (const size of sizes) {
    const p = pair(size);
    const plans = [['diff', [p.base, p.target]], ['trend', [p.base, p.target, p.again]]].filter(([plan]) => !only || plan === only);
    for (const [plan, files] of plans) {
      const raw = files.reduce((a, f) => a + Number(execFileSync('gzip', ['-l', f]).toString().split('\n')[1].trim().split(/\s+/)[1]), 0);
      const res = dists.map(() => []);
      const n = size === 'L' ? Math.min(runs, 2) : runs;
      for (let i = 0; i < n; i++) {
        for (const [j, srv] of servers.entries()) {
          const r = await once(srv.url, files, plan);
          res[j].push(r);
          console.log(`${size} ${plan} run ${i + 1} [${dists[j]}] (${r.threads} threads): ${r.total.toFixed(0)} ms; ${stageText(r.stages)}; wasm ${mb(r.wasm)} (${(r.wasm / raw).toFixed(2)}× raw)`);
        }
      }
      for (const [j, rs] of res.entries()) {
        const best = rs.find((r) => r.total === median(rs.map((x) => x.total)));
        const fastest = Math.min(...rs.map((r) => r.total));
        rows.push({ size, plan, dist: dists[j], total: best.total, fastest, stages: best.stages, wasm: Math.max(...rs.map((r) => r.wasm)), raw });
      }
    }
  }
  // pprof last: it takes a minute or more on M and much memory.
  const pprof = noPprof ? NaN : timed('go', ['tool', 'pprof', '-top', '-diff_base', pprofPair.base, pprofPair.target], 1);
  console.log(`go tool pprof -top -diff_base (${sizes[0]} pair): ${pprof.toFixed(0)} ms`);
  console.log('\npair case   build                           files → drawn (median, fastest)   goal    × pprof   wasm peak (× raw)   stages (median run)');
  for (const r of rows) {
    const ratio = r.size === sizes[0] && r.plan === 'diff' ? `${(pprof / r.total).toFixed(0)}×` : '-';
    console.log(
      [r.size.padEnd(4), r.plan.padEnd(6), r.dist.slice(-30).padEnd(30), `${r.total.toFixed(0)}, ${r.fastest.toFixed(0)} ms`.padStart(20),
        `${GOALS[r.size]?.[r.plan] ?? '-'}`.padStart(6), ratio.padStart(9), `${mb(r.wasm)} (${(r.wasm / r.raw).toFixed(2)}×)`.padStart(19),
        ' ' + stageText(r.stages)].join(' '),
    );
  }
  console.log(`native proflens top --diff-base ${sizes[0]}: ${native.toFixed(0)} ms (goal ≤ 500 ms), ${(pprof / native).toFixed(0)}× faster than pprof -diff_base (goal ≥ 60×)`);
} finally {
  for (const s of servers) await s.close();
}
