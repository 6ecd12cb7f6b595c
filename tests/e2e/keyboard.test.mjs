// Keyboard and visual findings of the accessibility audit (issue 20), on one CPU
// profile and a goroutine dump: the table/flame divider is a real separator; arrow
// keys select tabs and a disabled tab says why; focus lands on an element (never
// <body>) after "Show in sandwich", Enter on a call-tree row, removing a transform
// chip and closing a profile; the context menu opens at the row, and its focused
// item and the selected row stand out at 3:1 (WCAG 1.4.11, light and dark themes);
// Export → Table works in the Call tree and the Sandwich; the sidebar does not
// break tokens; the goroutine table grows with a tall window.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpus, exportFile, openFiles, siteWithTempDir } from './lib.mjs';

const fx = siteWithTempDir({ viewport: { width: 1920, height: 1080 } });

/** What has focus: its id, role and whether it is <body>. */
const focused = (page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return { id: a?.id ?? '', role: a?.getAttribute('role') ?? '', body: !a || a === document.body, panel: a?.closest('[role=tabpanel]')?.id ?? '' };
  });

/** WCAG contrast of two computed colours ("rgb(…)"), in the page. */
const CONTRAST = `(a, b) => {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\\d.]+/g).slice(0, 3).map((x) => { const s = Number(x) / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}`;

test('the divider between the table and the flame graph is a focusable, visible separator with a value', async () => {
  const { page } = fx.site;
  await openFiles(page, [corpus('go/cpu.pb.gz')]);
  const split = await page.evaluate(() => {
    const s = document.querySelector('#split');
    return { h: s.getBoundingClientRect().height, role: s.getAttribute('role'), now: Number(s.getAttribute('aria-valuenow')), min: Number(s.getAttribute('aria-valuemin')), max: Number(s.getAttribute('aria-valuemax')) };
  });
  assert.equal(split.role, 'separator');
  assert.ok(split.h >= 8, `the divider is ${split.h}px high`);
  assert.ok(split.min > 0 && split.min <= split.now && split.now <= split.max, JSON.stringify(split));
  // Tab from the table (through its column headers' sort buttons) to the divider: its scroll area is no stop
  await page.focus('#top-grid');
  const stops = [];
  for (let i = 0; i < 12 && (await focused(page)).id !== 'split'; i++) {
    await page.keyboard.press('Tab');
    stops.push(await page.evaluate(() => document.activeElement.className || document.activeElement.id));
  }
  assert.equal((await focused(page)).id, 'split', `Tab reaches the divider (${stops.join(', ')})`);
  assert.ok(!stops.includes('viewport'), `the table's scroll area is not a tab stop (${stops.join(', ')})`);
  const outline = await page.$eval('#split', (s) => getComputedStyle(s).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused divider shows its focus');
  const tableH = () => page.$eval('#top-grid .viewport', (v) => v.getBoundingClientRect().height);
  const h0 = await tableH();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getAttribute('#split', 'aria-valuenow'), String(split.now + 24));
  assert.ok((await tableH()) > h0, 'ArrowDown makes the table taller');
  await page.keyboard.press('Home');
  assert.equal(await page.getAttribute('#split', 'aria-valuenow'), String(split.min));
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
});

test('arrow keys select the tabs; a disabled tab says why', async () => {
  const { page } = fx.site;
  await page.focus('#tab-top');
  await page.keyboard.press('ArrowRight');
  assert.equal((await focused(page)).id, 'tab-diff');
  assert.equal(await page.getAttribute('#tab-diff', 'aria-disabled'), 'true');
  const why = await page.evaluate(() => {
    const t = document.querySelector('#tab-diff');
    return (t.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
  });
  assert.match(why, /two profiles/, 'the disabled Diff tab is described');
  assert.equal(await page.getAttribute('#tab-top', 'aria-selected'), 'true', 'a disabled tab is not selected');
  await page.keyboard.press('ArrowRight'); // Trend: disabled too
  await page.keyboard.press('ArrowRight');
  assert.equal((await focused(page)).id, 'tab-calltree');
  assert.equal(await page.getAttribute('#tab-calltree', 'aria-selected'), 'true', 'the arrow key selected Call tree');
  assert.equal(await page.$eval('#calltree-view', (v) => v.hidden), false);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getAttribute('#tab-top', 'aria-selected'), 'true', 'and back to Top');
});

