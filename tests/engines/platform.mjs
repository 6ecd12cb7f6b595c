// What differs between engines, checked in each: the engine's threads, the
// features the page leans on (and its fallbacks where one is missing), and
// offline use after one visit. ./suite.mjs runs these after ./scenarios.mjs.
import assert from 'node:assert/strict';
import { corpus, openFiles, readGrid } from '../e2e/lib.mjs';

/**
 * The threads each engine gives the engine on an isolated page: every core the
 * browser reports (at most 8), except where the browser exposes no
 * SharedArrayBuffer (WebKitGTK 2.50: bug 317847), where the status line says so.
 */
export const THREADS = { chromium: 'cores', firefox: 'cores', webkit: 'one' };

/** Waits until the engine reports `n` threads (its helpers start on their own time); returns the count. */
export async function threadsReach(page, n) {
  await page.waitForFunction(async (n) => (await window.__proflens.stats()).threads >= n, n, { timeout: 30_000 });
  return (await page.evaluate(() => window.__proflens.stats())).threads;
}

/** The features the page uses or could use, as the engine exposes them. */
export function features(page) {
  return page.evaluate(() => ({
    crossOriginIsolated: self.crossOriginIsolated,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    cores: navigator.hardwareConcurrency,
    serviceWorker: 'serviceWorker' in navigator,
    showSaveFilePicker: typeof window.showSaveFilePicker === 'function',
    clipboardWrite: typeof navigator.clipboard?.writeText === 'function',
    compressionStream: typeof CompressionStream === 'function',
    downloadAttribute: 'download' in HTMLAnchorElement.prototype,
    monospaceCharWidth: (() => {
      const ctx = document.querySelector('#flame-canvas').getContext('2d');
      return +(ctx.measureText('mmmmmmmmmm').width / 10).toFixed(2);
    })(),
  }));
}

export const PLATFORM = [
  {
    name: 'threads: the engine runs on every core where the browser shares memory, and says why not where it does not',
    async run({ page, engine }, _tmp, t) {
      const f = await features(page);
      t.diagnostic(`${engine}: ${JSON.stringify(f)}`);
      assert.equal(f.crossOriginIsolated, true);
      const status = () => page.textContent('#engine-status');
      if (THREADS[engine] === 'cores') {
        const want = Math.min(f.cores, 8);
        assert.equal(await threadsReach(page, want), want);
        t.diagnostic(`${engine}: ${want} threads`);
        if (want > 1) assert.match(await status(), new RegExp(`, ${want} threads\\)`));
      } else {
        assert.equal(f.sharedArrayBuffer, false, `${engine} now shares memory: expect its threads in THREADS`);
        assert.equal((await page.evaluate(() => window.__proflens.stats())).threads, 1);
        assert.match(await status(), /; one thread: this browser shares no memory between threads \(no SharedArrayBuffer\)\)/);
      }
      // either way, a profile opens and its numbers are the same (the scenarios check them)
      await openFiles(page, [corpus('go/heap_t1.pb.gz')]);
    },
  },
  {
    name: 'the copied link: on the clipboard, or selected with a note where the clipboard is not available',
    async run({ page, engine }, _tmp, t) {
      await openFiles(page, [corpus('go/heap_t1.pb.gz')]);
      await page.click('#export-menu summary');
      await page.click('#export-link');
      // the status says 'Copy link…' while the clipboard is asked, then the outcome
      await page.waitForFunction(() => !/^$|…$/.test(document.querySelector('#export-status').textContent));
      const got = await page.evaluate(() => {
        const out = document.querySelector('#export-output');
        return { value: out.value, href: location.href, all: out.selectionStart === 0 && out.selectionEnd === out.value.length, status: document.querySelector('#export-status').textContent };
      });
      t.diagnostic(`${engine}: ${got.status}`);
      assert.equal(got.value, got.href);
      assert.ok(got.all, 'the link is selected, ready to copy by hand');
      assert.match(got.status, /^(Copied to the clipboard|Select the text above and copy it \(the clipboard was not available\))$/);
      // without a clipboard (an engine that has none, or refuses it): the note, and the text selected
      await page.evaluate(() => {
        Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
        document.querySelector('#export-status').textContent = '';
      });
      if (!(await page.$eval('#export-menu', (d) => d.open))) await page.click('#export-menu summary');
      await page.click('#export-link');
      await page.waitForFunction(() => !/^$|…$/.test(document.querySelector('#export-status').textContent));
      assert.equal(await page.textContent('#export-status'), 'Select the text above and copy it (the clipboard was not available)');
      assert.ok(await page.$eval('#export-output', (o) => o.selectionStart === 0 && o.selectionEnd === o.value.length && o.value === location.href));
    },
  },
];

/** WebKit with JavaScriptCore's SharedArrayBuffer on (./webkit.mjs): the threaded engine runs there too. */
export const SHARED_MEMORY = {
  name: 'threads: with SharedArrayBuffer on, WebKit runs the threaded engine on every core it reports',
  async run({ page, engine }, _tmp, t) {
    const f = await features(page);
    assert.equal(f.sharedArrayBuffer, true);
    const want = Math.min(f.cores, 8);
    assert.equal(await threadsReach(page, want), want);
    t.diagnostic(`${engine} with SharedArrayBuffer: ${want} threads (it reports ${f.cores} cores)`);
    assert.match(await page.textContent('#engine-status'), new RegExp(`, ${want} threads\\)`));
  },
};

/** Last: it ends the server. Offline after one visit, where the engine runs service workers. */
export const OFFLINE = {
  name: 'after one visit the site works with the server gone (the service worker)',
  async run(site, _tmp, t) {
    const { page } = site;
    if (!(await features(page)).serviceWorker) return t.skip(`${site.engine} has no service workers`);
    const cached = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      const keys = await caches.keys();
      return keys.length ? (await (await caches.open(keys[0])).keys()).map((r) => new URL(r.url).pathname) : [];
    });
    assert.ok(cached.includes('/') && cached.some((f) => f.endsWith('.wasm')), `kept: ${cached.join(' ')}`);
    await site.stopServer();
    await site.reset();
    assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'the service worker isolates the page');
    await openFiles(page, [corpus('go/heap_t2.pb.gz')]);
    assert.equal((await readGrid(page, 3))[0].name, 'main.newItem');
  },
};
