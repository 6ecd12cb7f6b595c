// The call tree: the virtual grid (vgrid.ts) as a treegrid, one row per call
// path, indented by depth, with Self, Self %, Total, Total % and Name. Rows
// expand lazily (the engine lists one node's children per request). Keyboard,
// after the WAI-ARIA treegrid pattern (rows take focus, with a roving tabindex): ↑ ↓ PgUp PgDn Home End move, → expands (or goes to the
// first child), ← collapses (or goes to the parent), `*` expands the heaviest
// path below the row, Enter activates the row.
import type { CallTreeChildren } from '../engine/protocol';
import { counted, exact, label, percent, tableUnit } from '../format/units';
import { exactText, type TableSnapshot } from '../export/table';
import { h } from './dom';
import { INLINE_MARK } from './grid';
import { parentOf, subtreeEnd, treeKey } from './gridcore';
import { VirtualGrid } from './vgrid';

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
  private vg: VirtualGrid;
  private status: HTMLSpanElement;
  private rows: Row[] = [];
  /** children already fetched, by node */
  private kids = new Map<number, Row[]>();
  private src: TreeSource | null = null;
  private unit = '';
  private to = '';
  private total = 1;
  /** bumps on every setSource, so late answers for an old tree are dropped */
  private generation = 0;

  constructor(host: HTMLElement, private ev: TreeEvents) {
    this.vg = new VirtualGrid(
      {
        role: 'treegrid',
        id: 'calltree-grid',
        className: 'grid calltree',
        label: 'Call tree',
        headClass: 'row',
        rowIdPrefix: 'ctrow-',
        focus: 'roving',
        rowHeight: ROW_H,
        row: (pos) => this.makeRow(pos),
        empty: () => h('div', { role: 'row', 'aria-rowindex': 2, class: 'row' }, h('div', { role: 'gridcell', class: 'name muted' }, this.src ? 'No samples' : 'Open a profile')),
      },
      {
        onMove: (pos) => this.ev.onSelect(this.rows[pos].name),
        onRowClick: (pos, e) => {
          if (!(e.target as HTMLElement).classList.contains('twisty')) return;
          if (this.rows[pos].expanded) this.collapse(pos);
          else void this.expand(pos);
        },
        onKey: (e, cur) => this.onKey(e, cur),
      },
    );
    this.vg.setHeader(['Self', 'Self %', 'Total', 'Total %', 'Name'].map((t, i) => ({ title: t, cls: i < 4 ? 'num' : 'name', sorts: false })));
    this.el = this.vg.el;
    this.el.style.setProperty('--cols', '90px 64px 90px 64px minmax(0, 1fr)');
    this.status = h('span', { class: 'muted', 'aria-live': 'polite' });
    this.vg.viewport.addEventListener('dblclick', () => this.rows[this.vg.active] && this.ev.onActivate(this.rows[this.vg.active].name));
    host.append(h('div', { class: 'table-tools' }, h('span', { class: 'muted' }, 'Keys: → expand · ← collapse · * heaviest path · Enter sandwich'), this.status), this.el);
  }

  /** Starts over on a new tree (null: nothing to show); lists the top level. */
  async setSource(src: TreeSource | null) {
    const gen = ++this.generation;
    this.src = src;
    this.kids.clear();
    this.rows = [];
    this.vg.active = 0;
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
    this.vg.focus();
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
    const end = subtreeEnd((p) => this.rows[p].level, this.rows.length, pos);
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
    this.vg.move(at);
  }

  private refresh() {
    this.status.textContent = this.src ? `${counted(this.rows.length, 'row')} shown` : '';
    this.vg.setCount(this.rows.length);
    this.vg.active = Math.max(0, this.vg.active);
    this.vg.render();
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
    return h(
      'div',
      {
        role: 'row',
        class: 'row',
        'aria-level': r.level + 1,
        'aria-setsize': r.setsize,
        'aria-posinset': r.posinset,
        'aria-expanded': r.more ? String(r.expanded) : undefined,
      },
      value(r.self),
      h('div', { role: 'gridcell', class: 'num' }, pct(r.self)),
      value(r.total),
      h('div', { role: 'gridcell', class: 'num' }, pct(r.total)),
      name,
    );
  }

  /** → ← `*` and Enter; the moves are the grid's. */
  private onKey(e: KeyboardEvent, cur: number): boolean {
    const r = this.rows[cur];
    if (!r) return false;
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowLeft': {
        const step = treeKey(e.key, { expandable: r.more, expanded: r.expanded });
        if (step === 'expand') void this.expand(cur);
        else if (step === 'first-child') this.vg.move(cur + 1);
        else if (step === 'collapse') this.collapse(cur);
        else if (step === 'parent') this.vg.move(parentOf((p) => this.rows[p].level, cur));
        return true;
      }
      case '*':
        void this.expandHeaviest(cur);
        return true;
      case 'Enter':
        this.ev.onActivate(r.name);
        return true;
      default:
        return false;
    }
  }
}
