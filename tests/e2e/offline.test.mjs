// Offline: after the first visit the service worker has kept the site's own
// files, so with no network at all the page reloads, its engine starts and a
// profile opens. Run below /proflens/, as on GitHub Pages. Also: the page is
// installable (a manifest with an icon), and the CSP is unchanged.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { corpus, openFiles, openSite, readGrid } from './lib.mjs';

let site;
before(async () => (site = await openSite({ subpath: 'proflens' })));
after(async () => site?.close());

test('after the first visit the site works with no network', async () => {
  const { page, context, url } = site;
  const cached = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const keys = await caches.keys();
    const files = keys.length ? (await (await caches.open(keys[0])).keys()).map((r) => new URL(r.url).pathname) : [];
    return { scope: new URL(reg.scope).pathname, files };
  });
  assert.equal(cached.scope, '/proflens/');
  for (const f of ['/proflens/', '/proflens/index.html', '/proflens/manifest.webmanifest']) assert.ok(cached.files.includes(f), f);
  assert.ok(cached.files.some((f) => f.endsWith('.wasm')), 'the engine is kept');

  await context.setOffline(true);
  try {
    await page.reload();
    await page.waitForFunction(() => window.__proflens?.ready === true, null, { timeout: 60_000 });
    assert.ok(page.url().startsWith(url));
    assert.equal(await page.evaluate(() => navigator.onLine), false);
    await openFiles(page, [corpus('go/heap_t2.pb.gz')]);
    const rows = await readGrid(page, 3);
    assert.equal(rows[0].name, 'main.newItem');
    await page.click('#example-button');
    await page.waitForFunction(() => window.__proflens.profiles().length === 5, null, { timeout: 60_000 });
  } finally {
    await context.setOffline(false);
  }
  assert.deepEqual(site.log.pageErrors, []);
});

test('installable: a manifest with an icon, from the site itself; the CSP is unchanged', async () => {
  const { page } = site;
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector('link[rel=manifest]');
    const res = await fetch(link.href);
    return { href: link.href, body: await res.json() };
  });
  assert.ok(manifest.href.endsWith('/proflens/manifest.webmanifest'));
  assert.equal(manifest.body.display, 'standalone');
  assert.equal(manifest.body.start_url, './');
  assert.deepEqual(manifest.body.icons.map((i) => i.sizes), ['any', '192x192', '512x512']);
  const csp = await page.$eval('meta[http-equiv=Content-Security-Policy]', (m) => m.content);
  assert.equal(csp, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self'");
  assert.deepEqual(site.log.consoleErrors.filter((e) => /Content Security Policy|Refused/.test(e)), []);
});
