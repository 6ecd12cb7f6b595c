// The DOM-free half of the virtual grid (vgrid.ts): which rows are in view for a
// scroll offset, where the keys move the active row, the sort order, the selection
// by name and a tree's levels. Pure functions over numbers, unit-tested in tests/ts.

/** Rows drawn above and below the visible ones, so a fast scroll shows no gap. */
const OVERSCAN = 2;

/** Where each row starts: `offsets[p]` is row p's top, `offsets[n]` the total height. */
export type Offsets = Float64Array;

/** The offsets of rows of the given heights. */
export function offsetsOf(count: number, height: (pos: number) => number): Offsets {
  const out = new Float64Array(count + 1);
  for (let p = 0; p < count; p++) out[p + 1] = out[p] + height(p);
  return out;
}

/** The first position whose row reaches below `y` (rows of any height). */
export function positionAt(offsets: Offsets, y: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1] <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The rows to draw: `first` and how many, for a viewport `height` px high scrolled to `top`. */
export function visibleWindow(offsets: Offsets, top: number, height: number): { first: number; count: number } {
  const n = offsets.length - 1;
  if (n <= 0) return { first: 0, count: 0 };
  const first = Math.max(0, positionAt(offsets, top) - OVERSCAN);
  let end = Math.min(n, positionAt(offsets, top + height) + 1 + OVERSCAN);
  if (end <= first) end = Math.min(n, first + 1);
  return { first, count: end - first };
}

/**
 * The scroll offset that shows row `pos` whole, moving as little as possible; a row
 * taller than the viewport (an expanded group) shows from its top.
 */
export function scrollFor(offsets: Offsets, pos: number, scrollTop: number, height: number): number {
  const top = offsets[pos];
  const bottom = Math.min(offsets[pos + 1], top + height);
  if (top < scrollTop) return top;
  if (bottom > scrollTop + height) return bottom - height;
  return scrollTop;
}

/**
 * Where a navigation key moves the active row among `count` rows (`page` rows per
 * page), clamped to the rows; null for a key that is not a move. From no active row
 * (-1), every move starts at the first row.
 */
export function keyMove(key: string, active: number, count: number, page: number): number | null {
  if (count <= 0) return null;
  const cur = Math.max(0, active);
  let next: number;
  switch (key) {
    case 'ArrowDown':
      next = active < 0 ? 0 : cur + 1;
      break;
    case 'ArrowUp':
      next = cur - 1;
      break;
    case 'PageDown':
      next = cur + page;
      break;
    case 'PageUp':
      next = cur - page;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = count - 1;
      break;
    default:
      return null;
  }
  return Math.max(0, Math.min(count - 1, next));
}

/** What → and ← do on a treegrid row, after the WAI-ARIA treegrid pattern. */
export type TreeStep = 'expand' | 'collapse' | 'first-child' | 'parent' | null;

export function treeKey(key: string, row: { expandable: boolean; expanded: boolean }): TreeStep {
  if (key === 'ArrowRight') return row.expanded ? 'first-child' : row.expandable ? 'expand' : null;
  if (key === 'ArrowLeft') return row.expanded ? 'collapse' : 'parent';
  return null;
}

/** The row above `pos` one level up (itself at the top level); `level` of each row. */
export function parentOf(level: (pos: number) => number, pos: number): number {
  const l = level(pos);
  for (let p = pos - 1; p >= 0; p--) if (level(p) < l) return p;
  return pos;
}

/** The end (exclusive) of the rows below `pos` that are deeper than it: its shown subtree. */
export function subtreeEnd(level: (pos: number) => number, count: number, pos: number): number {
  const l = level(pos);
  let end = pos + 1;
  while (end < count && level(end) > l) end++;
  return end;
}

/** A sort key of one row: a number (NaN, unknown, sorts last either way) or a text. */
export type SortKey = (row: number) => number | string;

/**
 * The display order: the rows `keep` accepts, ordered by `key` (descending when
 * `desc`); ties keep the rows' own order, so every sort is stable and repeatable.
 * Without a key, the rows' own order.
 */
export function sortOrder(rows: number, keep: (row: number) => boolean, key: SortKey | null, desc: boolean): Uint32Array<ArrayBuffer> {
  const idx: number[] = [];
  for (let i = 0; i < rows; i++) if (keep(i)) idx.push(i);
  if (key) {
    const dir = desc ? -1 : 1;
    const keys: (number | string)[] = new Array(rows);
    for (const i of idx) keys[i] = key(i);
    idx.sort((a, b) => {
      const x = keys[a];
      const y = keys[b];
      if (typeof x === 'number' && typeof y === 'number') {
        if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) === Number.isNaN(y) ? a - b : Number.isNaN(x) ? 1 : -1;
        return dir * (x - y) || a - b;
      }
      return dir * (x < y ? -1 : x > y ? 1 : 0) || a - b;
    });
  }
  return Uint32Array.from(idx);
}

/** The direction a click on a column's header sorts in: the other one if it is the sorted column. */
export function nextSort(current: { key: string; desc: boolean }, key: string, descFirst: boolean): { key: string; desc: boolean } {
  return { key, desc: current.key === key ? !current.desc : descFirst };
}

/** The display position of the row named `name` ('' or absent: -1): the selection kept across sorts. */
export function positionOf(order: ArrayLike<number>, name: string, nameOf: (row: number) => string): number {
  if (!name) return -1;
  for (let p = 0; p < order.length; p++) if (nameOf(order[p]) === name) return p;
  return -1;
}
