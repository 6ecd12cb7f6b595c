// Leak hunting in the browser: three heap snapshots dropped together open the
// Trend view (the leaking site first) over the first→last diff flame graph;
// the Diff view's numbers are `go tool pprof -base/-diff_base`'s (the oracle);
// a delta profile opened alone gets the diff colours. Screenshots land in
// test-results/ (PROFLENS_UPDATE_SCREENSHOT=1 also refreshes docs/trend.png).
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, corpus, makeProfile, openFiles, oracle, screenshot, siteWithTempDir } from './lib.mjs';

const SNAPSHOTS = ['go/heap_t0.pb.gz', 'go/heap_t1.pb.gz', 'go/heap_t2.pb.gz'];
const fx = siteWithTempDir();
const hook = (page, fn, ...args) => page.evaluate(fn, ...args);

/** Moves the mouse over a frame of the flame graph; returns the tooltip's text. */
async function hover(page, name) {
  const r = (await hook(page, () => window.__proflens.frameRects())).filter((x) => x.name === name).sort((a, b) => b.w - a.w)[0];
  assert.ok(r, `a box for ${name} is drawn`);
  const box = await page.locator('#flame-canvas').boundingBox();
  await page.mouse.move(box.x + r.x + r.w / 2, box.y + r.y + r.h / 2);
  await page.waitForSelector('.tooltip:not([hidden])');
  return { rect: r, tip: await page.locator('.tooltip').innerText() };
}

/** The canvas pixel in the middle of a frame, as [r, g, b]. */
function pixel(page, r) {
  return page.$eval(
    '#flame-canvas',
    (c, r) => {
      const k = c.width / c.clientWidth;
      return Array.from(c.getContext('2d').getImageData(Math.round((r.x + r.w / 2) * k), Math.round((r.y + r.h / 2) * k), 1, 1).data.slice(0, 3));
    },
    r,
  );
}

const diffReady = (page) =>
  page.waitForFunction(() => window.__proflens.flameKind() === 'diff' && window.__proflens.frameRects().length > 0, null, { timeout: 60_000 });

test('three heap snapshots open their findings; the trend, main.newItem first, is over the first→last diff', async () => {
  const { page } = fx.site;
  // out of order on purpose: the series is ordered by the time in each file
  await page.setInputFiles('#file-input', [corpus(SNAPSHOTS[2]), corpus(SNAPSHOTS[0]), corpus(SNAPSHOTS[1])]);
  // a series opens on its Findings (issue 21); its Trend is one click away
  await page.waitForFunction(() => window.__proflens.view() === 'findings' && window.__proflens.findings()?.findings.length > 0, null, { timeout: 120_000 });
  await page.click('#tab-trend');
  await page.waitForFunction(() => window.__proflens.view() === 'trend' && window.__proflens.trendRows(1).length > 0, null, { timeout: 120_000 });
  assert.deepEqual(await hook(page, () => window.__proflens.series()), ['heap_t0.pb.gz', 'heap_t1.pb.gz', 'heap_t2.pb.gz']);
  assert.equal(await page.getAttribute('#tab-trend', 'aria-selected'), 'true');
  const [first] = await hook(page, () => window.__proflens.trendRows(1));
  assert.equal(first.name, 'main.newItem');
  assert.ok(first.tau === 1 && first.score > 50 && first.perMinute > 0, JSON.stringify(first));
  assert.ok(first.values[0] < first.values[1] && first.values[1] < first.values[2], 'values in time order, growing');
  // the grid as displayed: the first row names the site and draws its sparkline
  const row = await page.$eval('#trend-grid .rows [role=row]', (r) => ({
    name: r.querySelector('[role=gridcell]:last-child').textContent,
    points: r.querySelector('svg polyline').getAttribute('points').split(' ').length,
    index: r.getAttribute('aria-rowindex'),
  }));
  assert.deepEqual(row, { name: 'main.newItem', points: 3, index: '2' });
  const sort = await page.$eval('#trend-grid [role=columnheader][aria-sort=descending]', (e) => e.textContent);
  assert.match(sort, /^Score/);
  await diffReady(page);
  await screenshot(page, 'trend.png');
  if (process.env.PROFLENS_UPDATE_SCREENSHOT === '1') copyFileSync(join(ROOT, 'test-results/trend.png'), join(ROOT, 'docs/trend.png'));
});

