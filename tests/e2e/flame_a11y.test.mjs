// The flame graph with a screen reader, read through Chromium's own accessibility
// tree (CDP Accessibility.getFullAXTree): the canvas takes the focus, the arrows move
// frame by frame and a polite live region says "name, self, total, % of parent, depth
// N of M"; Enter zooms; "Show as table" lists the focused subtree as a treegrid.
// Every expected frame comes from pprof: the call tree is rebuilt from the oracle's
// folded stacks of go/cpu.pb.gz (`gen/pprof-oracle -folded`), not from the page.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CORPUS, corpus, openFiles, openSite } from './lib.mjs';

const PROFILE = 'go/cpu.pb.gz';

/** pprof's call tree of one sample type: path -> { name, self, total, depth, parent, children }. */
function oracleTree(rel, type) {
  const [dir, ...rest] = rel.split('/');
  const lines = readFileSync(join(CORPUS, 'oracle', dir, `${rest.join('/')}.folded.txt`), 'utf8').split('\n');
  const column = [...lines[0].matchAll(/(\w+)\/\w+/g)].findIndex((m) => m[1] === type); // "samples/count cpu/nanoseconds"
  assert.ok(column >= 0, `the oracle has a ${type} column`);
  const nodes = new Map([['', { name: '', self: 0, total: 0, depth: 0, parent: null, children: [] }]]);
  for (const line of lines.slice(1).filter(Boolean)) {
    const [stack, values] = line.split('\t');
    const v = Number(values.split(' ')[column]);
    if (!v) continue;
    let path = '';
    stack.split(';').forEach((name, depth) => {
      const parent = path;
      path = path ? `${path};${name}` : name;
      if (!nodes.has(path)) {
        nodes.set(path, { name, self: 0, total: 0, depth: depth + 1, parent, children: [] });
        nodes.get(parent).children.push(path);
      }
      nodes.get(path).total += v;
    });
    nodes.get(path).self += v;
    nodes.get('').total += v;
  }
  return nodes;
}

const NS = { ns: 1, us: 1e3, ms: 1e6, s: 1e9, mins: 60e9, hrs: 3600e9 };
/** "760ms" -> 7.6e8 ns, with the size of its last digit (the rounding allowed). */
function nanos(text) {
  if (text === '0') return { v: 0, ulp: 0 };
  const m = text.match(/^(-?[\d.]+)([a-z]+)$/);
  assert.ok(m && m[2] in NS, `a time: ${text}`);
  const decimals = (m[1].split('.')[1] ?? '').length;
  return { v: Number(m[1]) * NS[m[2]], ulp: 10 ** -decimals * NS[m[2]] };
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** axe-core's violations within `selector` (evaluated through CDP, so the page's CSP allows it). */
async function axe(page, selector) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE);
  return page.evaluate(async (sel) => (await window.axe.run(sel, { resultTypes: ['violations'] })).violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), selector);
}

const SAID = /^(.*), self (\S+), total (\S+), ([\d.]+)% of (parent|total), depth (\d+) of (\d+)$/;

let site;
let cdp;
let tree;
let maxDepth;
before(async () => {
  tree = oracleTree(PROFILE, 'cpu');
  maxDepth = Math.max(...[...tree.values()].map((n) => n.depth));
  site = await openSite();
  await openFiles(site.page, [corpus(PROFILE)]);
  await site.page.waitForFunction(() => window.__proflens.frameRects().length > 0);
  // hold the whole graph, so every frame of pprof's tree is in the page (the lazy one holds the drawable ones)
  await site.page.evaluate(() => window.__proflens.setLazyFlame(false));
  await site.page.waitForFunction(() => !window.__proflens.flameBusy());
  cdp = await site.page.context().newCDPSession(site.page);
  await cdp.send('Accessibility.enable');
});
after(async () => site?.close());

/** Chromium's accessibility tree: nodes by id, and the node of a DOM element. */
async function axTree(selector) {
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const { result } = await cdp.send('Runtime.evaluate', { expression: `document.querySelector(${JSON.stringify(selector)})` });
  const { node } = await cdp.send('DOM.describeNode', { objectId: result.objectId });
  const at = nodes.find((n) => n.backendDOMNodeId === node.backendNodeId);
  assert.ok(at, `${selector} is in the accessibility tree`);
  return { byId, at };
}

