// The Findings tab: the example's files (and a dump of stuck goroutines) give the ranked findings the
// engine computes (the same report as `proflens report --format json`, checked against go
// tool pprof in tests/report.rs), each with its code path, evidence and links, and a link
// opens the view it names. "Export as Markdown" applies the Export menu's redaction.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpus, openSite } from './lib.mjs';

let site;
before(async () => (site = await openSite({ viewport: { width: 1280, height: 900 } })));
after(async () => site?.close());

/** The findings on screen: title, kind, links, evidence commands. */
const cards = (page) =>
  page.$$eval('#findings-list .finding', (ls) =>
    ls.map((l) => ({
      kind: l.dataset.kind,
      title: l.querySelector('h3').textContent,
      path: [...l.querySelectorAll('.finding-path li')].map((li) => li.textContent),
      commands: [...l.querySelectorAll('.finding-evidence code')].map((c) => c.textContent),
      links: [...l.querySelectorAll('.finding-link')].map((b) => b.dataset.link),
    })),
  );

test("the example's files give their findings, and a link opens the view it names", async () => {
  const { page, log } = site;
  await page.click('#example-button');
  await page.waitForFunction(() => window.__proflens.profiles().length === 4, null, { timeout: 60_000 });
  await page.click('#tab-findings');
  await page.waitForSelector('#findings-list .finding', { timeout: 60_000 });
  const shown = await cards(page);
  // what the engine's request answers for the same files, in the same order
  const report = await page.evaluate(() => window.__proflens.findings());
  assert.deepEqual(shown.map((c) => c.title), report.findings.slice(0, 10).map((f, i) => `${i + 1}. ${f.title}`));
  const heap = shown.find((c) => c.kind === 'heap_growth');
  assert.ok(heap && heap.title.includes('`main.newItem`'), JSON.stringify(shown));
  assert.ok(heap.commands.some((c) => c.startsWith('go tool pprof -top -unit=B -sample_index=inuse_space -base heap_t0.pb.gz')), heap.commands.join('\n'));
  assert.match(heap.path[heap.path.length - 1], /^main\.newItem.* \S+\.go:\d+$/);
  assert.equal(heap.path.filter((p) => p.includes('(inline)')).length >= 1, true, 'inlined frames are marked');
  // the trend link of the heap finding opens the Trend, the site selected
  await page.click(`#findings-list .finding-link[data-link="${heap.links[0]}"]`);
  await page.waitForFunction(() => window.__proflens.view() === 'trend');
  assert.equal(await page.isVisible('#findings-view'), false);
  assert.deepEqual(log.pageErrors, []);
});

test('Export as Markdown applies the Export menu\'s redaction', async () => {
  const { page } = site;
  await page.click('#tab-findings');
  await page.waitForSelector('#findings-list .finding');
  const plain = await download(page);
  assert.equal(plain.name, 'findings.md');
  assert.match(plain.text, /main\\?\.newItem/);
  // hashes, as the Export menu's redaction makes them
  await page.click('#export-menu summary');
  await page.selectOption('#export-redaction', 'hash');
  await page.click('#export-menu summary');
  const hashed = await download(page);
  assert.equal(hashed.name, 'findings.redacted.md');
  assert.ok(!hashed.text.includes('newItem') && !hashed.text.includes('awaitConfirmation'), hashed.text);
  assert.match(hashed.text, /f\\?_[0-9a-f]{8}/);
  await page.click('#export-menu summary');
  await page.selectOption('#export-redaction', '');
  await page.click('#export-menu summary');
});

test('the run after a fix, split by hand: each finding says what became of it', async () => {
  const { page } = site;
  await page.click('#tab-findings');
  await page.waitForSelector('#findings-list .finding');
  // heap_t0 and heap_t1 before; heap_t2 and the dump after: one snapshot shows no growth
  await page.selectOption('#findings-after', '2');
  await page.waitForFunction(() => window.__proflens.findings()?.files.some((f) => f.set === 'after'));
  const report = await page.evaluate(() => window.__proflens.findings());
  assert.deepEqual(report.files.map((f) => f.set), ['before', 'before', 'after', 'after']);
  const heap = report.findings.find((f) => f.kind === 'heap_growth');
  assert.equal(heap.status.state, 'gone', JSON.stringify(heap));
  await page.waitForSelector('#findings-list .finding-status');
  assert.match(await page.textContent('#findings-list .finding-status'), /^after the fix: gone \(was \d+ bytes\)$/);
  await page.selectOption('#findings-after', '0');
});

