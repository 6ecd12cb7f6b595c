// Shared helpers for the browser end-to-end tests: a static server for dist/,
// Debian's Chromium through playwright-core, the corpus and its oracle.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = join(ROOT, 'dist');
export const CORPUS = resolve(process.env.PROFLENS_CORPUS ?? join(ROOT, '../shared/corpus'));
export const RESULTS = join(ROOT, 'test-results');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function need(path, hint) {
  if (!existsSync(path)) throw new Error(`missing ${path}${hint ? ` (${hint})` : ''}`);
  return path;
}

export function corpus(rel) {
  return need(join(CORPUS, rel), 'the corpus is expected at ../shared/corpus or $PROFLENS_CORPUS');
}

/** The oracle JSON for a corpus file, e.g. oracle('go/heap_t2.pb.gz'). */
export function oracle(rel) {
  const [dir, ...rest] = rel.split('/');
  const base = join(CORPUS, 'oracle', dir, rest.join('/') + '.json');
  if (existsSync(base)) return JSON.parse(readFileSync(base, 'utf8'));
  return JSON.parse(gunzipSync(readFileSync(need(base + '.gz'))).toString('utf8'));
}

/**
 * The rows of `go tool pprof -top` as printed (the oracle's P.<type>.top.txt):
 * [{ flat, flatPct, sumPct, cum, cumPct, name }], all as text.
 */
export function pprofTopText(rel, type) {
  const [dir, ...rest] = rel.split('/');
  const base = join(CORPUS, 'oracle', dir, `${rest.join('/')}.${type}.top.txt`);
  const text = existsSync(base) ? readFileSync(base, 'utf8') : gunzipSync(readFileSync(need(base + '.gz'))).toString('utf8');
  return parsePprofTop(text);
}

/** The rows of a `go tool pprof -top` text, as pprofTopText gives them. */
export function parsePprofTop(text) {
  const lines = text.split('\n');
  const head = lines.findIndex((l) => /^\s+flat\s+flat%\s+sum%\s+cum\s+cum%/.test(l));
  return lines
    .slice(head + 1)
    .filter((l) => l.trim())
    .map((l) => {
      const m = l.match(/^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(.*)$/);
      return { flat: m[1], flatPct: m[2], sumPct: m[3], cum: m[4], cumPct: m[5], name: m[6] };
    });
}

/** pprof's default sample type: default_sample_type, otherwise the last one. */
export function defaultType(o) {
  return o.default_sample_type || o.sample_types[o.sample_types.length - 1].type;
}