test('the first→last diff flame graph: red where it grew, and the tooltip shows base → target and the delta', async () => {
  const { page } = fx.site;
  const { rect, tip } = await hover(page, 'main.newItem');
  assert.match(tip, /Base → Target: [\d.]+MB → [\d.]+MB/);
  assert.match(tip, /Delta: \+[\d.]+MB \(\+\d+\.\d\d% of base\)/);
  assert.match(tip, /Share of total: /);
  const [r, g, b] = await pixel(page, rect);
  assert.ok(r > 180 && g < 120 && b < 120, `main.newItem is drawn red: ${[r, g, b]}`);
  assert.equal(rect.fill.toLowerCase(), '#d93a2e', 'the largest growth has the deepest red');
  // the other colouring re-colours without a new layout
  await page.check('#colour-relative');
  await page.waitForFunction(() => location.hash.includes('c=r'));
  await page.check('#colour-absolute');
});

test('a trend row (click or Enter) zooms the diff flame graph to its site', async () => {
  const { page } = fx.site;
  await page.click('#trend-grid .rows [role=row] >> nth=1');
  const second = await page.$eval('#trend-grid [aria-selected=true] [role=gridcell]:last-child', (c) => c.textContent);
  await page.waitForFunction((n) => window.__proflens.zoomedName() === n, second);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => window.__proflens.zoomedName() === '');
  await page.focus('#trend-grid');
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__proflens.zoomedName() === 'main.newItem');
  assert.ok(decodeURIComponent(await page.evaluate(() => location.hash)).includes('sel=main.newItem'));
  await screenshot(page, 'trend-zoomed.png');
});

test('the diff table equals go tool pprof -diff_base, and -base changes the percent base', async () => {
  const { page } = fx.site;
  await page.click('#trend-open-diff');
  await page.waitForFunction(() => window.__proflens.view() === 'diff' && window.__proflens.diffRows(1).length > 0);
  assert.equal(await page.inputValue('#diff-target'), String((await hook(page, () => window.__proflens.profiles())).find((p) => p.name === 'heap_t2.pb.gz').id));
  const info = (mode) => page.waitForFunction((m) => document.querySelector('#diff-info').textContent.includes(`(go tool pprof -${m})`), mode);
  // -diff_base: percentages of the base's total
  await page.check('#diff-mode-diff_base');
  await info('diff_base');
  assert.ok((await page.evaluate(() => location.hash)).includes('dm=db'), 'the mode is in the URL');
  const o = oracle('go/diff_base.heap_t0__heap_t2').types.inuse_space;
  const totals = await hook(page, () => window.__proflens.diffTotals());
  assert.equal(totals.total, o.total, "-diff_base's percent base is the base total");
  const [top] = await hook(page, () => window.__proflens.diffRows(1));
  assert.deepEqual({ name: top.name, flat: top.flat, cum: top.cum }, o.functions[0]);
  // the cells show the same numbers: Delta's exact value and Delta% of the base total
  const cells = await page.$$eval('#diff-grid .rows [role=row]:first-child [role=gridcell]', (c) => c.map((x) => ({ text: x.textContent, title: x.title })));
  assert.equal(cells[7].text, 'main.newItem');
  assert.equal(Number(cells[2].title.split(' ')[0]), o.functions[0].flat);
  assert.equal(Number(cells[4].title.split(' ')[0]), o.functions[0].cum);
  const pctDiffBase = cells[3].text;
  assert.equal(pctDiffBase, `+${((o.functions[0].flat / o.total) * 100).toFixed(2)}%`);
  await screenshot(page, 'diff-table.png');
  // -base: percentages of the sum of |delta|
  await page.check('#diff-mode-base');
  await info('base');
  assert.ok(!(await page.evaluate(() => location.hash)).includes('dm='), '-base is the default');
  const ob = oracle('go/base.heap_t0__heap_t2').types.inuse_space;
  assert.equal((await hook(page, () => window.__proflens.diffTotals())).total, ob.total);
  // the table's totals come before its rows are drawn again
  const firstPct = '#diff-grid .rows [role=row]:first-child [role=gridcell]:nth-child(4)';
  await page
    .waitForFunction(([sel, old]) => document.querySelector(sel)?.textContent !== old, [firstPct, pctDiffBase], { timeout: 10_000 })
    .catch(() => {});
  const pctBase = await page.$eval(firstPct, (c) => c.textContent);
  assert.notEqual(pctBase, pctDiffBase, 'the percent base changed');
  assert.equal(pctBase, `+${((ob.functions[0].flat / ob.total) * 100).toFixed(2)}%`);
});