const prop = (n, name) => n.properties?.find((p) => p.name === name)?.value.value;
/** The text of an accessibility node: its static text descendants, in order. */
function text(byId, n) {
  if (n.role?.value === 'StaticText') return n.name?.value ?? '';
  return (n.childIds ?? []).map((id) => byId.get(id)).filter(Boolean).map((c) => text(byId, c)).join('');
}

/** What the live region says now, read from Chromium's accessibility tree. */
async function said() {
  const { byId, at } = await axTree('#flame-said');
  assert.equal(at.role.value, 'status');
  assert.equal(prop(at, 'live'), 'polite');
  return text(byId, at);
}

/** Presses a key and returns the announcement it caused, parsed. */
async function press(key) {
  const before = await site.page.$eval('#flame-said', (e) => e.textContent);
  await site.page.keyboard.press(key);
  await site.page.waitForFunction((b) => document.querySelector('#flame-said').textContent !== b, before, { timeout: 5000 }).catch(() => {});
  return parse(await said());
}

/** What a key that cannot move says before the frame (the focus stays). */
const EDGE = /^(No caller: a root frame|No callee drawn|First frame of this level|Last frame of this level)\. /;

function parse(line) {
  const m = line.replace(EDGE, '').match(SAID);
  assert.ok(m, `announcement: ${line}`);
  return { name: m[1], self: m[2], total: m[3], pct: Number(m[4]), of: m[5], depth: Number(m[6]), of_: Number(m[7]), line };
}

/** Checks an announcement against pprof's node at `path`. */
function agrees(a, path) {
  const n = tree.get(path);
  assert.equal(a.name, n.name, a.line);
  for (const [got, want] of [[a.self, n.self], [a.total, n.total]]) {
    const { v, ulp } = nanos(got);
    assert.ok(Math.abs(v - want) <= ulp / 2 + 1e-6 * want, `${got} is pprof's ${want} ns (${a.line})`);
  }
  const parent = tree.get(n.parent);
  const pct = (100 * n.total) / parent.total;
  assert.equal(a.of, n.depth === 1 ? 'total' : 'parent', a.line);
  assert.ok(Math.abs(a.pct - pct) <= Math.max(0.005, pct * 0.01), `${a.pct}% is pprof's ${pct.toFixed(3)}% (${a.line})`);
  assert.equal(a.depth, n.depth, a.line);
  assert.equal(a.of_, maxDepth, `depth of ${maxDepth} levels (${a.line})`);
}

/** The path of the child of `path` the page names (it must be one of pprof's children). */
function child(path, a) {
  const c = tree.get(path).children.find((p) => tree.get(p).name === a.name);
  assert.ok(c, `${a.name} is a child of ${tree.get(path).name || 'the roots'} in pprof's tree`);
  return c;
}

