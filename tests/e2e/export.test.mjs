// The Export menu: each export downloads a file made in the page, and each
// says what the screen says. The .pb.gz and the copied command are checked by
// running the real `go tool pprof`; the SVG is parsed as XML; redacted files
// hold none of the original names.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { corpus, exportFile, makeProfile, openFiles, parsePprofTop, readGrid, siteWithTempDir } from './lib.mjs';

const XSS = '<img src=x onerror=alert(1)>';
const fx = siteWithTempDir();

/** The open menu covers part of the table. */
const closeMenu = (page) => page.$eval('#export-menu', (d) => (d.open = false));

/** Clicks an item of the Export menu that downloads nothing, opening the menu first. */
async function menuClick(page, selector) {
  if (!(await page.$eval('#export-menu', (d) => d.open))) await page.click('#export-menu summary');
  await page.click(selector);
}

/** Runs a shell command line in `cwd`, as a colleague would paste it. */
function sh(cmd, cwd) {
  return execFileSync('bash', ['-c', cmd], { cwd, encoding: 'utf8', env: { ...process.env, PPROF_TMPDIR: cwd, TZ: 'UTC' } });
}

/** The rows of a `go tool pprof -top` text, as the screen's text columns. */
const pprofRows = (text) => parsePprofTop(text).map((r) => [r.flat, r.flatPct, r.cum, r.cumPct, r.name].join(' '));

// The (inline) marks are left out of the comparisons: the Go 1.19 pprof here
// prints none for these files (the oracle's pprof did), whatever the file holds.
const unmarked = (rows) => rows.map((r) => r.replace(/ \((partial-)?inline\)$/, ''));
const screenRows = (rows) => rows.map((r) => [r.flatText, r.flatPct, r.cumText, r.cumPct, r.name + (r.inline ? ` ${r.inline}` : '')].join(' '));

function parseCsv(text) {
  const rows = [];
  const re = /("(?:[^"]|"")*"|[^,\r\n]*)(,|\r\n)/g;
  let row = [];
  for (let m; (m = re.exec(text)); ) {
    row.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
    if (m[2] === '\r\n') (rows.push(row), (row = []));
  }
  return rows;
}

test('the table as CSV and Markdown equals the table on screen, with exact values', async () => {
  const { page } = fx.site;
  await openFiles(page, [corpus('go/heap_t2.pb.gz')]);
  const grid = await readGrid(page, 2000);
  const csv = await exportFile(page, '#export-tables [data-table=top][data-format=csv]');
  assert.equal(csv.name, 'heap_t2.top.csv');
  const [header, ...rows] = parseCsv(csv.bytes.toString('utf8'));
  assert.deepEqual(header, ['Flat', 'Flat%', 'Sum%', 'Cum', 'Cum%', 'Name', 'Inline', 'Flat (bytes)', 'Cum (bytes)']);
  assert.deepEqual(
    rows,
    grid.map((r) => [r.flatText, r.flatPct, r.sumPct, r.cumText, r.cumPct, r.name, r.inline, String(r.flat), String(r.cum)]),
  );
  const md = await exportFile(page, '#export-tables [data-table=top][data-format=md]');
  const lines = md.bytes.toString('utf8').trim().split('\n');
  assert.equal(lines.length, grid.length + 2);
  assert.equal(lines[2], `| ${rows[0].join(' | ')} |`);
});

