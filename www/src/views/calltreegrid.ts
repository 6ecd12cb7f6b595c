// The call tree as an ARIA treegrid: one row per call path, indented by depth,
// with Self, Self %, Total, Total % and Name. Rows expand lazily (the engine
// lists one node's children per request) and only the visible rows are in the
// DOM. Keyboard, after the WAI-ARIA treegrid pattern (rows take focus, with a
// roving tabindex): ↑ ↓ PgUp PgDn Home End move, → expands (or goes to the
// first child), ← collapses (or goes to the parent), `*` expands the heaviest
// path below the row, Enter activates the row.
import type { CallTreeChildren } from '../engine/protocol';
import { exact, label, percent, tableUnit, grouped } from '../format/units';
import { exactText, type TableSnapshot } from '../export/table';
import { clear, h } from './dom';
import { INLINE_MARK, scrollToRow } from './grid';

const ROW_H = 22;

/** Where the grid gets children from: lists per node (-1 = the top). */
export interface TreeSource {
  children(nodes: number[]): Promise<CallTreeChildren>;
  /** the heaviest path below `from`, with the children of `from` and of each node on it */
  heaviest(from: number): Promise<CallTreeChildren & { path: Uint32Array }>;
}

export interface TreeEvents {
  /** the active row changed */
  onSelect(name: string): void;
  /** Enter or a double click on a row */
  onActivate(name: string): void;
}

interface Row {
  node: number;
  name: string;
  level: number;
  self: number;
  total: number;
  inline: number;
  more: boolean;
  expanded: boolean;
  posinset: number;
  setsize: number;
}

/** One row as the tests read it (exact values). */
export interface TreeRowForTest {
  name: string;
  level: number;
  self: number;
  total: number;
  expanded: boolean | null;
}

export class CallTreeGrid {
  readonly el: HTMLDivElement;
  private viewport: HTMLDivElement;
  private spacer: HTMLDivElement;
  private body: HTMLDivElement;
  private status: HTMLSpanElement;
  private rows: Row[] = [];
  /** children already fetched, by node */
  private kids = new Map<number, Row[]>();
  private src: TreeSource | null = null;
  private unit = '';
  private to = '';
  private total = 1;
  private active = 0;
  private raf = 0;
  /** bumps on every setSource, so late answers for an old tree are dropped */
  private generation = 0;

  constructor(host: HTMLElement, private ev: TreeEvents) {
    const head = h(
      'div',
      { role: 'row', class: 'row head', 'aria-rowindex': 1 },
      ...['Self', 'Self %', 'Total', 'Total %', 'Name'].map((t, i) => h('div', { role: 'columnheader', class: i < 4 ? 'num' : 'name', 'aria-colindex': i + 1 }, t)),
    );
    this.body = h('div', { role: 'rowgroup', class: 'rows' });
    this.spacer = h('div', { role: 'presentation', class: 'spacer' }, this.body);
    this.viewport = h('div', { role: 'presentation', class: 'viewport' }, this.spacer);
    this.el = h(
      'div',
      { role: 'treegrid', id: 'calltree-grid', class: 'grid calltree', 'aria-label': 'Call tree', 'aria-colcount': 5, 'aria-rowcount': 1 },
      h('div', { role: 'rowgroup', class: 'headgroup' }, head),
      this.viewport,
    );
    this.el.style.setProperty('--cols', '90px 64px 90px 64px minmax(0, 1fr)');
    this.status = h('span', { class: 'muted', 'aria-live': 'polite' });
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.el.addEventListener('keydown', (e) => this.onKey(e));
    this.body.addEventListener('click', (e) => this.onClick(e));
    this.el.addEventListener('focus', (e) => {
      if (e.target !== this.el || !this.rows.length) return;
      this.scrollTo(this.active);
      this.render();
    });
    this.body.addEventListener('dblclick', () => this.rows[this.active] && this.ev.onActivate(this.rows[this.active].name));
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
    host.append(h('div', { class: 'table-tools' }, h('span', { class: 'muted' }, 'Keys: → expand · ← collapse · * heaviest path · Enter sandwich'), this.status), this.el);
  }

  /** Starts over on a new tree (null: nothing to show); lists the top level. */
  async setSource(src: TreeSource | null) {
    const gen = ++this.generation;
    this.src = src;
    this.kids.clear();
    this.rows = [];
    this.active = 0;
    if (src) {
      const top = await src.children([-1]);
      if (gen !== this.generation) return;
      this.unit = top.unit;
      this.total = Math.abs(top.total) || 1;
      this.to = tableUnit(top.totals, top.unit);
      this.rows = this.keep(top, -1, 0, 0);
    }
    this.refresh();
  }

