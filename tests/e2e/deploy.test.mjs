// The deployed site is the tested site. GitHub Pages serves dist/ below /<repo>/ and
// sends no custom headers, so here dist/ is served the same way: below /proflens/, by
// a plain static server with no COOP/COEP. Threads must then come from the service
// worker's isolation, and a new deploy must reach a visitor who has the old build.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { writeServiceWorker } from '../../scripts/vite-offline.mjs';
import { DIST, corpus, openFiles, openSite, readGrid } from './lib.mjs';

let tmp;
let current; // a link to the build being served: A first, then B
let buildB;
let site;
before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'proflens-deploy-'));
  // Build B is build A with a changed page, and its service worker written again by
  // the build's own step, exactly as a new deploy changes index.html and the version.
  buildB = join(tmp, 'B');
  await cp(DIST, buildB, { recursive: true });
  const html = await readFile(join(buildB, 'index.html'), 'utf8');
  await writeFile(join(buildB, 'index.html'), html.replace('<head>', '<head><meta name="proflens-build" content="B">'));
  writeServiceWorker(buildB);
  current = join(tmp, 'current');
  await symlink(DIST, current, 'dir');
  site = await openSite({ subpath: 'proflens', isolated: false, dir: current });
});
after(async () => {
  await site?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const threads = (page) => page.evaluate(async () => (await window.__proflens.stats()).threads);
const cores = (page) => page.evaluate(() => Math.min(navigator.hardwareConcurrency, 8));
const build = (page) => page.evaluate(() => document.querySelector('meta[name=proflens-build]')?.content ?? 'A');
const cacheNames = (page) => page.evaluate(() => caches.keys());
const swVersion = async (dir) => (await readFile(join(dir, 'sw.js'), 'utf8')).match(/VERSION = "(\w+)"/)[1];

async function whenReady(page) {
  await page.waitForFunction(() => window.__proflens?.ready === true, null, { timeout: 60_000 });
}

test('on a host with no headers, the service worker isolates the second visit and the engine gets its threads', async () => {
  const { page, log } = site;
  assert.equal(await page.evaluate(() => crossOriginIsolated), false, 'the server sends no COOP/COEP');
  assert.equal(await threads(page), 1);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await whenReady(page);
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  const want = await cores(page);
  await page.waitForFunction(async (n) => (await window.__proflens.stats()).threads >= n, want, { timeout: 30_000, polling: 100 });
  assert.equal(await threads(page), want);
  if (want > 1) assert.match(await page.textContent('#engine-status'), new RegExp(`, ${want} threads\\)`));
  await openFiles(page, [corpus('go/heap_t2.pb.gz')]);
  assert.equal((await readGrid(page, 1))[0].name, 'main.newItem');
  assert.deepEqual(log.pageErrors, []);
});

test('a new deploy reaches a visitor who has the old one: one reload runs the new build', async () => {
  const { page, log } = site;
  // Start from the old build with nothing open, as a returning visitor does.
  await page.reload();
  await whenReady(page);
  assert.equal(await build(page), 'A');
  assert.deepEqual(await cacheNames(page), [`proflens-${await swVersion(DIST)}`]);

  await unlink(current);
  await symlink(buildB, current, 'dir'); // the deploy
  await page.reload(); // the visitor's one reload
  await page.waitForFunction(() => document.querySelector('meta[name=proflens-build]')?.content === 'B', null, { timeout: 60_000 });
  await whenReady(page);
  assert.equal(await build(page), 'B');
  assert.deepEqual(await cacheNames(page), [`proflens-${await swVersion(buildB)}`], 'the old build is dropped');
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  await openFiles(page, [corpus('go/heap_t1.pb.gz')]);
  assert.equal((await readGrid(page, 1))[0].name, 'main.newItem');
  assert.deepEqual(log.pageErrors, []);
});
