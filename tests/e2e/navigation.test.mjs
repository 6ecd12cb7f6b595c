// The transform stack (issue 8 point 5): focus from the table's context menu, checked
// against live `go tool pprof -top -focus=…`; removing the chip restores the view; the
// stack lives in the URL hash and survives a reload with the same file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { corpus, openFiles, openSite, readGrid } from './lib.mjs';

const FILE = corpus('go/cpu.pb.gz');
let site;
before(async () => (site = await openSite()));
after(async () => site?.close());

const UNITS = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, mins: 60e9, hrs: 3600e9 };
/** A duration as printed ("0.19s", "190ms") in ns: the two sides may pick different units. */
const ns = (text) => {
  if (text === "0") return 0;
  const m = text.match(/^([\d.]+)([a-zµ]+)$/);
  return Number(m[1]) * UNITS[m[2]];
};

const quoteMeta = (s) => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

/** name → {flat, cum} as live pprof prints them with -focus. */
function pprofFocus(re) {
  const out = execFileSync('go', ['tool', 'pprof', '-top', '-nodefraction=0', '-edgefraction=0', '-symbolize=none', `-focus=${re}`, FILE], { encoding: 'utf8' });
  const lines = out.split('\n');
  const head = lines.findIndex((l) => /^\s+flat\s+flat%/.test(l));
  const rows = new Map();
  for (const l of lines.slice(head + 1)) {
    const m = l.match(/^\s*(\S+)\s+\S+\s+\S+\s+(\S+)\s+\S+\s+(.*?)( \(inline\))?$/);
    if (m) rows.set(m[3], { flat: m[1], cum: m[2] });
  }
  return rows;
}

/** Polls the table until `pred(rows)` holds. */
async function rowsWhen(page, pred, n = 400) {
  for (let i = 0; i < 100; i++) {
    const rows = await readGrid(page, n);
    if (pred(rows)) return rows;
    await page.waitForTimeout(100);
  }
  throw new Error('the table never reached the expected state');
}

const sameAs = (want) => (rows) => rows.length === want.length && rows.every((r, i) => r.name === want[i].name && r.flat === want[i].flat);

let before0, focusName, focusedRows, flameBefore;

test('focus from the table context menu matches pprof -focus, in the table and the flame graph', async () => {
  const { page } = site;
  await openFiles(page, [FILE]);
  before0 = await readGrid(page, 400);
  flameBefore = await page.evaluate(() => window.__proflens.frameRects().length);
  focusName = before0[3].name;
  await page.click('#top-grid .rows [role=row][aria-rowindex="5"]', { button: 'right' });
  await page.click('.function-menu [data-action=focus]');
  await page.waitForSelector('.transform-chips .chip');
  const want = pprofFocus(`^${quoteMeta(focusName)}$`);
  focusedRows = await rowsWhen(page, (rows) => rows.length === want.size);
  for (const r of focusedRows) {
    const w = want.get(r.name);
    assert.ok(w, `${r.name} is in pprof -focus`);
    assert.deepEqual({ flat: ns(r.flatText), cum: ns(r.cumText) }, { flat: ns(w.flat), cum: ns(w.cum) }, r.name);
  }
  const flameAfter = await page.evaluate(() => window.__proflens.frameRects().length);
  assert.ok(flameAfter < flameBefore, `flame graph has fewer frames (${flameAfter} < ${flameBefore})`);
  assert.match(await page.evaluate(() => location.hash), /[#&]x=f\./);
});

test('reloading with the same URL and file restores the transform stack', async () => {
  const { page } = site;
  await page.reload();
  await page.waitForFunction(() => window.__proflens?.ready);
  await openFiles(page, [FILE]);
  await page.waitForSelector('.transform-chips .chip');
  await rowsWhen(page, sameAs(focusedRows));
});

test('removing the chip restores table and flame graph', async () => {
  const { page } = site;
  await page.click('.transform-chips .chip-remove');
  await rowsWhen(page, sameAs(before0));
  await page.waitForFunction((n) => window.__proflens.frameRects().length === n, flameBefore);
  assert.equal(await page.$('.transform-chips .chip'), null);
});

test('the context menu opens from the keyboard (Shift+F10) and merges into callers', async () => {
  const { page } = site;
  await page.focus('#top-grid');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+F10');
  await page.waitForSelector('.function-menu:not([hidden])');
  await page.keyboard.press('End'); // "Show lines" is last, merge into callers before it
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.transform-chips .chip[data-op=hide]');
  await page.click('.transform-chips .chip-remove');
});
