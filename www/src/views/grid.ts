// A table as an ARIA grid: virtualized (only the visible rows exist in the
// DOM, so 100k rows scroll smoothly), sortable by its columns, filterable by
// name, and keyboard driven. It knows nothing about profiles: each table (top,
// diff, trend) is a list of columns over its own result arrays.
import type { TableSnapshot } from '../export/table';
import type { Sort } from '../state/url';
import { h } from './dom';
import { nextSort, positionOf, sortOrder } from './gridcore';
import { VirtualGrid } from './vgrid';
import { counted, grouped } from '../format/units';

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
  private vg: VirtualGrid;
  private filterBox: HTMLInputElement;
  private status: HTMLSpanElement;
  private pool: HTMLDivElement[] = [];
  private columns: Column[] = [];

  private src: GridSource | null = null;
  /** display order: indices into the source's rows */
  private order = new Uint32Array(0);
  private sort: Sort;
  private filter = '';
  private selectedName = '';

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
    this.vg = new VirtualGrid(
      { role: 'grid', id: opt.id, label: opt.label, headClass: 'row', rowIdPrefix: opt.rowIdPrefix, focus: 'descendant', rowHeight: ROW_H, row: (pos, slot) => this.fillRow(pos, slot) },
      {
        onMove: (pos) => {
          this.selectedName = this.src ? this.src.name(this.order[pos]) : '';
          this.ev.onSelect(this.selectedName);
        },
        onRowClick: () => this.selectedName && this.ev.onActivate?.(this.selectedName),
        onKey: (e, active) => {
          if (e.key !== 'Enter' || active < 0 || !this.ev.onActivate) return false;
          this.ev.onActivate(this.selectedName);
          return true;
        },
        onSortClick: (i) => {
          const c = this.columns[i];
          this.setSort(nextSort(this.sort, c.key, c.sort !== 'name'));
          this.ev.onSort({ ...this.sort });
        },
      },
    );
    this.grid = this.vg.el;
    host.append(h('div', { class: 'table-tools' }, this.filterBox, this.status), this.grid);
  }

  /** Replaces the columns (e.g. retitled for a delta profile); keeps the data. */
  protected setColumns(columns: Column[]) {
    this.columns = columns;
    this.pool = [];
    this.vg.setHeader(columns.map((c) => ({ title: c.title, cls: c.cls, help: c.help, sorts: !!c.sort })));
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
    this.vg.setSorted(this.columns.findIndex((c) => c.key === this.sort.key), this.sort.desc);
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
    this.vg.active = this.positionOf(name);
    this.vg.reveal(this.vg.active);
  }

  focus() {
    this.vg.focus();
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
    return s ? positionOf(this.order, name, (i) => s.name(i)) : -1;
  }

  private recompute() {
    const s = this.src;
    if (!s) this.order = new Uint32Array(0);
    else {
      const needle = this.filter.toLowerCase();
      const nat = this.opt.natural;
      const natural = nat && nat.key === this.sort.key && nat.desc === this.sort.desc;
      const by = this.columns.find((c) => c.key === this.sort.key)?.sort;
      const key = natural || !by ? null : by === 'name' ? (i: number) => s.name(i) : by;
      this.order = sortOrder(s.rows, (i) => !needle || s.name(i).toLowerCase().includes(needle), key, this.sort.desc);
      s.ordered?.(this.order);
    }
    this.vg.active = this.positionOf(this.selectedName);
    this.status.textContent = s ? `${grouped(this.order.length)} of ${counted(s.rows, 'row')}${s.note ? ` ${s.note}` : ''}` : '';
    // rows are drawn once a frame: a new source, its sort and its selection in one task
    // would each lay the page out again
    this.vg.setCount(this.order.length);
  }

  /** Pooled row `slot` showing display position `pos`. */
  private fillRow(pos: number, slot: number): HTMLElement {
    while (this.pool.length <= slot) this.pool.push(this.makeRow());
    const row = this.pool[slot];
    const cells = row.children as HTMLCollectionOf<HTMLElement>;
    const i = this.order[pos];
    this.columns.forEach((c, j) => c.fill(cells[j], i, pos));
    return row;
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
