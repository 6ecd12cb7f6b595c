// views/gridcore.ts: the DOM-free half of the virtual grid under every table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  keyMove,
  nextSort,
  offsetsOf,
  parentOf,
  positionAt,
  positionOf,
  scrollFor,
  sortOrder,
  subtreeEnd,
  treeKey,
  visibleWindow,
} from '../../www/src/views/gridcore.ts';

test('the visible window covers the viewport plus two rows each side, for even and uneven rows', () => {
  const even = offsetsOf(100_000, () => 22);
  assert.equal(even[100_000], 2_200_000);
  assert.deepEqual(visibleWindow(even, 0, 220), { first: 0, count: 13 });
  // scrolled to row 500 (a row's top exactly at the viewport's top)
  assert.deepEqual(visibleWindow(even, 500 * 22, 220), { first: 498, count: 15 });
  // the end: never past the last row
  const end = visibleWindow(even, 2_200_000 - 220, 220);
  assert.equal(end.first + end.count, 100_000);
  assert.deepEqual(visibleWindow(offsetsOf(0, () => 22), 0, 400), { first: 0, count: 0 });
  // an expanded row 200 px high at position 1
  const uneven = offsetsOf(10, (p) => (p === 1 ? 200 : 22));
  assert.equal(positionAt(uneven, 21), 0);
  assert.equal(positionAt(uneven, 22), 1);
  assert.equal(positionAt(uneven, 221), 1);
  assert.equal(positionAt(uneven, 222), 2);
  assert.deepEqual(visibleWindow(uneven, 100, 50), { first: 0, count: 4 }, 'row 1 in view, row 0 and rows 2-3 around it');
});

test('scrolling to a row moves the least, and a tall row shows from its top', () => {
  const o = offsetsOf(100, (p) => (p === 50 ? 1000 : 22));
  assert.equal(scrollFor(o, 3, 0, 220), 0, 'already in view');
  assert.equal(scrollFor(o, 20, 0, 220), 21 * 22 - 220, 'below: its bottom at the bottom');
  assert.equal(scrollFor(o, 2, 300, 220), 44, 'above: its top at the top');
  assert.equal(scrollFor(o, 50, 0, 220), 50 * 22, 'a row taller than the viewport: its top');
});

test('the keys move the active row within the rows', () => {
  assert.equal(keyMove('ArrowDown', -1, 10, 5), 0, 'from no row, the first');
  assert.equal(keyMove('ArrowUp', -1, 10, 5), 0);
  assert.equal(keyMove('ArrowDown', 3, 10, 5), 4);
  assert.equal(keyMove('ArrowDown', 9, 10, 5), 9, 'stays on the last');
  assert.equal(keyMove('ArrowUp', 0, 10, 5), 0);
  assert.equal(keyMove('PageDown', 3, 10, 5), 8);
  assert.equal(keyMove('PageDown', 8, 10, 5), 9);
  assert.equal(keyMove('PageUp', 3, 10, 5), 0);
  assert.equal(keyMove('Home', 7, 10, 5), 0);
  assert.equal(keyMove('End', 2, 10, 5), 9);
  assert.equal(keyMove('Enter', 2, 10, 5), null, 'not a move');
  assert.equal(keyMove('ArrowDown', -1, 0, 5), null, 'no rows');
});

test('→ and ← on a treegrid row follow the WAI-ARIA treegrid pattern', () => {
  assert.equal(treeKey('ArrowRight', { expandable: true, expanded: false }), 'expand');
  assert.equal(treeKey('ArrowRight', { expandable: true, expanded: true }), 'first-child');
  assert.equal(treeKey('ArrowRight', { expandable: false, expanded: false }), null);
  assert.equal(treeKey('ArrowLeft', { expandable: true, expanded: true }), 'collapse');
  assert.equal(treeKey('ArrowLeft', { expandable: false, expanded: false }), 'parent');
  assert.equal(treeKey('Enter', { expandable: true, expanded: false }), null);
});

test("a tree's levels give each row's parent and its shown subtree", () => {
  const levels = [0, 1, 2, 2, 1, 0, 1];
  const level = (p) => levels[p];
  assert.equal(parentOf(level, 3), 1);
  assert.equal(parentOf(level, 4), 0);
  assert.equal(parentOf(level, 5), 5, 'a top-level row is its own parent');
  assert.equal(subtreeEnd(level, levels.length, 1), 4);
  assert.equal(subtreeEnd(level, levels.length, 0), 5);
  assert.equal(subtreeEnd(level, levels.length, 6), 7);
});

test('sorting is stable in both directions, NaN last, text by code point, filtered', () => {
  const v = [3, NaN, 1, 3, 2, NaN];
  assert.deepEqual([...sortOrder(6, () => true, (i) => v[i], true)], [0, 3, 4, 2, 1, 5]);
  assert.deepEqual([...sortOrder(6, () => true, (i) => v[i], false)], [2, 4, 0, 3, 1, 5]);
  const names = ['b', 'a', 'B', 'a'];
  assert.deepEqual([...sortOrder(4, () => true, (i) => names[i], false)], [2, 1, 3, 0]);
  assert.deepEqual([...sortOrder(4, () => true, (i) => names[i], true)], [0, 1, 3, 2]);
  assert.deepEqual([...sortOrder(6, (i) => i % 2 === 0, null, true)], [0, 2, 4], 'no key: the rows own order');
});

test('a header click flips the sorted column and starts another in its first direction', () => {
  assert.deepEqual(nextSort({ key: 'flat', desc: true }, 'flat', true), { key: 'flat', desc: false });
  assert.deepEqual(nextSort({ key: 'flat', desc: false }, 'name', false), { key: 'name', desc: false });
  assert.deepEqual(nextSort({ key: 'name', desc: false }, 'cum', true), { key: 'cum', desc: true });
});

test('the selection is found by name in the display order', () => {
  const names = ['x', 'y', 'z'];
  const order = Uint32Array.from([2, 0, 1]);
  assert.equal(positionOf(order, 'x', (i) => names[i]), 1);
  assert.equal(positionOf(order, 'w', (i) => names[i]), -1);
  assert.equal(positionOf(order, '', (i) => names[i]), -1);
});
