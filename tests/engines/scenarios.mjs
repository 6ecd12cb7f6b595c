// What a user does with the site, written once and run in every engine (see
// ./suite.mjs). Each scenario starts on a freshly loaded page and checks its
// numbers against the references: pprof's rows (the corpus oracle, or live
// `go tool pprof`), the dump's own text, the CLI's output.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, corpus, defaultType, need, openFiles, oracle, parsePprofTop, pprofTopText, readGrid } from '../e2e/lib.mjs';

const HEAP = 'go/heap_t2.pb.gz';
const SNAPSHOTS = ['go/heap_t0.pb.gz', 'go/heap_t1.pb.gz', 'go/heap_t2.pb.gz'];
const DUMP = 'go/goroutine_debug2.txt';
const CLI = join(ROOT, 'target/debug/proflens'); // cargo test builds it

/** The screen's row as `go tool pprof -top` prints it. */
const asPrinted = (r) => ({ flat: r.flatText, cum: r.cumText, name: r.inline ? `${r.name} ${r.inline}` : r.name });

/** Opens heap_t2 and checks the first rows against pprof's (the oracle), numbers and text. */
async function openHeap(page) {
  await openFiles(page, [corpus(HEAP)]);
  const o = oracle(HEAP);
  const type = defaultType(o);
  const rows = await readGrid(page, 25);
  const want = o.types[type].functions.slice(0, 25);
  assert.equal(rows.length, want.length, 'rows on screen');
  assert.deepEqual(
    rows.map((r) => ({ name: r.name, flat: r.flat, cum: r.cum, inline: r.inline })),
    want.map((w) => ({ name: w.name, flat: w.flat, cum: w.cum, inline: w.inline ?? '' })),
  );
  const text = pprofTopText(HEAP, type).slice(0, rows.length);
  assert.deepEqual(
    rows.map((r) => ({ ...asPrinted(r), flatPct: r.flatPct, sumPct: r.sumPct, cumPct: r.cumPct })),
    text.map((w) => ({ flat: w.flat, cum: w.cum, name: w.name, flatPct: w.flatPct, sumPct: w.sumPct, cumPct: w.cumPct })),
  );
  return rows;
}

/** The flame graph's boxes once drawn, and how many of its top rows' pixels were painted. */
async function flameDrawn(page) {
  await page.waitForFunction(() => window.__proflens.frameRects().length > 0);
  return page.evaluate(() => {
    const c = document.querySelector('#flame-canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, Math.min(c.height, 40)).data;
    let painted = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]) painted++;
    return { rects: window.__proflens.frameRects().length, painted };
  });
}

/** `go tool pprof -top` run live on a corpus file with more flags. */
function pprofTop(file, ...flags) {
  const out = execFileSync('go', ['tool', 'pprof', '-top', '-nodefraction=0', '-edgefraction=0', '-symbolize=none', ...flags, file], { encoding: 'utf8' });
  return parsePprofTop(out);
}

const quoteMeta = (s) => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

