// Lines (issue 8 point 9): at lines granularity the Top table names rows `function
// file:line` and the flame tooltips give file:line; "Show lines" (context menu) lists a
// function's lines with the flat and cum of live `go tool pprof -top -lines`; opening the
// source file annotates it locally.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { corpus, openFiles, openSite, parsePprofTop, readGrid, RESULTS, ROOT } from './lib.mjs';

const FILE = corpus('go/cpu.pb.gz');
const EXAMPLE = join(ROOT, 'www/public/example.pb.gz');
const EXAMPLE_SOURCE = join(ROOT, 'examples/example-profile/main.go');
let site;
before(async () => (site = await openSite()));
after(async () => site?.close());

/** pprof's `-top -lines` rows in raw units (samples are counts): name → { flat, cum }. */
function pprofLines(file) {
  const out = execFileSync('go', ['tool', 'pprof', '-top', '-lines', '-nodecount=1000000', '-nodefraction=0', '-edgefraction=0', '-symbolize=none', '-sample_index=samples', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return parsePprofTop(out).map((r) => ({ name: r.name.replace(/ \((partial-)?inline\)$/, ''), flat: Number(r.flat), cum: Number(r.cum) }));
}

const typeIndex = (page, type) => page.$eval('#sample-type', (s, t) => [...s.options].find((o) => o.textContent.startsWith(t + ' ')).value, type);

/** The lines panel's rows: { name (full row name), flat, cum } from its exact titles. */
const panelRows = (page) =>
  page.$$eval('.lines-table tbody tr', (trs) =>
    trs.map((tr) => ({ name: tr.querySelector('th').title, flat: Number(tr.dataset.flat), cum: Number(tr.dataset.cum) })),
  );

test('at lines granularity the table and the flame tooltips show file:line', async () => {
  const { page } = site;
  await openFiles(page, [FILE]);
  await page.selectOption('#sample-type', await typeIndex(page, 'samples'));
  await page.selectOption('#granularity', 'lines');
  await page.waitForFunction(() => /\.go:\d+$/.test(document.querySelector('#top-grid .rows [role=row] [role=gridcell]:nth-child(6)')?.firstChild?.textContent ?? ''));
  const rows = await readGrid(page, 10);
  for (const r of rows) assert.match(r.name, /:\d+$/, r.name);
  const want = pprofLines(FILE).slice(0, 10).map((r) => r.name);
  assert.deepEqual(rows.map((r) => r.name).sort(), [...want].sort());
  // a flame box's tooltip names its file:line
  const rect = await page.evaluate(() => window.__proflens.frameRects().find((f) => f.w > 40 && f.depth > 2));
  const box = await page.$('#flame-view canvas');
  const b = await box.boundingBox();
  await page.mouse.move(b.x + rect.x + rect.w / 2, b.y + rect.y + rect.h / 2);
  await page.waitForSelector('#flame-view .tooltip:not([hidden])');
  assert.match(await page.textContent('#flame-view .tooltip'), /\.(go|s|c):\d+/);
});

test('"Show lines" lists the function\'s lines with pprof -top -lines flat and cum', async () => {
  const { page } = site;
  await page.selectOption('#granularity', 'functions');
  await page.waitForFunction(() => !/\.go:\d+$/.test(document.querySelector('#top-grid .rows [role=row] [role=gridcell]:nth-child(6)')?.firstChild?.textContent ?? 'x'));
  const top = await readGrid(page, 10);
  const all = pprofLines(FILE);
  const fn = top.find((r) => all.filter((w) => w.name.startsWith(r.name + ' ')).length >= 2).name;
  const pos = top.findIndex((r) => r.name === fn);
  await page.click(`#top-grid .rows [role=row][aria-rowindex="${pos + 2}"]`, { button: 'right' });
  await page.click('.function-menu [data-extra=lines]');
  await page.waitForSelector('.lines-panel:not([hidden]) .lines-table');
  const want = all.filter((w) => w.name.startsWith(fn + ' '));
  const byName = (a, b) => (a.name < b.name ? -1 : 1);
  assert.deepEqual((await panelRows(page)).sort(byName), want.sort(byName));
  assert.match(await page.evaluate(() => location.hash), /[#&]ln=/);
});

test('the source file, opened locally, is annotated with flat and cum', async () => {
  const { page } = site;
  await openFiles(page, [EXAMPLE]);
  const top = await readGrid(page, 40);
  const pos = top.findIndex((r) => r.name === 'main.checksum');
  assert.ok(pos >= 0, 'the example has main.checksum');
  await page.click(`#top-grid .rows [role=row][aria-rowindex="${pos + 2}"]`, { button: 'right' });
  await page.click('.function-menu [data-extra=lines]');
  await page.waitForFunction(() => document.querySelector('#lines-title')?.textContent === 'Lines of main.checksum');
  const rows = await panelRows(page);
  await page.setInputFiles('.lines-panel input[type=file]', EXAMPLE_SOURCE);
  await page.waitForSelector('.lines-annotated tr.hot');
  const hot = await page.$$eval('.lines-annotated tr.hot', (trs) => trs.map((tr) => ({ line: Number(tr.dataset.line), text: tr.querySelector('code').textContent })));
  const source = (await import('node:fs')).readFileSync(EXAMPLE_SOURCE, 'utf8').split('\n');
  assert.deepEqual(
    hot.map((h) => h.line),
    rows.map((r) => Number(r.name.match(/:(\d+)$/)[1])).sort((a, b) => a - b),
  );
  for (const h of hot) assert.equal(h.text, source[h.line - 1]);
  await page.screenshot({ path: join(RESULTS, 'lines.png') });
});
