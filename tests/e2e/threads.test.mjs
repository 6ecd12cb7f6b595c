// Threads: where the page is cross-origin isolated (COOP/COEP from the server,
// or from the service worker on a host that cannot send them) the engine runs
// its threaded build, with a helper worker per extra core; elsewhere the
// single-threaded build. The two must give the same tables: the threaded page
// splits every decode's work (forced even on small profiles), the other splits
// none, and every table of every sample type is compared.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { corpus, openFiles, openSite } from './lib.mjs';

const FILES = [
  'go/heap_t2.pb.gz',
  'go/cpu.pb.gz',
  'go/block.pb.gz',
  'go/goroutine_debug2.txt',
  'external/parca/profile-with-labels.pb.gz',
  'external/google-pprof/large.cpu.pb.gz',
  'external/parca/alloc_space_delta.pb.gz',
].map(corpus);

let threaded;
let plain;
before(async () => {
  threaded = await openSite();
  plain = await openSite({ isolated: false });
});
after(async () => {
  await threaded?.close();
  await plain?.close();
});

const hook = (page, fn, arg) => page.evaluate(fn, arg);
const cores = (page) => hook(page, () => navigator.hardwareConcurrency);
/** Waits until the engine reports at least `n` threads (its helpers start on their own time). */
const threadsReach = (page, n) =>
  page.waitForFunction(async (n) => (await window.__proflens.stats()).threads >= n, n, { timeout: 30_000, polling: 100 });

test('an isolated page runs the threaded engine, with a helper per extra core', async () => {
  const { page } = threaded;
  assert.equal(await hook(page, () => crossOriginIsolated), true);
  const want = Math.min(await cores(page), 8);
  await threadsReach(page, want);
  assert.equal((await hook(page, () => window.__proflens.stats())).threads, want);
  if (want > 1) assert.match(await page.textContent('#engine-status'), new RegExp(`, ${want} threads\\)`));
});

test('a page that is not isolated runs the single-threaded engine', async () => {
  const { page } = plain;
  assert.equal(await hook(page, () => crossOriginIsolated), false);
  assert.equal((await hook(page, () => window.__proflens.stats())).threads, 1);
  assert.doesNotMatch(await page.textContent('#engine-status'), /threads/);
});

test('an idle engine warms its comparisons up in the background, on either build', async () => {
  for (const { page } of [threaded, plain]) {
    await page.waitForFunction(() => window.__proflens.warm() !== '', null, { timeout: 30_000, polling: 50 });
    // these pages opened nothing since they were ready, so nothing stopped it
    assert.equal(await hook(page, () => window.__proflens.warm()), 'finished');
  }
});

/** Every top table of every loaded profile: each sample type, by function and by line. */
async function allTables(page) {
  return hook(page, async () => {
    const out = {};
    for (const p of window.__proflens.profiles()) {
      for (let t = 0; t < p.types; t++) {
        for (const g of ['functions', 'lines']) {
          const r = await window.__proflens.engineTop(p.id, t, g);
          out[`${p.name} #${t} ${g}`] = { total: r.total, names: r.names, flat: [...r.flat], cum: [...r.cum], inline: [...r.inline] };
        }
      }
    }
    return out;
  });
}

test('the threaded engine, its work split, gives the single-threaded tables', async () => {
  const split = threaded.page;
  assert.equal((await hook(split, () => window.__proflens.setThreads(2))).threads >= 2, true);
  await openFiles(split, FILES);
  await openFiles(plain.page, FILES);
  const a = await allTables(split);
  const b = await allTables(plain.page);
  assert.ok(Object.keys(a).length >= FILES.length * 2, Object.keys(a).join(', '));
  assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort());
  for (const k of Object.keys(b)) {
    assert.ok(b[k].names.length > 0, `${k}: an empty table`);
    assert.deepEqual(a[k], b[k], k);
  }
  assert.deepEqual(threaded.log.pageErrors, []);
  assert.deepEqual(plain.log.pageErrors, []);
});

test('the service worker isolates the next visit where the host sends no headers', async () => {
  const { page } = plain;
  await hook(page, () => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await page.waitForFunction(() => window.__proflens?.ready === true, null, { timeout: 60_000 });
  assert.equal(await hook(page, () => crossOriginIsolated), true);
  await threadsReach(page, Math.min(await cores(page), 8));
  await openFiles(page, [corpus('go/heap_t1.pb.gz')]);
  assert.deepEqual(plain.log.pageErrors, []);
});
