// The label panel (issue 8 point 6) against live `go tool pprof`: each key's values,
// amounts and percentages equal `-tags`; clicking a value gives the table of
// `-top -tagfocus=…` and Alt+click adds `-tagignore=…`; a numeric value's filter
// selects exactly the samples `-tags` counts for it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { corpus, openFiles, openSite, parsePprofTop, readGrid } from './lib.mjs';

const LABELS = corpus('external/parca/profile-with-labels.pb.gz');
const HEAP = corpus('go/heap_t2.pb.gz');
let site;
before(async () => (site = await openSite()));
after(async () => site?.close());

const pprof = (args, file) => execFileSync('go', ['tool', 'pprof', '-symbolize=none', ...args, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

/** `-tags` as { key: { total, values: [{ amount, pct, name }] } }, amounts as printed. */
function pprofTags(file, type) {
  const keys = {};
  let cur = null;
  for (const line of pprof(['-tags', `-sample_index=${type}`], file).split('\n')) {
    const k = line.match(/^\s*(\S+): Total (\S+)$/);
    const v = line.match(/^\s*(\S+) \(\s*([\d.]+%)\): (.*)$/);
    if (k) keys[k[1]] = cur = { total: k[2], values: [] };
    else if (v && cur) cur.values.push({ amount: v[1], pct: v[2], name: v[3] });
  }
  return keys;
}

/** `-top` rows with exact integers (-unit=B for bytes; counts print as integers). */
function pprofTop(file, type, flags) {
  const out = pprof(['-top', '-nodecount=1000000', '-nodefraction=0', '-edgefraction=0', `-sample_index=${type}`, '-unit=B', ...flags], file);
  return parsePprofTop(out).map((r) => ({ name: r.name.replace(/ \((partial-)?inline\)$/, ''), flat: parseInt(r.flat, 10), cum: parseInt(r.cum, 10) }));
}

/** The label panel as shown: key → [{ name, value (exact), pct }]. */
const panel = (page) =>
  page.evaluate(() => {
    const out = {};
    for (const g of document.querySelectorAll('.label-panel .label-key-group')) {
      out[g.dataset.key] = [...g.querySelectorAll('.label-values .label-value')].map((b) => ({
        name: b.querySelector('.label-name').textContent,
        value: Number(b.dataset.value),
        pct: b.querySelector('.label-pct').textContent,
      }));
    }
    return out;
  });

/** Polls the table until it has exactly pprof's rows (names, exact flat and cum). */
async function tableEquals(page, want) {
  let got = [];
  for (let i = 0; i < 100; i++) {
    got = (await readGrid(page, want.length + 5)).map((r) => ({ name: r.name, flat: r.flat, cum: r.cum }));
    const key = (rows) => JSON.stringify([...rows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
    if (key(got) === key(want)) return;
    await page.waitForTimeout(100);
  }
  assert.deepEqual(got, want, 'the table equals pprof -top with the same filters');
}

test('every label key, value, amount and % equals go tool pprof -tags', async () => {
  const { page } = site;
  await openFiles(page, [LABELS]);
  await page.waitForSelector('.label-panel:not([hidden]) .label-value');
  const want = pprofTags(LABELS, 'samples');
  const got = await panel(page);
  assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort());
  for (const [key, w] of Object.entries(want)) {
    assert.deepEqual(
      got[key].map((v) => ({ name: v.name, amount: v.value.toFixed(1), pct: v.pct })),
      w.values.map((v) => ({ name: v.name, amount: v.amount, pct: v.pct })),
      key,
    );
  }
});

test('clicking a value adds tagfocus (table = pprof -tagfocus); Alt+click adds tagignore', async () => {
  const { page } = site;
  const threadValues = '.label-key-group[data-key=thread_id] .label-value';
  const threads = await page.locator(threadValues).count();
  const value = page.locator(threadValues).nth(1);
  const id = await value.locator('.label-name').textContent();
  await value.click();
  await page.waitForSelector('.transform-chips .chip[data-op=tagfocus]');
  assert.equal(await page.textContent('.transform-chips .chip[data-op=tagfocus] code'), `thread_id=^${id}$`);
  await tableEquals(page, pprofTop(LABELS, 'samples', [`-tagfocus=thread_id=^${id}$`]));
  // the panel now shows the filtered profile: one thread
  await page.waitForFunction(() => document.querySelectorAll('.label-key-group[data-key=thread_id] .label-value').length === 1);
  await page.locator('.transform-chips .chip-remove').click();
  await page.waitForFunction(() => !document.querySelector('.transform-chips .chip'));
  // the panel shows every thread again (it follows the table, a request later): a value
  // read before would be the filtered panel's
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [threadValues, threads]);

  const other = page.locator('.label-key-group[data-key=thread_id] .label-value').first();
  const otherId = await other.locator('.label-name').textContent();
  await other.click({ modifiers: ['Alt'] });
  await page.waitForSelector('.transform-chips .chip[data-op=tagignore]');
  await tableEquals(page, pprofTop(LABELS, 'samples', [`-tagignore=thread_id=^${otherId}$`]));
  // keyboard: Alt+Enter on a value ignores it too
  await page.waitForFunction((gone) => ![...document.querySelectorAll('.label-key-group[data-key=thread_id] .label-name')].some((n) => n.textContent === gone), otherId);
  const third = page.locator('.label-key-group[data-key=thread_id] .label-value').first();
  const thirdId = await third.locator('.label-name').textContent();
  await third.focus();
  await page.keyboard.press('Alt+Enter');
  await page.waitForFunction(() => document.querySelectorAll('.transform-chips .chip[data-op=tagignore]').length === 2);
  await tableEquals(page, pprofTop(LABELS, 'samples', [`-tagignore=thread_id=^${otherId}$|^${thirdId}$`]));
  while (await page.$('.transform-chips .chip-remove')) await page.click('.transform-chips .chip-remove');
});

test('a rounded numeric value (2.62kB) filters exactly the samples -tags counts for it', async () => {
  const { page } = site;
  await openFiles(page, [HEAP]);
  const index = await page.$eval('#sample-type', (s) => [...s.options].find((o) => o.textContent.startsWith('inuse_space ')).value);
  await page.selectOption('#sample-type', index);
  const want = pprofTags(HEAP, 'inuse_space').bytes.values.find((v) => v.name === '2.62kB');
  assert.ok(want, 'pprof -tags lists 2.62kB');
  // the numeric key has a histogram: one bar per power of two, from 16B (2^4) to 3.45MB (< 2^22)
  await page.waitForSelector('.label-key-group[data-key=bytes] .label-histogram');
  assert.equal((await page.$$('.label-key-group[data-key=bytes] .label-histogram .label-bar')).length, 22 - 4);
  const value = page.locator('.label-key-group[data-key=bytes] .label-values .label-value', { hasText: '2.62kB' });
  await value.click();
  await page.waitForSelector('.transform-chips .chip[data-op=tagfocus]');
  const filter = await page.textContent('.transform-chips .chip[data-op=tagfocus] code');
  const rows = pprofTop(HEAP, 'inuse_space', [`-tagfocus=${filter}`]);
  await tableEquals(page, rows);
  // pprof's own total for that filter is the amount -tags gives the value
  const shown = pprof(['-top', '-sample_index=inuse_space', `-tagfocus=${filter}`], HEAP).match(/accounting for (\S+),/)[1];
  assert.equal(Number.parseFloat(shown).toFixed(1) + shown.replace(/^[\d.]+/, ''), want.amount);
  while (await page.$('.transform-chips .chip-remove')) await page.click('.transform-chips .chip-remove');
});
