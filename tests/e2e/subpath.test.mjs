// dist/ works from any sub-path (GitHub Pages serves it below /<repo>/).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { corpus, openFiles, openSite, readGrid } from './lib.mjs';

let site;
before(async () => (site = await openSite({ subpath: 'proflens' })));
after(async () => site?.close());

test('the site works below /proflens/', async () => {
  const { page, log } = site;
  assert.ok(page.url().endsWith('/proflens/'), page.url());
  await openFiles(page, [corpus('go/heap_t2.pb.gz')]);
  assert.ok((await readGrid(page, 3)).length === 3);
  const paths = log.requests.map((r) => new URL(r.url).pathname);
  assert.ok(paths.length > 2 && paths.every((p) => p.startsWith('/proflens/')), paths.join('\n'));
  assert.deepEqual(log.pageErrors, []);
});

test('view state comes back from the URL hash', async () => {
  const { page } = site;
  await page.goto(site.url + '#v=1&t=alloc_space&s=cum-d&q=main.&f=http');
  await page.reload(); // a hash-only navigation keeps the document
  await page.waitForFunction(() => window.__proflens?.ready === true);
  await openFiles(page, [corpus('go/heap_t2.pb.gz')]);
  assert.ok((await page.$eval('#sample-type', (el) => el.selectedOptions[0].textContent)).startsWith('alloc_space '));
  assert.equal(await page.$eval('#top-grid [role=columnheader]:nth-child(4)', (e) => e.getAttribute('aria-sort')), 'descending');
  assert.equal(await page.inputValue('#name-filter'), 'main.');
  assert.equal(await page.inputValue('#flame-search'), 'http');
  const rows = await readGrid(page, 50);
  assert.ok(rows.length > 0 && rows.every((r) => r.name.includes('main.')));
  for (let i = 1; i < rows.length; i++) assert.ok(Math.abs(rows[i - 1].cum) >= Math.abs(rows[i].cum));
  await page.waitForFunction(() => document.querySelector('#flame-share').textContent.includes('% of total'));
});
