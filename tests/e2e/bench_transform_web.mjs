#!/usr/bin/env node
// npm run bench:transform — in headless Chromium, on the M profile of
// ../shared/bench/gen_profile.py (bench-data/Mbase.pb.gz), time
//   an action chosen in the context menu -> the table updated, and -> the flame graph drawn,
//   its chip removed                     -> the same two,
// for focus (the headline) and then each other action of the menu (--actions a,b,...).
// from the page's marks (change, changeTable, changeFlame; see main.ts). The goal
// (issue 8) is 150 ms for both. --smoke: one focus on the S profile, to check that the
// benchmark still works (scripts/test.sh).
// Usage: node tests/e2e/bench_transform_web.mjs [--runs N] [--file F] [--actions a,b] [--smoke]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { profileFor } from './benchlib.mjs';
import { CHROMIUM, CHROMIUM_ARGS, DIST, ROOT, need } from './lib.mjs';

const GOAL_MS = 150;
const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
const smoke = args.includes('--smoke');
const runs = smoke ? 1 : Number(opt('--runs', 7));
const actions = smoke ? ['focus'] : opt('--actions', 'focus,ignore,hide,show_from,merge').split(',');
const GEN = resolve(ROOT, '../shared/bench/gen_profile.py');

/** Mbase.pb.gz from $PROFLENS_BENCH_DATA or bench-data/, generated there if missing. */
function mProfile() {
  const given = opt('--file', '');
  if (given) return need(given);
  for (const dir of [process.env.PROFLENS_BENCH_DATA, join(ROOT, 'bench-data')]) {
    if (dir && existsSync(join(dir, 'Mbase.pb.gz'))) return join(dir, 'Mbase.pb.gz');
  }
  need(GEN, 'the bench generator is expected at ../shared/bench/gen_profile.py');
  mkdirSync(join(ROOT, 'bench-data'), { recursive: true });
  const out = join(ROOT, 'bench-data', 'Mbase.pb.gz');
  execFileSync('python3', [GEN, '--preset', 'M', '--diff-pair', out, join(ROOT, 'bench-data', 'Mnew.pb.gz')], { stdio: 'inherit' });
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  need(join(DIST, 'index.html'), 'run npm run build first');
  const file = smoke ? profileFor('S') : mProfile();
  const server = await serve(DIST, 0);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(server.url);
    await page.waitForFunction(() => window.__proflens?.ready === true, null, { timeout: 60_000 });
    await page.setInputFiles('#file-input', file);
    await page.waitForFunction(() => window.__proflens.marks.flame > 0, null, { timeout: 120_000 });
    const measure = async (act) => {
      const before = await page.evaluate(() => window.__proflens.marks.change);
      await act();
      await page.waitForFunction((b) => {
        const m = window.__proflens.marks;
        return m.change > b && m.changeTable > 0 && m.changeFlame > 0;
      }, before, { timeout: 60_000 });
      return page.evaluate(() => {
        const m = window.__proflens.marks;
        return { table: m.changeTable - m.change, flame: m.changeFlame - m.change, engine: window.__proflens.engineTimings(), draw: window.__proflens.lastDrawMs() };
      });
    };
    const results = [];
    for (const action of actions) {
      const apply = [];
      const remove = [];
      for (let i = 0; i < (action === 'focus' ? runs : Math.min(runs, 3)); i++) {
        // a function a few rows down (a different one each run, so no result is reused)
        const row = 3 + (i % 5);
        await page.click(`#top-grid .rows [role=row][aria-rowindex="${row + 1}"]`, { button: 'right' });
        apply.push(await measure(() => page.click(`.function-menu [data-action=${action}]`)));
        remove.push(await measure(() => page.click('.transform-chips .chip-remove')));
      }
      results.push({ action, apply, remove });
    }
    const load = loadavg().map((x) => x.toFixed(2)).join(' ');
    const line = (what, xs) => {
      const t = median(xs.map((x) => x.table));
      const f = median(xs.map((x) => x.flame));
      const ok = Math.max(t, f) <= GOAL_MS ? 'ok' : 'OVER GOAL';
      return `${what.padEnd(17)} table ${t.toFixed(0).padStart(5)} ms   flame ${f.toFixed(0).padStart(5)} ms   (median of ${xs.length}; goal ${GOAL_MS} ms: ${ok})`;
    };
    console.log(`profile: ${file}`);
    for (const { action, apply, remove } of results) {
      console.log(line(`apply ${action}`, apply));
      console.log(line(`  remove chip`, remove));
      const eng = (k) => median(apply.map((x) => x.engine[k] ?? 0)).toFixed(0);
      console.log(`  in the engine (medians): filter ${eng('filter')} ms, top ${eng('top')} ms, flame ${eng('flame')} ms; flame drawing ${median(apply.map((x) => x.draw)).toFixed(0)} ms`);
    }
    console.log(`load average: ${load}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
