// The one virtual grid under every table (top, diff, trend, sandwich, call tree,
// goroutine groups): an ARIA grid or treegrid whose rows exist in the DOM only while
// in view (rows of one height, or of varying heights for expanded rows), with a
// sortable header, an active row moved by the keys and the mouse, and focus kept on
// one tab stop. The numbers (which rows, where a key goes) are gridcore.ts's; what
// a row shows and what its keys do beyond moving is its configuration's.
import { clear, h } from './dom';
import { keyMove, offsetsOf, scrollFor, visibleWindow, type Offsets } from './gridcore';

export interface HeaderCell {
  title: string;
  /** the cell's classes ('num', 'name', …) */
  cls: string;
  /** what a screen reader and the header's tooltip say about the column */
  help?: string;
  /** a button that sorts by the column */
  sorts: boolean;
}

export interface VirtualGridOptions {
  role: 'grid' | 'treegrid';
  id: string;
  label: string;
  className?: string;
  /** the header row's class ('row', 'grow') */
  headClass: string;
  /** row element ids are prefix + display position */
  rowIdPrefix: string;
  /**
   * 'descendant': the grid is the one tab stop and names the active row with
   * aria-activedescendant; 'roving': the active row itself takes focus (a roving
   * tabindex), as a treegrid whose rows expand wants.
   */
  focus: 'descendant' | 'roving';
  rowHeight: number;
  /** row `pos`'s height, when rows differ (default: rowHeight) */
  heightOf?(pos: number): number;
  /** row `pos`'s element, the `slot`-th drawn (a pooled one may be refilled); the grid sets its ARIA position */
  row(pos: number, slot: number): HTMLElement;
  /** what shows with no rows (null: nothing) */
  empty?(): HTMLElement | null;
}

export interface VirtualGridEvents {
  /** the active row moved (a key or a click) */
  onMove?(pos: number): void;
  /** a click on row `pos` (after it became the active row) */
  onRowClick?(pos: number, e: MouseEvent): void;
  /** keys beyond the moves (Enter, → ←, *): true when handled */
  onKey?(e: KeyboardEvent, active: number): boolean;
  /** a click on the header of sortable column `index` */
  onSortClick?(index: number): void;
}

export class VirtualGrid {
  readonly el: HTMLDivElement;
  readonly viewport: HTMLDivElement;
  private headRow: HTMLDivElement;
  private headers: HTMLDivElement[] = [];
  private spacer: HTMLDivElement;
  private body: HTMLDivElement;
  private count = 0;
  private offsets: Offsets = new Float64Array(1);
  private raf = 0;
  /** the active display position (-1: none) */
  active = -1;

