// "Show as table": the focused frame's subtree as an ARIA treegrid (Function,
// Self, Total), for a screen reader or anyone who would rather read numbers than
// widths. It lists the boxes the flame graph holds (those wide enough to draw),
// heaviest child first, and stops at LIMIT rows so a huge subtree cannot hang
// the page. Rows take the focus in turn (roving tabindex): ↑ ↓ move, → opens or
// goes to the first child, ← closes or goes to the parent, Enter zooms the flame
// graph to the row's frame.
import { label } from '../../format/units';
import { h } from '../dom';
import type { FlameTree } from './tree';

const LIMIT = 500;

interface Row {
  i: number;
  level: number;
}

export class SubtreeTable {
  readonly toggle: HTMLButtonElement;
  readonly el: HTMLDivElement;
  private body: HTMLTableSectionElement;
  private grid: HTMLTableElement;
  private note: HTMLParagraphElement;
  private tree: FlameTree | null = null;
  private root = -1;
  /** nodes opened by the user (ids survive a new window) */
  private open = new Set<number>();
  /** the node of the row with the tab stop */
  private active = -1;
  private rows: Row[] = [];

  /** `graph` names the flame graph; `pick` zooms it to a box of the tree. */
  constructor(prefix: string, private graph: string, private pick: (i: number) => void) {
    this.toggle = h('button', { type: 'button', class: 'flame-table-toggle', 'aria-pressed': 'false', 'aria-controls': `${prefix}-table` }, 'Show as table');
    this.toggle.addEventListener('click', () => this.setShown(!this.shown));
    this.body = h('tbody', {});
    const th = (text: string) => h('th', { role: 'columnheader', scope: 'col' }, text);
    this.grid = h('table', { role: 'treegrid', class: 'flame-table' }, h('thead', {}, h('tr', { role: 'row' }, th('Function'), th('Self'), th('Total'))), this.body);
    this.grid.addEventListener('keydown', (e) => this.onKey(e));
    this.grid.addEventListener('click', (e) => {
      const tr = (e.target as HTMLElement).closest<HTMLElement>('tr[data-row]');
      if (tr) this.focusRow(Number(tr.dataset.row));
    });
    this.note = h('p', { class: 'muted' });
    this.el = h('div', { class: 'flame-table-wrap', id: `${prefix}-table`, hidden: true }, this.grid, this.note);
  }

  get shown(): boolean {
    return !this.el.hidden;
  }

  setShown(on: boolean) {
    this.el.hidden = !on;
    this.toggle.setAttribute('aria-pressed', String(on));
    this.render(false);
  }

  /** Lists the subtree of box `i` of `tree` (-1: nothing focused yet). */
  show(tree: FlameTree | null, i: number) {
    if (tree !== this.tree || i !== this.root) this.open.clear();
    this.tree = tree;
    this.root = i;
    this.render(false);
  }

  private render(keepFocus: boolean) {
    if (!this.shown) return;
    const t = this.tree;
    this.rows = [];
    if (t && this.root >= 0) {
      this.open.add(t.data.node[this.root]);
      this.walk(t, this.root, 1);
    }
    this.grid.setAttribute('aria-label', t && this.root >= 0 ? `${this.graph}: subtree of ${t.name(this.root)}` : `${this.graph}: no frame focused`);
    if (!this.rows.some((r) => t!.data.node[r.i] === this.active)) this.active = t && this.rows.length ? t.data.node[this.rows[0].i] : -1;
    this.body.replaceChildren(...this.rows.map((r, n) => this.row(t!, r, n)));
    this.note.textContent = !t || this.root < 0 ? 'Focus a frame of the flame graph to list its subtree.' : this.rows.length >= LIMIT ? `The first ${LIMIT} rows are listed: close a row or zoom in to see the rest.` : '';
    if (keepFocus) this.body.querySelector<HTMLElement>('tr[tabindex="0"]')?.focus();
  }

  /** Appends box `i` and, if open, its children, heaviest first, up to LIMIT rows. */
  private walk(t: FlameTree, i: number, level: number) {
    if (this.rows.length >= LIMIT) return;
    this.rows.push({ i, level });
    if (!this.open.has(t.data.node[i])) return;
    const v = t.data.value;
    for (const c of t.children(i).sort((a, b) => Math.abs(v[b]) - Math.abs(v[a]))) this.walk(t, c, level + 1);
  }

  private row(t: FlameTree, { i, level }: Row, n: number): HTMLTableRowElement {
    const d = t.data;
    const parent = t.children(i).length > 0;
    const name = h('td', { role: 'gridcell' }, t.name(i));
    name.style.paddingLeft = `${(level - 1) * 1.2 + 0.3}em`;
    return h(
      'tr',
      {
        role: 'row',
        'data-row': n,
        'aria-level': level,
        'aria-expanded': parent ? String(this.open.has(d.node[i])) : undefined,
        tabindex: d.node[i] === this.active ? 0 : -1,
      },
      name,
      h('td', { role: 'gridcell', class: 'num' }, label(d.self[i], d.unit)),
      h('td', { role: 'gridcell', class: 'num' }, label(d.value[i], d.unit)),
    );
  }

  private focusRow(n: number) {
    const t = this.tree;
    const r = this.rows[n];
    if (!t || !r) return;
    this.active = t.data.node[r.i];
    for (const tr of this.body.querySelectorAll<HTMLElement>('tr')) tr.tabIndex = tr.dataset.row === String(n) ? 0 : -1;
    this.body.querySelector<HTMLElement>(`tr[data-row="${n}"]`)?.focus();
  }

  /** The row of row `n`'s parent. */
  private parentRow(n: number): number {
    let m = n - 1;
    while (m > 0 && this.rows[m].level >= this.rows[n].level) m--;
    return m;
  }

  private onKey(e: KeyboardEvent) {
    const t = this.tree;
    const n = this.rows.findIndex((r) => t && t.data.node[r.i] === this.active);
    if (!t || n < 0) return;
    const { i, level } = this.rows[n];
    const node = t.data.node[i];
    const opened = this.open.has(node);
    const hasKids = t.children(i).length > 0;
    const toggle = (on: boolean) => (on ? this.open.add(node) : this.open.delete(node), this.render(true));
    switch (e.key) {
      case 'ArrowDown':
        this.focusRow(Math.min(n + 1, this.rows.length - 1));
        break;
      case 'ArrowUp':
        this.focusRow(Math.max(n - 1, 0));
        break;
      case 'Home':
        this.focusRow(0);
        break;
      case 'End':
        this.focusRow(this.rows.length - 1);
        break;
      case 'ArrowRight':
        if (hasKids && !opened) toggle(true);
        else if (hasKids) this.focusRow(n + 1);
        break;
      case 'ArrowLeft':
        if (hasKids && opened && level > 1) toggle(false);
        else if (level > 1) this.focusRow(this.parentRow(n));
        break;
      case 'Enter':
        this.pick(i);
        break;
      default:
        return;
    }
    e.preventDefault();
  }
}
