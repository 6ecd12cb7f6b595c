// The top table: an ARIA grid, virtualized (only the visible rows exist in the
// DOM), sortable by every column, filterable by name, and keyboard driven.
import type { TopResult } from '../engine/protocol';
import { exact, label, percent, tableUnit } from '../format/units';
import type { SortKey } from '../state/url';
import { clear, h } from './dom';

const ROW_H = 22;
const COLUMNS: { key: SortKey; title: string; cls: string }[] = [
  { key: 'flat', title: 'Flat', cls: 'num' },
  { key: 'flatp', title: 'Flat%', cls: 'num' },
  { key: 'sump', title: 'Sum%', cls: 'num' },
  { key: 'cum', title: 'Cum', cls: 'num' },
  { key: 'cump', title: 'Cum%', cls: 'num' },
  { key: 'name', title: 'Name', cls: 'name' },
];
const INLINE_MARK = ['', '(inline)', '(partial-inline)'];

export interface TableEvents {
  onSelect(name: string): void;
  onSort(key: SortKey, desc: boolean): void;
  onFilter(text: string): void;
}

export class TopTable {
  readonly grid: HTMLDivElement;
  private filterBox: HTMLInputElement;
  private status: HTMLSpanElement;
  private headers: HTMLDivElement[] = [];
  private viewport: HTMLDivElement;
  private spacer: HTMLDivElement;
  private body: HTMLDivElement;
  private pool: HTMLDivElement[] = [];

  private top: TopResult | null = null;
  private unit = '';
  /** display order: indices into `top`'s rows */
  private order = new Uint32Array(0);
  /** running flat% total along the display order */
  private sum = new Float64Array(0);
  /** running |flat| in pprof's own order, for sorting by Sum% */
  private sumTop = new Float64Array(0);
  private sortKey: SortKey = 'flat';
  private desc = true;
  private filter = '';
  private active = -1; // position in `order`
  private selectedName = '';
  private raf = 0;