  constructor(private opt: VirtualGridOptions, private ev: VirtualGridEvents) {
    const roving = opt.focus === 'roving';
    this.headRow = h('div', { role: 'row', class: `${opt.headClass} head`, 'aria-rowindex': 1 });
    this.body = h('div', { role: roving ? 'rowgroup' : 'presentation', class: 'rows' });
    this.spacer = h('div', { role: 'presentation', class: 'spacer' }, this.body);
    // with aria-activedescendant the scroll area is the rows' group, out of the tab
    // order: the grid is the one tab stop (its keys scroll)
    this.viewport = roving
      ? h('div', { role: 'presentation', class: 'viewport' }, this.spacer)
      : h('div', { role: 'rowgroup', class: 'viewport', tabindex: -1 }, this.spacer);
    this.el = h(
      'div',
      { role: opt.role, id: opt.id, class: opt.className, 'aria-label': opt.label, 'aria-rowcount': 1, tabindex: roving ? undefined : 0 },
      h('div', { role: 'rowgroup', class: 'headgroup' }, this.headRow),
      this.viewport,
    );
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.el.addEventListener('keydown', (e) => this.onKey(e));
    this.body.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-pos]');
      if (!row) return;
      const pos = Number(row.dataset.pos);
      this.move(pos, false);
      if (!roving) this.el.focus({ preventScroll: true });
      this.ev.onRowClick?.(pos, e);
    });
    if (roving) {
      this.el.addEventListener('focus', (e) => {
        if (e.target !== this.el || !this.count) return;
        this.scrollTo(this.active);
        this.render();
      });
    }
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
  }

  /** Sets the header cells (their sort buttons call onSortClick). */
  setHeader(cells: HeaderCell[]) {
    this.headers = cells.map((c, i) => {
      const label = c.sorts ? h('button', { type: 'button', class: 'sort' }, c.title) : h('span', {}, c.title);
      if (c.sorts) label.addEventListener('click', () => this.ev.onSortClick?.(i));
      return h('div', { role: 'columnheader', class: c.cls, 'aria-colindex': i + 1, title: c.help }, label);
    });
    this.headRow.replaceChildren(...this.headers);
    this.el.setAttribute('aria-colcount', String(cells.length));
  }

  /** Marks column `index` sorted (-1: none) for assistive tech. */
  setSorted(index: number, desc: boolean) {
    this.headers.forEach((el, i) => el.setAttribute('aria-sort', i === index ? (desc ? 'descending' : 'ascending') : 'none'));
  }

  /** The number of rows changed (or their heights did): lays them out again and draws on the next frame. */
  setCount(count: number) {
    this.count = count;
    this.active = Math.min(this.active, count - 1);
    this.relayout();
  }

  get rows(): number {
    return this.count;
  }

  /** Row heights changed (a row expanded): places the rows again. */
  relayout() {
    const { heightOf, rowHeight } = this.opt;
    this.offsets = offsetsOf(this.count, heightOf ? (p) => heightOf(p) : () => rowHeight);
    this.spacer.style.height = `${this.offsets[this.count]}px`;
    this.el.setAttribute('aria-rowcount', String(this.count + 1));
    this.schedule();
  }

  /** Makes row `pos` the active one (clamped), shown and, in roving mode, focused. */
  move(pos: number, scroll = true) {
    if (!this.count) return;
    this.active = Math.max(0, Math.min(this.count - 1, pos));
    if (scroll) this.scrollTo(this.active);
    this.render();
    if (this.opt.focus === 'roving') this.rowEl(this.active)?.focus({ preventScroll: true });
    this.ev.onMove?.(this.active);
  }

  /** Shows row `pos` (no move, no event): a selection made elsewhere. */
  reveal(pos: number) {
    if (pos >= 0 && pos < this.count) this.scrollTo(pos);
    this.schedule();
  }

  /** Focuses the grid's tab stop: the grid, or in roving mode the active row. */
  focus() {
    if (this.opt.focus === 'descendant') return this.el.focus({ preventScroll: true });
    this.render();
    this.rowEl(this.active)?.focus({ preventScroll: true });
  }

  /** Draws now (after a change the caller needs in the DOM at once). */
  render() {
    const roving = this.opt.focus === 'roving';
    const hadFocus = roving && this.el.contains(document.activeElement);
    const { first, count } = visibleWindow(this.offsets, this.viewport.scrollTop, this.viewport.clientHeight || 400);
    clear(this.body);
    this.body.style.transform = `translateY(${this.offsets[first]}px)`;
    for (let k = 0; k < count; k++) {
      const pos = first + k;
      const row = this.opt.row(pos, k);
      row.id = `${this.opt.rowIdPrefix}${pos}`;
      row.dataset.pos = String(pos);
      row.setAttribute('aria-rowindex', String(pos + 2));
      row.setAttribute('aria-selected', String(pos === this.active));
      row.tabIndex = roving && pos === this.active ? 0 : -1;
      this.body.appendChild(row);
    }
    if (!this.count) {
      const empty = this.opt.empty?.();
      if (empty) this.body.append(empty);
    }
    const shown = this.active >= first && this.active < first + count;
    if (roving) {
      // the tab stop is the active row; while it is scrolled away, the grid itself
      const row = shown ? this.rowEl(this.active) : null;
      this.el.tabIndex = row ? -1 : 0;
      if (hadFocus) (row ?? this.el).focus({ preventScroll: true });
    } else if (shown) this.el.setAttribute('aria-activedescendant', `${this.opt.rowIdPrefix}${this.active}`);
    else this.el.removeAttribute('aria-activedescendant');
  }

  schedule() {
    if (!this.raf) this.raf = requestAnimationFrame(() => ((this.raf = 0), this.render()));
  }

  private rowEl(pos: number): HTMLElement | null {
    return this.body.querySelector<HTMLElement>(`[data-pos="${pos}"]`);
  }

  private scrollTo(pos: number) {
    if (pos < 0 || pos >= this.count) return;
    const vp = this.viewport;
    const top = scrollFor(this.offsets, pos, vp.scrollTop, vp.clientHeight);
    if (top !== vp.scrollTop) vp.scrollTop = top;
  }

  private onKey(e: KeyboardEvent) {
    if (this.ev.onKey?.(e, this.active)) {
      e.preventDefault();
      return;
    }
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / this.opt.rowHeight) - 1);
    const next = keyMove(e.key, this.active, this.count, page);
    if (next === null) return;
    e.preventDefault();
    this.move(next);
  }
}
