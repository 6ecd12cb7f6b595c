// The group table of the Goroutines view: the virtual grid (vgrid.ts) as a treegrid,
// sortable by every column, whose rows expand (Enter, → ←, or a click) to the group's
// full stack, creator and labels. Expanded rows are taller: the grid places rows of
// varying heights.
import type { GoroutineGroupDetail, GoroutineGroups } from '../engine/protocol';
import { exactText, type TableSnapshot } from '../export/table';
import { h } from './dom';
import { nextSort, sortOrder, treeKey } from './gridcore';
import { VirtualGrid } from './vgrid';
import { counted, grouped } from '../format/units';

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
  private vg: VirtualGrid;
  private status: HTMLSpanElement;

  private data: GoroutineGroups | null = null;
  /** display order: engine row indices */
  private order: number[] = [];
  private expanded = new Set<number>();
  private details = new Map<number, GoroutineGroupDetail>();
  private sortKey: GroupSortKey = 'count';
  private desc = true;
  private stateFilter = '';

  constructor(host: HTMLElement, private ev: GridEvents) {
    this.vg = new VirtualGrid(
      {
        role: 'treegrid',
        id: 'goroutine-grid',
        className: 'goroutine-grid',
        label: 'Goroutine groups',
        headClass: 'grow',
        rowIdPrefix: 'grow-',
        focus: 'descendant',
        rowHeight: ROW_H,
        heightOf: (pos) => this.height(pos),
        row: (pos) => this.makeRow(pos, this.order[pos]),
      },
      {
        onRowClick: (pos, e) => {
          const t = e.target as HTMLElement;
          if (t.closest('.toggle') || t.closest('.gcells')) void this.toggle(pos);
        },
        onKey: (e, active) => {
          if (!['Enter', ' ', 'ArrowRight', 'ArrowLeft'].includes(e.key) || !this.order.length) return false;
          const cur = Math.max(0, active);
          const step = e.key === 'ArrowRight' || e.key === 'ArrowLeft' ? treeKey(e.key, { expandable: true, expanded: this.expanded.has(cur) }) : 'toggle';
          if (step === 'expand' || step === 'collapse' || step === 'toggle') void this.toggle(cur);
          return true;
        },
        onSortClick: (i) => {
          const c = COLUMNS[i];
          const next = nextSort({ key: this.sortKey, desc: this.desc }, c.key, c.key !== 'state' && c.key !== 'top' && c.key !== 'creator');
          this.setSort(c.key, next.desc);
        },
      },
    );
    this.vg.setHeader(COLUMNS.map((c) => ({ title: c.title, cls: `${c.cls}${c.diff ? ' diff-col' : ''}`, sorts: true })));
    this.grid = this.vg.el;
    this.status = h('span', { class: 'muted', 'aria-live': 'polite', id: 'goroutine-grid-status' });
    host.append(this.grid, this.status);
    this.updateHeaders();
  }

  setData(data: GoroutineGroups | null) {
    this.data = data;
    this.expanded.clear();
    this.details.clear();
    this.vg.active = data && data.rows ? 0 : -1;
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
    this.vg.move(pos);
    return true;
  }

  private updateHeaders() {
    this.vg.setSorted(COLUMNS.findIndex((c) => c.key === this.sortKey), this.desc);
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
    const keep = (i: number) => !this.stateFilter || d!.normalized[i] === this.stateFilter;
    const rows = d ? Array.from(sortOrder(d.rows, keep, (i) => this.value(i), this.desc)) : [];
    // Expansions are kept by engine row; re-map them to display positions.
    const wasExpanded = new Set([...this.expanded].map((p) => this.order[p]));
    this.order = rows;
    this.expanded = new Set(rows.flatMap((r, p) => (wasExpanded.has(r) ? [p] : [])));
    const shown = rows.reduce((n, i) => n + (d ? d.count[i] : 0), 0);
    this.status.textContent = d
      ? `${grouped(rows.length)} of ${counted(d.rows, 'group')}, ${counted(shown, 'goroutine')}`
      : '';
    this.vg.setCount(rows.length);
    this.vg.render();
  }

  /** Heights: a collapsed row is one line; an expanded one adds its detail lines. */
  private height(pos: number): number {
    if (!this.expanded.has(pos)) return ROW_H;
    return ROW_H + detailLines(this.details.get(this.order[pos])).length * LINE_H + 8;
  }

  private async toggle(pos: number) {
    const row = this.order[pos];
    if (row === undefined) return;
    if (this.expanded.delete(pos)) {
      this.vg.relayout();
      return this.vg.render();
    }
    this.expanded.add(pos);
    this.vg.relayout();
    this.vg.render();
    if (!this.details.has(row)) {
      const data = this.data;
      const detail = await this.ev.detail(row);
      if (data !== this.data) return;
      this.details.set(row, detail);
      this.vg.relayout();
      this.vg.render();
    }
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
      functionText(d, i),
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
      // the group's own function, and beside it, muted, the call it blocks in
      if (c.key === 'top' && d.blocking[i]) cell.replaceChildren(d.top[i], h('span', { class: 'blocking muted' }, ` in ${d.blocking[i]}`));
      if (k === 0) cell.prepend(h('span', { class: 'toggle', 'aria-hidden': 'true' }, open ? '▾ ' : '▸ '));
      if (k === 5 && d.likelyLeak[i]) cell.classList.add('leak');
      cells.append(cell);
    });
    const row = h('div', { role: 'row', class: 'grow', 'aria-level': 1, 'aria-expanded': String(open) }, cells);
    if (open) {
      const lines = detailLines(this.details.get(i));
      row.append(h('div', { class: 'gdetail', role: 'gridcell', 'aria-colindex': 1 }, ...lines.map((l) => h('div', { class: l.cls }, l.text))));
    }
    return row;
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
      blocking: d.blocking[i],
      creator: d.creator[i],
      likelyLeak: !!d.likelyLeak[i],
      waitMax: d.waitMax[i],
    }));
  }
}

/** The Function cell: the group's function, and the call it blocks in when that is another frame. */
function functionText(d: GoroutineGroups, i: number): string {
  if (!d.top[i]) return '(no frames)';
  return d.blocking[i] ? `${d.top[i]} in ${d.blocking[i]}` : d.top[i];
}

/** The lines of an expanded row (or one "Loading…" line while it is fetched). */
function detailLines(d: GoroutineGroupDetail | undefined): { text: string; cls: string }[] {
  if (!d) return [{ text: 'Loading…', cls: 'muted' }];
  const where = (f: { function: string; file: string; line: number; inlined?: boolean }) =>
    `${f.function}${f.inlined ? ' (inlined)' : ''}${f.file ? `  ${f.file}:${f.line}` : ''}`;
  const out = d.frames.map((f) => ({ text: where(f), cls: 'frame' }));
  if (!out.length) out.push({ text: '(no frames)', cls: 'muted' });
  if (d.createdBy) {
    const more = d.creators.length > 1 ? `  (${d.creators[0][1]} of ${d.count}; ${counted(d.creators.length, 'creator')})` : '';
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
