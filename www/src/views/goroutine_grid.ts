// The group table of the Goroutines view: an ARIA treegrid (rows expand), virtualized, sortable by every
// column, whose rows expand (Enter, or a click on the toggle) to the group's full stack,
// creator and labels. Expanded rows are taller, so rows are placed by a prefix sum of
// heights and found by binary search; only the visible ones exist in the DOM.
import type { GoroutineGroupDetail, GoroutineGroups } from '../engine/protocol';
import { exactText, type TableSnapshot } from '../export/table';
import { clear, h } from './dom';
import { grouped } from '../format/units';

const ROW_H = 22;
const LINE_H = 18;

export type GroupSortKey = 'count' | 'base' | 'growth' | 'state' | 'wait' | 'flags' | 'top' | 'creator';

const COLUMNS: { key: GroupSortKey; title: string; cls: string; diff?: boolean }[] = [
  { key: 'count', title: 'Goroutines', cls: 'num' },
  { key: 'base', title: 'Base', cls: 'num', diff: true },
  { key: 'growth', title: 'Growth', cls: 'num', diff: true },
  { key: 'state', title: 'State', cls: 'name' },
  { key: 'wait', title: 'Wait (min)', cls: 'num' },
  { key: 'flags', title: 'Flags', cls: 'name' },
  { key: 'top', title: 'Function', cls: 'name' },
  { key: 'creator', title: 'Created by', cls: 'name' },
];

export interface GridEvents {
  /** fetch a row's details (engine row index) */
  detail(row: number): Promise<GoroutineGroupDetail>;
}

export class GoroutineGrid {
  readonly grid: HTMLDivElement;
  private headers: HTMLDivElement[] = [];
  private viewport: HTMLDivElement;
  private spacer: HTMLDivElement;
  private body: HTMLDivElement;
  private status: HTMLSpanElement;

  private data: GoroutineGroups | null = null;
  /** display order: engine row indices */
  private order: number[] = [];
  /** top offset of each display position, plus the total at the end */
  private offsets = new Float64Array(1);
  private expanded = new Set<number>();
  private details = new Map<number, GoroutineGroupDetail>();
  private sortKey: GroupSortKey = 'count';
  private desc = true;
  private stateFilter = '';
  private active = -1;
  private raf = 0;

