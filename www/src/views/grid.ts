// A table as an ARIA grid: virtualized (only the visible rows exist in the
// DOM, so 100k rows scroll smoothly), sortable by its columns, filterable by
// name, and keyboard driven. It knows nothing about profiles: each table (top,
// diff, trend) is a list of columns over its own result arrays.
import type { TableSnapshot } from '../export/table';
import type { Sort } from '../state/url';
import { clear, h } from './dom';
import { grouped } from '../format/units';

const ROW_H = 22;
/** an exact value as cells.ts puts it in a tooltip: digits, a space, the unit */
const EXACT = /^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?) (\S+)$/;

export interface Column {
  /** the sort key (it goes into the URL) */
  key: string;
  title: string;
  /** what a screen reader and the header's tooltip say about the column */
  help?: string;
  /** 'num' (right-aligned), 'name' or 'spark' */
  cls: string;
  /** the CSS grid track, e.g. '90px' or 'minmax(0, 1fr)' */
  track: string;
  /** sort by this number, or by the row's name; without it the column does not sort */
  sort?: 'name' | ((row: number) => number);
  /** builds a pooled cell's inside once (default: text only) */
  init?(cell: HTMLElement): void;
  /** shows `row` (an index into the source) at display position `pos` */
  fill(cell: HTMLElement, row: number, pos: number): void;
}

export interface GridSource {
  rows: number;
  name(row: number): string;
  /** after each filter or sort, with the display order (for running sums such as Sum%) */
  ordered?(order: Uint32Array): void;
  /** appended to the row count, e.g. a warning about rounded values */
  note?: string;
}

export interface GridOptions {
  id: string;
  label: string;
  filterId: string;
  /** row element ids are prefix + display position (for aria-activedescendant) */
  rowIdPrefix: string;
  defaultSort: Sort;
  /** the sort under which the source's own order is kept as it is (pprof's order) */
  natural?: Sort;
}

/** Where a table starts: its sort and name filter, from the URL. */
export interface GridStart {
  sort: Sort;
  filter: string;
}

export interface GridEvents {
  onSelect(name: string): void;
  onSort(sort: Sort): void;
  onFilter(text: string): void;
  /** a click or Enter on a row */
  onActivate?(name: string): void;
}

/**
 * A table extends Grid with its columns (setColumns, once its own fields
 * exist) and a setData that turns its result into a GridSource.
 */
export class Grid {
  readonly grid: HTMLDivElement;
  private filterBox: HTMLInputElement;
  private status: HTMLSpanElement;
  private headRow: HTMLDivElement;
  private headers: HTMLDivElement[] = [];
  private viewport: HTMLDivElement;
  private spacer: HTMLDivElement;
  private body: HTMLDivElement;
  private pool: HTMLDivElement[] = [];
  private columns: Column[] = [];

  private src: GridSource | null = null;
  /** display order: indices into the source's rows */
  private order = new Uint32Array(0);
  private sort: Sort;
  private filter = '';
  private active = -1; // position in `order`
  private selectedName = '';
  private raf = 0;