export async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'proflens-e2e-'));
  return { dir, file: async (name, bytes) => (await writeFile(join(dir, name), bytes), join(dir, name)), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Start the server and the browser, open the site, and wait until the engine
 * is ready. Records every request, page error and console error. `dir` is the
 * site to serve (dist/ by default).
 */
export async function openSite({ viewport = { width: 1400, height: 1000 }, subpath = '', isolated = true, dir = DIST } = {}) {
  need(join(dir, 'index.html'), 'run `npm run build` first');
  need(CHROMIUM, 'install Debian chromium');
  // With a subpath, dist/ is mounted below it, as on https://user.github.io/proflens/.
  let mount = null;
  if (subpath) {
    mount = await mkdtemp(join(tmpdir(), 'proflens-mount-'));
    await symlink(dir, join(mount, subpath), 'dir');
  }
  // isolated: the server sends COOP/COEP, as npm start does (false: as GitHub Pages, where
  // only the service worker adds them, from the second visit on)
  const srv0 = await serve(mount ?? dir, 0, '127.0.0.1', { isolated });
  const srv = { url: srv0.url + (subpath ? subpath + '/' : ''), close: async () => (await srv0.close(), mount && (await rm(mount, { recursive: true, force: true }))) };
  return openPage(srv.url, { viewport, stop: srv.close });
}

/**
 * Opens `url` in a new Chromium and waits until the engine is ready (`stop` runs
 * after the browser closes). Records every request, page error and console error.
 */
export async function openPage(url, { viewport = { width: 1400, height: 1000 }, stop = async () => {} } = {}) {
  const srv = { url, close: stop };
  const userDataDir = await mkdtemp(join(tmpdir(), 'proflens-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const log = { requests: [], pageErrors: [], consoleErrors: [] };
  let phase = 'load';
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && log.consoleErrors.push(m.text()));
  // the context sees the requests of the page and of its worker
  context.on('request', (r) => log.requests.push({ url: r.url(), phase }));
  const close = async () => {
    await context.close();
    await srv.close();
    await rm(userDataDir, { recursive: true, force: true });
  };
  try {
    await page.goto(srv.url);
    await page.waitForFunction(() => window.__proflens?.ready === true || document.querySelector('#errors li'), null, { timeout: 60_000 });
    const err = await page.$eval('#errors', (e) => e.textContent);
    if (err) throw new Error(`the page did not start: ${err}`);
  } catch (e) {
    await close();
    throw e;
  }
  phase = 'after-ready';
  return { page, context, url: srv.url, log, close };
}

/**
 * Open files through the page's <input type=file> and wait until they are
 * loaded (or have failed) and the table shows the newly selected profile.
 */
/**
 * Opens the site and a temporary folder before a test file's tests and closes both
 * after them. Use `fx.site` and `fx.tmp` inside the tests.
 */
export function siteWithTempDir(options) {
  const fx = { site: null, tmp: null };
  before(async () => {
    fx.site = await openSite(options);
    fx.tmp = await tempDir();
  });
  after(async () => {
    await fx.site?.close();
    await fx.tmp?.cleanup();
  });
  return fx;
}

export async function openFiles(page, paths, { expectProfiles } = {}) {
  const before = await page.evaluate(() => ({
    profiles: window.__proflens.profiles().length,
    errors: document.querySelectorAll('#errors li').length,
    open: window.__proflens.marks.open,
  }));
  const want = expectProfiles ?? paths.length;
  await page.setInputFiles('#file-input', paths);
  await page.waitForFunction(
    ([b, want, total]) => {
      const m = window.__proflens.marks;
      const loaded = window.__proflens.profiles().length - b.profiles;
      const failed = document.querySelectorAll('#errors li').length - b.errors;
      if (loaded + failed < total || m.open === b.open) return false;
      return want === 0 || m.table > m.open; // the new profile's table is on screen
    },
    [before, want, paths.length],
    { timeout: 120_000 },
  );
  await waitForRows(page);
}

export async function waitForRows(page) {
  // (or another tab answered first: a lone dump opens the Goroutines tab)
  const rows = () =>
    document.querySelectorAll('#top-grid [role=row][aria-rowindex]:not(.head)').length > 0 || window.__proflens.view() !== 'top' || window.__proflens.current() < 0;
  await page.waitForFunction(rows, null, {
    timeout: 120_000,
  });
}

/**
 * The grid's first n rows as displayed (name, inline mark, exact flat and cum
 * from the cells' tooltips). The grid is virtualized, so this scrolls it.
 */
export function readGrid(page, n = 25) {
  return page.evaluate(async (n) => {
    const vp = document.querySelector('#top-grid .viewport');
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const got = new Map();
    vp.scrollTop = 0;
    await frame();
    for (let guard = 0; guard < 1000; guard++) {
      for (const r of document.querySelectorAll('#top-grid .rows [role=row]')) {
        const idx = Number(r.getAttribute('aria-rowindex')) - 2;
        if (idx >= n || got.has(idx)) continue;
        const c = r.querySelectorAll('[role=gridcell]');
        got.set(idx, {
          flatText: c[0].textContent,
          flat: Number(c[0].getAttribute('title').split(' ')[0]),
          flatPct: c[1].textContent,
          sumPct: c[2].textContent,
          cumText: c[3].textContent,
          cum: Number(c[3].getAttribute('title').split(' ')[0]),
          cumPct: c[4].textContent,
          name: c[5].firstChild.textContent,
          inline: c[5].lastChild.textContent.trim(),
        });
      }
      const atEnd = vp.scrollTop + vp.clientHeight >= vp.scrollHeight - 1;
      if (got.size >= n || atEnd) break;
      vp.scrollTop += vp.clientHeight - 44;
      await frame();
    }
    vp.scrollTop = 0;
    await frame();
    return [...got.keys()].sort((a, b) => a - b).map((k) => got.get(k));
  }, n);
}

/** Wait until the table shows `sampleType` (after a selector change). */
export async function selectSampleType(page, type) {
  const value = await page.$eval(
    '#sample-type',
    (el, type) => [...el.options].find((o) => o.textContent.startsWith(type + ' ')).value,
    type,
  );
  const frames = await page.evaluate(() => window.__proflens.marks.flameFrames);
  await page.selectOption('#sample-type', value);
  await page.waitForFunction((f) => window.__proflens.marks.flameFrames > f, frames);
}

/** Clicks an item of the Export menu (opening it first) and returns the file's name and bytes. */
export async function exportFile(page, selector) {
  if (!(await page.$eval('#export-menu', (d) => d.open))) await page.click('#export-menu summary');
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click(selector)]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

export async function screenshot(page, name) {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, name);
  await page.screenshot({ path, fullPage: false });
  return path;
}

// ---- a tiny profile.proto writer, for hand-made test profiles ------------

function varint(n) {
  const out = [];
  let v = BigInt.asUintN(64, BigInt(n)); // a negative int64 is its two's complement
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
}
const tag = (field, wt) => varint((field << 3) | wt);
const vfield = (field, n) => [...tag(field, 0), ...varint(n)];
const bfield = (field, bytes) => [...tag(field, 2), ...varint(bytes.length), ...bytes];
const packed = (field, ns) => bfield(field, ns.flatMap(varint));
const utf8 = (s) => [...new TextEncoder().encode(s)];

/**
 * Encode a profile from text stacks, root first: makeProfile({ types:
 * [['samples','count']], stacks: [['main','work',123]] }) where the last
 * element(s) are the values.
 */
export function makeProfile({ types, stacks, period = ['samples', 'count', 1] }) {
  const strings = [''];
  const index = new Map([['', 0]]);
  const s = (x) => {
    let i = index.get(x);
    if (i === undefined) index.set(x, (i = strings.push(x) - 1));
    return i;
  };
  const bytes = [];
  for (const [t, u] of types) bytes.push(...bfield(1, [...vfield(1, s(t)), ...vfield(2, s(u))]));
  const fnIds = new Map();
  for (const st of stacks) for (const f of st.slice(0, st.length - types.length)) if (!fnIds.has(f)) fnIds.set(f, fnIds.size + 1);
  for (const st of stacks) {
    const frames = st.slice(0, st.length - types.length).reverse(); // leaf first
    const values = st.slice(st.length - types.length);
    bytes.push(...bfield(2, [...packed(1, frames.map((f) => fnIds.get(f))), ...packed(2, values)]));
  }
  for (const [name, id] of fnIds) {
    bytes.push(...bfield(4, [...vfield(1, id), ...bfield(4, [...vfield(1, id), ...vfield(2, 10 + id)])]));
  }
  for (const [name, id] of fnIds) bytes.push(...bfield(5, [...vfield(1, id), ...vfield(2, s(name)), ...vfield(3, s(name)), ...vfield(4, s('x.go'))]));
  const pt = bfield(11, [...vfield(1, s(period[0])), ...vfield(2, s(period[1]))]);
  const tail = [...vfield(9, 1_700_000_000_000_000_000n), ...pt, ...vfield(12, period[2])];
  for (const str of strings) bytes.push(...bfield(6, utf8(str)));
  bytes.push(...tail);
  return Uint8Array.from(bytes);
}
