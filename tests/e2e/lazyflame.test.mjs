// The lazy flame graph: the page holds only the boxes its zoom can show and
// fetches more as it zooms. It must draw exactly what the whole layout draws,
// at every zoom level, and a zoom into a deep, narrow subtree (too narrow to be
// held at the top) must fetch that subtree and draw it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import { openFiles, openSite, ROOT, tempDir } from './lib.mjs';

const GEN = join(ROOT, '../shared/bench/gen_profile.py');
const BENCH = process.env.PROFLENS_BENCH_DATA ?? join(ROOT, 'bench-data');
const L = ['L.pb.gz', 'Lbase.pb.gz'].map((f) => join(BENCH, f)).find(existsSync);

/** Waits until no window is on its way and the last one is drawn. */
async function settle(page) {
  await page.waitForFunction(() => !window.__proflens.flameBusy(), null, { timeout: 60_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** The drawn boxes, comparable across runs: depth, name, x and width in px. */
async function drawn(page) {
  const rects = await page.evaluate(() => window.__proflens.frameRects());
  return rects.map((r) => `${r.depth}|${r.name}|${r.x.toFixed(3)}|${r.w.toFixed(3)}`).sort();
}

const canvasWidth = (page) => page.$eval('#flame-canvas', (c) => c.clientWidth);

/**
 * Zooms down by clicks: each time into the narrowest box at least 3 px wide below
 * the zoomed one, until the zoomed box is deep and would be under a quarter pixel
 * at the top. Returns the click points (to replay) and the boxes drawn at each level.
 */
async function zoomDeep(page, { steps = 8 } = {}) {
  const W = await canvasWidth(page);
  const levels = [];
  let magnification = 1;
  let depth = -1;
  for (let s = 0; s < steps && !(magnification > 4 * W && depth >= 6); s++) {
    const rects = await page.evaluate(() => window.__proflens.frameRects());
    // the shallowest box below that is 3 px to a sixth of the width (the widest of those)
    const below = rects.filter((r) => r.depth > depth && r.w >= 3 && r.w <= W / 6);
    if (!below.length) break;
    const t = below.sort((a, b) => a.depth - b.depth || b.w - a.w)[0];
    const fetched = await page.evaluate(() => window.__proflens.flameFetches());
    const point = { x: t.x + t.w / 2, y: t.y + t.h / 2 };
    await page.evaluate(({ x, y }) => window.__proflens.flameClick(x, y), point);
    await page.waitForFunction((n) => window.__proflens.zoomedName() === n, t.name, { timeout: 60_000 });
    await settle(page);
    magnification *= W / t.w;
    depth = t.depth;
    const now = await page.evaluate(() => window.__proflens.frameRects());
    const self = now.find((r) => r.depth === t.depth && r.name === t.name && r.x < 1);
    assert.ok(self && self.w > W - 2, `step ${s}: ${t.name} fills the width once zoomed`);
    levels.push({ point, name: t.name, depth, magnification, fetched, rects: await drawn(page), held: await page.evaluate(() => window.__proflens.flameHeld()) });
  }
  return levels;
}

// A fresh page per test: a second heap profile would open as a trend with the first.
let site;
let tmp;
before(async () => (tmp = await tempDir()));
beforeEach(async () => (site = await openSite()));
afterEach(async () => site?.close());
after(async () => tmp?.cleanup());

test('the lazy flame graph draws the same boxes as the whole layout at every zoom level', async () => {
  const { page } = site;
  const S = join(tmp.dir, 'S.pb.gz');
  execFileSync('python3', [GEN, '--preset', 'S', S], { stdio: 'ignore' });
  await openFiles(page, [S]);
  await page.waitForFunction(() => window.__proflens.frameRects().length > 0);
  await settle(page);
  const top = await drawn(page);
  const heldTop = await page.evaluate(() => window.__proflens.flameHeld());
  const deep = await zoomDeep(page);
  assert.ok(deep.length >= 3, `zoomed ${deep.length} levels`);
  const last = deep[deep.length - 1];
  assert.ok(last.magnification > 4 * (await canvasWidth(page)), `the deepest box (${last.name}) is under a quarter pixel at the top`);
  assert.ok(!top.some((r) => r.split('|')[1] === last.name) || last.depth >= 6, 'a subtree not drawn at the top');
  // keyboard zoom and pan at the deepest level
  await page.focus('#flame-canvas');
  await page.keyboard.press('+');
  await page.keyboard.press('Shift+ArrowRight');
  await settle(page);
  const panned = await drawn(page);

  // The same zooms with the whole layout held.
  await page.keyboard.press('0');
  await page.evaluate(() => window.__proflens.setLazyFlame(false));
  await settle(page);
  const heldAll = await page.evaluate(() => window.__proflens.flameHeld());
  assert.ok(heldAll > 2 * heldTop, `the whole layout (${heldAll} boxes) is more than the top window (${heldTop})`);
  assert.deepEqual(await drawn(page), top, 'top level');
  for (const level of deep) {
    await page.evaluate(({ x, y }) => window.__proflens.flameClick(x, y), level.point);
    await page.waitForFunction((n) => window.__proflens.zoomedName() === n, level.name);
    await settle(page);
    assert.deepEqual(await drawn(page), level.rects, `zoomed into ${level.name} (depth ${level.depth})`);
  }
  await page.focus('#flame-canvas');
  await page.keyboard.press('+');
  await page.keyboard.press('Shift+ArrowRight');
  await settle(page);
  assert.deepEqual(await drawn(page), panned, 'zoomed in and panned');
  await page.evaluate(() => window.__proflens.setLazyFlame(true));
});

test('zooming into a deep, narrow subtree of L fetches it and draws it', { skip: !L && 'no L profile in bench-data/' }, async () => {
  const { page } = site;
  await openFiles(page, [L]);
  await page.waitForFunction(() => window.__proflens.frameRects().length > 0, null, { timeout: 120_000 });
  await settle(page);
  const heldTop = await page.evaluate(() => window.__proflens.flameHeld());
  // L has 2.2 M call-tree nodes; the first window holds what 0.5 px shows.
  assert.ok(heldTop < 200_000, `the first window holds ${heldTop} boxes`);
  const deep = await zoomDeep(page);
  const last = deep[deep.length - 1];
  assert.ok(last.depth >= 6 && last.magnification > 4 * (await canvasWidth(page)), `zoomed to depth ${last.depth}, ×${Math.round(last.magnification)}`);
  const fetches = await page.evaluate(() => window.__proflens.flameFetches());
  assert.ok(fetches > last.fetched, 'the last zoom fetched a window');
  for (const l of deep) assert.ok(l.held < 200_000, `${l.held} boxes held at depth ${l.depth}`);
  assert.equal(site.log.pageErrors.length, 0, site.log.pageErrors.join('\n'));
});
