// The first visit: an empty page is a guide to taking profiles, with a large
// drop target and the privacy promise; "Try an example" opens the whole leak
// scenario (three heap snapshots and a goroutine dump) with no request; the
// table and the flame graph share the window; the theme follows the system.
// PROFLENS_UPDATE_SCREENSHOT=1 copies the guide's picture to docs/firstvisit.png
// and the example's trend to docs/example-trend.png (and the CPU example's
// top table and flame graph to docs/screenshot.png).
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, exportFile, openFiles, openSite, readGrid, screenshot, tempDir } from './lib.mjs';

let site;
before(async () => (site = await openSite({ viewport: { width: 1280, height: 800 } })));
after(async () => site?.close());

test('an empty page shows the guide: the curl commands, a large drop target, the privacy line', async () => {
  const { page } = site;
  assert.ok(await page.isVisible('#guide'));
  const text = await page.textContent('#guide');
  assert.ok(text.includes('curl -o heap_t0.pb.gz http://HOST:6060/debug/pprof/heap'), text);
  assert.ok(text.includes('/debug/pprof/goroutine?debug=2'), text);
  assert.match(text, /never uploaded/);
  const drop = await page.locator('#guide-drop').boundingBox();
  assert.ok(drop.height >= 120 && drop.width >= 500, JSON.stringify(drop));
  assert.equal(await page.isVisible('#top-grid'), false, 'no empty table');
  const shot = await screenshot(page, 'firstvisit.png');
  if (process.env.PROFLENS_UPDATE_SCREENSHOT === '1') copyFileSync(shot, join(ROOT, 'docs/firstvisit.png'));
  // the drop target opens the file chooser
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#guide-drop')]);
  assert.ok(chooser.isMultiple());
});

test('"Try an example" opens the leak scenario without a request', async () => {
  const { page, log } = site;
  await page.click('#guide-example');
  // snapshots and a dump of one program open on their Findings; the Trend and the dump's groups are one tab away
  await page.waitForFunction(() => window.__proflens.profiles().length === 4 && window.__proflens.view() === 'findings', null, { timeout: 60_000 });
  await page.click('#tab-goroutines');
  await page.waitForFunction(() => window.__proflens.profiles().length === 4 && window.__proflens.goroutineRows(1).length === 1, null, { timeout: 60_000 });
  const names = await page.$$eval('#profile-list .profile-name', (els) => els.map((e) => e.textContent));
  assert.deepEqual(names, ['heap_t0.pb.gz', 'heap_t1.pb.gz', 'heap_t2.pb.gz', 'goroutine_debug2.txt']);
  // three snapshots five minutes apart
  const times = await page.$$eval('#profile-list .meta-list', (ls) => ls.map((l) => l.textContent.match(/\d\d:\d\d:\d\d UTC/)?.[0]));
  assert.deepEqual(times.slice(0, 3), ['09:00:00 UTC', '09:05:00 UTC', '09:10:00 UTC']);
  // the goroutine leak is the first group on screen
  const [first] = await page.evaluate(() => window.__proflens.goroutineRows(1));
  assert.equal(first.top, 'main.awaitConfirmation');
  assert.equal(first.state, 'chan receive');
  assert.equal(first.count, 500);
  assert.ok(await page.isVisible('#goroutines-view'));
  // and the heap leak leads the trend, with the first → last diff below it
  await page.click('#tab-trend');
  await page.waitForFunction(() => window.__proflens.view() === 'trend' && window.__proflens.trendRows(1).length > 0 && window.__proflens.flameKind() === 'diff', null, { timeout: 60_000 });
  assert.deepEqual(await page.evaluate(() => window.__proflens.series()), ['heap_t0.pb.gz', 'heap_t1.pb.gz', 'heap_t2.pb.gz']);
  assert.equal((await page.evaluate(() => window.__proflens.trendRows(1)))[0].name, 'main.newItem');
  assert.ok(await page.isVisible('#trend-grid'));
  // the Export menu offers the table on screen: the trend's, then the groups' in their tab
  const trendCsv = (await exportFile(page, '#export-tables [data-table=trend][data-format=csv]')).bytes.toString('utf8').split('\r\n');
  assert.match(trendCsv[0], /^Score,Tau,Delta,.*,Site,/);
  assert.ok(trendCsv[1].includes(',main.newItem,'), trendCsv[1]);
  await page.click('#export-menu summary'); // closed, so the tabs can be reached
  await page.click('#tab-goroutines'); // the groups' table is on screen in their tab
  const groups = (await exportFile(page, '#export-tables [data-table=goroutines][data-format=md]')).bytes.toString('utf8').split('\n');
  assert.match(groups[0], /^\| Goroutines \| State \|/);
  assert.match(groups[2], /^\| 500 \| chan receive \|.*main\.awaitConfirmation/);
  await page.click('#export-menu summary');
  await page.click('#tab-trend');
  // the picture for the README: a taller window, so all three fit
  await page.setViewportSize({ width: 1280, height: 1150 });
  await page.waitForFunction(() => window.__proflens.frameRects().length > 3);
  const shot = await screenshot(page, 'example-trend.png');
  if (process.env.PROFLENS_UPDATE_SCREENSHOT === '1') copyFileSync(shot, join(ROOT, 'docs/example-trend.png'));
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.equal(await page.isVisible('#guide'), false);
  assert.deepEqual(log.requests.filter((r) => r.phase !== 'load'), [], 'the example is in the bundle');
  assert.deepEqual(log.pageErrors, []);
  // the heap leak leads the last snapshot's table
  await page.click('#profile-list [data-profile] .profile-name >> text=heap_t2.pb.gz');
  await page.waitForFunction(() => window.__proflens.rows(1)[0]?.name === 'main.newItem');
});

