#!/usr/bin/env node
// Takes the README's pictures of the web app from the built site (dist/), in
// headless Chromium through playwright-core, with the corpus's files
// (../shared/corpus): three heap snapshots and a debug=2 goroutine dump dropped
// together, then
//   docs/trend.png       the series with its trend (the first tab),
//   docs/goroutines.png  the dump in its Goroutines tab,
//   docs/diff.png        the first → last diff's flame graph in the Diff tab.
// (docs/firstvisit.png, example-trend.png and screenshot.png come from
// tests/e2e/firstvisit.test.mjs with PROFLENS_UPDATE_SCREENSHOT=1.)
// Usage: npm run build && node scripts/screenshots.mjs
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, corpus, openFiles, openSite, screenshot } from '../tests/e2e/lib.mjs';

const site = await openSite({ viewport: { width: 1280, height: 800 } });
const { page } = site;
const save = async (name) => copyFileSync(await screenshot(page, name), join(ROOT, 'docs', name));
try {
  await openFiles(page, [...['heap_t0.pb.gz', 'heap_t1.pb.gz', 'heap_t2.pb.gz'].map((f) => corpus(`go/${f}`)), corpus('go/goroutine_debug2.txt')]);
  await page.waitForFunction(() => window.__proflens.view() === 'trend' && window.__proflens.trendRows(1).length > 0 && window.__proflens.frameRects().length > 3, null, { timeout: 60_000 });
  await save('trend.png');
  await page.click('#tab-goroutines');
  await page.waitForFunction(() => window.__proflens.goroutineRows(1).length > 0 && document.querySelector('#goroutine-flame-canvas')?.width > 0);
  await page.click('#goroutine-grid .rows [role=row]:first-child .gcells'); // the leak's stack and creator
  await page.waitForSelector('#goroutine-grid .gdetail .creator');
  await save('goroutines.png');
  await page.click('#tab-diff');
  await page.waitForFunction(() => window.__proflens.flameKind() === 'diff' && window.__proflens.diffRows(1).length > 0 && window.__proflens.frameRects().length > 3, null, { timeout: 60_000 });
  await page.waitForTimeout(300); // the flame graph's frame
  await save('diff.png');
  console.log('docs/trend.png, docs/goroutines.png and docs/diff.png written');
} finally {
  await site.close();
}
