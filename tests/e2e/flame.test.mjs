// The flame graph: drawn, hit-testable, zoomable, searchable, keyboard driven,
// and linked with the table.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { corpus, openFiles, openSite, screenshot } from './lib.mjs';

let site;
before(async () => {
  site = await openSite();
  await openFiles(site.page, [corpus('go/cpu.pb.gz')]);
  await site.page.waitForFunction(() => window.__proflens.frameRects().length > 0);
});
after(async () => site?.close());

const canvasBox = (page) => page.locator('#flame-canvas').boundingBox();

test('the flame graph is drawn on a DPR-sized canvas with widths proportional to value', async () => {
  const { page } = site;
  const rects = await page.evaluate(() => window.__proflens.frameRects());
  assert.ok(rects.length > 10, `${rects.length} frames drawn`);
  const dims = await page.$eval('#flame-canvas', (c) => ({ w: c.width, cw: c.clientWidth, dpr: devicePixelRatio }));
  assert.equal(dims.w, Math.round(dims.cw * dims.dpr));
  // depth-0 frames together span the whole width
  const roots = rects.filter((r) => r.depth === 0);
  const span = roots.reduce((a, r) => a + r.w, 0);
  assert.ok(Math.abs(span - dims.cw) < roots.length + 1, `roots span ${span} of ${dims.cw}`);
  // pixels were really painted
  const painted = await page.$eval('#flame-canvas', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, Math.min(c.height, 40)).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
    return n;
  });
  assert.ok(painted > 1000, `${painted} painted pixels`);
  await screenshot(page, 'flame-cpu.png');
});

test('a click on a known frame zooms to it; Esc and the breadcrumb zoom out', async () => {
  const { page } = site;
  const rects = await page.evaluate(() => window.__proflens.frameRects());
  const target = rects.filter((r) => r.depth >= 2 && r.w > 20 && r.w < 600).sort((a, b) => b.w - a.w)[0];
  assert.ok(target, 'a mid-sized frame exists');
  const box = await canvasBox(page);
  const x = target.x + target.w / 2;
  const y = target.y + target.h / 2;
  const hit = await page.evaluate(([x, y]) => window.__proflens.hitTest(x, y), [x, y]);
  assert.equal(hit.name, target.name, 'hitTest finds the frame under the point');
  // hover tooltip
  await page.mouse.move(box.x + x, box.y + y);
  const tip = await page.locator('.tooltip').textContent();
  assert.ok(tip.includes(target.name) && /Self: .*%/.test(tip) && /Total: .*%/.test(tip), `tooltip: ${tip}`);
  await page.mouse.click(box.x + x, box.y + y);
  await page.waitForFunction((n) => window.__proflens.zoomedName() === n, target.name);
  // the zoom is drawn on the next frame
  await page
    .waitForFunction(
      (node) => window.__proflens.frameRects().some((r) => r.node === node && r.w > document.querySelector('#flame-canvas').clientWidth - 2),
      target.node,
      { timeout: 10_000 },
    )
    .catch(() => {});
  const zoomed = await page.evaluate(() => window.__proflens.frameRects());
  const self = zoomed.find((r) => r.node === target.node);
  assert.ok(self && self.w > (await page.$eval('#flame-canvas', (c) => c.clientWidth)) - 2, 'the zoomed frame fills the width');
  const crumbs = await page.$$eval('.crumbs .crumb', (b) => b.map((x) => x.textContent));
  assert.equal(crumbs[crumbs.length - 1], target.name);
  // table selection follows the flame graph
  const selRow = await page.$eval('#top-grid [aria-selected=true] [role=gridcell]:last-child span', (s) => s.textContent);
  assert.equal(selRow, target.name, 'clicking a frame selects its row');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => window.__proflens.zoomedName() === '');
  await page.mouse.click(box.x + x, box.y + y);
  await page.waitForFunction((n) => window.__proflens.zoomedName() === n, target.name);
  await page.click('.crumbs .crumb >> nth=0');
  await page.waitForFunction(() => window.__proflens.zoomedName() === '');
});

test('keyboard: + - 0, Shift+arrows pan, ↓ and Enter zoom, / for search', async () => {
  const { page } = site;
  await page.focus('#flame-canvas');
  const width = async () => page.evaluate(() => window.__proflens.frameRects().filter((r) => r.depth === 0).reduce((a, r) => a + r.w, 0));
  // the last test zoomed out: its view is whole once the window it asked for is drawn
  await page.waitForFunction(() => !window.__proflens.flameBusy());
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const before = await page.evaluate(() => window.__proflens.frameRects().length);
  await page.keyboard.press('+');
  await page.waitForTimeout(50);
  await page.keyboard.press('Shift+ArrowRight');
  await page.waitForTimeout(50);
  await page.keyboard.press('-');
  await page.waitForTimeout(50);
  await page.keyboard.press('0');
  // the reset view is drawn on the next frame (a window asked for by the zoom may still arrive and be dropped)
  await page.waitForFunction((n) => !window.__proflens.flameBusy() && window.__proflens.frameRects().length === n, before, { timeout: 10_000 })
    .catch(() => {});
  assert.equal(await page.evaluate(() => window.__proflens.frameRects().length), before, '0 resets the view');
  assert.ok((await width()) > 0);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__proflens.zoomedName() !== '');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('0');
  await page.waitForFunction(() => window.__proflens.zoomedName() === '');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'flame-search');
});

test('search highlights matches and shows their share of the total', async () => {
  const { page } = site;
  await page.fill('#flame-search', 'runtime.');
  const share = await page.locator('#flame-share').textContent();
  assert.match(share, /Matched: .+ \(\d+\.\d\d% of total\)/);
  const pct = Number(share.match(/\((\d+\.\d\d)%/)[1]);
  assert.ok(pct > 0 && pct <= 100, share);
  assert.ok((await page.evaluate(() => location.hash)).includes('f=runtime.'), 'search is in the URL');
  await screenshot(page, 'flame-search.png');
  await page.fill('#flame-search', '');
  assert.equal(await page.locator('#flame-share').textContent(), '');
});

test('selecting a row highlights it in the flame graph', async () => {
  const { page } = site;
  await page.click('#top-grid .rows [role=row] >> nth=0');
  // the selection is drawn on the next frame: wait for it (under load the check came first)
  const selected = '#top-grid [aria-selected=true] [role=gridcell]:last-child span';
  await page.waitForSelector(selected);
  const name = await page.$eval(selected, (s) => s.textContent);
  assert.ok((await page.evaluate(() => decodeURIComponent(location.hash))).includes(`sel=${name}`));
  const frames = await page.evaluate(() => window.__proflens.marks.flameFrames);
  assert.ok(frames > 0);
  const ms = await page.evaluate(() => window.__proflens.lastDrawMs());
  assert.ok(ms < 100, `one frame took ${ms} ms`);
  assert.equal(site.log.pageErrors.length, 0, site.log.pageErrors.join('\n'));
});