test('the .pb.gz opens in go tool pprof with the numbers on screen; the copied command prints the same table', async () => {
  const { page } = fx.site;
  const grid = screenRows(await readGrid(page, 2000));
  const pb = await exportFile(page, '#export-pb');
  assert.equal(pb.name, 'heap_t2.view.pb.gz');
  const file = await fx.tmp.file(pb.name, pb.bytes);
  const type = await page.$eval('#sample-type', (s) => s.selectedOptions[0].textContent.split(' ')[0]);
  const out = sh(`go tool pprof -top -nodecount=1000000 -nodefraction=0 -sample_index=${type} ${file}`, fx.tmp.dir);
  assert.deepEqual(unmarked(pprofRows(out)), unmarked(grid));

  await menuClick(page, '#export-command');
  const cmd = await page.inputValue('#export-output');
  assert.match(cmd, /^go tool pprof -top .*-sample_index=inuse_space -functions heap_t2\.pb\.gz$/);
  copyFileSync(corpus('go/heap_t2.pb.gz'), join(fx.tmp.dir, 'heap_t2.pb.gz'));
  assert.deepEqual(unmarked(pprofRows(sh(cmd, fx.tmp.dir))), unmarked(grid));

  // sorted by cum and at another granularity, the command follows
  await closeMenu(page);
  await page.click('#top-grid [role=columnheader]:nth-child(4) button');
  await page.selectOption('#granularity', 'lines');
  await page.waitForFunction(() => document.querySelector('#top-grid .rows [role=row] [role=gridcell]:last-child')?.textContent.includes('.go:'));
  const lines = screenRows(await readGrid(page, 2000));
  await menuClick(page, '#export-command');
  const cmd2 = await page.inputValue('#export-output');
  assert.match(cmd2, / -lines -cum /);
  // rows of equal cum come in the table's own order, pprof's -cum orders them by name
  assert.deepEqual(unmarked(pprofRows(sh(cmd2, fx.tmp.dir))).sort(), unmarked(lines).sort());
  await closeMenu(page);
  await page.selectOption('#granularity', 'functions');
  await page.click('#top-grid [role=columnheader]:nth-child(1) button');
});

test('for the Diff view: the command has -base or -diff_base, and the exported diff prints the same table', async () => {
  const { page } = fx.site;
  // with heap_t2 open, heap_t0 makes a series: the Trend view opens, with the pair in Diff
  await openFiles(page, [corpus('go/heap_t0.pb.gz')], { expectProfiles: 0 });
  await page.click('#tab-diff');
  await page.waitForFunction(() => window.__proflens.view() === 'diff' && window.__proflens.diffRows(1).length > 0, null, { timeout: 60_000 });
  await menuClick(page, '#export-command');
  const cmd = await page.inputValue('#export-output');
  assert.match(cmd, / -(diff_)?base heap_t0\.pb\.gz heap_t2\.pb\.gz$/);
  copyFileSync(corpus('go/heap_t0.pb.gz'), join(fx.tmp.dir, 'heap_t0.pb.gz'));
  const byCommand = pprofRows(sh(cmd, fx.tmp.dir));
  const pb = await exportFile(page, '#export-pb');
  const file = await fx.tmp.file(pb.name, pb.bytes);
  const byExport = pprofRows(sh(`go tool pprof -top -nodecount=1000000 -nodefraction=0 -sample_index=inuse_space ${file}`, fx.tmp.dir));
  assert.ok(byCommand.length > 5);
  assert.deepEqual(unmarked(byExport), unmarked(byCommand));
  await closeMenu(page);
  await page.click('#tab-top');
});

test('flame graph as SVG (XML, names escaped), PNG and folded stacks', async () => {
  const { page } = fx.site;
  const prof = makeProfile({ types: [['samples', 'count']], stacks: [['main', XSS, 70], ['main', 'work', 30]] });
  await openFiles(page, [await fx.tmp.file('xss.pb', prof)]);
  const svg = await exportFile(page, '#export-svg');
  assert.equal(svg.name, 'xss.flame.svg');
  const text = svg.bytes.toString('utf8');
  assert.ok(!text.includes('<img'), 'the name is never markup');
  const parsed = await page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    return { error: !!doc.querySelector('parsererror'), root: doc.documentElement.nodeName, texts: [...doc.querySelectorAll('text, title')].map((t) => t.textContent) };
  }, text);
  assert.equal(parsed.error, false);
  assert.equal(parsed.root, 'svg');
  assert.ok(parsed.texts.some((t) => t.includes(XSS)), 'the name is there as text');

  const png = await exportFile(page, '#export-png');
  assert.equal(png.name, 'xss.flame.png');
  assert.deepEqual([...png.bytes.subarray(1, 4)], [...Buffer.from('PNG')]);
  assert.ok(png.bytes.length > 1000);

  const folded = await exportFile(page, '#export-folded');
  assert.equal(folded.name, 'xss.folded.txt');
  assert.deepEqual(folded.bytes.toString('utf8').trim().split('\n').sort(), [`main;${XSS} 70`, 'main;work 30']);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);

  // as shown: zoomed to a frame, with the search's matches outlined
  await closeMenu(page);
  await page.fill('#flame-search', 'WORK');
  const r = (await page.evaluate(() => window.__proflens.frameRects())).find((x) => x.name === 'work');
  const box = await page.locator('#flame-canvas').boundingBox();
  await page.mouse.click(box.x + r.x + r.w / 2, box.y + r.y + 5);
  await page.waitForFunction(() => window.__proflens.zoomedName() === 'work');
  const zoomed = (await exportFile(page, '#export-svg')).bytes.toString('utf8');
  assert.match(zoomed, /<title>work[^<]*<\/title><rect [^>]*stroke=/, 'the match is outlined');
  assert.ok(!zoomed.includes('onerror'), 'frames outside the zoom are left out');
  await closeMenu(page);
  await page.fill('#flame-search', '');
  await page.keyboard.press('Escape');
});