  constructor(host: HTMLElement, private ev: GridEvents) {
    const head = h('div', { role: 'row', class: 'grow head', 'aria-rowindex': 1 });
    COLUMNS.forEach((c, i) => {
      const btn = h('button', { type: 'button', class: 'sort' }, c.title);
      btn.addEventListener('click', () => this.setSort(c.key, this.sortKey === c.key ? !this.desc : c.key !== 'state' && c.key !== 'top' && c.key !== 'creator'));
      const cell = h('div', { role: 'columnheader', class: `${c.cls}${c.diff ? ' diff-col' : ''}`, 'aria-colindex': i + 1, 'aria-sort': 'none' }, btn);
      this.headers.push(cell);
      head.append(cell);
    });
    this.body = h('div', { role: 'presentation', class: 'rows' });
    this.spacer = h('div', { role: 'presentation', class: 'spacer' }, this.body);
    // the scroll area is the rows' group, out of the tab order: the grid is the one tab stop (its keys scroll)
    this.viewport = h('div', { role: 'rowgroup', class: 'viewport', tabindex: -1 }, this.spacer);
    this.grid = h(
      'div',
      { role: 'treegrid', id: 'goroutine-grid', class: 'goroutine-grid', 'aria-label': 'Goroutine groups', 'aria-colcount': COLUMNS.length, tabindex: 0 },
      h('div', { role: 'rowgroup', class: 'headgroup' }, head),
      this.viewport,
    );
    this.status = h('span', { class: 'muted', 'aria-live': 'polite', id: 'goroutine-grid-status' });
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.grid.addEventListener('keydown', (e) => this.onKey(e));
    this.body.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-pos]');
      if (!row) return;
      const pos = Number(row.dataset.pos);
      this.active = pos;
      if ((e.target as HTMLElement).closest('.toggle') || (e.target as HTMLElement).closest('.gcells')) this.toggle(pos);
      this.grid.focus({ preventScroll: true });
      this.render();
    });
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
    host.append(this.grid, this.status);
    this.updateHeaders();
  }

  setData(data: GoroutineGroups | null) {
    this.data = data;
    this.expanded.clear();
    this.details.clear();
    this.active = data && data.rows ? 0 : -1;
    this.grid.classList.toggle('with-base', !!data?.hasBase);
    this.recompute();
  }

  /** Show only groups whose normalized state is `state` ('' for all). */
  setStateFilter(state: string) {
    this.stateFilter = state;
    this.recompute();
  }

  setSort(key: GroupSortKey, desc: boolean) {
    this.sortKey = key;
    this.desc = desc;
    this.updateHeaders();
    this.recompute();
  }

  /** Expand the row at a display position (for tests and the keyboard). */
  async expand(pos: number) {
    if (!this.expanded.has(pos)) await this.toggle(pos);
  }

  /** Expands the group of engine row `row` (where it is shown) and scrolls to it: a
   *  finding's link. Whether it is shown: the state filter may hide it. */
  async expandRow(row: number): Promise<boolean> {
    const pos = this.order.indexOf(row);
    if (pos < 0) return false;
    await this.expand(pos);
    this.viewport.scrollTop = this.offsets[pos];
    return true;
  }

  private updateHeaders() {
    COLUMNS.forEach((c, i) =>
      this.headers[i].setAttribute('aria-sort', c.key === this.sortKey ? (this.desc ? 'descending' : 'ascending') : 'none'),
    );
  }

  private value(i: number): number | string {
    const d = this.data!;
    switch (this.sortKey) {
      case 'count':
        return d.count[i];
      case 'base':
        return d.baseCount[i] || 0;
      case 'growth':
        return d.count[i] - (d.baseCount[i] || 0);
      case 'wait':
        return Number.isNaN(d.waitMax[i]) ? -1 : d.waitMax[i];
      case 'flags':
        return d.likelyLeak[i] * 1e15 + d.leaked[i];
      case 'state':
        return d.state[i];
      case 'top':
        return d.top[i];
      case 'creator':
        return d.creator[i];
    }
  }

  private recompute() {
    const d = this.data;
    const rows: number[] = [];
    if (d) for (let i = 0; i < d.rows; i++) if (!this.stateFilter || d.normalized[i] === this.stateFilter) rows.push(i);
    if (d) {
      const dir = this.desc ? -1 : 1;
      const keys = rows.map((i) => this.value(i));
      const pos = new Map(rows.map((r, k) => [r, k]));
      rows.sort((a, b) => {
        const x = keys[pos.get(a)!];
        const y = keys[pos.get(b)!];
        const c = typeof x === 'number' ? x - (y as number) : x < y ? -1 : x > y ? 1 : 0;
        return dir * c || a - b;
      });
    }
    // Expansions are kept by engine row; re-map them to display positions.
    const wasExpanded = new Set([...this.expanded].map((p) => this.order[p]));
    this.order = rows;
    this.expanded = new Set(rows.flatMap((r, p) => (wasExpanded.has(r) ? [p] : [])));
    this.active = Math.min(this.active, rows.length - 1);
    this.layout();
    const shown = rows.reduce((n, i) => n + (d ? d.count[i] : 0), 0);
    this.status.textContent = d
      ? `${grouped(rows.length)} of ${grouped(d.rows)} groups, ${grouped(shown)} goroutines`
      : '';
    this.grid.setAttribute('aria-rowcount', String(rows.length + 1));
    this.render();
  }

  /** Heights: a collapsed row is one line; an expanded one adds its detail lines. */
  private layout() {
    const n = this.order.length;
    this.offsets = new Float64Array(n + 1);
    for (let p = 0; p < n; p++) this.offsets[p + 1] = this.offsets[p] + this.height(p);
    this.spacer.style.height = `${this.offsets[n]}px`;
  }

  private height(pos: number): number {
    if (!this.expanded.has(pos)) return ROW_H;
    return ROW_H + detailLines(this.details.get(this.order[pos])).length * LINE_H + 8;
  }

  private async toggle(pos: number) {
    const row = this.order[pos];
    if (row === undefined) return;
    if (this.expanded.delete(pos)) {
      this.layout();
      return this.render();
    }
    this.expanded.add(pos);
    this.layout();
    this.render();
    if (!this.details.has(row)) {
      const data = this.data;
      const detail = await this.ev.detail(row);
      if (data !== this.data) return;
      this.details.set(row, detail);
      this.layout();
      this.render();
    }
  }

  private schedule() {
    if (!this.raf) this.raf = requestAnimationFrame(() => ((this.raf = 0), this.render()));
  }

  /** The first display position whose row reaches below `y`. */
  private positionAt(y: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.offsets[mid + 1] <= y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private render() {
    clear(this.body);
    const d = this.data;
    if (!d || !this.order.length) return;
    const top = this.viewport.scrollTop;
    const height = this.viewport.clientHeight || 400;
    const first = Math.max(0, this.positionAt(top) - 2);
    this.body.style.transform = `translateY(${this.offsets[first]}px)`;
    for (let pos = first; pos < this.order.length && this.offsets[pos] < top + height + 3 * ROW_H; pos++) {
      this.body.append(this.makeRow(pos, this.order[pos]));
    }
    if (this.active >= 0) this.grid.setAttribute('aria-activedescendant', `grow-${this.active}`);
  }

  /** A row's cells as shown, one text per column. */
  private cellTexts(i: number): string[] {
    const d = this.data!;
    const base = d.baseCount[i];
    const growth = d.count[i] - (base || 0);
    const wait = Number.isNaN(d.waitMax[i])
      ? ''
      : d.waitMin[i] === d.waitMax[i]
        ? `${d.waitMax[i]}`
        : `${d.waitMin[i]}–${d.waitMax[i]} (med ${d.waitMedian[i]})`;
    const flags = [d.likelyLeak[i] ? 'likely leak' : '', d.leaked[i] ? `${grouped(d.leaked[i])} leaked` : ''].filter(Boolean).join(', ');
    return [
      grouped(d.count[i]),
      Number.isNaN(base) ? '' : grouped(base),
      Number.isNaN(base) ? '' : `${growth > 0 ? '+' : ''}${grouped(growth)}`,
      d.state[i] || 'unknown',
      wait,
      flags,
      d.top[i] || '(no frames)',
      d.creator[i],
    ];
  }

  /** The groups as displayed (state filter and sort applied), for the exports: the
   *  cells as shown, without the Base and Growth columns when there is no base, and
   *  the exact counts (the cells group their digits). */
  snapshot(): TableSnapshot | null {
    const d = this.data;
    if (!d) return null;
    const keep = COLUMNS.map((c) => !c.diff || d.hasBase);
    const pick = (cells: string[]) => cells.filter((_, k) => keep[k]);
    const exactCols = d.hasBase ? ['Goroutines (exact)', 'Base (exact)'] : ['Goroutines (exact)'];
    const header = [...pick(COLUMNS.map((c) => c.title)), ...exactCols];
    const rows = this.order.map((i) => [
      ...pick(this.cellTexts(i)),
      exactText(d.count[i]),
      ...(d.hasBase ? [Number.isNaN(d.baseCount[i]) ? '' : exactText(d.baseCount[i])] : []),
    ]);
    return { name: 'goroutines', title: 'Goroutine groups', header, rows };
  }

  private makeRow(pos: number, i: number): HTMLElement {
    const d = this.data!;
    const open = this.expanded.has(pos);
    const texts = this.cellTexts(i);
    const cells = h('div', { class: 'gcells' });
    texts.forEach((t, k) => {
      const c = COLUMNS[k];
      const cell = h('div', { role: 'gridcell', class: `${c.cls}${c.diff ? ' diff-col' : ''}`, 'aria-colindex': k + 1, title: t }, t);
      if (k === 0) cell.prepend(h('span', { class: 'toggle', 'aria-hidden': 'true' }, open ? '▾ ' : '▸ '));
      if (k === 5 && d.likelyLeak[i]) cell.classList.add('leak');
      cells.append(cell);
    });
    const row = h(
      'div',
      {
        role: 'row',
        class: 'grow',
        id: `grow-${pos}`,
        'data-pos': pos,
        tabindex: -1,
        'aria-rowindex': pos + 2,
        'aria-level': 1,
        'aria-expanded': String(open),
        'aria-selected': String(pos === this.active),
      },
      cells,
    );
    if (open) {
      const lines = detailLines(this.details.get(i));
      row.append(h('div', { class: 'gdetail', role: 'gridcell', 'aria-colindex': 1 }, ...lines.map((l) => h('div', { class: l.cls }, l.text))));
    }
    return row;
  }

  private onKey(e: KeyboardEvent) {
    const n = this.order.length;
    if (!n) return;
    const cur = Math.max(0, this.active);
    let next: number | null = null;
    if (e.key === 'ArrowDown') next = cur + 1;
    else if (e.key === 'ArrowUp') next = cur - 1;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    else if (e.key === 'Enter' || e.key === ' ' || e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const open = this.expanded.has(cur);
      if (e.key === 'ArrowRight' && open) return;
      if (e.key === 'ArrowLeft' && !open) return;
      void this.toggle(cur);
      return;
    } else return;
    e.preventDefault();
    this.active = Math.max(0, Math.min(n - 1, next));
    const y = this.offsets[this.active];
    const vh = this.viewport.clientHeight;
    if (y < this.viewport.scrollTop) this.viewport.scrollTop = y;
    else if (y + ROW_H > this.viewport.scrollTop + vh) this.viewport.scrollTop = y + ROW_H - vh;
    this.render();
  }

  /** For tests: the displayed rows' main cells, in order. */
  rowsForTest(n: number) {
    const d = this.data;
    if (!d) return [];
    return this.order.slice(0, n).map((i) => ({
      count: d.count[i],
      base: d.baseCount[i],
      state: d.state[i],
      top: d.top[i],
      creator: d.creator[i],
      likelyLeak: !!d.likelyLeak[i],
      waitMax: d.waitMax[i],
    }));
  }
}

