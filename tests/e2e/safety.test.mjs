// Errors, hostile names, privacy: a bad file names itself and leaves the
// other profiles alone; profile text is never HTML, and every export of it
// opens as data; no request leaves the page's origin and none is made after
// the page has loaded.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { corpus, exportFile, makeProfile, openFiles, readGrid, screenshot, siteWithTempDir } from './lib.mjs';

const XSS = '<img src=x onerror="window.__xss=1">';
const fx = siteWithTempDir();

test('a bad file shows an error naming it, and the other profiles stay', async () => {
  const { page } = fx.site;
  await openFiles(page, [corpus('go/heap_t1.pb.gz')]);
  const bad = await fx.tmp.file('garbage.pb.gz', randomBytes(4096));
  const empty = await fx.tmp.file('empty.pb', new Uint8Array(0));
  await openFiles(page, [bad, empty], { expectProfiles: 0 });
  await page.waitForFunction(() => document.querySelectorAll('#errors li').length >= 2);
  const errors = await page.$$eval('#errors li', (l) => l.map((x) => x.textContent));
  assert.ok(errors.some((e) => e.startsWith('garbage.pb.gz: ') && e.length > 'garbage.pb.gz: '.length + 5), errors.join('\n'));
  assert.ok(errors.some((e) => e.startsWith('empty.pb: ')), errors.join('\n'));
  const listed = await page.$$eval('#profile-list .profile-name', (els) => els.map((e) => e.textContent));
  assert.deepEqual(listed, ['heap_t1.pb.gz']);
  assert.ok((await readGrid(page, 5)).length > 0, 'the table still shows heap_t1');
  await screenshot(page, 'error.png');
});

test('a function named like HTML renders as text', async () => {
  const { page } = fx.site;
  const prof = makeProfile({
    types: [['samples', 'count']],
    stacks: [
      ['main', XSS, 70],
      ['main', 'work', 30],
    ],
  });
  const file = await fx.tmp.file('xss.pb', prof);
  await openFiles(page, [file]);
  const rows = await readGrid(page, 5);
  assert.equal(rows[0].name, XSS);
  assert.equal(rows[0].flat, 70);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0, 'no <img> was created');
  await page.waitForFunction(() => window.__proflens.frameRects().length > 0);
  const names = await page.evaluate(() => window.__proflens.frameRects().map((r) => r.name));
  assert.ok(names.includes(XSS));
  // zoom to it so the breadcrumb shows it too
  const r = (await page.evaluate(() => window.__proflens.frameRects())).find((x) => x.name === XSS);
  const box = await page.locator('#flame-canvas').boundingBox();
  await page.mouse.click(box.x + r.x + r.w / 2, box.y + r.y + 5);
  await page.waitForFunction((n) => window.__proflens.zoomedName() === n, XSS);
  assert.ok((await page.locator('.crumbs').textContent()).includes(XSS));
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no script ran');
});

// Names chosen by whoever made the file: spreadsheet formulas, a `;` and a line break
// that would forge folded frames and stacks, Markdown and HTML, shell syntax.
const HOSTILE = [
  '=HYPERLINK("http://127.0.0.1/x","click")',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  'main.x;evil;stack',
  "it's $(touch pwned)\nmain.forged;frame 100",
  '-2+3',
  XSS,
  'a|b\\c`d`*e*_f_[g](http://127.0.0.1/g) ![i](http://127.0.0.1/i.png)',
];
const FORMULA = /^[=+\-@\t\r]/;
/** The stand-ins of the folded export (README, Untrusted profiles). */
const unfold = (frame) => frame.replace(/；/g, ';').replace(/␤/g, '\n').replace(/␍/g, '\r');

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
function readCsv(text) {
  const rows = [];
  let row = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      for (i++; ; i++) {
        assert.ok(i < text.length, 'an unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') (field += '"'), i++;
        else if (text[i] === '"') break;
        else field += text[i];
      }
      i++;
    } else {
      for (; i < text.length && text[i] !== ',' && text[i] !== '\r'; i++) {
        assert.ok(text[i] !== '"' && text[i] !== '\n', `a bare field holds ${JSON.stringify(text[i])}`);
        field += text[i];
      }
    }
    row.push(field);
    if (text[i] === ',') i++;
    else {
      assert.equal(text.slice(i, i + 2), '\r\n', `a field ends in ${JSON.stringify(text.slice(i, i + 2))}`);
      rows.push(row), (row = []), (i += 2);
    }
  }
  return rows;
}

