// What the benchmarks share: the bench profiles, a fresh Chromium per run with
// its process tree's peak RSS, and one timed Proflens run (bench_web, bench_peers).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, need } from './lib.mjs';

const GEN = resolve(ROOT, '../shared/bench/gen_profile.py');
const OUT = join(ROOT, 'bench-data');

/** The bench profile of a preset (S, M, L, XL, Mnew…), generated into bench-data/ if missing. */
export function profileFor(p) {
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
export function chromiumRss(rootPid) {
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

/**
 * A fresh Chromium (its own profile dir) and the pid of its browser process, for
 * RSS sampling; `close()` ends it and removes the dir.
 */
export async function freshBrowser(extraArgs = []) {
  const dir = await mkdtemp(join(tmpdir(), 'proflens-bench-'));
  const browser = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', ...extraArgs],
    viewport: { width: 1400, height: 1000 },
  });
  // the browser's pid, found by its (unique) user-data-dir
  let pid = 0;
  try {
    pid = Number(execFileSync('pgrep', ['-o', '-f', `user-data-dir=${dir}`]).toString().trim());
  } catch {}
  const close = async () => {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { browser, pid, close };
}

/** Samples the peak RSS of a browser's processes every 100 ms until `stop()`. */
export function rssSampler(pid, page) {
  let peakRss = 0;
  let peakHeap = 0;
  let sampling = true;
  const done = (async () => {
    while (sampling) {
      peakRss = Math.max(peakRss, pid ? chromiumRss(pid) : 0);
      try {
        peakHeap = Math.max(peakHeap, await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0));
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    stop: async () => {
      sampling = false;
      await done;
      return { rss: peakRss, heap: peakHeap };
    },
  };
}

/** One Proflens run in a fresh browser: file chosen -> first table and first flame frame, and memory. */
export async function proflensOnce(url, file) {
  const { browser, pid, close } = await freshBrowser();
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => window.__proflens?.ready === true, null, { timeout: 60_000 });
    const sampler = rssSampler(pid, page);
    await page.setInputFiles('#file-input', file);
    await page.waitForFunction(() => window.__proflens.marks.flame > 0 || document.querySelector('#errors li'), null, { timeout: 300_000 });
    const { rss: peakRss, heap: peakHeap } = await sampler.stop();
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
      threads: stats.threads,
      heap: Math.max(peakHeap, stats.workerHeapBytes),
      rss: peakRss,
      drawMs,
      eng,
      m: Object.fromEntries(['read', 'loaded', 'top'].map((k) => [k, m[k] - m.open])),
      errors,
    };
  } finally {
    await close();
  }
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const mb = (b) => `${(b / 2 ** 20).toFixed(0)} MB`;
