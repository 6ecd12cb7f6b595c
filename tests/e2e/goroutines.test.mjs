// The Goroutines view: drop the corpus's debug=2 dump and the leaked group comes first
// with its state and count; chips filter by state; a row expands to its stack and
// creator; a second dump is compared with the first and flags the growing group.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { corpus, openFiles, screenshot, siteWithTempDir } from './lib.mjs';

const fx = siteWithTempDir();
const DUMP = corpus('go/goroutine_debug2.txt');
const TEXT = readFileSync(DUMP, 'utf8');

/** The group grid's displayed rows, once it has some. */
async function groupRows(page, n = 20) {
  await page.waitForFunction(() => window.__proflens.goroutineRows(1).length > 0);
  return page.evaluate((n) => window.__proflens.goroutineRows(n), n);
}

/** The first rendered grid row's cells as text. */
function firstRowCells(page) {
  return page.$$eval('#goroutine-grid .rows [role=row]:first-child .gcells [role=gridcell]', (cells) =>
    cells.filter((c) => getComputedStyle(c).display !== 'none').map((c) => c.textContent),
  );
}

test('a debug=2 dump opens the Goroutines view with the leak first', async () => {
  const { page } = fx.site;
  await openFiles(page, [DUMP]);
  assert.equal(await page.$eval('#goroutines-view', (e) => e.hidden), false, 'the view is shown');
  const rows = await groupRows(page);
  assert.deepEqual(
    { count: rows[0].count, state: rows[0].state, top: rows[0].top, creator: rows[0].creator },
    { count: 1238, state: 'chan receive', top: 'main.awaitConfirmation', creator: 'main.handleOrder' },
  );
  await page.waitForSelector('#goroutine-grid .rows [role=row]');
  const cells = await firstRowCells(page);
  assert.equal(cells[0].replace(/^[▸▾]\s*/, ''), '1,238');
  assert.equal(cells[1], 'chan receive');
  assert.equal(cells[4], 'main.awaitConfirmation');
  const heading = await page.$eval('#goroutine-heading', (e) => e.textContent);
  const headers = TEXT.split('\n').filter((l) => l.startsWith('goroutine ')).length;
  assert.ok(heading.startsWith(`${headers.toLocaleString('en-US')} goroutines`), heading);
});

test('state chips count goroutines and filter the groups', async () => {
  const { page } = fx.site;
  const chips = await page.$$eval('#goroutine-chips .chip', (cs) => cs.map((c) => c.textContent));
  const count = (state) => TEXT.split('\n').filter((l) => l.startsWith('goroutine ') && (l.includes(`[${state}]`) || l.includes(`[${state},`))).length;
  for (const state of ['chan receive', 'semacquire', 'IO wait', 'select', 'select (no cases)', 'sleep']) {
    assert.ok(chips.includes(`${state} ${count(state).toLocaleString('en-US')}`), `${state}: ${chips.join(' | ')}`);
  }
  await page.click('#goroutine-chips .chip[data-state="semacquire"]');
  const rows = await groupRows(page);
  assert.deepEqual(
    rows.map((r) => [r.state, r.count]),
    [['semacquire', 3]],
  );
  await page.click('#goroutine-chips .chip[data-state=""]');
  assert.equal((await groupRows(page)).length, 10);
});

test('a row expands to its full stack and creator; the histogram counts waits', async () => {
  const { page } = fx.site;
  await page.click('#goroutine-grid .rows [role=row]:first-child .gcells');
  await page.waitForFunction(() => document.querySelector('#goroutine-grid .gdetail .creator'));
  const detail = await page.$eval('#goroutine-grid .gdetail', (e) => e.textContent);
  assert.ok(detail.includes('main.awaitConfirmation  inventory-server/main.go:166'), detail);
  assert.ok(detail.includes('created by main.handleOrder  inventory-server/main.go:186'), detail);
  const expanded = await page.$eval('#goroutine-grid .rows [role=row]:first-child', (e) => e.getAttribute('aria-expanded'));
  assert.equal(expanded, 'true');
  const oneMinute = TEXT.split('\n').filter((l) => l.startsWith('goroutine ') && l.includes(', 1 minutes')).length;
  const bars = await page.$$eval('#goroutine-waits .wait-row', (rs) => rs.map((r) => r.getAttribute('aria-label')));
  assert.ok(bars.includes(`1 min: ${oneMinute.toLocaleString('en-US')} goroutines`), bars.join(' | '));
  await page.waitForFunction(() => document.querySelector('#goroutine-flame-canvas')?.width > 0);
  await screenshot(page, 'goroutines.png');
});

