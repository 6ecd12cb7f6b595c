// The Call tree and Sandwich views (issue 8 web items 7 and 8), driven from the keyboard
// alone: the Call tree tab is reached with Tab and the arrow keys, `*` expands the
// heaviest path, whose totals must equal sums of pprof's own folded stacks (the oracle);
// Enter on a row opens that function's sandwich, whose caller/callee table must equal
// live `go tool pprof -peek`; the context-menu key opens a sandwich from the Top table;
// the view and the function are in the URL.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { CORPUS, corpus, defaultType, openFiles, openSite, oracle, RESULTS } from './lib.mjs';

const REL = 'go/cpu.pb.gz';
const FILE = corpus(REL);
let site;
before(async () => (site = await openSite()));
after(async () => site?.close());

/** The oracle's folded stacks of one sample type: [[frames root first], value]. */
function folded(rel, type) {
  const path = join(CORPUS, 'oracle', `${rel}.folded.txt`);
  const text = existsSync(path) ? readFileSync(path, 'utf8') : gunzipSync(readFileSync(path + '.gz')).toString('utf8');
  const lines = text.split('\n');
  const column = lines[0].replace(/^#.*<TAB>/, '').split(' ').findIndex((c) => c.startsWith(`${type}/`));
  assert.ok(column >= 0, `folded header names ${type}`);
  return lines
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const tab = l.lastIndexOf('\t');
      return [l.slice(0, tab).split(';'), Number(l.slice(tab + 1).split(' ')[column])];
    });
}

const quoteMeta = (s) => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

/** Live `go tool pprof -peek` in raw units: callers and callees as [name with mark, weight]. */
function pprofPeek(name, type, unit) {
  const out = execFileSync('go', ['tool', 'pprof', '-nodefraction=0', '-edgefraction=0', '-symbolize=none', `-sample_index=${type}`, `-unit=${unit}`, `-peek=^${quoteMeta(name)}$`, FILE], { encoding: 'utf8' });
  const callers = [];
  const callees = [];
  let seen = false;
  for (const line of out.split('\n').filter((l) => l.includes('|') && !l.startsWith('-'))) {
    const bar = line.lastIndexOf('|');
    const fields = line.slice(0, bar).trim().split(/\s+/);
    if (fields.length === 5) {
      seen = true;
      continue;
    }
    (seen ? callees : callers).push([line.slice(bar + 1).trim(), parseInt(fields[0], 10)]);
  }
  assert.ok(seen, `pprof -peek found ${name}`);
  return { callers, callees };
}

/** The sandwich table of `name` against live pprof -peek, and its function row against the oracle's cum. */
async function checkPeek(page, name) {
  const rows = await page.evaluate(() => window.__proflens.sandwichRows());
  const mark = (r) => r.name + (r.inline ? ' (inline)' : '');
  const want = pprofPeek(name, TYPE, 'ns');
  assert.deepEqual(rows.filter((r) => r.relation === 'caller').map((r) => [mark(r), r.value]), want.callers, `${name}: callers`);
  assert.deepEqual(rows.filter((r) => r.relation === 'callee').map((r) => [mark(r), r.value]), want.callees, `${name}: callees`);
  const self = rows.find((r) => r.relation === 'function');
  assert.equal(self.value, o.types[TYPE].functions.find((f) => f.name === name).cum, `${name}: the function row is its cum`);
  return rows;
}

const active = (page) => page.evaluate(() => ({ id: document.activeElement?.id ?? '', role: document.activeElement?.getAttribute('role'), inTree: !!document.activeElement?.closest('#calltree-grid') }));

/** Presses `key` until `pred(active element)` holds. */
async function pressUntil(page, key, pred, max = 60) {
  for (let i = 0; i < max; i++) {
    if (pred(await active(page))) return;
    await page.keyboard.press(key);
  }
  assert.fail(`${key} never reached the wanted element (at ${JSON.stringify(await active(page))})`);
}

const o = oracle(REL);
const TYPE = defaultType(o);
let sandwichName;

