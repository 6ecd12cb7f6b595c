// Opening by drag and drop, anywhere on the page. ("Try an example" is in
// firstvisit.test.mjs.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { corpus, openSite } from './lib.mjs';

let site;
before(async () => (site = await openSite({ viewport: { width: 1280, height: 820 } })));
after(async () => site?.close());

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
  await page.waitForFunction(() => window.__proflens.profiles().length === 1);
  const seen = await page.evaluate(() => window.__progressSeen);
  assert.ok(seen.some((t) => t.startsWith('heap_t0.pb.gz: ')), `progress shown: ${seen}`);
  assert.ok(new Set(seen).size >= 2, `several stages: ${[...new Set(seen)]}`);
  assert.equal(await page.$eval('#progress-box', (e) => e.hidden), true, 'the bar hides when done');
  assert.equal(await page.$eval('#profile-list .profile.active .profile-name', (e) => e.textContent), 'heap_t0.pb.gz');
  assert.deepEqual(log.requests.filter((x) => x.phase !== 'load'), [], 'opening a dropped file made no request');
});
