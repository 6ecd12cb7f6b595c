// Opening by drag and drop, anywhere on the page. ("Try an example" is in
// firstvisit.test.mjs.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { corpus, openSite } from './lib.mjs';

let site;
before(async () => (site = await openSite({ viewport: { width: 1280, height: 820 } })));
after(async () => site?.close());

/** Drops a corpus file on the flame view; resolves when `count` profiles are open. */
async function drop(page, file, count) {
  const b64 = readFileSync(corpus(`go/${file}`)).toString('base64');
  await page.evaluate(([b64, file]) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], file));
    const target = document.querySelector('#flame-view');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, [b64, file]);
  await page.waitForFunction((n) => window.__proflens.profiles().length === n, count);
}

/** Records each text the progress label shows, and whether the bar was ever up. */
const watchProgress = (page) =>
  page.evaluate(() => {
    window.__progressSeen = [];
    window.__barShown = false;
    new MutationObserver(() => {
      const t = document.querySelector('#progress-label').textContent;
      if (t) window.__progressSeen.push(t);
      if (!document.querySelector('#progress-box').hidden) window.__barShown = true;
    }).observe(document.querySelector('#progress-box'), { attributes: true, childList: true, characterData: true, subtree: true });
  });

test('a file dropped anywhere on the page opens; a quick load shows no progress bar', async () => {
  const { page, log } = site;
  await watchProgress(page);
  await drop(page, 'heap_t0.pb.gz', 1);
  const { open, loaded } = await page.evaluate(() => window.__proflens.marks);
  if (loaded - open < 150) {
    assert.equal(await page.evaluate(() => window.__barShown), false, `a ${(loaded - open).toFixed(0)} ms load flashed the bar`);
  }
  assert.equal(await page.$eval('#profile-list .profile.active .profile-name', (e) => e.textContent), 'heap_t0.pb.gz');
  assert.deepEqual(log.requests.filter((x) => x.phase !== 'load'), [], 'opening a dropped file made no request');
});

test('a longer load shows a progress bar per stage, which hides when done', async () => {
  const { page } = site;
  // every load counts as long here
  await page.evaluate(() => window.__proflens.setProgressAfter(0));
  await watchProgress(page);
  await drop(page, 'cpu.pb.gz', 2);
  const seen = await page.evaluate(() => window.__progressSeen);
  assert.ok(seen.some((t) => t.startsWith('cpu.pb.gz: ')), `progress shown: ${seen}`);
  assert.ok(new Set(seen).size >= 2, `several stages: ${[...new Set(seen)]}`);
  assert.equal(await page.$eval('#progress-box', (e) => e.hidden), true, 'the bar hides when done');
});

test('a shown bar is redrawn at most every 100 ms, not at each of the engine’s steps', async () => {
  const { page } = site;
  // the bar from the load's start, redrawn as the page does by default
  await page.evaluate(() => window.__proflens.setProgressAfter(0, 100));
  await page.evaluate(() => {
    window.__progressTimes = [];
    let last = '';
    new MutationObserver(() => {
      const t = document.querySelector('#progress-label').textContent;
      if (t && t !== last) window.__progressTimes.push(performance.now());
      last = t;
    }).observe(document.querySelector('#progress-box'), { childList: true, characterData: true, subtree: true });
  });
  await drop(page, 'allocs.pb.gz', 3);
  const times = await page.evaluate(() => window.__progressTimes);
  assert.ok(times.length >= 1, 'the bar was shown');
  // the first text is the reading's, set as the load starts; the redraws follow it
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  assert.ok(gaps.every((g) => g >= 90), `redrawn ${gaps.map((g) => g.toFixed(0)).join(', ')} ms apart`);
});

test('eight files chosen at once all open, in order, beyond the four the worker reads ahead', async () => {
  const { page } = site;
  const before = await page.evaluate(() => window.__proflens.profiles().length);
  const files = ['heap_t0.pb.gz', 'heap_t1.pb.gz', 'heap_t2.pb.gz', 'allocs.pb.gz', 'block.pb.gz', 'mutex.pb.gz', 'cpu.pb.gz', 'threadcreate.pb.gz'];
  await page.setInputFiles('#file-input', files.map((f) => corpus(`go/${f}`)));
  await page.waitForFunction((n) => window.__proflens.profiles().length === n, before + files.length);
  const names = await page.evaluate(() => window.__proflens.profiles().map((p) => p.name));
  assert.deepEqual(names.slice(before), files);
  assert.equal(await page.$eval('#errors', (e) => e.textContent), '');
});