/** The table `name`'s CSV from the Export menu, read back; no cell would run as a formula. */
async function csvExport(page, name) {
  const csv = readCsv((await exportFile(page, `#export-tables [data-table=${name}][data-format=csv]`)).bytes.toString('utf8'));
  for (const row of csv) {
    assert.equal(row.length, csv[0].length);
    for (const cell of row) assert.ok(!FORMULA.test(cell) || /^[-+]?\d+(\.\d+)?%?$/.test(cell), `${JSON.stringify(cell)} would run as a formula`);
  }
  return csv;
}

/** Column `k` of a CSV's rows, each without the ' that kept it from being a formula. */
const csvNames = (csv, k) => csv.slice(1).map((r) => (r[k][0] === "'" && FORMULA.test(r[k].slice(1)) ? r[k].slice(1) : r[k]));

/** The folded export's stacks, each frame read back, as sorted `\0`-joined strings. */
async function foldedStacks(page) {
  const lines = (await exportFile(page, '#export-folded')).bytes.toString('utf8').trim().split('\n');
  return lines.map((l) => l.slice(0, l.lastIndexOf(' ')).split(';').map(unfold).join('\u0000')).sort();
}

test('hostile names: shown as text, and every export opens as data', async () => {
  const { page } = fx.site;
  const dialogs = [];
  const onDialog = (d) => (dialogs.push(d.message()), d.dismiss());
  page.on('dialog', onDialog);
  const name = "it's $(touch pwned).pb";
  // a sample type of its own: with the same types as xss.pb the two would make a series
  const file = await fx.tmp.file(name, makeProfile({ types: [['hostile', 'count']], stacks: [...HOSTILE.map((n, i) => ['main', n, 10 + i]), ['main', ...HOSTILE, 3]] }));
  await openFiles(page, [file]);
  const shown = (await readGrid(page, 20)).map((r) => r.name);
  assert.deepEqual([...shown].sort(), [...HOSTILE, 'main'].sort());
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0, 'no <img> was created');

  // CSV: read back strictly; no cell starts a formula unless behind a '
  const csv = await csvExport(page, 'top');
  assert.deepEqual(csvNames(csv, 5), shown);

  // Markdown, rendered by GitHub's renderer: one row per name, no element in a cell
  const md = (await exportFile(page, '#export-tables [data-table=top][data-format=md]')).bytes.toString('utf8');
  const html = execFileSync('cmark-gfm', ['-e', 'table', '-e', 'strikethrough', '-e', 'autolink', '-e', 'tagfilter'], { input: md, encoding: 'utf8' });
  const trs = html.split('<tr>').slice(1);
  assert.equal(trs.length, shown.length + 1, html);
  for (const tr of trs) assert.equal((tr.match(/<t[dh]/g) ?? []).length, csv[0].length, tr);
  assert.doesNotMatch(html, /<(a|img|code|em|strong|del)\b/, html);

  // folded stacks: no forged frame or line; the stand-ins read back to the names
  assert.deepEqual(await foldedStacks(page), [...HOSTILE.map((n) => ['main', n]), ['main', ...HOSTILE]].map((s) => s.join('\u0000')).sort());

  // SVG: well-formed, only drawing elements, the names as text (CR shows as U+FFFD)
  const svg = (await exportFile(page, '#export-svg')).bytes.toString('utf8');
  const parsed = await page.evaluate((svg) => {
    const d = new DOMParser().parseFromString(svg, 'image/svg+xml');
    return { error: !!d.querySelector('parsererror'), tags: [...new Set([...d.querySelectorAll('*')].map((e) => e.localName))], titles: [...d.querySelectorAll('title')].map((t) => t.textContent) };
  }, svg);
  assert.equal(parsed.error, false);
  assert.deepEqual(parsed.tags.filter((t) => !['svg', 'g', 'rect', 'text', 'title', 'style', 'defs'].includes(t)), []);
  for (const n of HOSTILE) assert.ok(parsed.titles.some((t) => t.startsWith(n)), n);

  // .pb.gz: every name byte for byte, and go tool pprof reads them
  const pb = await exportFile(page, '#export-pb');
  for (const n of HOSTILE) assert.ok(gunzipSync(pb.bytes).includes(Buffer.from(n)), n);
  const pbFile = await fx.tmp.file('view.pb.gz', pb.bytes);
  const raw = execFileSync('go', ['tool', 'pprof', '-raw', '-symbolize=none', pbFile], { encoding: 'utf8', stdio: 'pipe', env: { ...process.env, PPROF_TMPDIR: fx.tmp.dir } });
  for (const n of HOSTILE) assert.ok(raw.includes(n), n);

  // the pprof command, focused on the name with a quote, $(...) and a line break, runs
  // as one command in a shell: it runs nothing else, and pprof keeps what the page keeps
  // (the name's own 13 and the 3 of the stack through every name, of 94)
  const target = HOSTILE[3];
  await page.$eval('#export-menu', (d) => (d.open = false)); // it covers part of the table
  await page.click(`#top-grid .rows [role=row][aria-rowindex="${shown.indexOf(target) + 2}"]`, { button: 'right' });
  await page.click('.function-menu [data-action=focus]');
  await page.waitForFunction(() => window.__proflens.rows(20).reduce((a, r) => a + r.flat, 0) === 16);
  if (!(await page.$eval('#export-menu', (d) => d.open))) await page.click('#export-menu summary');
  await page.click('#export-command');
  const cmd = await page.inputValue('#export-output');
  const out = execFileSync('bash', ['-c', cmd], { cwd: fx.tmp.dir, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, PPROF_TMPDIR: fx.tmp.dir } });
  assert.equal(existsSync(join(fx.tmp.dir, 'pwned')), false, 'the command ran nothing else');
  assert.ok(out.includes(target), out);
  assert.match(out, /accounting for 16, [\d.]+% of 94 total/);

  await page.$eval('#export-menu', (d) => (d.open = false));
  await page.click('.transform-chips .chip-remove'); // the focus would hide the next files' stacks
  await page.waitForFunction(() => window.__proflens.rows(20).length === 8);
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0, 'no <img> was created');
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no script ran');
  page.off('dialog', onDialog);
});