  constructor(host: HTMLElement, private opt: GridOptions, private ev: GridEvents, start: GridStart) {
    this.sort = { ...start.sort };
    this.filter = start.filter;
    this.filterBox = h('input', {
      type: 'search',
      id: opt.filterId,
      placeholder: 'Filter by name',
      'aria-label': `Filter ${opt.label.toLowerCase()} by name`,
      'aria-controls': opt.id,
      value: start.filter,
    });
    this.filterBox.addEventListener('input', () => {
      this.setFilter(this.filterBox.value);
      this.ev.onFilter(this.filter);
    });
    this.status = h('span', { class: 'muted', 'aria-live': 'polite' });
    this.headRow = h('div', { role: 'row', class: 'row head', 'aria-rowindex': 1 });
    this.body = h('div', { role: 'presentation', class: 'rows' });
    this.spacer = h('div', { role: 'presentation', class: 'spacer' }, this.body);
    // the scroll area is the rows' group, out of the tab order: the grid is the one tab stop (its keys scroll)
    this.viewport = h('div', { role: 'rowgroup', class: 'viewport', tabindex: -1 }, this.spacer);
    this.grid = h(
      'div',
      { role: 'grid', id: opt.id, 'aria-label': opt.label, 'aria-rowcount': 1, tabindex: 0 },
      h('div', { role: 'rowgroup', class: 'headgroup' }, this.headRow),
      this.viewport,
    );
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.grid.addEventListener('keydown', (e) => this.onKey(e));
    this.body.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[role=row]');
      if (!row || row.dataset.pos === undefined) return;
      this.activate(Number(row.dataset.pos), false);
      this.grid.focus({ preventScroll: true });
      if (this.selectedName) this.ev.onActivate?.(this.selectedName);
    });
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
    host.append(h('div', { class: 'table-tools' }, this.filterBox, this.status), this.grid);
  }

  /** Replaces the columns (e.g. retitled for a delta profile); keeps the data. */
  protected setColumns(columns: Column[]) {
    this.columns = columns;
    this.pool = [];
    this.headers = columns.map((c, i) => {
      const label = c.sort ? h('button', { type: 'button', class: 'sort' }, c.title) : h('span', {}, c.title);
      label.addEventListener('click', () => {
        if (!c.sort) return;
        const desc = this.sort.key === c.key ? !this.sort.desc : c.sort !== 'name';
        this.setSort({ key: c.key, desc });
        this.ev.onSort({ ...this.sort });
      });
      return h('div', { role: 'columnheader', class: c.cls, 'aria-colindex': i + 1, title: c.help }, label);
    });
    this.headRow.replaceChildren(...this.headers);
    this.grid.setAttribute('aria-colcount', String(columns.length));
    this.grid.style.setProperty('--cols', columns.map((c) => c.track).join(' '));
    this.setSort(this.sort);
  }

  protected setSource(src: GridSource | null) {
    this.src = src;
    this.recompute();
  }

  /** An unknown key (say, from an old URL) falls back to the default sort. */
  setSort(sort: Sort) {
    const known = this.columns.some((c) => c.key === sort.key && c.sort);
    this.sort = known ? { ...sort } : { ...this.opt.defaultSort };
    this.headers.forEach((el, i) => {
      const c = this.columns[i];
      el.setAttribute('aria-sort', c.key === this.sort.key ? (this.sort.desc ? 'descending' : 'ascending') : 'none');
    });
    this.recompute();
  }

  setFilter(text: string) {
    if (this.filterBox.value !== text) this.filterBox.value = text;
    if (text === this.filter) return; // every view change sets it again
    this.filter = text;
    this.recompute();
  }

  /** Select a row by name (from another view); '' clears. */
  select(name: string) {
    this.selectedName = name;
    this.active = this.positionOf(name);
    if (this.active >= 0) this.scrollTo(this.active);
    this.schedule();
  }

  focus() {
    this.grid.focus({ preventScroll: true });
  }

  /** The source rows in display order, for tests and for running sums. */
  displayed(n = Infinity): number[] {
    return Array.from(this.order.subarray(0, Math.min(n, this.order.length)));
  }

  /**
   * The table as displayed (filter and sort applied), for the exports: each
   * column's cell text as a pooled cell shows it, the name column split into
   * Name and Inline, and after them the exact values of the value columns,
   * read from their cells' tooltips ("6216000 bytes" gives `Flat (bytes)`).
   */
  snapshot(name: string, title: string): TableSnapshot | null {
    if (!this.src) return null;
    const cols = this.columns.filter((c) => c.cls !== 'spark');
    const row = this.makeRow();
    const cells = cols.map((c) => row.children[this.columns.indexOf(c)] as HTMLElement);
    const shown: string[][] = [];
    const exact: (string | null)[][] = [];
    // nameColumn's cells hold the name and the inline mark in two spans
    const split = cols.map((c) => c.key === 'name' && !!c.init);
    this.order.forEach((i, pos) => {
      cols.forEach((c, j) => c.fill(cells[j], i, pos));
      shown.push(cols.flatMap((_, j) => (split[j] ? [cells[j].firstChild!.textContent!, cells[j].lastChild!.textContent!.trim()] : [cells[j].textContent!])));
      exact.push(cols.map((c, j) => (c.cls === 'num' ? EXACT.exec(cells[j].title ?? '') : null)?.slice(1, 3).join(' ') ?? null));
    });
    // a value column is one whose cells carry an exact value in their tooltip
    const units = cols.map((_, j) => exact.find((r) => r[j] !== null)?.[j]?.split(' ')[1] ?? '');
    const header = cols.flatMap((c, j) => (split[j] ? [c.title, 'Inline'] : [c.title]));
    cols.forEach((c, j) => units[j] && header.push(`${c.title} (${units[j]})`));
    const rows = shown.map((r, k) => [...r, ...cols.flatMap((_, j) => (units[j] ? [exact[k][j]?.split(' ')[0] ?? ''] : []))]);
    return { name, title, header, rows };
  }

  private positionOf(name: string): number {
    const s = this.src;
    return name && s ? this.order.findIndex((i) => s.name(i) === name) : -1;
  }

  private recompute() {
    const s = this.src;
    if (!s) this.order = new Uint32Array(0);
    else {
      const needle = this.filter.toLowerCase();
      const idx: number[] = [];
      for (let i = 0; i < s.rows; i++) if (!needle || s.name(i).toLowerCase().includes(needle)) idx.push(i);
      const nat = this.opt.natural;
      if (!(nat && nat.key === this.sort.key && nat.desc === this.sort.desc)) idx.sort(this.comparator(s));
      this.order = Uint32Array.from(idx);
      s.ordered?.(this.order);
    }
    this.active = this.positionOf(this.selectedName);
    this.grid.setAttribute('aria-rowcount', String(this.order.length + 1));
    this.spacer.style.height = `${this.order.length * ROW_H}px`;
    this.status.textContent = s ? `${grouped(this.order.length)} of ${grouped(s.rows)} rows${s.note ? ` ${s.note}` : ''}` : '';
    // rows are drawn once a frame: a new source, its sort and its selection in one task
    // would each lay the page out again
    this.schedule();
  }

  /** Ties keep the source's order, so every sort is stable and repeatable. */
  private comparator(s: GridSource): (a: number, b: number) => number {
    const dir = this.sort.desc ? -1 : 1;
    const by = this.columns.find((c) => c.key === this.sort.key)?.sort;
    if (typeof by === 'function') {
      return (a, b) => {
        const x = by(a);
        const y = by(b);
        // NaN (an unknown value) sorts last in either direction
        if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) === Number.isNaN(y) ? a - b : Number.isNaN(x) ? 1 : -1;
        return dir * (x - y) || a - b;
      };
    }
    return (a, b) => {
      const x = s.name(a);
      const y = s.name(b);
      return dir * (x < y ? -1 : x > y ? 1 : 0) || a - b;
    };
  }

  private schedule() {
    if (!this.raf) this.raf = requestAnimationFrame(() => ((this.raf = 0), this.render()));
  }

  private render() {
    const height = this.viewport.clientHeight || 400;
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / ROW_H) - 2);
    const count = Math.min(this.order.length - first, Math.ceil(height / ROW_H) + 5);
    while (this.pool.length < count) this.pool.push(this.makeRow());
    clear(this.body);
    this.body.style.transform = `translateY(${first * ROW_H}px)`;
    if (!this.src) return;
    for (let k = 0; k < count; k++) {
      const pos = first + k;
      const i = this.order[pos];
      const row = this.pool[k];
      row.id = `${this.opt.rowIdPrefix}${pos}`;
      row.dataset.pos = String(pos);
      row.setAttribute('aria-rowindex', String(pos + 2));
      row.setAttribute('aria-selected', String(pos === this.active));
      const cells = row.children as HTMLCollectionOf<HTMLElement>;
      this.columns.forEach((c, j) => c.fill(cells[j], i, pos));
      this.body.appendChild(row);
    }
    if (this.active >= first && this.active < first + count) {
      this.grid.setAttribute('aria-activedescendant', `${this.opt.rowIdPrefix}${this.active}`);
    } else this.grid.removeAttribute('aria-activedescendant');
  }

  private makeRow(): HTMLDivElement {
    // focusable but never tabbed to: aria-activedescendant points at it while the grid has focus
    const row = h('div', { role: 'row', class: 'row', tabindex: -1 });
    this.columns.forEach((c, i) => {
      const cell = h('div', { role: 'gridcell', class: c.cls, 'aria-colindex': i + 1 });
      c.init?.(cell);
      row.appendChild(cell);
    });
    return row;
  }

  private scrollTo(pos: number) {
    scrollToRow(this.viewport, pos, ROW_H);
  }

  private activate(pos: number, scroll = true) {
    if (!this.src || this.order.length === 0) return;
    pos = Math.max(0, Math.min(this.order.length - 1, pos));
    this.active = pos;
    this.selectedName = this.src.name(this.order[pos]);
    if (scroll) this.scrollTo(pos);
    this.render();
    this.ev.onSelect(this.selectedName);
  }

  private onKey(e: KeyboardEvent) {
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / ROW_H) - 1);
    const cur = this.active;
    let next: number;
    switch (e.key) {
      case 'ArrowDown':
        next = cur + 1;
        break;
      case 'ArrowUp':
        next = Math.max(0, cur - 1);
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
        next = this.order.length - 1;
        break;
      case 'Enter':
        if (cur < 0 || !this.ev.onActivate) return;
        e.preventDefault();
        this.ev.onActivate(this.selectedName);
        return;
      default:
        return;
    }
    e.preventDefault();
    this.activate(next);
  }
}