/** The selected row's frame against the row and against the table, in the current colour scheme. */
const selectedRowContrast = (page) =>
  page.evaluate(`(() => {
    const contrast = ${CONTRAST};
    const row = document.querySelector('#top-grid .rows [aria-selected=true]');
    const cs = getComputedStyle(row);
    const frame = cs.boxShadow.match(/rgba?\\([^)]*\\)/)?.[0] ?? cs.backgroundColor;
    const table = getComputedStyle(document.body).backgroundColor;
    return { row: contrast(frame, cs.backgroundColor), table: contrast(frame, table) };
  })()`);

test('the context menu opens at the row; its focused item and the selected row stand out at 3:1; "Show in sandwich" focuses the sandwich', async () => {
  const { page } = fx.site;
  await page.focus('#top-grid');
  await page.keyboard.press('Home');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const c = await selectedRowContrast(page);
    assert.ok(c.row >= 3 && c.table >= 3, `${scheme}: the selected row's mark is ${c.row.toFixed(2)}:1 on the row, ${c.table.toFixed(2)}:1 on the table`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  const row = await page.$eval('#top-grid .rows [aria-selected=true]', (r) => r.getBoundingClientRect().toJSON());
  await page.keyboard.press('Shift+F10');
  await page.waitForSelector('.function-menu:not([hidden])');
  const menu = await page.$eval('.function-menu', (m) => m.getBoundingClientRect().toJSON());
  assert.ok(Math.abs(menu.top - row.bottom) <= 30, `the menu (top ${menu.top}) opens at the row (bottom ${row.bottom}), not at the table's corner`);
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const c = await page.evaluate(`(() => {
      const contrast = ${CONTRAST};
      const item = getComputedStyle(document.activeElement);
      const menu = getComputedStyle(document.querySelector('.function-menu'));
      return { bg: contrast(item.backgroundColor, menu.backgroundColor), text: contrast(item.color, item.backgroundColor) };
    })()`);
    assert.ok(c.bg >= 3, `${scheme}: the focused item is ${c.bg.toFixed(2)}:1 against the menu`);
    assert.ok(c.text >= 4.5, `${scheme}: its text is ${c.text.toFixed(2)}:1`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal((await focused(page)).id, 'menu-sandwich');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#sandwich-view:not([hidden]) [role=row][aria-rowindex="2"]', { timeout: 60_000 });
  const f = await focused(page);
  assert.ok(!f.body && f.panel === 'sandwich-view', `focus is in the sandwich (${JSON.stringify(f)})`);
});

test('Export → Table works in the Sandwich and in the Call tree', async () => {
  const { page } = fx.site;
  const sandwich = await exportFile(page, '#export-tables [data-table=sandwich][data-format=csv]');
  const lines = sandwich.bytes.toString('utf8').trim().split('\n');
  const rows = await page.evaluate(() => window.__proflens.sandwichRows());
  assert.equal(lines.length, rows.length + 1, 'a header and the rows on screen');
  await page.keyboard.press('Escape');
  await page.click('#tab-calltree');
  await page.waitForSelector('#calltree-grid [role=row][aria-level]');
  await page.focus('#calltree-grid');
  await page.keyboard.press('*'); // the heaviest path, expanded
  await page.waitForFunction(() => document.querySelectorAll('#calltree-grid [aria-level="3"]').length > 0);
  const tree = await page.evaluate(() => window.__proflens.callTreeRows());
  const csv = await exportFile(page, '#export-tables [data-table=calltree][data-format=csv]');
  const out = csv.bytes.toString('utf8').trim().split('\n');
  assert.match(out[0], /^Depth,Self,Self %,Total,Total %,Name,Inline,Self \(\w+\),Total \(\w+\)/);
  assert.equal(out.length, tree.length + 1, 'every row on screen, the expanded ones included');
  const last = out[out.length - 1].split(',');
  assert.equal(Number(last[0]), tree[tree.length - 1].level + (tree[0].level === 0 ? 1 : 0));
  assert.equal(Number(last[last.length - 1]), tree[tree.length - 1].total, 'the exact total');
  await page.keyboard.press('Escape');
});

test('Enter on a call-tree row focuses the sandwich', async () => {
  const { page } = fx.site;
  await page.focus('#calltree-grid');
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#sandwich-view:not([hidden])');
  const f = await focused(page);
  assert.ok(!f.body && f.panel === 'sandwich-view', `focus is in the sandwich (${JSON.stringify(f)})`);
});

test('removing a transform chip and closing a profile leave focus on an element', async () => {
  const { page } = fx.site;
  await page.click('#tab-top');
  for (const v of ['runtime', 'syscall']) {
    await page.selectOption('.transform-add select', 'hide');
    await page.fill('.transform-add input', v);
    await page.press('.transform-add input', 'Enter');
  }
  await page.waitForFunction(() => document.querySelectorAll('.transform-chips .chip').length === 2);
  for (let left = 1; left >= 0; left--) {
    await page.focus('.transform-chips .chip-remove');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('.transform-chips .chip').length === n, left);
    const f = await focused(page);
    assert.ok(!f.body, `focus after removing a chip (${left} left)`);
  }
  await openFiles(page, [corpus('go/goroutine_debug2.txt')]);
  for (let left = 1; left >= 0; left--) {
    await page.focus('#profile-list .close');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => window.__proflens.profiles().length === n, left);
    const f = await focused(page);
    assert.ok(!f.body, `focus after closing a profile (${left} left): ${JSON.stringify(f)}`);
  }
  assert.equal((await focused(page)).id, 'open-button', 'with no profile left, the Open button');
});

