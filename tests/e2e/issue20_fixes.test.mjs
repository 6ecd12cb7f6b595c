// Small fixes of the workspace issue, through the page: the sandwich opens on pprof's
// heaviest function by flat; a goroutine group's Function column names the program's
// frame with the call it blocks in; a dump's details give its form; plurals; values
// in views pprof does not have take a unit each (as `go tool pprof -unit=auto`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpus, defaultType, openFiles, oracle, pprofTopText, siteWithTempDir } from './lib.mjs';

const fx = siteWithTempDir();

test('the Sandwich tab opens on the heaviest function by flat: pprof\'s first -top row', async () => {
  const { page } = fx.site;
  await openFiles(page, [corpus('go/heap_t2.pb.gz')]);
  const want = pprofTopText('go/heap_t2.pb.gz', defaultType(oracle('go/heap_t2.pb.gz')))[0].name;
  await page.click('#tab-sandwich');
  await page.waitForFunction((n) => document.querySelector('#sandwich-title')?.textContent === `Sandwich: ${n}`, want);
  const rows = await page.evaluate(() => window.__proflens.sandwichRows());
  assert.ok(rows.some((r) => r.relation === 'function' && r.name === want), JSON.stringify(rows));
  // each value in its own unit, the exact one in the title
  const cells = await page.$$eval('#sandwich-grid .rows [role=row] [role=gridcell]:nth-child(2)', (c) => c.map((x) => ({ text: x.textContent, title: x.title })));
  for (const c of cells) assert.match(c.title, /^-?\d+ bytes$/, JSON.stringify(c));
  assert.ok(cells.some((c) => /MB$/.test(c.text)) && cells.some((c) => /kB$|B$/.test(c.text) && !/MB$/.test(c.text)), JSON.stringify(cells));
});

test("a dump's group is named by the program's frame, beside the call it blocks in; its details give its form", async () => {
  const { page } = fx.site;
  await openFiles(page, [corpus('go/goroutine_debug2.txt')]);
  await page.waitForFunction(() => window.__proflens.goroutineRows(20).length > 0);
  const rows = await page.evaluate(() => window.__proflens.goroutineRows(20));
  // goroutine 19 of the dump: sync.runtime_Semacquire ← sync.(*WaitGroup).Wait ← main.auditWorker
  const sema = rows.find((r) => r.state === 'semacquire');
  assert.deepEqual({ top: sema.top, blocking: sema.blocking }, { top: 'main.auditWorker', blocking: 'sync.(*WaitGroup).Wait' });
  const cells = await page.$$eval('#goroutine-grid .rows [role=row] .gcells', (rs) => rs.map((r) => [...r.children].map((c) => c.textContent)));
  assert.ok(cells.some((c) => c.includes('main.auditWorker in sync.(*WaitGroup).Wait')), JSON.stringify(cells));
  const format = await page.$eval('#profile-list .profile.active .meta-list', (dl) => {
    const dt = [...dl.querySelectorAll('dt')].find((d) => d.textContent === 'Format');
    return dt?.nextElementSibling?.textContent;
  });
  assert.equal(format, 'goroutine dump (debug=2)');
});

test('one goroutine in one group is said in the singular', async () => {
  const { page, } = fx.site;
  const file = await fx.tmp.file('one.txt', 'goroutine 1 [running]:\nmain.main()\n\t/app/main.go:5 +0x1d\n');
  await openFiles(page, [file]);
  await page.waitForFunction(() => /^1 goroutine in 1 group /.test(document.querySelector('#goroutine-heading')?.textContent ?? ''));
});

test('the trend shows each delta and rate in its own unit, the rate per minute, exact values in the titles', async () => {
  const { page } = fx.site;
  // heap_t2 is open since the first test: with these two, a series of three snapshots
  await page.setInputFiles('#file-input', ['heap_t0.pb.gz', 'heap_t1.pb.gz'].map((f) => corpus(`go/${f}`)));
  await page.waitForFunction(() => window.__proflens.view() === 'findings', null, { timeout: 120_000 }); // a series opens on its Findings
  await page.click('#tab-trend');
  await page.waitForFunction(() => window.__proflens.view() === 'trend' && window.__proflens.trendRows(1).length > 0, null, { timeout: 120_000 });
  await page.waitForSelector('#trend-grid .rows [role=row]');
  const cells = await page.$$eval('#trend-grid .rows [role=row]', (rs) =>
    rs.map((r) => [...r.querySelectorAll('[role=gridcell]')].slice(3, 5).map((c) => ({ text: c.textContent, title: c.title }))),
  );
  for (const [delta, rate] of cells) {
    assert.match(delta.text, /^([+-]\d+(\.\d+)?(B|kB|MB|GB)|0)$/, JSON.stringify(delta));
    assert.match(delta.title, /^-?\d+ bytes$/, JSON.stringify(delta));
    assert.match(rate.text, /^([+-]\d+(\.\d+)?(B|kB|MB|GB)|0)\/min$/, JSON.stringify(rate));
    assert.match(rate.title, /^-?[\d.e+-]+ bytes\/min$/, JSON.stringify(rate));
  }
  const units = new Set(cells.map(([d]) => d.text.replace(/^[+-][\d.]+/, '')));
  assert.ok(units.size > 1, `one unit per value, not one per table: ${[...units]}`);
});
