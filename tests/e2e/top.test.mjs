// The top table against `go tool pprof`'s numbers (the oracle), through the
// real file input.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { corpus, defaultType, openFiles, openSite, oracle, pprofTopText, readGrid, screenshot, selectSampleType } from './lib.mjs';

const N = 25;
let site;
before(async () => (site = await openSite()));
after(async () => site?.close());

/** The cells' text equals what `go tool pprof -top` prints (units, rounding, percentages). */
function assertTextMatches(rows, rel, type) {
  const want = pprofTopText(rel, type).slice(0, rows.length);
  for (let i = 0; i < want.length; i++) {
    const g = rows[i];
    const w = want[i];
    const got = { flat: g.flatText, flatPct: g.flatPct, sumPct: g.sumPct, cum: g.cumText, cumPct: g.cumPct, name: g.inline ? `${g.name} ${g.inline}` : g.name };
    assert.deepEqual(got, w, `${rel} ${type} row ${i} as pprof -top prints it`);
  }
}

function assertRowsMatch(rows, o, type) {
  const want = o.types[type].functions.slice(0, N);
  assert.ok(rows.length >= Math.min(N, want.length) - 2, `only ${rows.length} rows rendered`);
  for (let i = 0; i < Math.min(rows.length, want.length); i++) {
    const got = rows[i];
    const exp = want[i];
    assert.equal(got.name, exp.name, `${type} row ${i}: name`);
    assert.equal(got.flat, exp.flat, `${type} row ${i} (${exp.name}): flat`);
    assert.equal(got.cum, exp.cum, `${type} row ${i} (${exp.name}): cum`);
    assert.equal(got.inline, exp.inline ?? '', `${type} row ${i} (${exp.name}): inline mark`);
  }
}

test('heap profile: the first rows are pprof -top for the default sample type', async () => {
  const { page } = site;
  await openFiles(page, [corpus('go/heap_t2.pb.gz')]);
  const o = oracle('go/heap_t2.pb.gz');
  const type = defaultType(o);
  assert.equal(type, 'inuse_space');
  const selected = await page.$eval('#sample-type', (el) => el.selectedOptions[0].textContent);
  assert.ok(selected.startsWith('inuse_space '), selected);
  const rows = await readGrid(page, N);
  assertRowsMatch(rows, o, type);
  assertTextMatches(rows, 'go/heap_t2.pb.gz', type);
  const first = rows[0];
  assert.match(first.flatText, /^[\d.]+(B|kB|MB|GB)$/, 'bytes are formatted in pprof units');
  assert.match(first.flatPct, /^\d+\.\d\d%$|^100%$/);
  await screenshot(page, 'top-heap.png');
});

test('switching the sample type changes the rows to pprof -sample_index', async () => {
  const { page } = site;
  const o = oracle('go/heap_t2.pb.gz');
  for (const type of ['alloc_space', 'alloc_objects', 'inuse_objects']) {
    await selectSampleType(page, type);
    assertRowsMatch(await readGrid(page, N), o, type);
  }
  assert.ok((await page.evaluate(() => location.hash)).includes('t=inuse_objects'), 'view state is in the URL hash');
});

test('CPU profile: default type, units and inline marks as pprof prints them', async () => {
  const { page } = site;
  await openFiles(page, [corpus('go/cpu.pb.gz')]);
  const o = oracle('go/cpu.pb.gz');
  // The URL still asks for inuse_objects, which a CPU profile lacks: the default applies.
  const type = defaultType(o);
  let rows = await readGrid(page, N);
  assertRowsMatch(rows, o, type);
  assertTextMatches(rows, 'go/cpu.pb.gz', type);
  await selectSampleType(page, 'samples');
  rows = await readGrid(page, N);
  assertRowsMatch(rows, o, 'samples');
  assertTextMatches(rows, 'go/cpu.pb.gz', 'samples');
  const listed = await page.$$eval('#profile-list .profile-name', (els) => els.map((e) => e.textContent));
  assert.deepEqual(listed, ['heap_t2.pb.gz', 'cpu.pb.gz'], 'both profiles stay listed');
  const meta = await page.$eval('#profile-list .profile.active .meta-list', (el) => el.textContent);
  for (const word of ['Kind', 'cpu', 'Sample types', 'samples/count', 'cpu/nanoseconds', 'Period', 'Time', 'Duration', 'Samples', '144']) {
    assert.ok(meta.includes(word), `metadata panel shows ${word}: ${meta}`);
  }
});

