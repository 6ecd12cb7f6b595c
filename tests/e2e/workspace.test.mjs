// The workspace (issue 20): three heap snapshots and a debug=2 dump dropped
// together. The first tab is the one that answers the most (Findings, for two
// kinds of file of one program; the Trend of the series one click away); one view is on screen at a time, the Goroutines tab among them; the
// page never scrolls: at 1280×720 the Top view's flame graph is on screen, and at
// 900 px wide nothing scrolls sideways; focus never falls to <body> after a tab
// switch, closing a profile or collapsing the side panel.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { corpus, openFiles, screenshot, siteWithTempDir } from './lib.mjs';

const fx = siteWithTempDir({ viewport: { width: 1280, height: 720 } });
const HEAPS = ['go/heap_t0.pb.gz', 'go/heap_t1.pb.gz', 'go/heap_t2.pb.gz'].map(corpus);
const DUMP = corpus('go/goroutine_debug2.txt');
const TABS = ['top', 'diff', 'trend', 'calltree', 'sandwich', 'findings', 'goroutines'];

/** The view panels on screen (rendered, with some size). */
const shownPanels = (page) =>
  page.$$eval('#view-panels > [role=tabpanel]', (ps) => ps.filter((p) => p.getClientRects().length && p.getBoundingClientRect().height > 0).map((p) => p.id));

/** How far the page itself scrolls, each way (0 when it fits the window). */
const pageOverflow = (page) =>
  page.evaluate(() => {
    const d = document.scrollingElement;
    return { x: d.scrollWidth - d.clientWidth, y: d.scrollHeight - d.clientHeight };
  });

const focusIsOnBody = (page) => page.evaluate(() => !document.activeElement || document.activeElement === document.body);

test('the first tab shown answers the most: the Findings of snapshots and a dump; the Trend and the dump are one click away', async () => {
  const { page } = fx.site;
  await openFiles(page, [...HEAPS, DUMP]);
  await page.waitForFunction(() => window.__proflens.view() === 'findings' && window.__proflens.findings()?.findings.length > 0, null, { timeout: 60_000 });
  assert.deepEqual(await shownPanels(page), ['findings-view']);
  assert.equal(await focusIsOnBody(page), false, 'focus after opening the files');
  await page.click('#tab-trend');
  await page.waitForFunction(() => window.__proflens.view() === 'trend' && window.__proflens.trendRows(1).length > 0, null, { timeout: 60_000 });
  assert.deepEqual(await shownPanels(page), ['trend-view'], 'the goroutine groups do not stack over the trend');
  assert.equal(await page.getAttribute('#tab-goroutines', 'aria-disabled'), 'false');
});

test('one view on screen at a time; the Goroutines tab shows the groups', async () => {
  const { page } = fx.site;
  for (const tab of TABS) {
    await page.click(`#tab-${tab}`);
    assert.equal(await page.evaluate(() => window.__proflens.view()), tab);
    assert.deepEqual(await shownPanels(page), [`${tab}-view`], `on the ${tab} tab`);
    assert.equal(await focusIsOnBody(page), false, `focus after choosing ${tab}`);
  }
  // the Goroutines tab: the dump's groups, as goroutines.test.mjs reads them, and its own flame graph
  await page.waitForFunction(() => window.__proflens.goroutineRows(1).length > 0);
  const rows = await page.evaluate(() => window.__proflens.goroutineRows(50));
  const text = readFileSync(DUMP, 'utf8');
  const total = text.split('\n').filter((l) => l.startsWith('goroutine ')).length;
  assert.equal(rows.reduce((a, r) => a + r.count, 0), total, 'every goroutine of the dump is in a group');
  assert.deepEqual([rows[0].count, rows[0].state, rows[0].top], [1238, 'chan receive', 'main.awaitConfirmation']);
  assert.ok(await page.isVisible('#goroutine-grid'));
  assert.equal(await page.isVisible('#flame-view'), false, 'the shared flame graph steps aside for the dump’s own');
  await page.waitForFunction(() => document.querySelector('#goroutine-flame-canvas')?.width > 0);
  await screenshot(page, 'workspace-goroutines.png');
});