test('redacted exports hold none of the original names', async () => {
  const { page } = fx.site;
  await closeMenu(page);
  await page.click('#profile-list .profile-name >> text=heap_t2.pb.gz');
  await page.waitForFunction(() => window.__proflens.view() === 'top' && window.__proflens.rows(1)[0]?.name === 'main.newItem');
  const names = (await readGrid(page, 2000)).map((r) => r.name).filter((n) => n.length > 4);
  assert.ok(names.includes('main.newItem'));
  if (!(await page.$eval('#export-menu', (d) => d.open))) await page.click('#export-menu summary');
  await page.selectOption('#export-redaction', 'hash');
  const files = [
    await exportFile(page, '#export-pb'),
    await exportFile(page, '#export-svg'),
    await exportFile(page, '#export-folded'),
  ];
  // a table is copied from the screen, real names and all: it says how to get a redacted one
  await page.click('#export-tables [data-table=top][data-format=csv]');
  await page.waitForFunction(() => document.querySelector('#export-status').textContent.includes('export the redacted profile, open it'));
  for (const f of files) {
    assert.match(f.name, /\.redacted\./);
    const text = (f.name.endsWith('.gz') ? gunzipSync(f.bytes) : f.bytes).toString('latin1');
    for (const n of names) assert.ok(!text.includes(n), `${f.name} contains ${n}`);
    for (const part of ['main.', 'runtime.', '.go']) assert.ok(!text.includes(part), `${f.name} contains ${part}`);
  }
  // the redacted profile keeps the numbers
  const file = await fx.tmp.file('redacted.pb.gz', files[0].bytes);
  const total = sh(`go tool pprof -top -nodecount=3 -sample_index=inuse_space ${file}`, fx.tmp.dir).match(/of (\S+) total/)[1];
  const orig = sh(`go tool pprof -top -nodecount=3 -sample_index=inuse_space ${corpus('go/heap_t2.pb.gz')}`, fx.tmp.dir).match(/of (\S+) total/)[1];
  assert.equal(total, orig);

  await page.selectOption('#export-redaction', 'trim');
  await page.fill('#export-trim', 'main.');
  const trimmed = await exportFile(page, '#export-folded');
  assert.ok(trimmed.bytes.toString('utf8').includes('newItem'));
  await page.selectOption('#export-redaction', '');
});

test('copy link: the URL with the view in its hash, and what it holds', async () => {
  const { page, log } = fx.site;
  await closeMenu(page);
  await page.fill('#name-filter', 'main');
  await menuClick(page, '#export-link');
  const link = await page.inputValue('#export-output');
  assert.equal(link, page.url());
  assert.match(new URL(link).hash, /q=main/);
  assert.match(await page.textContent('#export-note'), /no profile data/);
  // blob: URLs are the page's own memory (the downloads, the SVG drawn for the PNG)
  const network = log.requests.filter((r) => r.phase !== 'load' && !r.url.startsWith('blob:'));
  assert.deepEqual(network, [], 'no export made a request');
  assert.deepEqual(log.pageErrors, []);
});
