// Errors, hostile names, privacy: a bad file names itself and leaves the
// other profiles alone; profile text is never HTML; no request leaves the
// page's origin and none is made after the page has loaded.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { corpus, makeProfile, openFiles, readGrid, screenshot, siteWithTempDir } from './lib.mjs';

const XSS = '<img src=x onerror="window.__xss=1">';
const fx = siteWithTempDir();

test('a bad file shows an error naming it, and the other profiles stay', async () => {
  const { page } = fx.site;
  await openFiles(page, [corpus('go/heap_t1.pb.gz')]);
  const bad = await fx.tmp.file('garbage.pb.gz', randomBytes(4096));
  const empty = await fx.tmp.file('empty.pb', new Uint8Array(0));
  await openFiles(page, [bad, empty], { expectProfiles: 0 });
  await page.waitForFunction(() => document.querySelectorAll('#errors li').length >= 2);
  const errors = await page.$$eval('#errors li', (l) => l.map((x) => x.textContent));
  assert.ok(errors.some((e) => e.startsWith('garbage.pb.gz: ') && e.length > 'garbage.pb.gz: '.length + 5), errors.join('\n'));
  assert.ok(errors.some((e) => e.startsWith('empty.pb: ')), errors.join('\n'));
  const listed = await page.$$eval('#profile-list .profile-name', (els) => els.map((e) => e.textContent));
  assert.deepEqual(listed, ['heap_t1.pb.gz']);
  assert.ok((await readGrid(page, 5)).length > 0, 'the table still shows heap_t1');
  await screenshot(page, 'error.png');
});

test('a function named like HTML renders as text', async () => {
  const { page } = fx.site;
  const prof = makeProfile({
    types: [['samples', 'count']],
    stacks: [
      ['main', XSS, 70],
      ['main', 'work', 30],
    ],
  });
  const file = await fx.tmp.file('xss.pb', prof);
  await openFiles(page, [file]);
  const rows = await readGrid(page, 5);
  assert.equal(rows[0].name, XSS);
  assert.equal(rows[0].flat, 70);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0, 'no <img> was created');
  await page.waitForFunction(() => window.__proflens.frameRects().length > 0);
  const names = await page.evaluate(() => window.__proflens.frameRects().map((r) => r.name));
  assert.ok(names.includes(XSS));
  // zoom to it so the breadcrumb shows it too
  const r = (await page.evaluate(() => window.__proflens.frameRects())).find((x) => x.name === XSS);
  const box = await page.locator('#flame-canvas').boundingBox();
  await page.mouse.click(box.x + r.x + r.w / 2, box.y + r.y + 5);
  await page.waitForFunction((n) => window.__proflens.zoomedName() === n, XSS);
  assert.ok((await page.locator('.crumbs').textContent()).includes(XSS));
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no script ran');
});

test('requests: own origin only, none after load, no page errors', async () => {
  const { log, url } = fx.site;
  const origin = new URL(url).origin;
  const foreign = log.requests.filter((r) => !r.url.startsWith(origin + '/'));
  assert.deepEqual(foreign, [], 'every request goes to the page origin');
  const late = log.requests.filter((r) => r.phase !== 'load');
  assert.deepEqual(late, [], 'no request after the page (and engine) loaded');
  assert.ok(log.requests.some((r) => r.url.endsWith('.wasm')), 'the wasm was fetched at load');
  assert.deepEqual(log.pageErrors, [], 'no uncaught page errors');
  assert.deepEqual(log.consoleErrors.filter((e) => /Content Security Policy|Refused/.test(e)), [], 'no CSP violations');
  const csp = await fx.site.page.$eval('meta[http-equiv=Content-Security-Policy]', (m) => m.content);
  assert.equal(csp, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self'");
});
