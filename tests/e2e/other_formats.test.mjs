// Other profilers' formats in the web app: each kept example of examples/other-profilers
// (perf script, folded stacks, V8 .cpuprofile and .heapprofile, speedscope JSON) opens,
// and its table equals what live `go tool pprof -top` prints of the .pb.gz the page
// exports from it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportFile, openFiles, parsePprofTop, readGrid, ROOT, siteWithTempDir } from './lib.mjs';

const fx = siteWithTempDir();
const EXAMPLES = [
  ['work.perf.txt', 'checksum.constprop.0'],
  ['work.perf.cpu-clock.inferno.folded', 'checksum.constprop.0'],
  ['work.cpuprofile', 'fib'],
  ['work.heapprofile', 'compileForInternalLoader'],
  ['work.cpuprofile.speedscope.json', 'fib'],
];

for (const [name, hot] of EXAMPLES) {
  test(`${name}: the table equals go tool pprof -top of its export`, async () => {
    const { page } = fx.site;
    await openFiles(page, [join(ROOT, 'examples/other-profilers', name)]);
    const rows = await readGrid(page, 2000);
    assert.ok(rows.some((r) => r.name === hot), `${hot} is in the table`);
    const pb = await exportFile(page, '#export-pb');
    const file = await fx.tmp.file(pb.name, pb.bytes);
    const type = await page.$eval('#sample-type', (s) => s.selectedOptions[0].textContent.split(' ')[0]);
    const args = ['tool', 'pprof', '-top', '-nodecount=1000000', '-nodefraction=0', '-edgefraction=0', `-sample_index=${type}`, file];
    const want = parsePprofTop(execFileSync('go', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    const got = rows.map((g) => ({ flat: g.flatText, flatPct: g.flatPct, sumPct: g.sumPct, cum: g.cumText, cumPct: g.cumPct, name: g.inline ? `${g.name} ${g.inline}` : g.name }));
    assert.ok(want.length >= 5, `${want.length} rows from pprof`);
    assert.deepEqual(got, want);
  });
}

test('a speedscope file of two threads opens as two profiles, each named and each its own table', async () => {
  const { page } = fx.site;
  const two = JSON.stringify({
    $schema: 'https://www.speedscope.app/file-format-schema.json',
    shared: { frames: [{ name: 'main' }, { name: 'work', file: 'a.py', line: 3 }, { name: 'idle' }] },
    profiles: [
      { type: 'sampled', name: 'thread 1', unit: 'none', startValue: 0, endValue: 3, samples: [[0, 1], [0], [0, 1]], weights: [1, 2, 1] },
      { type: 'sampled', name: 'thread 2', unit: 'none', startValue: 0, endValue: 1, samples: [[0, 2]], weights: [5] },
    ],
  });
  const file = await fx.tmp.file('threads.speedscope.json', two);
  const before = (await page.evaluate(() => window.__proflens.profiles())).length;
  await page.setInputFiles('#file-input', [file]);
  await page.waitForFunction((n) => window.__proflens.profiles().length >= n + 2, before, { timeout: 60_000 });
  const names = (await page.evaluate(() => window.__proflens.profiles())).slice(before).map((p) => p.name);
  assert.deepEqual(names, ['threads.speedscope.json · thread 1', 'threads.speedscope.json · thread 2']);
  // each is a profile of its own: thread 2's table has only its own sample
  await page.getByRole('button', { name: 'threads.speedscope.json · thread 2', exact: true }).click();
  await page.waitForFunction(() => window.__proflens.view() === 'top' && [...document.querySelectorAll('#top-grid [role=gridcell]')].some((c) => c.textContent === 'idle'));
  const rows = await readGrid(page, 10);
  assert.deepEqual(rows.map((r) => [r.name, r.flat]).filter(([, f]) => f !== 0), [['idle', 5]]);
});
