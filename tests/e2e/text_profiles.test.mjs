// The `?debug=1` heap text in the web app: its table against live `go tool pprof` reading
// the same text with the program's binary, its runtime.MemStats block in the metadata
// panel, and the MemStats series of the trend over three such snapshots.
// `examples/text-profiles` is built with inlining off, so pprof names every address as
// the text's `#` lines do and the tables are equal row for row (see the README).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openFiles, parsePprofTop, readGrid, ROOT, siteWithTempDir } from './lib.mjs';

const fx = siteWithTempDir();
const N = 20;

/** Builds the example program once and runs it three times: three moments of one program. */
let runs;
function snapshots() {
  if (runs) return runs;
  const binary = join(fx.tmp.dir, 'text-profiles');
  execFileSync('go', ['build', '-gcflags=all=-l', '-o', binary, '.'], { cwd: join(ROOT, 'examples/text-profiles'), stdio: 'pipe' });
  const heaps = [0, 1, 2].map((i) => {
    const dir = join(fx.tmp.dir, `run${i}`);
    mkdirSync(dir, { recursive: true });
    execFileSync(binary, ['-o', dir], { stdio: 'pipe' });
    // a name of its own per moment, as a user saves them
    const heap = join(fx.tmp.dir, `heap-${i}.txt`);
    copyFileSync(join(dir, 'heap.txt'), heap);
    return heap;
  });
  runs = { binary, heaps };
  return runs;
}

/** The block's fields as this test reads them: `# Name = value` (single numbers only). */
function memstats(path) {
  const fields = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = line.match(/^# (\w+) = (\d+)$/);
    if (m) fields.set(m[1], Number(m[2]));
  }
  return fields;
}

test('a heap text: pprof -top with the binary, and its MemStats in the metadata panel', async () => {
  const { page } = fx.site;
  const { binary, heaps } = snapshots();
  await openFiles(page, [heaps[0]]);
  const pprof = execFileSync('go', ['tool', 'pprof', '-top', '-nodefraction=0', '-edgefraction=0', `-nodecount=${N}`, binary, heaps[0]], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const want = parsePprofTop(pprof);
  const rows = await readGrid(page, N);
  assert.ok(want.length >= 5 && rows.length >= want.length, `${rows.length} rows, pprof ${want.length}`);
  for (let i = 0; i < want.length; i++) {
    const g = rows[i];
    const got = { flat: g.flatText, flatPct: g.flatPct, sumPct: g.sumPct, cum: g.cumText, cumPct: g.cumPct, name: g.inline ? `${g.name} ${g.inline}` : g.name };
    assert.deepEqual(got, want[i], `row ${i} as pprof -top BINARY heap.txt prints it`);
  }
  assert.ok(rows.some((r) => r.name === 'main.leak'), 'the program is named without its binary');

  const block = memstats(heaps[0]);
  assert.ok(block.has('HeapInuse') && block.has('NumGC'), 'the text has a MemStats block');
  const shown = await page.evaluate(() => {
    const panel = [...document.querySelectorAll('details.meta')].find((d) => d.querySelector('summary')?.textContent === 'runtime.MemStats');
    if (!panel) return null;
    const dts = [...panel.querySelectorAll('dt')];
    const cell = (dt) => ({ title: dt.nextElementSibling.getAttribute('title'), text: dt.nextElementSibling.textContent });
    return Object.fromEntries(dts.map((dt) => [dt.textContent, cell(dt)]));
  });
  assert.ok(shown, 'a runtime.MemStats panel is shown');
  for (const name of ['HeapAlloc', 'HeapInuse', 'HeapObjects', 'Sys', 'NumGC']) {
    assert.equal(shown[name].title, String(block.get(name)), `${name}: the block's exact number`);
  }
  // counts are grouped as en-US writes them (the page groups them without Intl)
  for (const name of ['HeapObjects', 'Mallocs', 'Frees']) {
    assert.equal(shown[name].text, block.get(name).toLocaleString('en-US'), `${name} as shown`);
  }
});

test('three heap texts: the trend shows the MemStats series beside the sampled totals', async () => {
  const { page } = fx.site;
  const { heaps } = snapshots();
  await page.setInputFiles('#file-input', heaps.slice(1));
  await page.waitForFunction(() => window.__proflens.view() === 'findings', null, { timeout: 120_000 }); // a series opens on its Findings
  await page.click('#tab-trend');
  await page.waitForFunction(() => window.__proflens.view() === 'trend' && window.__proflens.trendRows(1).length > 0, null, { timeout: 120_000 });
  assert.deepEqual(await page.evaluate(() => window.__proflens.series()), ['heap-0.txt', 'heap-1.txt', 'heap-2.txt']);
  await page.waitForFunction(() => document.querySelector('#trend-info')?.textContent.includes('runtime.MemStats'), null, { timeout: 60_000 });
  const info = await page.$eval('#trend-info', (e) => e.textContent);
  const series = (name) => heaps.map((p) => memstats(p).get(name).toLocaleString('en-US')).join(' → ');
  assert.ok(info.includes(`HeapObjects ${series('HeapObjects')}`), `HeapObjects oldest first in: ${info}`);
  assert.ok(info.includes(`NumGC ${series('NumGC')}`), `NumGC oldest first in: ${info}`);
  assert.ok(info.includes('HeapInuse '), info);
  assert.ok(await page.$('#trend-grid .rows [role=row]'), 'the trend table is shown');
});