test('block profile: nanoseconds and counts formatted as pprof -top prints them', async () => {
  const { page } = site;
  await openFiles(page, [corpus('go/block.pb.gz')]);
  const o = oracle('go/block.pb.gz');
  for (const type of o.sample_types.map((t) => t.type)) {
    await selectSampleType(page, type);
    const rows = await readGrid(page, N);
    assertRowsMatch(rows, o, type);
    assertTextMatches(rows, 'go/block.pb.gz', type);
  }
  await page.click('#profile-list .profile:last-child .close');
  await page.waitForFunction(() => window.__proflens.profiles().length === 2);
  await page.click('#profile-list .profile:last-child .profile-name');
  await page.waitForFunction(() => document.querySelector('#profile-list .profile.active .profile-name')?.textContent === 'cpu.pb.gz');
});

test('every column sorts, the filter narrows, and the grid works from the keyboard', async () => {
  const { page } = site;
  const all = await readGrid(page, 200);
  // Cum, descending
  await page.click('#top-grid [role=columnheader]:nth-child(4) button');
  let rows = await readGrid(page, 200);
  assert.equal(await page.$eval('#top-grid [role=columnheader]:nth-child(4)', (e) => e.getAttribute('aria-sort')), 'descending');
  for (let i = 1; i < rows.length; i++) assert.ok(Math.abs(rows[i - 1].cum) >= Math.abs(rows[i].cum), 'sorted by cum');
  // Name, ascending
  await page.click('#top-grid [role=columnheader]:nth-child(6) button');
  rows = await readGrid(page, 200);
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].name <= rows[i].name, 'sorted by name');
  // Flat ascending then back to pprof's order
  await page.click('#top-grid [role=columnheader]:nth-child(1) button');
  await page.click('#top-grid [role=columnheader]:nth-child(1) button');
  rows = await readGrid(page, 200);
  assert.ok(rows.length > 0);
  for (const col of [2, 3, 5]) {
    await page.click(`#top-grid [role=columnheader]:nth-child(${col}) button`);
    assert.notEqual(await page.$eval(`#top-grid [role=columnheader]:nth-child(${col})`, (e) => e.getAttribute('aria-sort')), 'none');
  }
  await page.click('#top-grid [role=columnheader]:nth-child(1) button');
  if ((await page.$eval('#top-grid [role=columnheader]:nth-child(1)', (e) => e.getAttribute('aria-sort'))) !== 'descending') {
    await page.click('#top-grid [role=columnheader]:nth-child(1) button');
  }
  assert.deepEqual((await readGrid(page, 200)).map((r) => r.name), all.map((r) => r.name), 'Flat descending is pprof order');

  await page.fill('#name-filter', 'main.');
  rows = await readGrid(page, 200);
  assert.ok(rows.length > 0 && rows.every((r) => r.name.toLowerCase().includes('main.')), 'filter by name');
  await page.fill('#name-filter', '');

  await page.focus('#top-grid');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const sel = await page.$eval('#top-grid [aria-selected=true]', (r) => r.querySelector('[role=gridcell]:last-child span').textContent);
  assert.equal(sel, all[1].name, 'ArrowDown selects the second row');
  assert.equal(await page.$eval('#top-grid', (g) => g.getAttribute('aria-activedescendant')), 'row-1');
  await page.keyboard.press('End');
  assert.ok(await page.$eval('#top-grid', (g) => g.getAttribute('aria-activedescendant')), 'End keeps an active row');
  await page.keyboard.press('Home');
  assert.equal(await page.$eval('#top-grid', (g) => g.getAttribute('aria-activedescendant')), 'row-0');
});

test('granularities: lines and files give pprof-style names', async () => {
  const { page } = site;
  const frames = await page.evaluate(() => window.__proflens.marks.flameFrames);
  await page.selectOption('#granularity', 'lines');
  await page.waitForFunction((f) => window.__proflens.marks.flameFrames > f, frames);
  const rows = await readGrid(page, 10);
  assert.ok(rows.length > 0);
  assert.ok(rows.some((r) => / \S+:\d+$/.test(r.name)), `lines names end in file:line: ${rows.map((r) => r.name)}`);
  await page.selectOption('#granularity', 'functions');
  await page.waitForFunction(() => !location.hash.includes('g=lines'));
  assert.equal(site.log.pageErrors.length, 0, site.log.pageErrors.join('\n'));
});