test('compared with an older dump, the growing group is a likely leak', async () => {
  const { page } = fx.site;
  // The older dump: 400 fewer leaked goroutines, and none yet blocked for a minute.
  let dropped = 0;
  const older = TEXT.split('\n\n')
    .filter((b) => !(b.includes('main.awaitConfirmation') && dropped++ < 400))
    .join('\n\n')
    .replace(/, 1 minutes\]/g, ']');
  const base = await fx.tmp.file('older.txt', older);
  await openFiles(page, [base, DUMP], { expectProfiles: 2 });
  const names = await page.$$eval('#goroutine-base option', (os) => os.map((o) => o.textContent));
  assert.ok(names.includes('older.txt'), names.join(','));
  const value = await page.$eval('#goroutine-base', (s) => [...s.options].find((o) => o.textContent === 'older.txt').value);
  await page.selectOption('#goroutine-base', value);
  await page.waitForFunction(() => !Number.isNaN(window.__proflens.goroutineRows(1)[0]?.base));
  const rows = await groupRows(page);
  assert.deepEqual(
    { count: rows[0].count, base: rows[0].base, likelyLeak: rows[0].likelyLeak },
    { count: 1238, base: 838, likelyLeak: true },
  );
  assert.ok(rows.slice(1).every((r) => r.base === r.count), 'the other groups did not change');
  const cells = await firstRowCells(page);
  assert.deepEqual(cells.slice(1, 3), ['838', '+400']);
  assert.ok(cells.includes('likely leak'), cells.join(' | '));
  await screenshot(page, 'goroutines-diff.png');
});

test('the state filter and the compared dump live in the URL and come back after a reload', async () => {
  const { page } = fx.site;
  await page.click('#goroutine-chips .chip[data-state="semacquire"]');
  const hash = await page.evaluate(() => location.hash);
  const keys = new URLSearchParams(hash.slice(1));
  assert.deepEqual([keys.get('gs'), keys.get('gb')], ['semacquire', 'older.txt'], hash);
  const before0 = await groupRows(page);
  await page.reload();
  await page.waitForFunction(() => window.__proflens?.ready);
  await openFiles(page, [join(fx.tmp.dir, 'older.txt'), DUMP], { expectProfiles: 2 });
  await page.waitForFunction(() => !Number.isNaN(window.__proflens.goroutineRows(1)[0]?.base));
  assert.equal(await page.getAttribute('#goroutine-chips .chip[data-state="semacquire"]', 'aria-pressed'), 'true');
  assert.equal(await page.$eval('#goroutine-base', (s) => s.selectedOptions[0].textContent), 'older.txt');
  assert.deepEqual(await groupRows(page), before0, 'the same groups, filtered and compared alike');
  assert.equal(await page.evaluate(() => location.hash), hash, 'the restored view writes the same hash');
});

test('a hostile function name in a dump renders as text', async () => {
  const { page } = fx.site;
  const XSS = '<img src=x onerror="window.__xss=1">';
  const file = await fx.tmp.file('xss.txt', `goroutine 1 [select]:\n${XSS}()\n\t/x.go:1 +0x1\n`);
  await openFiles(page, [file]);
  // The grid shows the new dump's groups once they arrive.
  await page.waitForFunction((x) => window.__proflens.goroutineRows(1)[0]?.top === x, XSS);
  assert.equal((await groupRows(page)).length, 1, 'a new dump starts with no base');
  await page.waitForSelector('#goroutine-grid .rows [role=row]');
  assert.equal((await firstRowCells(page))[4], XSS);
  assert.equal(await page.evaluate(() => document.querySelectorAll('#goroutines-view img').length), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
});
