// "Try an example" on a fresh page: the bundled example opens with no request,
// and the page is photographed for the README (PROFLENS_UPDATE_SCREENSHOT=1
// copies the picture to docs/screenshot.png).
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, openSite, readGrid, screenshot } from './lib.mjs';

let site;
before(async () => (site = await openSite({ viewport: { width: 1280, height: 820 } })));
after(async () => site?.close());

test('the example button loads the bundled example without a request', async () => {
  const { page, log } = site;
  await page.click('#example-button');
  await page.waitForFunction(() => window.__proflens.profiles().length === 1);
  await page.waitForFunction(() => window.__proflens.frameRects().length > 5);
  const rows = await readGrid(page, 10);
  assert.ok(rows.length >= 10);
  assert.ok(rows.some((r) => r.name === 'main.checksum'), 'the example has main.checksum');
  assert.ok(rows.some((r) => r.inline === '(inline)'), 'the example has inlined functions');
  assert.equal(await page.$eval('#profile-list .profile-name', (e) => e.textContent), 'example.pb.gz');
  // hover a wide frame so the picture shows the tooltip
  const r = (await page.evaluate(() => window.__proflens.frameRects())).find((x) => x.name === 'main.sortRecords');
  if (r) {
    const box = await page.locator('#flame-canvas').boundingBox();
    await page.mouse.move(box.x + r.x + r.w / 3, box.y + r.y + 8);
    await page.waitForSelector('.tooltip:not([hidden])');
  }
  const shot = await screenshot(page, 'example.png');
  if (process.env.PROFLENS_UPDATE_SCREENSHOT === '1') {
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    copyFileSync(shot, join(ROOT, 'docs/screenshot.png'));
  }
  assert.deepEqual(log.requests.filter((x) => x.phase !== 'load'), [], 'opening the example made no request');
  assert.deepEqual(log.pageErrors, []);
});