test('hostile names in a goroutine dump and a ?debug=1 heap text: the CSV and folded exports', async () => {
  const { page } = fx.site;
  const dialogs = [];
  const onDialog = (d) => (dialogs.push(d.message()), d.dismiss());
  page.on('dialog', onDialog);
  // the text forms hold one name a line: all but the one with a line break
  const names = HOSTILE.filter((n) => !n.includes('\n'));
  let dump = 'goroutine 1 [select]:\n';
  names.forEach((n, i) => (dump += `${n}(0x1)\n\t/app/f${i}.go:${i + 1} +0x1\n`));
  await openFiles(page, [await fx.tmp.file('hostile_goroutine.txt', dump + 'main.main()\n\t/app/main.go:1 +0x1\n')]);
  await page.waitForFunction((x) => window.__proflens.goroutineRows(1)[0]?.top === x, names[0]);
  const groups = await csvExport(page, 'goroutines');
  assert.ok(csvNames(groups, groups[0].indexOf('Function')).includes(names[0]), JSON.stringify(groups));
  const stack = ['main.main', ...[...names].reverse()]; // the dump lists the leaf first
  assert.deepEqual(await foldedStacks(page), [stack.join('\u0000')]);
  // the dump's Top table is in the Top tab (the menu closed first, so the tab can be reached)
  if (await page.$eval('#export-menu', (d) => d.open)) await page.click('#export-menu summary');
  await page.click('#tab-top');
  await page.waitForSelector('#top-grid .rows [role=row]');
  assert.deepEqual(csvNames(await csvExport(page, 'top'), 5).sort(), stack.sort());

  let heap = `heap profile: 2: 2048 [3: 3072] @ heap/2048\n2: 2048 [3: 3072] @ ${names.map((_, i) => `0x${(0x11 + 16 * i).toString(16)}`).join(' ')}\n`;
  names.forEach((n, i) => (heap += `#\t0x${(0x10 + 16 * i).toString(16)}\t${n}+0x8\t/src/f${i}.go:${i + 1}\n`));
  await openFiles(page, [await fx.tmp.file('hostile_heap.txt', heap)]);
  assert.deepEqual(csvNames(await csvExport(page, 'top'), 5).sort(), [...names].sort());
  assert.deepEqual(await foldedStacks(page), [[...names].reverse().join('\u0000')]);

  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0, 'no <img> was created');
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no script ran');
  page.off('dialog', onDialog);
});

test('requests: own origin only, none after load, no page errors', async () => {
  const { log, url } = fx.site;
  const origin = new URL(url).origin;
  const foreign = log.requests.filter((r) => !r.url.startsWith(origin + '/'));
  assert.deepEqual(foreign, [], 'every request goes to the page origin');
  const late = log.requests.filter((r) => r.phase !== 'load');
  assert.deepEqual(late, [], 'no request after the page (and engine) loaded');
  assert.ok(log.requests.some((r) => r.url.endsWith('.wasm')), 'the wasm was fetched at load');
  assert.deepEqual(log.pageErrors, [], 'no uncaught page errors');
  assert.deepEqual(log.consoleErrors.filter((e) => /Content Security Policy|Refused/.test(e)), [], 'no CSP violations');
  const csp = await fx.site.page.$eval('meta[http-equiv=Content-Security-Policy]', (m) => m.content);
  assert.equal(csp, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self'");
});