test('the call tree opens from the keyboard and `*` expands the heaviest path with pprof totals', async () => {
  const { page } = site;
  await openFiles(page, [FILE]);
  await page.evaluate(() => document.activeElement?.blur());
  await pressUntil(page, 'Tab', (a) => a.id === 'tab-top');
  await pressUntil(page, 'ArrowRight', (a) => a.id === 'tab-calltree');
  assert.equal(await page.getAttribute('#tab-calltree', 'aria-selected'), 'true');
  await page.waitForSelector('#calltree-grid [role=row][aria-level]');
  await pressUntil(page, 'Tab', (a) => a.inTree && a.role === 'row', 15);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-level')), '1');

  await page.keyboard.press('*');
  // the heaviest path is expanded when the focused row is a leaf
  await page.waitForFunction(() => {
    const r = document.activeElement;
    return r?.getAttribute('role') === 'row' && Number(r.getAttribute('aria-level')) > 3 && !r.hasAttribute('aria-expanded');
  });
  await page.screenshot({ path: join(RESULTS, 'calltree.png') });
  const rows = await page.evaluate(() => window.__proflens.callTreeRows());
  const stacks = folded(REL, TYPE);
  const path = [];
  for (const r of rows) {
    path.length = r.level;
    path.push(r.name);
    const want = stacks.filter(([s]) => path.every((f, i) => s[i] === f)).reduce((a, [, v]) => a + v, 0);
    assert.equal(r.total, want, `total of ${path.join(' ▸ ')}`);
  }
  // each expanded row is its parent's heaviest child
  for (let i = 0; i < rows.length; i++) {
    if (!rows[i].expanded) continue;
    const siblings = rows.filter((r, j) => r.level === rows[i].level && rows.slice(Math.min(i, j), Math.max(i, j)).every((x) => x.level >= rows[i].level));
    assert.equal(Math.max(...siblings.map((s) => Math.abs(s.total))), Math.abs(rows[i].total), `${rows[i].name} is the heaviest`);
  }
  // the outermost rows' totals are pprof's cum when the function occurs nowhere else
  const cum = new Map(o.types[TYPE].functions.map((f) => [f.name, f.cum]));
  const top = rows.filter((r) => r.level === 0);
  assert.equal(top[0].total, cum.get(top[0].name), `${top[0].name}: outermost total = pprof cum`);
  // the focused row's cell shows the same exact total
  const focused = await page.evaluate(() => document.activeElement.querySelectorAll('[role=gridcell]')[2].title);
  assert.equal(Number(focused.split(' ')[0]), rows.findLast((r) => r.level === Math.max(...rows.map((x) => x.level))).total);
});

test('Enter on a call tree row opens its sandwich, whose table equals live pprof -peek', async () => {
  const { page } = site;
  await page.keyboard.press('ArrowLeft'); // a leaf: to its parent, which has callees
  sandwichName = await page.evaluate(() => document.activeElement.querySelector('.name span:nth-child(2)').textContent);
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelector('#sandwich-title')?.textContent === `Sandwich: ${n}`, sandwichName);
  assert.equal(await page.getAttribute('#tab-sandwich', 'aria-selected'), 'true');
  await checkPeek(page, sandwichName);
  // Enter on the caller row moves the sandwich to the caller: check that one too
  const caller = (await page.evaluate(() => window.__proflens.sandwichRows())).find((r) => r.relation === 'caller');
  await pressUntil(page, 'Tab', (a) => a.id === 'sandwich-grid', 10);
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelector('#sandwich-title')?.textContent === `Sandwich: ${n}`, caller.name);
  sandwichName = caller.name;
  const rows = await checkPeek(page, sandwichName);
  assert.ok(rows.filter((r) => r.relation === 'callee').length > 2, 'a function with several callees');
  // both flame graphs are drawn, the function at the base of each
  for (const id of ['sandwich-callers-canvas', 'sandwich-callees-canvas']) {
    const h = await page.$eval(`#${id}`, (c) => c.height);
    assert.ok(h > 0, `${id} drawn`);
  }
  await page.screenshot({ path: join(RESULTS, 'sandwich.png') });
  const hash = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));
  assert.equal(hash.get('m'), 'sandwich');
  assert.equal(hash.get('w'), sandwichName);
});

test('the context-menu key on a Top row offers "Show in sandwich"', async () => {
  const { page } = site;
  await page.keyboard.press('Shift+Tab');
  await pressUntil(page, 'Shift+Tab', (a) => a.id === 'tab-sandwich');
  await pressUntil(page, 'ArrowLeft', (a) => a.id === 'tab-top');
  await pressUntil(page, 'Tab', (a) => a.id === 'top-grid', 20);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown'); // the second row by flat
  const name = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)).get('sel');
  assert.ok(name, 'a row is selected');
  await page.keyboard.press('Shift+F10');
  await page.waitForSelector('.function-menu:not([hidden])');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'menu-sandwich', 'the first item');
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelector('#sandwich-title')?.textContent === `Sandwich: ${n}`, name);
  const rows = await page.evaluate(() => window.__proflens.sandwichRows());
  assert.equal(rows.find((r) => r.relation === 'function').value, o.types[TYPE].functions.find((f) => f.name === name).cum);
  assert.equal(new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)).get('w'), name);
  assert.deepEqual(site.log.pageErrors, []);
});

test('a reload with the same URL and file brings the sandwich of the same function back', async () => {
  const { page } = site;
  const hash = await page.evaluate(() => location.hash);
  const name = new URLSearchParams(hash.slice(1)).get('w');
  assert.ok(name && hash.includes('m=sandwich'), hash);
  const before0 = await page.evaluate(() => window.__proflens.sandwichRows());
  await page.reload();
  await page.waitForFunction(() => window.__proflens?.ready);
  await page.setInputFiles('#file-input', [FILE]);
  await page.waitForFunction((n) => document.querySelector('#sandwich-title')?.textContent === `Sandwich: ${n}`, name, { timeout: 120_000 });
  assert.equal(await page.getAttribute('#tab-sandwich', 'aria-selected'), 'true');
  assert.deepEqual(await page.evaluate(() => window.__proflens.sandwichRows()), before0, 'the same callers and callees');
  assert.equal(await page.evaluate(() => location.hash), hash, 'the restored view writes the same hash');
});
