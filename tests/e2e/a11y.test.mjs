// axe-core (Deque's accessibility rules engine, from npm) on every view of the page:
// the landing page, Top, Diff, Trend, Call tree, Sandwich, Findings, the goroutine groups of a
// dump, the open Export menu and the bundled example. No serious or critical violation
// may remain; the minor and moderate ones are printed, not failed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { corpus, openFiles, siteWithTempDir } from './lib.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SNAPSHOTS = ['go/heap_t0.pb.gz', 'go/heap_t1.pb.gz', 'go/heap_t2.pb.gz'];
const fx = siteWithTempDir();

/** Runs axe on the page; fails on serious or critical violations, naming each node. */
async function audit(page, where) {
  // evaluated through the DevTools protocol, so the page's CSP (script-src 'self') allows it
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations.filter((v) => !bad.includes(v))) console.log(`[a11y] ${where}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.join(', ')})`);
  assert.deepEqual(bad.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.join(', ')}`), [], `axe on ${where}`);
}

/** Clicks a view's tab and waits until its panel shows rows (or its own content). */
async function tab(page, view, ready) {
  await page.click(`#tab-${view}`);
  assert.equal(await page.getAttribute(`#tab-${view}`, 'aria-selected'), 'true');
  await page.waitForSelector(ready, { timeout: 60_000 });
}

test('the landing page', async () => {
  await audit(fx.site.page, 'the landing page');
});

test('Trend, Diff, Top, Call tree and Sandwich of three heap snapshots', async () => {
  const { page } = fx.site;
  await page.setInputFiles('#file-input', SNAPSHOTS.map(corpus)); // a series: its Findings open
  await page.waitForSelector('#findings-view:not([hidden]) #findings-list .finding', { timeout: 120_000 });
  await audit(page, 'Findings of a series');
  await tab(page, 'trend', '#trend-view [role=row][aria-rowindex="2"]');
  await audit(page, 'Trend');
  await tab(page, 'diff', '#diff-view [role=row][aria-rowindex="2"]');
  await audit(page, 'Diff');
  await tab(page, 'top', '#top-grid [role=row][aria-rowindex="2"]');
  await audit(page, 'Top');
  await tab(page, 'calltree', '#calltree-grid [role=row][aria-level]');
  await audit(page, 'Call tree');
  await page.focus('#calltree-grid');
  await page.keyboard.press('Enter'); // the first row's sandwich
  await page.waitForSelector('#sandwich-view:not([hidden]) [role=row][aria-rowindex="2"]', { timeout: 60_000 });
  await audit(page, 'Sandwich');
  await tab(page, 'findings', '#findings-list .finding');
  await audit(page, 'Findings');
});

test('the goroutine groups of a dump, and the Export menu', async () => {
  const { page } = fx.site;
  await openFiles(page, [corpus('go/goroutine_debug2.txt')]);
  await page.waitForSelector('#goroutines-view:not([hidden]) #goroutine-grid [role=row][aria-rowindex="2"]', { timeout: 60_000 });
  await audit(page, 'Goroutines');
  await page.click('#export-menu summary');
  await page.waitForSelector('#export-menu[open] .export-panel');
  await audit(page, 'the Export menu');
  await page.click('#export-menu summary');
});

test('the bundled example', async () => {
  const { page } = fx.site;
  await page.click('#tab-top'); // the URL's view comes back after the reload: Top gives way to the example's Findings
  await page.reload();
  await page.waitForFunction(() => window.__proflens?.ready === true, null, { timeout: 60_000 });
  await page.click('#example-button');
  await page.waitForSelector('#findings-view:not([hidden]) #findings-list .finding', { timeout: 120_000 });
  await audit(page, 'the example: Findings');
  await page.click('#tab-trend');
  await page.waitForSelector('#trend-view:not([hidden]) [role=row][aria-rowindex="2"]', { timeout: 120_000 });
  await page.click('#tab-goroutines'); // the dump's groups, in their own tab
  await page.waitForSelector('#goroutines-view:not([hidden]) [role=row][aria-rowindex="2"]', { timeout: 60_000 });
  await audit(page, 'the example');
});
