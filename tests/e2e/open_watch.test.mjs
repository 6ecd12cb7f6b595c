// `proflens open` and `proflens watch --open` in Chromium: the page that the
// command serves opens the named files as if they had been dropped, serves
// nothing else, and (with watch) takes each new snapshot into the Trend
// without a reload (and the Goroutines tab follows the newest dump while the user
// looks at it). Only loopback is used: the Go service and the CLI's server.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { DIST, ROOT, corpus, need, openPage, pprofTopText, readGrid, tempDir } from './lib.mjs';

const CLI = join(ROOT, 'target/debug/proflens');
let tmp;
const children = [];
before(async () => {
  need(join(DIST, 'index.html'), 'run `npm run build` first');
  execFileSync('cargo', ['build', '--quiet', '--bin', 'proflens'], { cwd: ROOT, stdio: 'inherit' });
  tmp = await tempDir();
});
after(async () => {
  for (const c of children) c.kill('SIGKILL');
  await tmp?.cleanup();
});

/** Starts a command; `line(re)` resolves with the first line of its output that matches. */
function start(cmd, args) {
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines = [];
  const waiting = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (l) => {
      lines.push(l);
      for (const w of [...waiting]) if (w.re.test(l)) (waiting.splice(waiting.indexOf(w), 1), w.ok(l));
    });
  }
  const line = (re, ms = 60_000) =>
    new Promise((ok, fail) => {
      const seen = lines.find((l) => re.test(l));
      if (seen) return ok(seen);
      waiting.push({ re, ok });
      setTimeout(() => fail(new Error(`no line ${re} in ${ms} ms:\n${lines.join('\n')}`)), ms).unref();
    });
  return { child, line, lines };
}

const urlIn = (line) => line.match(/(http:\/\/127\.0\.0\.1:\d+\/\S+)/)[1];

/** GET on loopback: the status and body. */
function get(url) {
  return new Promise((ok, fail) => {
    request(url, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => ok({ status: res.statusCode, body: Buffer.concat(parts) }));
    })
      .on('error', fail)
      .end();
  });
}

test('proflens open: the page opens the file and shows pprof\'s table; nothing else is served', async () => {
  const file = corpus('go/heap_t2.pb.gz');
  const cli = start(CLI, ['open', '--no-browser', '--site', DIST, file]);
  const url = urlIn(await cli.line(/serving .* on http/));
  const site = await openPage(url);
  try {
    const { page, log } = site;
    await page.waitForFunction(() => window.__proflens.profiles().length === 1 && window.__proflens.marks.table > 0, null, { timeout: 60_000 });
    const want = pprofTopText('go/heap_t2.pb.gz', 'inuse_space').slice(0, 10);
    const rows = await readGrid(page, 10);
    assert.deepEqual(
      rows.map((r) => [r.inline ? `${r.name} ${r.inline}` : r.name, r.flatPct, r.cumPct]),
      want.map((r) => [r.name, r.flatPct, r.cumPct]),
    );
    assert.equal((await page.evaluate(() => window.__proflens.profiles()))[0].name, 'heap_t2.pb.gz');
    assert.deepEqual(log.pageErrors, []);
  } finally {
    await site.close();
  }

  const u = new URL(url);
  const token = u.pathname.split('/')[1];
  assert.match(token, /^[0-9a-f]{32}$/);
  const base = `${u.origin}/${token}/`;
  assert.equal((await get(base)).status, 200);
  const listing = JSON.parse((await get(base + 'files.json')).body);
  assert.deepEqual(listing.files.map((f) => f.name), ['heap_t2.pb.gz']);
  assert.equal((await get(base + listing.files[0].url)).status, 200);
  for (const path of [
    '/', // no token
    '/index.html',
    `/${'0'.repeat(32)}/`, // another token
    `/${token}/files/`, // no listing
    `/${token}/files/0/`,
    `/${token}/files/0/heap_t1.pb.gz`, // a file beside the one named
    `/${token}/files/1/heap_t2.pb.gz`,
    `/${token}/%2e%2e/Cargo.toml`,
    `/${token}/../${token}/files/0/..%2f..%2fCargo.toml`,
    `/${token}/files/0/..%2fheap_t1.pb.gz`,
  ])
    assert.equal((await get(u.origin + path)).status, 404, path);

  // Only loopback: the port is closed on every other address of this machine.
  const others = Object.values(networkInterfaces()).flat().filter((a) => !a.internal && a.family === 'IPv4');
  for (const a of others) {
    const sock = connect(Number(u.port), a.address);
    const [err] = await once(sock, 'error').catch((e) => [e]);
    assert.equal(err?.code, 'ECONNREFUSED', `${a.address}:${u.port}`);
  }
  cli.child.kill('SIGINT');
});

