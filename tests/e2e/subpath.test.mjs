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