/** Scrolls a virtualized list's viewport just enough to show row `pos` (rows `rowH` high). */
export function scrollToRow(viewport: HTMLElement, pos: number, rowH: number) {
  const top = pos * rowH;
  const vh = viewport.clientHeight;
  if (top < viewport.scrollTop) viewport.scrollTop = top;
  else if (top + rowH > viewport.scrollTop + vh) viewport.scrollTop = top + rowH - vh;
}

/** Sets a cell's text and its tooltip ('' removes the tooltip). */
export function setCell(cell: HTMLElement, text: string, title: string) {
  cell.textContent = text;
  if (title) cell.title = title;
  else cell.removeAttribute('title');
}

/** A name column: the name, then a muted inline mark such as "(inline)". */
export const INLINE_MARK = ['', '(inline)', '(partial-inline)'];

export function nameColumn(name: (row: number) => string, inline: (row: number) => number): Column {
  return {
    key: 'name',
    title: 'Name',
    cls: 'name',
    track: 'minmax(0, 1fr)',
    sort: 'name',
    init: (cell) => cell.append(h('span'), h('span', { class: 'inline-mark' })),
    fill(cell, row) {
      const mark = INLINE_MARK[inline(row)] ?? '';
      const n = name(row);
      cell.firstChild!.textContent = n;
      cell.lastChild!.textContent = mark ? ` ${mark}` : '';
      cell.title = mark ? `${n} ${mark}` : n;
    },
  };
}