test('the arrow keys walk pprof\'s call tree and the live region says each frame', async () => {
  const { page } = site;
  await page.focus('#flame-canvas');
  const { byId, at } = await axTree('#flame-canvas');
  assert.equal(at.role.value, 'application');
  assert.match(at.name.value, /^Flame graph/);
  assert.ok(byId.size > 0);
  const widest = (path) => Math.max(...tree.get(path).children.map((p) => tree.get(p).total));

  // the focus starts on the widest root
  let a = parse(await said());
  let path = child('', a);
  agrees(a, path);
  assert.equal(tree.get(path).total, widest(''), 'the widest root');

  // ↓ twice: the widest callee each time
  for (let i = 0; i < 2; i++) {
    a = await press('ArrowDown');
    const from = path;
    path = child(from, a);
    agrees(a, path);
    assert.equal(tree.get(path).total, widest(from), `↓ goes to the widest child of ${tree.get(from).name}`);
  }
  // → and ← among the siblings (pprof's siblings of the same caller), and back
  const parent = tree.get(path).parent;
  const siblings = tree.get(parent).children.length;
  a = await press('ArrowRight');
  if (siblings > 1 && !/^Last frame/.test(await said())) {
    const right = child(parent, a);
    assert.notEqual(right, path, '→ moved to another frame');
    agrees(a, right);
    a = await press('ArrowLeft');
    assert.equal(child(parent, a), path, '← comes back');
  }
  a = await press('ArrowLeft');
  const left = /^First frame/.test(await said()) ? path : child(parent, a);
  agrees(a, left);
  path = left;
  // ↑: the caller
  a = await press('ArrowUp');
  path = tree.get(path).parent;
  agrees(a, path);

  // the focused frame has a ring: black outside, white inside (one of them ≥ 3:1 on any fill)
  const rings = await page.evaluate((name) => {
    const c = document.querySelector('#flame-canvas');
    const px = (x, y) => [...c.getContext('2d').getImageData(Math.floor(x * devicePixelRatio), Math.floor(y * devicePixelRatio), 1, 1).data.slice(0, 3)];
    return window.__proflens
      .frameRects()
      .filter((f) => f.name === name && f.depth === 1)
      .map((r) => ({ outer: px(r.x + r.w / 2, r.y + 1), inner: px(r.x + r.w / 2, r.y + 2.5), fill: r.fill }));
  }, a.name);
  const ring = rings.find((r) => r.outer.join() === '0,0,0') ?? rings[0];
  assert.deepEqual(ring.outer, [0, 0, 0], 'the outer ring is black');
  assert.deepEqual(ring.inner, [255, 255, 255], 'the inner ring is white');
  const lum = (hex) => {
    const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const L = lum(ring.fill);
  assert.ok(Math.max((L + 0.05) / 0.05, 1.05 / (L + 0.05)) >= 3, `the ring stands out on ${ring.fill}`);

  // Enter zooms to the focused frame; Backspace zooms out to its caller, Escape to all
  a = await press('ArrowDown');
  path = child(path, a);
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => window.__proflens.zoomedName() === n, a.name);
  assert.match(await said(), new RegExp(`^Zoomed to ${a.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, `));
  await page.keyboard.press('Backspace');
  await page.waitForFunction((n) => window.__proflens.zoomedName() === n, tree.get(tree.get(path).parent).name);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => window.__proflens.zoomedName() === '');
  assert.equal(await said(), 'Whole graph shown');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'flame-canvas', 'the focus stays on the graph');
  assert.equal(site.log.pageErrors.length, 0, site.log.pageErrors.join('\n'));
});