export const SCENARIOS = [
  {
    name: "a heap profile: the table is pprof's, the flame graph draws",
    async run({ page }) {
      await openHeap(page);
      const { rects, painted } = await flameDrawn(page);
      assert.ok(rects > 10 && painted > 1000, `${rects} boxes, ${painted} painted pixels`);
      // Canvas text metrics differ by engine and font: every label drawn fits its box.
      const over = await page.evaluate(() => {
        const ctx = document.querySelector('#flame-canvas').getContext('2d');
        const charW = ctx.measureText('mmmmmmmmmm').width / 10;
        return window.__proflens
          .frameRects()
          .filter((r) => r.w > charW * 3 + 6)
          .map((r) => {
            const max = Math.floor((r.w - 6) / charW);
            const label = r.name.length > max ? r.name.slice(0, Math.max(1, max - 1)) + '…' : r.name;
            return { name: r.name, w: r.w, text: ctx.measureText(label).width };
          })
          .filter((x) => x.text > x.w - 3);
      });
      assert.deepEqual(over, [], 'labels wider than their boxes');
      // a click on a box (the pointer where the engine puts it) zooms to it
      const boxes = await page.evaluate(() => window.__proflens.frameRects());
      const target = boxes.filter((r) => r.depth >= 1 && r.w > 40 && r.w < 1000).sort((a, b) => b.w - a.w)[0];
      await page.clickAt('#flame-canvas', target.x + target.w / 2, target.y + target.h / 2);
      await page.waitForFunction((n) => window.__proflens.zoomedName() === n, target.name);
    },
  },
  {
    name: 'three heap snapshots: the trend, and the diff of the first and last',
    async run({ page }) {
      // out of order on purpose: the series is ordered by the time in each file
      await page.setInputFiles('#file-input', [SNAPSHOTS[2], SNAPSHOTS[0], SNAPSHOTS[1]].map(corpus));
      // a series opens on its Findings (issue 21); its Trend is one click away
      await page.waitForFunction(() => window.__proflens.view() === 'findings', undefined, { timeout: 120_000 });
      await page.click('#tab-trend');
      await page.waitForFunction(() => window.__proflens.view() === 'trend' && window.__proflens.trendRows(1).length > 0, undefined, { timeout: 120_000 });
      assert.deepEqual(await page.evaluate(() => window.__proflens.series()), ['heap_t0.pb.gz', 'heap_t1.pb.gz', 'heap_t2.pb.gz']);
      const [first] = await page.evaluate(() => window.__proflens.trendRows(1));
      assert.equal(first.name, 'main.newItem');
      assert.ok(first.values[0] < first.values[1] && first.values[1] < first.values[2], `growing: ${first.values}`);
      await page.click('#trend-open-diff');
      await page.waitForFunction(() => window.__proflens.view() === 'diff' && window.__proflens.diffRows(1).length > 0);
      // -base (the default): pprof's percentages of the sum of |delta|
      const o = oracle('go/base.heap_t0__heap_t2').types.inuse_space;
      await page.waitForFunction((t) => window.__proflens.diffTotals().total === t, o.total);
      const [top] = await page.evaluate(() => window.__proflens.diffRows(1));
      assert.deepEqual({ name: top.name, flat: top.flat, cum: top.cum }, o.functions[0]);
      await page.waitForFunction(() => window.__proflens.flameKind() === 'diff' && window.__proflens.frameRects().length > 0);
    },
  },
  {
    name: "a goroutine dump's groups, and a state chip",
    async run({ page }) {
      const text = readFileSync(corpus(DUMP), 'utf8');
      await openFiles(page, [corpus(DUMP)]);
      await page.waitForFunction(() => window.__proflens.goroutineRows(1).length > 0);
      const rows = await page.evaluate(() => window.__proflens.goroutineRows(20));
      const { count, state, top, creator } = rows[0];
      assert.deepEqual({ count, state, top, creator }, { count: 1238, state: 'chan receive', top: 'main.awaitConfirmation', creator: 'main.handleOrder' });
      const headers = text.split('\n').filter((l) => l.startsWith('goroutine '));
      assert.equal(rows.reduce((a, r) => a + r.count, 0), headers.length, 'every goroutine of the dump is in a group');
      await page.click('#goroutine-chips .chip[data-state="semacquire"]');
      await page.waitForFunction(() => window.__proflens.goroutineRows(20).every((r) => r.state === 'semacquire'));
      const semacquire = headers.filter((l) => /\[semacquire[\],]/.test(l)).length;
      assert.deepEqual((await page.evaluate(() => window.__proflens.goroutineRows(20))).map((r) => [r.state, r.count]), [['semacquire', semacquire]]);
    },
  },
  {
    name: "a focus chip from the table's context menu is pprof -focus; removing it restores the table",
    async run({ page }) {
      const all = await openHeap(page);
      const name = all[3].name;
      const count = await page.evaluate(() => window.__proflens.rows(1000).length);
      await page.click('#top-grid .rows [role=row][aria-rowindex="5"]', { button: 'right' });
      await page.click('.function-menu [data-action=focus]');
      await page.waitForSelector('.transform-chips .chip');
      // in bytes (-unit=B): pprof may pick other units for the focused view's text
      const bytes = (text) => Number(text.replace(/B$/, ''));
      const want = pprofTop(corpus(HEAP), '-unit=B', `-focus=^${quoteMeta(name)}$`, '-sample_index=inuse_space');
      await page.waitForFunction((n) => window.__proflens.rows(1000).length === n, want.length);
      const got = (await readGrid(page, 1000)).map((r) => ({ name: asPrinted(r).name, flat: r.flat, cum: r.cum }));
      const sorted = (rows) => rows.sort((a, b) => (a.name < b.name ? -1 : 1));
      assert.deepEqual(sorted(got), sorted(want.map((w) => ({ name: w.name, flat: bytes(w.flat), cum: bytes(w.cum) }))));
      await page.click('.transform-chips .chip-remove');
      await page.waitForFunction((n) => !document.querySelector('.transform-chips .chip') && window.__proflens.rows(1000).length === n, count);
      assert.deepEqual((await readGrid(page, 25)).map((r) => r.name), all.map((r) => r.name));
    },
  },
  {
    name: 'the grid and the flame graph from the keyboard',
    async run({ page }) {
      const rows = await openHeap(page);
      await page.focus('#top-grid');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(() => document.querySelector('#top-grid').getAttribute('aria-activedescendant') === 'row-1');
      assert.equal(await page.$eval('#top-grid [aria-selected=true] [role=gridcell]:last-child span', (s) => s.textContent), rows[1].name);
      await page.keyboard.press('Home');
      await page.waitForFunction(() => document.querySelector('#top-grid').getAttribute('aria-activedescendant') === 'row-0');
      await flameDrawn(page);
      await page.focus('#flame-canvas');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.__proflens.zoomedName() !== '');
      await page.keyboard.press('0');
      await page.waitForFunction(() => window.__proflens.zoomedName() === '');
      await page.keyboard.press('/');
      await page.waitForFunction(() => document.activeElement?.id === 'flame-search');
    },
  },
  {
    name: "the table downloaded as CSV is the CLI's `proflens top --format csv`",
    async run({ page }) {
      need(CLI, 'run `cargo build` first');
      await openHeap(page);
      await page.click('#export-menu summary');
      const csv = await page.download('#export-tables [data-table=top][data-format=csv]');
      assert.equal(csv.name, 'heap_t2.top.csv');
      assert.equal(csv.bytes.toString('utf8'), execFileSync(CLI, ['top', '--format', 'csv', corpus(HEAP)], { encoding: 'utf8' }));
    },
  },
  {
    name: '"Try an example" opens the leak scenario',
    async run({ page }) {
      await page.click('#guide-example');
      // snapshots and a dump of one program open on their Findings; the dump's groups are in their tab
      await page.waitForFunction(() => window.__proflens.profiles().length === 4 && window.__proflens.view() === 'findings', undefined, { timeout: 60_000 });
      await page.click('#tab-goroutines');
      await page.waitForFunction(() => window.__proflens.profiles().length === 4 && window.__proflens.goroutineRows(1).length === 1, undefined, { timeout: 60_000 });
      const [group] = await page.evaluate(() => window.__proflens.goroutineRows(1));
      assert.deepEqual([group.top, group.state, group.count], ['main.awaitConfirmation', 'chan receive', 500]);
      await page.click('#tab-trend');
      await page.waitForFunction(() => window.__proflens.view() === 'trend' && window.__proflens.trendRows(1).length > 0 && window.__proflens.flameKind() === 'diff', undefined, { timeout: 60_000 });
      assert.equal((await page.evaluate(() => window.__proflens.trendRows(1)))[0].name, 'main.newItem');
    },
  },
  {
    name: 'a bad file names itself and leaves the other profiles alone',
    async run({ page }, tmp) {
      const bad = await tmp.file('garbage.pb.gz', randomBytes(4096));
      await openFiles(page, [corpus('go/heap_t1.pb.gz'), bad], { expectProfiles: 1 });
      await page.waitForFunction(() => document.querySelectorAll('#errors li').length >= 1);
      const errors = await page.$$eval('#errors li', (l) => l.map((x) => x.textContent));
      assert.ok(errors.some((e) => e.startsWith('garbage.pb.gz: ') && e.length > 'garbage.pb.gz: '.length + 5), errors.join('\n'));
      assert.deepEqual(await page.$$eval('#profile-list .profile-name', (els) => els.map((e) => e.textContent)), ['heap_t1.pb.gz']);
      assert.ok((await readGrid(page, 5)).length > 0, 'the table still shows heap_t1');
    },
  },
];