/** A goroutine dump (debug=2) with `n` groups of distinct stacks. */
function dump(n) {
  let text = '';
  for (let g = 0; g < n; g++) {
    text += `goroutine ${g + 1} [chan receive]:\nmain.worker${g}(0xc000010000)\n\t/app/main.go:${10 + g} +0x25\ncreated by main.main in goroutine 1\n\t/app/main.go:5 +0x1b\n\n`;
  }
  return text;
}

test('the goroutine table shows all its rows, and grows with a tall window; the sidebar breaks no token', async () => {
  const { page } = fx.site;
  const grid = () => page.$eval('#goroutine-grid .viewport', (v) => ({ h: v.clientHeight, scroll: v.scrollHeight }));
  await openFiles(page, [corpus('go/goroutine_debug2.txt')]);
  await page.waitForSelector('#goroutines-view:not([hidden]) #goroutine-grid [role=row][aria-rowindex="2"]');
  const small = await grid();
  assert.ok(small.scroll <= small.h, `the ten groups fit without scrolling (${small.scroll} > ${small.h})`);
  await openFiles(page, [corpus('go/heap_t2.pb.gz')]); // its details name inuse_space/bytes
  await openFiles(page, [await fx.tmp.file('many.txt', dump(80))]);
  await page.waitForSelector('#goroutines-view:not([hidden]) #goroutine-grid [role=row][aria-rowindex="60"]', { state: 'attached' }).catch(() => {});
  const big = await grid();
  assert.ok(big.h >= 0.38 * 1080, `at 1920×1080 the table is ${big.h}px high`);
  // every token of the profiles' details stays on one line
  const broken = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('#profiles .meta-list dd, #profiles .profile-name')) {
      for (const node of el.childNodes.length ? [...el.querySelectorAll('*'), el].flatMap((e) => [...e.childNodes].filter((c) => c.nodeType === 3)) : []) {
        const re = /\S+/g;
        for (let m; (m = re.exec(node.data)); ) {
          const r = document.createRange();
          r.setStart(node, m.index);
          r.setEnd(node, m.index + m[0].length);
          const lines = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
          if (lines.size > 1) out.push(m[0]);
        }
      }
    }
    return out;
  });
  assert.deepEqual(broken, [], 'tokens broken across lines');
});