test('"Show as table" lists the focused subtree as a treegrid with pprof\'s values', async () => {
  const { page } = site;
  await page.focus('#flame-canvas');
  await page.keyboard.press('Escape');
  for (let i = 0; i < 20 && !/^No caller/.test(await said()); i++) await press('ArrowUp');
  const root = parse(await said()); // a root: it has no caller
  const path = child('', root);
  await page.click('#flame-view .flame-table-toggle');
  assert.equal(await page.getAttribute('#flame-view .flame-table-toggle', 'aria-pressed'), 'true');
  const { byId, at } = await axTree('#flame-table table');
  assert.equal(at.role.value, 'treegrid');
  assert.equal(at.name.value, `Flame graph: subtree of ${root.name}`);
  const rows = [];
  const walk = (n) => {
    if (n.role?.value === 'row') rows.push(n);
    for (const id of n.childIds ?? []) if (byId.has(id)) walk(byId.get(id));
  };
  walk(at);
  const body = rows.filter((r) => prop(r, 'level'));
  const cells = (r) => (r.childIds ?? []).map((id) => byId.get(id)).filter((c) => c?.role?.value === 'gridcell').map((c) => text(byId, c));
  // the first row: the frame itself, open; then its children, each one level deeper
  assert.deepEqual([prop(body[0], 'level'), prop(body[0], 'expanded')], [1, true]);
  assert.equal(cells(body[0])[0], root.name);
  const kids = tree.get(path).children.map((p) => tree.get(p));
  const listed = body.slice(1).filter((r) => prop(r, 'level') === 2);
  assert.equal(listed.length, kids.length, "one row per child in pprof's tree");
  for (const r of listed) {
    const [name, self, total] = cells(r);
    const k = kids.find((n) => n.name === name);
    assert.ok(k, `${name} is a child of ${root.name}`);
    for (const [got, want] of [[self, k.self], [total, k.total]]) {
      const { v, ulp } = nanos(got);
      assert.ok(Math.abs(v - want) <= ulp / 2 + 1e-6 * want, `${name}: ${got} is pprof's ${want} ns`);
    }
    assert.equal(prop(r, 'expanded'), k.children.length ? false : undefined, `${name} can open iff it has callees`);
  }
  const totals = listed.map((r) => nanos(cells(r)[2]).v);
  assert.deepEqual(totals, [...totals].sort((x, y) => y - x), 'heaviest child first');
  // keys: ↓ to the first child, → opens it (its children appear one level deeper), ← closes it
  await page.focus('#flame-table tr[tabindex="0"]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  const first = kids.find((k) => k.name === cells(listed[0])[0]);
  const opened = await page.$$eval('#flame-table tbody tr', (trs) => trs.map((t) => [t.getAttribute('aria-level'), t.getAttribute('aria-expanded')]));
  if (first.children.length) {
    assert.deepEqual(opened[1], ['2', 'true']);
    assert.equal(opened.filter(([l]) => l === '3').length, first.children.length, "the opened row lists its callees from pprof's tree");
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.$$eval('#flame-table tbody tr[aria-level="3"]', (t) => t.length), 0);
  }
  assert.deepEqual((await axe(page, '#flame-view')).filter((v) => /^(serious|critical) /.test(v)), [], 'axe on the flame graph and its table');
  await page.click('#flame-view .flame-table-toggle');
  assert.equal(await page.isHidden('#flame-table'), true);
});

test('Shift+F10 on the canvas opens the function menu at the focused frame', async () => {
  const { page } = site;
  await page.focus('#flame-canvas');
  await page.keyboard.press('Escape');
  await press('ArrowUp');
  const a = await press('ArrowDown');
  await press('ArrowDown');
  const b = parse(await said());
  await page.keyboard.press('Shift+F10');
  await page.waitForSelector('.function-menu:not([hidden])');
  const menu = await page.$eval('.function-menu', (m) => m.getBoundingClientRect().toJSON());
  const canvas = await page.locator('#flame-canvas').boundingBox();
  const frame = await page.evaluate((n) => window.__proflens.frameRects().find((f) => f.name === n.name && f.depth === n.depth - 1), b);
  assert.ok(frame, `${b.name} is drawn (under ${a.name})`);
  const top = canvas.y + frame.y;
  assert.ok(menu.top >= top && menu.top <= top + 20, `the menu (top ${menu.top}) opens at the frame's row (${top}), not the canvas corner (${canvas.y})`);
  const vw = await page.evaluate(() => innerWidth);
  assert.ok(menu.left >= Math.min(canvas.x + frame.x, vw - 221) && menu.left <= canvas.x + frame.x + Math.max(frame.w, 20) + 20, 'and at its left edge');
  // the menu acts on the focused frame's function
  assert.ok((await page.evaluate(() => decodeURIComponent(location.hash))).includes(`sel=${b.name}`));
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'flame-canvas');
});

test('each flame graph on the page names its zoom path uniquely', { skip: !existsSync(join(CORPUS, 'go/goroutine_debug2.txt')) }, async () => {
  const { page } = site;
  await openFiles(page, [corpus('go/goroutine_debug2.txt')]);
  await page.waitForFunction(() => document.querySelector('#goroutine-flame-canvas')?.width > 0);
  const labels = await page.$$eval('nav', (ns) => ns.map((n) => n.getAttribute('aria-label')));
  assert.ok(labels.length >= 2, labels.join(' | '));
  assert.equal(new Set(labels).size, labels.length, `nav labels: ${labels.join(' | ')}`);
  assert.deepEqual((await axe(page, 'body')).filter((v) => / landmark-unique:/.test(v)), [], 'axe: landmark-unique');
});