test('the diff view: swap lists the vanished stacks; sorting; compare with… from the profile list', async () => {
  const { page } = fx.site;
  await page.click('#diff-swap');
  await page.waitForFunction(() => window.__proflens.vanished().length > 0);
  const vanished = await hook(page, () => window.__proflens.vanished());
  assert.ok(vanished.every((v) => /^-[\d.]+[kM]?B .+/.test(v)), vanished.join('\n'));
  // Delta ascending: the largest shrink first
  await page.click('#diff-grid [role=columnheader]:nth-child(3) button');
  const rows = await hook(page, () => window.__proflens.diffRows(5));
  assert.equal(rows[0].name, 'main.newItem');
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].flat <= rows[i].flat, 'sorted by delta, ascending');
  assert.ok((await page.evaluate(() => location.hash)).includes('ds=delta-a'));
  await page.click('#diff-grid [role=columnheader]:nth-child(3) button');
  // Compare heap_t1 with heap_t0 from the profile list
  const ids = Object.fromEntries((await hook(page, () => window.__proflens.profiles())).map((p) => [p.name, String(p.id)]));
  await page.click('#tab-top');
  await page.selectOption(`#profile-list [data-profile="${ids['heap_t1.pb.gz']}"] select.compare`, ids['heap_t0.pb.gz']);
  await page.waitForFunction(() => window.__proflens.view() === 'diff');
  assert.equal(await page.inputValue('#diff-target'), ids['heap_t1.pb.gz']);
  assert.equal(await page.inputValue('#diff-base'), ids['heap_t0.pb.gz']);
  await diffReady(page);
  await page.waitForFunction(() => /heap_t1\.pb\.gz − heap_t0\.pb\.gz/.test(document.querySelector('#diff-info').textContent));
  // the tabs work from the keyboard (arrow keys, as the ARIA tabs pattern)
  await page.focus('#tab-diff');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => window.__proflens.view() === 'trend');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => window.__proflens.view() === 'diff');
  await diffReady(page);
  await screenshot(page, 'diff-flame.png');
});

test('a delta profile opened alone is a diff by itself: Delta columns, red grew, blue shrank', async () => {
  const { page } = fx.site;
  const file = await fx.tmp.file(
    'heap_delta.pb',
    makeProfile({
      types: [['inuse_space', 'bytes']],
      stacks: [
        ['main.main', 'main.grow', 3_000_000],
        ['main.main', 'main.shrink', -1_000_000],
        ['main.main', 'main.same', 500_000],
      ],
      period: ['space', 'bytes', 1],
    }),
  );
  await openFiles(page, [file]);
  assert.equal(await hook(page, () => window.__proflens.view()), 'top');
  await page.waitForFunction(() => window.__proflens.flameKind() === 'delta' && window.__proflens.frameRects().length >= 4);
  const heads = await page.$$eval('#top-grid [role=columnheader]', (h) => h.map((x) => x.textContent));
  assert.deepEqual(heads.slice(0, 2), ['Delta', 'Delta%']);
  assert.ok(await page.$eval('#profile-list .profile:last-child .badge', (b) => b.textContent === 'delta'));
  const grow = (await hover(page, 'main.grow')).rect;
  const { rect: shrink, tip } = await hover(page, 'main.shrink');
  assert.match(tip, /Delta: -976.56kB \(-22\.22% of total\)/);
  const [gr, gg, gb] = await pixel(page, grow);
  const [sr, sg, sb] = await pixel(page, shrink);
  assert.ok(gr > gb + 60, `main.grow is red: ${[gr, gg, gb]}`);
  assert.ok(sb > sr + 60, `main.shrink is blue: ${[sr, sg, sb]}`);
  await screenshot(page, 'delta-profile.png');
});

test('closing snapshots shrinks the series; with one left there is no trend', async () => {
  const { page } = fx.site;
  await page.click('#tab-trend');
  await page.waitForFunction(() => window.__proflens.view() === 'trend');
  const close = (name) => page.click(`#profile-list .profile:has(.profile-name:text-is("${name}")) .close`);
  await close('heap_t1.pb.gz');
  await page.waitForFunction(() => window.__proflens.trendRows(1)[0]?.values.length === 2);
  assert.equal((await hook(page, () => window.__proflens.trendRows(1)))[0].name, 'main.newItem');
  await page.waitForFunction(() => /heap_t0\.pb\.gz → heap_t2\.pb\.gz/.test(document.querySelector('#flame-title').textContent));
  await diffReady(page);
  await close('heap_t0.pb.gz');
  await page.waitForFunction(() => window.__proflens.series().length === 0 && window.__proflens.view() === 'top');
  assert.equal(await page.getAttribute('#tab-trend', 'aria-disabled'), 'true');
  assert.equal(await page.getAttribute('#tab-diff', 'aria-disabled'), 'true', 'heap_t2 and the delta profile have other sample types');
});

test('no request after load and no page error', async () => {
  const { log } = fx.site;
  assert.deepEqual(log.requests.filter((r) => r.phase !== 'load'), []);
  assert.deepEqual(log.pageErrors, []);
  assert.equal(await fx.site.page.$eval('#errors', (e) => e.textContent), '');
});
