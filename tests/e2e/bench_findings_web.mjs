#!/usr/bin/env node
// Findings in the page (issue 21's speed goal: ≤ 3 s in Chromium): three M heap
// snapshots (bench-data/Mbase, Mnew and Mbase again, as `cargo bench --bench report`
// reads them) and a 100,000-goroutine dump chosen together -> the Findings tab's
// list drawn. The generated dump is of another program than the generated
// snapshots, so the tab asks once whether they are one; the time the question waits
// for its click is left out of the total.
// --smoke: S snapshots and the corpus's debug=2 dump, one run.
// Usage: node tests/e2e/bench_findings_web.mjs [--runs N] [--smoke]
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { median, profileFor } from './benchlib.mjs';
import { ROOT, corpus, need, openSite } from './lib.mjs';

const GOAL_S = 3;
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const runs = smoke ? 1 : Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : 3);
const DATA = process.env.PROFLENS_BENCH_DATA ?? join(ROOT, 'bench-data');

/** The files: three snapshots (base, new, base again under its own name) and the dump. */
function files() {
  if (smoke) {
    const s = profileFor('S');
    const again = join(DATA, 'S-again.pb.gz');
    if (!existsSync(again)) copyFileSync(s, again);
    return [s, again, corpus('go/goroutine_debug2.txt')];
  }
  const [base, next] = ['Mbase', 'Mnew'].map((n) => need(join(DATA, `${n}.pb.gz`), 'run `cargo bench --bench report` first (it makes the M pair)'));
  const again = join(DATA, 'Mbase-again.pb.gz');
  if (!existsSync(again)) copyFileSync(base, again);
  const dump = need(join(DATA, 'goroutines-report-100000.txt'), 'run `cargo bench --bench report` first (it makes the dump)');
  return [base, next, again, dump];
}

async function once(paths) {
  const site = await openSite();
  try {
    const { page } = site;
    await page.setInputFiles('#file-input', paths);
    const drawn = () => !!document.querySelector('#findings-list .finding, #findings-list:empty') || !!document.querySelector('#findings-one-program');
    await page.waitForFunction(drawn, null, { timeout: 300_000 });
    let asked = 0;
    if (await page.$('#findings-one-program')) {
      const t = await page.evaluate(() => performance.now());
      await page.click('#findings-one-program');
      asked = (await page.evaluate(() => performance.now())) - t;
      await page.waitForFunction(() => !!document.querySelector('#findings-list'), null, { timeout: 300_000 });
    }
    return await page.evaluate((asked) => {
      const p = window.__proflens;
      const report = p.findings();
      return {
        total: (performance.now() - p.marks.open - asked) / 1e3,
        findings: p.engineTimings().findings / 1e3,
        count: report?.findings.length ?? 0,
        top: report?.findings[0]?.title ?? '',
      };
    }, asked);
  } finally {
    await site.close();
  }
}

const paths = files();
const results = [];
for (let r = 0; r < runs; r++) results.push(await once(paths));
const total = median(results.map((r) => r.total));
console.log(`findings in Chromium, ${smoke ? 'smoke (S snapshots, the corpus dump)' : 'three M snapshots and a 100k-goroutine dump'}, ${runs} run(s):`);
console.log(`  files chosen -> findings drawn: median ${total.toFixed(2)} s (runs ${results.map((r) => r.total.toFixed(2)).join(', ')}); the engine's findings request ${median(results.map((r) => r.findings)).toFixed(2)} s`);
console.log(`  ${results[0].count} findings; first: ${results[0].top}`);
if (!smoke) console.log(`  goal ≤ ${GOAL_S} s: ${total <= GOAL_S ? 'met' : 'missed'}`);
if (!results[0].count && !smoke) throw new Error('no finding: the benchmark measured nothing');