  /** Moves focus into the tree (to the active row). */
  focus() {
    this.render();
    this.rowEl(this.active)?.focus({ preventScroll: true });
  }

  /** The rows as shown, for tests. */
  rowsForTest(): TreeRowForTest[] {
    return this.rows.map((r) => ({ name: r.name, level: r.level, self: r.self, total: r.total, expanded: r.more ? r.expanded : null }));
  }

  /** The children lists of `res` as rows (kept for re-expanding); returns those of `lists[index]`. */
  private keep(res: CallTreeChildren, parent: number, index: number, level: number): Row[] {
    const out: Row[] = [];
    const a = res.start[index];
    const b = res.start[index + 1];
    for (let i = a; i < b; i++) {
      out.push({
        node: res.node[i],
        name: res.names[i],
        level,
        self: res.self[i],
        total: res.totals[i],
        inline: res.inline[i],
        more: res.more[i] === 1,
        expanded: false,
        posinset: i - a + 1,
        setsize: b - a,
      });
    }
    this.kids.set(parent, out);
    return out;
  }

  /** Expands row `pos` (fetching its children once). */
  private async expand(pos: number) {
    const r = this.rows[pos];
    if (!r || !r.more || r.expanded || !this.src) return;
    const gen = this.generation;
    let kids = this.kids.get(r.node);
    if (!kids) {
      const res = await this.src.children([r.node]);
      if (gen !== this.generation || this.rows[pos] !== r) return;
      kids = this.keep(res, r.node, 0, r.level + 1);
    }
    r.expanded = true;
    this.rows.splice(pos + 1, 0, ...this.open(kids));
    this.refresh();
  }

  /** `kids` and, below any already expanded one, its own shown rows. */
  private open(kids: Row[]): Row[] {
    return kids.flatMap((k) => (k.expanded ? [k, ...this.open(this.kids.get(k.node) ?? [])] : [k]));
  }

  private collapse(pos: number) {
    const r = this.rows[pos];
    if (!r || !r.expanded) return;
    let end = pos + 1;
    while (end < this.rows.length && this.rows[end].level > r.level) end++;
    this.rows.splice(pos + 1, end - pos - 1);
    r.expanded = false;
    this.refresh();
  }

  /** Expands the heaviest path below row `pos`, and moves to its last row. */
  private async expandHeaviest(pos: number) {
    const r = this.rows[pos];
    if (!r || !this.src) return;
    const gen = this.generation;
    const res = await this.src.heaviest(r.node);
    if (gen !== this.generation || this.rows[pos] !== r) return;
    // lists: [r.node, path[0], …, path[n-2]]; open each, then step down the path
    let at = pos;
    let row = r;
    for (let k = 0; k < res.path.length; k++) {
      const kids = this.kids.get(row.node) ?? this.keep(res, row.node, k, row.level + 1);
      if (!row.expanded) {
        row.expanded = true;
        this.rows.splice(at + 1, 0, ...this.open(kids));
      }
      const next = kids.findIndex((c) => c.node === res.path[k]);
      if (next < 0) break;
      at = this.rows.indexOf(kids[next], at + 1);
      row = kids[next];
    }
    this.refresh();
    this.move(at);
  }

  private refresh() {
    this.el.setAttribute('aria-rowcount', String(this.rows.length + 1));
    this.spacer.style.height = `${this.rows.length * ROW_H}px`;
    this.status.textContent = this.src ? `${grouped(this.rows.length)} rows shown` : '';
    this.active = Math.max(0, Math.min(this.active, this.rows.length - 1));
    this.render();
  }

  private schedule() {
    if (!this.raf) this.raf = requestAnimationFrame(() => ((this.raf = 0), this.render()));
  }

  private rowEl(pos: number): HTMLElement | null {
    return this.body.querySelector<HTMLElement>(`[data-pos="${pos}"]`);
  }