  constructor(host: HTMLElement, private ev: TableEvents) {
    this.filterBox = h('input', {
      type: 'search',
      id: 'name-filter',
      placeholder: 'Filter by name',
      'aria-label': 'Filter rows by name',
      'aria-controls': 'top-grid',
    });
    this.filterBox.addEventListener('input', () => {
      this.setFilter(this.filterBox.value);
      this.ev.onFilter(this.filter);
    });
    this.status = h('span', { class: 'muted', 'aria-live': 'polite' });

    const headRow = h('div', { role: 'row', class: 'row head', 'aria-rowindex': 1 });
    COLUMNS.forEach((c, i) => {
      const btn = h('button', { type: 'button', class: 'sort' }, c.title);
      btn.addEventListener('click', () => {
        const desc = this.sortKey === c.key ? !this.desc : c.key !== 'name';
        this.setSort(c.key, desc);
        this.ev.onSort(c.key, desc);
      });
      const cell = h('div', { role: 'columnheader', class: c.cls, 'aria-colindex': i + 1, 'aria-sort': 'none' }, btn);
      this.headers.push(cell);
      headRow.appendChild(cell);
    });

    this.body = h('div', { role: 'rowgroup', class: 'rows' });
    this.spacer = h('div', { role: 'presentation', class: 'spacer' }, this.body);
    this.viewport = h('div', { role: 'presentation', class: 'viewport' }, this.spacer);
    this.grid = h(
      'div',
      { role: 'grid', id: 'top-grid', 'aria-label': 'Top functions', 'aria-colcount': 6, 'aria-rowcount': 1, tabindex: 0 },
      h('div', { role: 'rowgroup', class: 'headgroup' }, headRow),
      this.viewport,
    );
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.grid.addEventListener('keydown', (e) => this.onKey(e));
    this.body.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[role=row]');
      if (!row || row.dataset.pos === undefined) return;
      this.activate(Number(row.dataset.pos), false);
      this.grid.focus({ preventScroll: true });
    });
    new ResizeObserver(() => this.schedule()).observe(this.viewport);

    host.append(h('div', { class: 'table-tools' }, this.filterBox, this.status), this.grid);
    this.updateHeaders();
  }

  setData(top: TopResult | null) {
    this.top = top;
    this.unit = top ? tableUnit(top.flat, top.unit) : '';
    if (top) {
      this.sumTop = new Float64Array(top.rows);
      let acc = 0;
      for (let i = 0; i < top.rows; i++) this.sumTop[i] = acc += Math.abs(top.flat[i]);
    }
    this.recompute();
  }

  setSort(key: SortKey, desc: boolean) {
    this.sortKey = key;
    this.desc = desc;
    this.updateHeaders();
    this.recompute();
  }

  setFilter(text: string) {
    this.filter = text;
    if (this.filterBox.value !== text) this.filterBox.value = text;
    this.recompute();
  }

  /** Select a row by name (from the flame graph); '' clears. */
  select(name: string) {
    this.selectedName = name;
    const pos = name && this.top ? this.order.findIndex((i) => this.top!.names[i] === name) : -1;
    this.active = pos;
    if (pos >= 0) this.scrollTo(pos);
    this.render();
  }

  private updateHeaders() {
    COLUMNS.forEach((c, i) => {
      this.headers[i].setAttribute('aria-sort', c.key === this.sortKey ? (this.desc ? 'descending' : 'ascending') : 'none');
    });
  }

  private recompute() {
    const t = this.top;
    if (!t) {
      this.order = new Uint32Array(0);
      this.sum = new Float64Array(0);
    } else {
      const needle = this.filter.toLowerCase();
      const idx: number[] = [];
      for (let i = 0; i < t.rows; i++) if (!needle || t.names[i].toLowerCase().includes(needle)) idx.push(i);
      const key = this.sortKey;
      const dir = this.desc ? -1 : 1;
      const byName = (a: number, b: number) => (t.names[a] < t.names[b] ? -1 : t.names[a] > t.names[b] ? 1 : 0);
      let cmp: (a: number, b: number) => number;
      if (key === 'flat' || key === 'flatp') cmp = (a, b) => dir * (Math.abs(t.flat[a]) - Math.abs(t.flat[b])) || a - b;
      else if (key === 'cum' || key === 'cump') cmp = (a, b) => dir * (Math.abs(t.cum[a]) - Math.abs(t.cum[b])) || a - b;
      else if (key === 'sump') cmp = (a, b) => dir * (this.sumTop[a] - this.sumTop[b]) || a - b;
      else cmp = (a, b) => dir * byName(a, b) || a - b;
      // pprof's order is the engine's order: keep it untouched when asked for it.
      if (!(key === 'flat' && this.desc)) idx.sort(cmp);
      this.order = Uint32Array.from(idx);
      this.sum = new Float64Array(idx.length);
      let acc = 0;
      for (let p = 0; p < idx.length; p++) this.sum[p] = acc += Math.abs(t.flat[idx[p]]);
    }
    this.active = this.selectedName && t ? this.order.findIndex((i) => t.names[i] === this.selectedName) : -1;
    this.grid.setAttribute('aria-rowcount', String(this.order.length + 1));
    this.spacer.style.height = `${this.order.length * ROW_H}px`;
    this.status.textContent = t
      ? `${this.order.length.toLocaleString()} of ${t.rows.toLocaleString()} rows${t.exact ? '' : ' (some values exceed 2^53 and are rounded)'}`
      : '';
    this.render();
  }

  private schedule() {
    if (!this.raf) this.raf = requestAnimationFrame(() => ((this.raf = 0), this.render()));
  }

  private render() {
    const t = this.top;
    const height = this.viewport.clientHeight || 400;
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / ROW_H) - 2);
    const count = Math.min(this.order.length - first, Math.ceil(height / ROW_H) + 5);
    while (this.pool.length < count) this.pool.push(this.makeRow());
    clear(this.body);
    this.body.style.transform = `translateY(${first * ROW_H}px)`;
    if (!t) return;
    const total = t.total;
    for (let k = 0; k < count; k++) {
      const pos = first + k;
      const i = this.order[pos];
      const row = this.pool[k];
      const cells = row.children as HTMLCollectionOf<HTMLElement>;
      row.id = `row-${pos}`;
      row.dataset.pos = String(pos);
      row.setAttribute('aria-rowindex', String(pos + 2));
      row.setAttribute('aria-selected', String(pos === this.active));
      const f = t.flat[i];
      const c = t.cum[i];
      setCell(cells[0], label(f, t.unit, this.unit), exact(f, t.unit));
      setCell(cells[1], percent(f, total), `${((f / total) * 100 || 0).toString()}%`);
      setCell(cells[2], percent(this.sum[pos], total), '');
      setCell(cells[3], label(c, t.unit, this.unit), exact(c, t.unit));
      setCell(cells[4], percent(c, total), `${((c / total) * 100 || 0).toString()}%`);
      const mark = INLINE_MARK[t.inline[i]] ?? '';
      const name = t.names[i];
      cells[5].firstChild!.textContent = name;
      cells[5].lastChild!.textContent = mark ? ` ${mark}` : '';
      cells[5].title = mark ? `${name} ${mark}` : name;
      this.body.appendChild(row);
    }
    if (this.active >= 0 && this.active >= first && this.active < first + count) {
      this.grid.setAttribute('aria-activedescendant', `row-${this.active}`);
    } else this.grid.removeAttribute('aria-activedescendant');
  }

  private makeRow(): HTMLDivElement {
    const row = h('div', { role: 'row', class: 'row' });
    COLUMNS.forEach((c, i) => {
      const cell = h('div', { role: 'gridcell', class: c.cls, 'aria-colindex': i + 1 });
      if (c.key === 'name') cell.append(h('span'), h('span', { class: 'inline-mark' }));
      row.appendChild(cell);
    });
    return row;
  }

  private scrollTo(pos: number) {
    const top = pos * ROW_H;
    const vh = this.viewport.clientHeight;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + ROW_H > this.viewport.scrollTop + vh) this.viewport.scrollTop = top + ROW_H - vh;
  }

  private activate(pos: number, scroll = true) {
    if (!this.top || this.order.length === 0) return;
    pos = Math.max(0, Math.min(this.order.length - 1, pos));
    this.active = pos;
    this.selectedName = this.top.names[this.order[pos]];
    if (scroll) this.scrollTo(pos);
    this.render();
    this.ev.onSelect(this.selectedName);
  }

  private onKey(e: KeyboardEvent) {
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / ROW_H) - 1);
    const cur = this.active < 0 ? -1 : this.active;
    let next: number | null = null;
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
      default:
        return;
    }
    e.preventDefault();
    this.activate(next);
  }

  /** The rows as displayed (filter and sort applied) and the table's unit, for the exports. */
  displayed() {
    return this.top ? { top: this.top, order: this.order, unit: this.unit } : null;
  }

  /** For tests: the rows as displayed, in order, with the exact values. */
  rowsForTest(n: number) {
    const t = this.top;
    if (!t) return [];
    return Array.from(this.order.subarray(0, n), (i) => ({ name: t.names[i], flat: t.flat[i], cum: t.cum[i], inline: t.inline[i] }));
  }
}

function setCell(cell: HTMLElement, text: string, title: string) {
  cell.textContent = text;
  if (title) cell.title = title;
  else cell.removeAttribute('title');
}