test("a goroutine group's link opens the dump with the group expanded", async () => {
  const other = await openSite({ viewport: { width: 1280, height: 900 } });
  try {
    const { page, log } = other;
    // 20 goroutines that have waited 15 minutes on a channel, and 3 that run
    const stuck = Array.from({ length: 20 }, (_, i) => `goroutine ${i + 10} [chan receive, 15 minutes]:\nmain.awaitReply(0xc000${i})\n\t/src/app/main.go:42 +0x1d\ncreated by main.serve in goroutine 1\n\t/src/app/main.go:30 +0x55\n`);
    const busy = Array.from({ length: 3 }, (_, i) => `goroutine ${i + 1} [running]:\nmain.work()\n\t/src/app/work.go:7 +0x1\n`);
    // and a name made of markup: it must show as text
    const hostile = Array.from({ length: 10 }, (_, i) => `goroutine ${i + 40} [select, 30 minutes]:\nmain.(*T[<img src=x onerror=alert(1)>]).wait()\n\t/src/app/t.go:9 +0x1\ncreated by main.serve in goroutine 1\n\t/src/app/main.go:31 +0x55\n`);
    const dir = mkdtempSync(join(tmpdir(), 'proflens-findings-'));
    const file = join(dir, 'stuck.txt');
    writeFileSync(file, [...busy, ...stuck, ...hostile].join('\n'));
    await page.setInputFiles('#file-input', [file]);
    await page.waitForFunction(() => window.__proflens.profiles().length === 1, null, { timeout: 60_000 });
    await page.click('#tab-findings');
    await page.waitForSelector('#findings-list .finding', { timeout: 60_000 });
    const all = await cards(page);
    const wait = all.find((c) => c.title.includes('main.awaitReply'));
    assert.equal(wait.kind, 'goroutine_wait');
    assert.ok(all.some((c) => c.title.includes('`main.(*T[<img src=x onerror=alert(1)>]).wait`')), JSON.stringify(all));
    assert.equal(await page.$$eval('#findings-view img', (l) => l.length), 0, 'profile text never becomes HTML');
    assert.match(wait.title, /^\d\. 20 goroutines wait at `main\.awaitReply` in state `chan receive`, waiting 15–15 minutes; started by `main\.serve`\.$/);
    const link = wait.links.find((l) => l.startsWith('goroutines#group='));
    assert.equal(link, 'goroutines#group=0&dump=stuck.txt');
    await page.click(`#findings-list .finding-link[data-link="${link}"]`);
    await page.waitForFunction(() => [...document.querySelectorAll('#goroutines-view .gdetail')].some((d) => d.textContent.includes('main.awaitReply')), null, { timeout: 30_000 });
    assert.equal(await page.isVisible('#goroutines-view'), true);
    // a heap snapshot of another program: the tab says so, and asks once
    await page.setInputFiles('#file-input', [corpus('go/heap_t0.pb.gz')]);
    await page.waitForFunction(() => window.__proflens.profiles().length === 2, null, { timeout: 60_000 });
    await page.click('#tab-findings');
    await page.waitForSelector('#findings-one-program', { timeout: 60_000 });
    assert.match(await page.textContent('#findings-status'), /2 programs/);
    await page.click('#findings-one-program');
    await page.waitForSelector('#findings-list .finding', { timeout: 60_000 });
    assert.equal((await page.evaluate(() => window.__proflens.findings())).files.length, 2);
    assert.deepEqual(log.pageErrors, []);
  } finally {
    await other.close();
  }
});

/** Clicks "Export as Markdown" and returns the file's name and text. */
async function download(page) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('#findings-export')]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
}