  private render() {
    const hadFocus = this.el.contains(document.activeElement);
    const height = this.viewport.clientHeight || 400;
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / ROW_H) - 2);
    const count = Math.max(0, Math.min(this.rows.length - first, Math.ceil(height / ROW_H) + 5));
    clear(this.body);
    this.body.style.transform = `translateY(${first * ROW_H}px)`;
    for (let k = 0; k < count; k++) this.body.append(this.makeRow(first + k));
    if (!this.rows.length) this.body.append(h('div', { role: 'row', 'aria-rowindex': 2, class: 'row' }, h('div', { role: 'gridcell', class: 'name muted' }, this.src ? 'No samples' : 'Open a profile')));
    // the tab stop is the active row; while it is scrolled away, the tree itself
    const row = this.rowEl(this.active);
    this.el.tabIndex = row ? -1 : 0;
    if (hadFocus) (row ?? this.el).focus({ preventScroll: true });
  }

  /**
   * The rows as shown (the expanded paths, in order), for the exports: the
   * cells' text, the depth that the indentation shows, and the exact values.
   */
  snapshot(name: string, title: string): TableSnapshot | null {
    if (!this.src || !this.rows.length) return null;
    const header = ['Depth', 'Self', 'Self %', 'Total', 'Total %', 'Name', 'Inline', `Self (${this.unit})`, `Total (${this.unit})`];
    const rows = this.rows.map((r) => [
      String(r.level + 1),
      label(r.self, this.unit, this.to),
      percent(r.self, this.total),
      label(r.total, this.unit, this.to),
      percent(r.total, this.total),
      r.name,
      INLINE_MARK[r.inline] ?? '',
      exactText(r.self),
      exactText(r.total),
    ]);
    return { name, title, header, rows };
  }

  private makeRow(pos: number): HTMLDivElement {
    const r = this.rows[pos];
    const pct = (v: number) => percent(v, this.total);
    const value = (v: number) => h('div', { role: 'gridcell', class: 'num', title: exact(v, this.unit) }, label(v, this.unit, this.to));
    const mark = INLINE_MARK[r.inline] ? ` ${INLINE_MARK[r.inline]}` : '';
    const twisty = h('span', { class: 'twisty', 'aria-hidden': 'true' }, r.more ? (r.expanded ? '▾' : '▸') : '');
    const name = h('div', { role: 'gridcell', class: 'name', title: r.name + mark }, twisty, h('span', {}, r.name), h('span', { class: 'inline-mark' }, mark));
    name.style.paddingLeft = `${r.level * 14 + 4}px`;
    const row = h(
      'div',
      {
        role: 'row',
        class: 'row',
        'data-pos': pos,
        'aria-rowindex': pos + 2,
        'aria-level': r.level + 1,
        'aria-setsize': r.setsize,
        'aria-posinset': r.posinset,
        'aria-expanded': r.more ? String(r.expanded) : undefined,
        'aria-selected': String(pos === this.active),
        tabindex: pos === this.active ? 0 : -1,
      },
      value(r.self),
      h('div', { role: 'gridcell', class: 'num' }, pct(r.self)),
      value(r.total),
      h('div', { role: 'gridcell', class: 'num' }, pct(r.total)),
      name,
    );
    return row;
  }

  private scrollTo(pos: number) {
    scrollToRow(this.viewport, pos, ROW_H);
  }

  /** Makes row `pos` the active one (focused, selected). */
  private move(pos: number) {
    if (!this.rows.length) return;
    this.active = Math.max(0, Math.min(this.rows.length - 1, pos));
    this.scrollTo(this.active);
    this.render();
    this.rowEl(this.active)?.focus({ preventScroll: true });
    this.ev.onSelect(this.rows[this.active].name);
  }

  private parentOf(pos: number): number {
    const level = this.rows[pos]?.level ?? 0;
    for (let p = pos - 1; p >= 0; p--) if (this.rows[p].level < level) return p;
    return pos;
  }

  private onClick(e: MouseEvent) {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[role=row][data-pos]');
    if (!el) return;
    const pos = Number(el.dataset.pos);
    this.move(pos);
    if ((e.target as HTMLElement).classList.contains('twisty')) {
      if (this.rows[pos].expanded) this.collapse(pos);
      else void this.expand(pos);
    }
  }

  private onKey(e: KeyboardEvent) {
    const cur = this.active;
    const r = this.rows[cur];
    if (!r) return;
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / ROW_H) - 1);
    switch (e.key) {
      case 'ArrowDown':
        this.move(cur + 1);
        break;
      case 'ArrowUp':
        this.move(cur - 1);
        break;
      case 'PageDown':
        this.move(cur + page);
        break;
      case 'PageUp':
        this.move(cur - page);
        break;
      case 'Home':
        this.move(0);
        break;
      case 'End':
        this.move(this.rows.length - 1);
        break;
      case 'ArrowRight':
        if (r.more && !r.expanded) void this.expand(cur);
        else if (r.expanded) this.move(cur + 1);
        break;
      case 'ArrowLeft':
        if (r.expanded) this.collapse(cur);
        else this.move(this.parentOf(cur));
        break;
      case '*':
        void this.expandHeaviest(cur);
        break;
      case 'Enter':
        this.ev.onActivate(r.name);
        break;
      default:
        return;
    }
    e.preventDefault();
  }
}