test('the table and the flame graph share the window, with a divider', async () => {
  const { page } = site;
  const grid = () => page.locator('#top-grid .viewport').boundingBox();
  const before = await grid();
  await page.focus('#split');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  const after = await grid();
  assert.ok(after.height > before.height + 50, `${before.height} -> ${after.height}`);
  const flame = await page.locator('#flame-view .flame-scroll').boundingBox();
  assert.ok(flame.y + flame.height <= 800 + 1, 'the flame graph ends inside the window');
  assert.ok(flame.height >= 140);
});

test('light and dark themes follow the system', async () => {
  const { page } = site;
  const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal(await bg(), 'rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.equal(await bg(), 'rgb(22, 25, 29)');
  await page.emulateMedia({ colorScheme: 'light' });
});

test('the CPU example (README picture): top table over the flame graph, with a tooltip', async () => {
  const { page } = site;
  await openFiles(page, [join(ROOT, 'www/public/example.pb.gz')]);
  const rows = await readGrid(page, 10);
  assert.ok(rows.some((r) => r.name === 'main.checksum'), 'the example has main.checksum');
  assert.ok(rows.some((r) => r.inline === '(inline)'), 'the example has inlined functions');
  await page.waitForFunction(() => window.__proflens.frameRects().length > 5);
  const r = (await page.evaluate(() => window.__proflens.frameRects())).find((x) => x.name === 'main.sortRecords');
  if (r) {
    const box = await page.locator('#flame-canvas').boundingBox();
    await page.mouse.move(box.x + r.x + r.w / 3, box.y + r.y + 8);
    await page.waitForSelector('.tooltip:not([hidden])');
  }
  const shot = await screenshot(page, 'example.png');
  if (process.env.PROFLENS_UPDATE_SCREENSHOT === '1') copyFileSync(shot, join(ROOT, 'docs/screenshot.png'));
});

test('a first file that is not a profile names itself, and the guide comes back', async () => {
  const own = await openSite({ viewport: { width: 1280, height: 800 } }); // its error stays on screen
  const { page } = own;
  const dir = await tempDir();
  try {
    // the views take the guide's place while a file loads; a failed one gives it back
    await openFiles(page, [await dir.file('notes.txt', 'hello, not a profile\n')], { expectProfiles: 0 });
    await page.waitForFunction(() => document.querySelectorAll('#errors li').length > 0);
    assert.match(await page.textContent('#errors'), /notes\.txt: /);
    await page.waitForSelector('#guide', { state: 'visible' });
    assert.equal(await page.isVisible('#top-grid'), false, 'no empty table');
  } finally {
    await dir.cleanup();
    await own.close();
  }
});
