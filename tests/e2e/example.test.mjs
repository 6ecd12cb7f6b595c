// "Try an example" on a fresh page: the bundled example opens with no request,
// and the page is photographed for the README (PROFLENS_UPDATE_SCREENSHOT=1
// copies the picture to docs/screenshot.png).
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { ROOT, corpus, openSite, readGrid, screenshot } from './lib.mjs';

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

test('a file dropped anywhere on the page opens, with a progress bar per stage', async () => {
  const { page, log } = site;
  const b64 = readFileSync(corpus('go/heap_t0.pb.gz')).toString('base64');
  await page.evaluate(() => {
    window.__progressSeen = [];
    new MutationObserver(() => {
      const t = document.querySelector('#progress-label').textContent;
      if (t) window.__progressSeen.push(t);
    }).observe(document.querySelector('#progress-label'), { childList: true, characterData: true, subtree: true });
  });
  await page.evaluate((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'heap_t0.pb.gz'));
    const target = document.querySelector('#flame-view');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, b64);
  await page.waitForFunction(() => window.__proflens.profiles().length === 2);
  const seen = await page.evaluate(() => window.__progressSeen);
  assert.ok(seen.some((t) => t.startsWith('heap_t0.pb.gz: ')), `progress shown: ${seen}`);
  assert.ok(new Set(seen).size >= 2, `several stages: ${[...new Set(seen)]}`);
  assert.equal(await page.$eval('#progress-box', (e) => e.hidden), true, 'the bar hides when done');
  assert.equal(await page.$eval('#profile-list .profile.active .profile-name', (e) => e.textContent), 'heap_t0.pb.gz');
  assert.deepEqual(log.requests.filter((x) => x.phase !== 'load'), [], 'opening a dropped file made no request');
});
