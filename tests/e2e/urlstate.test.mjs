// Transforms in the Diff view and the URL state (issue 8 points 5 and 10): focus from the
// Diff table's context menu gives the rows of live `go tool pprof -base … -focus=…`; the
// view (tab, sample type, granularity, transforms, selection) lives in the hash under
// `v=1`, and reopening the same files after a reload brings it back.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { after, before, test } from 'node:test';
import { corpus, openSite, parsePprofTop } from './lib.mjs';

const BASE = corpus('go/heap_t1.pb.gz');
const TARGET = corpus('go/heap_t2.pb.gz');
let site;
before(async () => (site = await openSite()));
after(async () => site?.close());

const hook = (page, fn, ...args) => page.evaluate(fn, ...args);
const quoteMeta = (s) => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

/** pprof's -base rows with exact byte values, zero rows left out (pprof prints none). */
function pprofBase(type, flags) {
  const out = execFileSync(
    'go',
    ['tool', 'pprof', '-top', '-nodecount=1000000', '-nodefraction=0', '-edgefraction=0', '-symbolize=none', `-sample_index=${type}`, '-unit=B', ...flags, '-base', BASE, TARGET],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return parsePprofTop(out).map((r) => ({ name: r.name.replace(/ \((partial-)?inline\)$/, ''), flat: parseInt(r.flat, 10), cum: parseInt(r.cum, 10) }));
}

const nonZero = (rows) => rows.filter((r) => r.flat !== 0 || r.cum !== 0).map(({ name, flat, cum }) => ({ name, flat, cum }));
const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

async function diffRowsWhen(page, pred) {
  for (let i = 0; i < 150; i++) {
    const rows = await hook(page, () => window.__proflens.diffRows(100000));
    if (pred(rows)) return rows;
    await page.waitForTimeout(100);
  }
  throw new Error('the diff table never reached the expected state');
}

let hash, restored;

test('focus from the Diff table context menu filters both sides: the rows of pprof -base -focus', async () => {
  const { page } = site;
  await page.setInputFiles('#file-input', [BASE, TARGET]);
  await page.waitForFunction(() => window.__proflens.view() === 'findings', null, { timeout: 120_000 }); // a series opens on its Findings
  await page.click('#tab-trend');
  await page.waitForFunction(() => window.__proflens.view() === 'trend' && window.__proflens.trendRows(1).length > 0, null, { timeout: 120_000 });
  await page.click('#tab-diff');
  const index = await page.$eval('#sample-type', (s) => [...s.options].find((o) => o.textContent.startsWith('alloc_space ')).value);
  await page.selectOption('#sample-type', index);
  const all = await diffRowsWhen(page, (rows) => rows.length > 0 && rows[0].base !== undefined);
  const unfiltered = pprofBase('alloc_space', []);
  assert.deepEqual(nonZero(await diffRowsWhen(page, (r) => nonZero(r).length === unfiltered.length)).sort(byName), [...unfiltered].sort(byName));
  // a caller with a few callees: focus keeps the stacks through it, on both sides
  const name = all.find((r) => r.name.startsWith('main.') && r.cum !== r.flat)?.name ?? all[0].name;
  const pos = await hook(page, (n) => window.__proflens.diffRows(100000).findIndex((r) => r.name === n), name);
  await page.evaluate((p) => {
    const vp = document.querySelector('#diff-grid .viewport');
    vp.scrollTop = Math.max(0, p * 22 - 40);
  }, pos);
  await page.click(`#diff-grid .rows [role=row][aria-rowindex="${pos + 2}"]`, { button: 'right' });
  await page.click('.function-menu [data-action=focus]');
  await page.waitForSelector('.transform-chips .chip[data-op=focus]');
  const want = pprofBase('alloc_space', [`-focus=^${quoteMeta(name)}$`]);
  const got = await diffRowsWhen(page, (r) => nonZero(r).length === want.length);
  assert.deepEqual(nonZero(got).sort(byName), [...want].sort(byName));
  assert.ok(want.length < unfiltered.length, 'the focus dropped rows');

  // "Copy as pprof command" carries the filter: run where the files are, it prints these rows
  await page.click('#export-menu summary');
  await page.click('#export-command');
  const cmd = await page.inputValue('#export-output');
  assert.match(cmd, / '?-focus=/);
  const out = execFileSync('sh', ['-c', cmd.replace(/^go tool pprof /, 'go tool pprof -unit=B -symbolize=none ')], { cwd: dirname(TARGET), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const byCommand = parsePprofTop(out).map((r) => ({ name: r.name.replace(/ \((partial-)?inline\)$/, ''), flat: parseInt(r.flat, 10), cum: parseInt(r.cum, 10) }));
  assert.deepEqual(nonZero(byCommand).sort(byName), nonZero(got).sort(byName));
  await page.click('#export-menu summary');
});

test('the view lives in the URL under v=1 and comes back when the same files are reopened', async () => {
  const { page } = site;
  await page.selectOption('#granularity', 'filefunctions');
  await diffRowsWhen(page, (r) => r.length > 0 && / \S+\.go$/.test(r[0].name));
  await page.click('#diff-grid .rows [role=row][aria-rowindex="3"]');
  await page.waitForFunction(() => location.hash.includes('sel='));
  hash = await hook(page, () => location.hash);
  for (const key of ['v=1', 'm=diff', 't=alloc_space', 'g=filefunctions', 'x=f.', 'sel=']) assert.ok(hash.includes(key), `${key} in ${hash}`);
  const before0 = await hook(page, () => window.__proflens.diffRows(100000));

  await page.reload();
  await page.waitForFunction(() => window.__proflens?.ready);
  assert.equal(await hook(page, () => location.hash), hash, 'a reload keeps the hash');
  await page.setInputFiles('#file-input', [BASE, TARGET]);
  await page.waitForFunction(() => window.__proflens.profiles().length === 2 && window.__proflens.diffRows(1).length > 0, null, { timeout: 120_000 });
  restored = {
    view: await hook(page, () => window.__proflens.view()),
    tab: await page.getAttribute('#tab-diff', 'aria-selected'),
    type: await page.$eval('#sample-type', (s) => s.selectedOptions[0].textContent.split(' ')[0]),
    granularity: await page.inputValue('#granularity'),
    chips: await page.$$eval('.transform-chips .chip', (cs) => cs.map((c) => c.dataset.op)),
    selected: await page.$eval('#diff-grid [aria-selected=true] [role=gridcell]:last-child', (c) => c.firstChild.textContent).catch(() => ''),
  };
  assert.deepEqual(restored, { view: 'diff', tab: 'true', type: 'alloc_space', granularity: 'filefunctions', chips: ['focus'], selected: before0[1].name });
  await diffRowsWhen(page, (rows) => JSON.stringify(rows) === JSON.stringify(before0));
  assert.equal(await hook(page, () => location.hash), hash, 'the restored view writes the same hash');
});