/** The lines of an expanded row (or one "Loading…" line while it is fetched). */
function detailLines(d: GoroutineGroupDetail | undefined): { text: string; cls: string }[] {
  if (!d) return [{ text: 'Loading…', cls: 'muted' }];
  const where = (f: { function: string; file: string; line: number; inlined?: boolean }) =>
    `${f.function}${f.inlined ? ' (inlined)' : ''}${f.file ? `  ${f.file}:${f.line}` : ''}`;
  const out = d.frames.map((f) => ({ text: where(f), cls: 'frame' }));
  if (!out.length) out.push({ text: '(no frames)', cls: 'muted' });
  if (d.createdBy) {
    const more = d.creators.length > 1 ? `  (${d.creators[0][1]} of ${d.count}; ${d.creators.length} creators)` : '';
    out.push({ text: `created by ${where(d.createdBy)}${more}`, cls: 'creator' });
  }
  if (d.startedBy) {
    out.push({ text: `started by goroutine ${d.startedBy.goroutine}, now in ${d.startedBy.state}:`, cls: 'creator' });
    for (const f of d.startedBy.frames.slice(0, 8)) out.push({ text: `  ${where(f)}`, cls: 'frame' });
  }
  if (d.labels.length) out.push({ text: `labels: ${d.labels.map((l) => `${l.key}=${l.value} (${l.count})`).join(', ')}`, cls: 'labels' });
  if (d.idCount) {
    const more = d.idCount > 20 ? ` … and ${grouped(d.idCount - 20)} more` : '';
    out.push({ text: `goroutines ${d.ids.slice(0, 20).join(', ')}${more}`, cls: 'muted' });
  }
  if (d.fromBase) out.push({ text: 'gone: this group is only in the base dump', cls: 'muted' });
  return out;
}