test('proflens watch --open: each new snapshot joins the Findings and the Trend without a reload', async () => {
  const bin = join(tmp.dir, 'leaky-service');
  execFileSync('go', ['build', '-o', bin, '.'], { cwd: join(ROOT, 'examples/leaky-service'), stdio: 'inherit' });
  const svc = start(bin, ['-addr', '127.0.0.1:0', '-leak']);
  const service = (await svc.line(/^listening on /)).replace('listening on ', '');
  const out = join(tmp.dir, 'watch');
  const watch = start(CLI, ['watch', service, '--every', '2s', '--out', out, '--open', '--no-browser', '--site', DIST]);
  const url = urlIn(await watch.line(/serving .* on http/));
  assert.match(url, /[?&]follow=1/);
  await watch.line(/^round 2:/);
  const site = await openPage(url);
  try {
    const { page, log } = site;
    await page.evaluate(() => (window.__sameDocument = true)); // gone if the page reloads
    const series = () => page.evaluate(() => window.__proflens.series().length);
    const grows = (n) => page.waitForFunction((n) => window.__proflens.series().length > n, n, { timeout: 30_000 });
    await page.waitForFunction(() => window.__proflens.series().length >= 2, null, { timeout: 60_000 });
    // snapshots and dumps of one program open on their Findings, and the findings follow new files
    assert.equal(await page.evaluate(() => window.__proflens.view()), 'findings');
    const reported = () => page.evaluate(() => window.__proflens.findings()?.files.length ?? 0);
    await page.waitForFunction(() => (window.__proflens.findings()?.files.length ?? 0) > 0, null, { timeout: 60_000 });
    const before = await reported();
    await grows(await series());
    await page.waitForFunction((n) => (window.__proflens.findings()?.files.length ?? 0) > n, before, { timeout: 30_000 });
    assert.equal(await page.evaluate(() => window.__proflens.view()), 'findings');
    await page.click('#tab-trend');
    await page.waitForFunction(() => window.__proflens.view() === 'trend' && window.__proflens.trendRows(1).length > 0, null, { timeout: 30_000 });
    assert.ok((await page.evaluate(() => window.__proflens.series())).every((n) => /^heap_\d{8}T\d{6}Z\.pb\.gz$/.test(n)));

    // on the Trend, a new snapshot joins it
    await grows(await series());
    assert.equal(await page.evaluate(() => window.__proflens.view()), 'trend');
    assert.match((await page.evaluate(() => window.__proflens.trendRows(1)))[0].name, /main\.rememberRequest/);

    // elsewhere, the user stays where they are: the Top table of the first snapshot
    // (a heap snapshot: a goroutine dump chosen in the list opens its own tab)
    await page.click('#profiles .profile-name:text-matches("^heap_.*\\.pb\\.gz$") >> nth=0');
    await page.waitForFunction(() => window.__proflens.view() === 'top');
    const shown = await page.evaluate(() => window.__proflens.current());
    await grows(await series());
    assert.equal(await page.evaluate(() => window.__proflens.view()), 'top');
    assert.equal(await page.evaluate(() => window.__proflens.current()), shown);

    // the Goroutines tab follows the newest dump while the user looks at it, and stays on an older one
    const dumps = () => page.evaluate(() => window.__proflens.profiles().filter((p) => /^goroutine_/.test(p.name)).map((p) => p.name));
    const shownDump = () => page.evaluate(() => window.__proflens.goroutineDump());
    const nextDump = async () => {
      const n = (await dumps()).length;
      await page.waitForFunction((n) => window.__proflens.profiles().filter((p) => /^goroutine_/.test(p.name)).length > n, n, { timeout: 30_000 });
      await page.waitForFunction(() => window.__proflens.goroutineRows(1).length > 0);
    };
    await page.click('#tab-goroutines');
    await page.waitForFunction(() => window.__proflens.view() === 'goroutines' && window.__proflens.goroutineDump() !== '');
    assert.equal(await shownDump(), (await dumps()).at(-1), 'the tab opens on the newest dump');
    await nextDump();
    await page.waitForFunction((d) => window.__proflens.goroutineDump() === d, (await dumps()).at(-1), { timeout: 10_000 });
    // the newest dump chosen in the side panel: the next one takes its place
    await page.click(`#profiles .profile-name:text-is("${(await dumps()).at(-1)}")`);
    await page.waitForFunction(() => window.__proflens.view() === 'goroutines');
    await nextDump();
    await page.waitForFunction((d) => window.__proflens.goroutineDump() === d, (await dumps()).at(-1), { timeout: 10_000 });
    assert.equal(await page.evaluate(() => window.__proflens.view()), 'goroutines');
    // an older dump chosen: it stays on screen as new ones arrive
    const older = (await dumps())[0];
    await page.click(`#profiles .profile-name:text-is("${older}")`);
    await page.waitForFunction((d) => window.__proflens.goroutineDump() === d, older);
    await nextDump();
    assert.equal(await shownDump(), older);
    assert.equal(await page.evaluate(() => window.__proflens.view()), 'goroutines');

    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload');
    assert.deepEqual(log.pageErrors, []);
  } finally {
    await site.close();
  }
  watch.child.kill('SIGINT');
  await once(watch.child, 'exit');
  assert.match(await watch.line(/Next: proflens report/), /\d+ rounds \(\d+ files\)/, 'Ctrl-C ends the watch with a summary');
});
