// Canvas text contrast (node only, no browser): every colour a flame graph can fill
// a box with — the package colours (all hues and lightnesses), the differential
// ramps, the search colours and the goroutine states — takes a label ink
// (views/ink.ts) that contrasts at least 4.5:1 with it, as WCAG 1.4.3 asks for text.
// The canvas keeps these light colours in the dark theme too (style.css), so one
// check covers both themes. The TypeScript modules are import-free (but for each
// other); vite's own transform (a dev dependency already) strips their types.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { transformWithOxc } from 'vite';
import { ROOT } from './lib.mjs';

const MODULES = ['colors', 'ink', 'palettes'];
let dir;
let m;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'proflens-contrast-'));
  for (const name of MODULES) {
    const path = join(ROOT, 'www/src/views', `${name}.ts`);
    const { code } = await transformWithOxc(await readFile(path, 'utf8'), path, { lang: 'ts' });
    await writeFile(join(dir, `${name}.mjs`), code.replace(/from (['"])\.\/(\w+)\1/g, "from './$2.mjs'"));
  }
  const [colors, ink, palettes] = await Promise.all(MODULES.map((n) => import(pathToFileURL(join(dir, `${n}.mjs`)))));
  m = { ...colors, ...ink, ...palettes };
});
after(() => dir && rm(dir, { recursive: true, force: true }));

/** Each fill below 4.5:1 against its ink, as "fill on ink: ratio". */
function failing(fills) {
  return fills
    .map((fill) => [fill, m.inkFor(fill), m.contrast(fill, m.inkFor(fill))])
    .filter(([, , r]) => !(r >= 4.5))
    .map(([fill, ink, r]) => `${ink} on ${fill}: ${r.toFixed(2)}`);
}

test('the contrast ratio is WCAG 2: black on white 21, a colour on itself 1, #777 on white 4.48', () => {
  assert.equal(m.contrast('#000', '#fff'), 21);
  assert.equal(m.contrast('#2450d6', '#2450d6'), 1);
  assert.equal(m.contrast('#777777', '#ffffff').toFixed(2), '4.48');
});

test('every package colour has a label ink of at least 4.5:1', () => {
  const fills = [];
  for (let hue = 0; hue < 360; hue++) for (let step = 0; step < m.PACKAGE_STEPS; step++) fills.push(m.packageTone(hue, step));
  assert.equal(fills.length, 360 * 12);
  assert.deepEqual(failing(fills), []);
});

test('every colour of the diff palette (grew, shrank, new, same) has a label ink of at least 4.5:1', () => {
  assert.equal(m.DIFF_PALETTE.length, 1 + 3 * m.STEPS);
  assert.deepEqual(failing(m.DIFF_PALETTE), []);
});

test('the search colours and every goroutine state colour have a label ink of at least 4.5:1', () => {
  const hashed = Array.from({ length: 400 }, (_, i) => m.stateColor(`state ${i}`));
  assert.ok(hashed.every((c) => /^#[0-9a-f]{6}$/.test(c)), 'hashed states are hex colours');
  assert.deepEqual(failing([m.SEARCH_HIT, m.SEARCH_MISS, ...m.KNOWN_STATES.map(m.stateColor), ...hashed]), []);
});
