// The top table stays light with 100k rows: only the visible rows exist in
// the DOM, scrolling and sorting are quick, and the ARIA row count is right.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { makeProfile, openFiles, siteWithTempDir } from './lib.mjs';

const ROWS = 100_000;
const fx = siteWithTempDir();

test('100k functions: virtualized grid, fast scroll and sort', async () => {
  const { page } = fx.site;
  const stacks = [];
  for (let i = 0; i < ROWS; i++) stacks.push(['main', `pkg${i % 97}.fn${String(i).padStart(6, '0')}`, 1 + (i % 1000)]);
  const file = await fx.tmp.file('wide.pb.gz', gzipSync(makeProfile({ types: [['samples', 'count']], stacks })));
  await openFiles(page, [file]);
  assert.equal(await page.$eval('#top-grid', (g) => g.getAttribute('aria-rowcount')), String(ROWS + 1 + 1), 'rows + main + header');
  const domRows = await page.$$eval('#top-grid [role=row]', (r) => r.length);
  assert.ok(domRows < 100, `${domRows} row elements in the DOM`);
  // scroll through: each step renders within a frame budget
  const worst = await page.evaluate(async () => {
    const vp = document.querySelector('#top-grid .viewport');
    let worst = 0;
    for (let k = 0; k < 40; k++) {
      const t = performance.now();
      vp.scrollTop = (vp.scrollHeight * k) / 40;
      vp.dispatchEvent(new Event('scroll'));
      await new Promise((r) => requestAnimationFrame(r));
      worst = Math.max(worst, performance.now() - t);
    }
    vp.scrollTop = vp.scrollHeight;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return worst;
  });
  assert.ok(worst < 250, `worst scroll step ${worst.toFixed(1)} ms`);
  const lastIndex = await page.$$eval('#top-grid .rows [role=row]', (r) => Math.max(...r.map((x) => Number(x.getAttribute('aria-rowindex')))));
  assert.equal(lastIndex, ROWS + 2, 'the last row is reachable');
  const t0 = Date.now();
  await page.click('#top-grid [role=columnheader]:nth-child(6) button');
  const first = await page.$eval('#top-grid .rows [role=row] [role=gridcell]:last-child span', (s) => s.textContent);
  assert.ok(Date.now() - t0 < 3000, `sorting by name took ${Date.now() - t0} ms`);
  assert.ok(first === 'main' || first.startsWith('pkg'), first);
  assert.deepEqual(fx.site.log.pageErrors, []);
});