test('at 1280×720 the page does not scroll and the Top flame graph is on screen', async () => {
  const { page } = fx.site;
  await page.click('#profile-list [data-profile] .profile-name >> text=heap_t2.pb.gz');
  await page.waitForFunction(() => window.__proflens.view() === 'top' && window.__proflens.frameRects().length > 3, null, { timeout: 60_000 });
  assert.deepEqual(await pageOverflow(page), { x: 0, y: 0 });
  const box = await page.evaluate(() => {
    const r = document.querySelector('#flame-canvas').getBoundingClientRect();
    const scroll = document.querySelector('#flame-view .flame-scroll').getBoundingClientRect();
    return { top: r.top, visible: Math.min(scroll.bottom, innerHeight) - Math.max(scroll.top, 0), width: r.width };
  });
  assert.ok(box.top < 720 && box.visible >= 150, `the flame graph shows ${box.visible}px from y=${box.top}`);
  assert.ok(box.width >= 600, `the flame graph is ${box.width}px wide`);
  const grid = await page.$eval('#top-grid .viewport', (v) => v.getBoundingClientRect().height);
  assert.ok(grid >= 100, `the table shows ${grid}px of rows`);
  await screenshot(page, 'workspace-top-1280x720.png');
});

test('at 900 px wide no view scrolls the page sideways', async () => {
  const { page } = fx.site;
  await page.setViewportSize({ width: 900, height: 720 });
  for (const tab of TABS) {
    await page.click(`#tab-${tab}`);
    await page.waitForTimeout(50);
    assert.deepEqual(await pageOverflow(page), { x: 0, y: 0 }, `on the ${tab} tab`);
    // every panel fits its box: nothing is cut off at the right
    const wide = await page.$eval(`#${tab}-view`, (p) => p.scrollWidth - p.clientWidth);
    assert.ok(wide <= 1, `the ${tab} panel is ${wide}px wider than its box`);
  }
  await page.click('#tab-goroutines');
  await screenshot(page, 'workspace-goroutines-900.png');
  await page.setViewportSize({ width: 1280, height: 720 });
});

test('the side panel collapses and opens again; focus stays on its button, the views take the room', async () => {
  const { page } = fx.site;
  await page.click('#tab-top');
  const width = () => page.$eval('#views', (v) => v.getBoundingClientRect().width);
  const w0 = await width();
  await page.focus('#side-toggle');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#side-toggle', 'aria-expanded'), 'false');
  assert.equal(await page.isVisible('#profiles'), false);
  assert.ok((await width()) > w0 + 150, 'the views widen');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'side-toggle');
  await page.keyboard.press('Enter');
  assert.equal(await page.isVisible('#profiles'), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'side-toggle');
});

test('selecting a dump opens its tab; closing the profiles never leaves focus on <body>', async () => {
  const { page } = fx.site;
  await page.click('#profile-list [data-profile] .profile-name >> text=goroutine_debug2.txt');
  await page.waitForFunction(() => window.__proflens.view() === 'goroutines');
  await page.click('#profile-list [data-profile] .profile-name >> text=heap_t1.pb.gz');
  await page.waitForFunction(() => window.__proflens.view() === 'top');
  await page.click('#tab-trend');
  for (let left = 3; left >= 0; left--) {
    await page.focus('#profile-list .close');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => window.__proflens.profiles().length === n, left);
    assert.equal(await focusIsOnBody(page), false, `focus after closing a profile (${left} left)`);
    assert.ok((await shownPanels(page)).length <= 1);
  }
  // a series no more: the Trend gave way, and its tab says why
  assert.notEqual(await page.evaluate(() => window.__proflens.view()), 'trend');
  assert.equal(await page.getAttribute('#tab-trend', 'aria-disabled'), 'true');
});

test('a lone dump opens on its Goroutines tab; a lone profile on Top', async () => {
  const { page } = fx.site;
  await openFiles(page, [DUMP]);
  await page.waitForFunction(() => window.__proflens.view() === 'goroutines' && window.__proflens.goroutineRows(1).length > 0);
  assert.equal(await focusIsOnBody(page), false, 'focus after opening the dump');
  await openFiles(page, [corpus('go/cpu.pb.gz')]);
  assert.equal(await page.evaluate(() => window.__proflens.view()), 'top');
});
