// The Goroutines view, the tab of a goroutine dump (the one selected, else the newest): state chips
// with counts, the group table (most goroutines first), a wait-time histogram and a
// flame graph of all goroutines coloured by state. With another dump loaded it compares
// the two: base counts, growth and the "likely leak" flag (definitions in the README).
import type { FlameResult, Requests } from '../engine/protocol';
import type { DumpProfile } from '../state/store';
import { clear, h } from './dom';
import { FlameGraph } from './flame';
import { GoroutineGrid } from './goroutine_grid';
import { WaitHistogram } from './wait_histogram';
import { flameFetch } from './flamesource';
import './goroutines.css';
import { stateColor } from './palettes';
import { counted, grouped } from '../format/units';
import { profileExport } from './exportsource';
import type { Scope, View, ViewFactory, ViewHost } from './view';

/** A view's own URL key: the row of the group to show expanded (a Findings link sets it). */
export const GROUP_KEY = 'gg';

type GoroutineFlame = Requests['goroutineFlame']['res'];

/** A loaded dump, as the page knows it. */
export type DumpEntry = DumpProfile;

export class GoroutinesView implements View {
  readonly id = 'goroutines';
  readonly label = 'Goroutines';
  readonly panel = h('section', { id: 'goroutines-view', 'aria-label': 'Goroutines' });
  readonly applies = 'dump';
  readonly layout = 'whole';
  readonly urlKeys = ['gs', 'gb', GROUP_KEY];
  readonly transforms = 'none';
  readonly asks = ['goroutineGroups', 'goroutineGroup', 'goroutineWaits', 'goroutineFlame', 'flameWindow'] as const;
  private heading: HTMLElement;
  private note: HTMLElement;
  private chips: HTMLElement;
  private baseSelect: HTMLSelectElement;
  private grid: GoroutineGrid;
  private histogram: WaitHistogram;
  /** made on the first dump: pages without dumps keep a single flame graph */
  private flame: FlameGraph | null = null;
  private flameBox: HTMLElement;
  private dump: DumpEntry | null = null;
  private others: DumpEntry[] = [];
  private base = -1;
  private state = '';
  private generation = 0;
  /** until the first dump is shown: take the URL's state filter and base */
  private restoring = true;

  /** The state filter and the base dump's name live in the URL (keys gs, gb), so a
   * reload that reopens the same dumps comes back to them. */
  constructor(private host: ViewHost) {
    const panel = this.panel;
    this.heading = h('p', { class: 'goroutine-heading', id: 'goroutine-heading' });
    this.note = h('p', { class: 'warning', role: 'note', hidden: true });
    this.chips = h('div', { class: 'chips', role: 'toolbar', 'aria-label': 'Filter groups by state', id: 'goroutine-chips' });
    this.baseSelect = h('select', { id: 'goroutine-base', 'aria-label': 'Compare with a base dump' });
    this.baseSelect.addEventListener('change', () => {
      this.base = Number(this.baseSelect.value);
      this.host.state.goroutineBase = this.others.find((o) => o.id === this.base)?.name ?? '';
      this.host.save();
      void this.loadGroups();
    });
    const tools = h('div', { class: 'goroutine-tools' }, h('label', {}, 'Compare with ', this.baseSelect));
    const tableBox = h('div', { class: 'goroutine-table' });
    const side = h('div', { class: 'goroutine-side' });
    const flameBox = h('section', { class: 'goroutine-flame', 'aria-label': 'Goroutines by state, flame graph' }, h('h3', {}, 'All goroutines by state'));
    this.flameBox = flameBox;
    panel.append(
      h('h2', {}, 'Goroutines'),
      this.heading,
      this.note,
      tools,
      this.chips,
      h('div', { class: 'goroutine-body' }, tableBox, side),
      flameBox,
    );
    this.grid = new GoroutineGrid(tableBox, {
      detail: (row) => this.host.engine.request('goroutineGroup', { profile: this.dump!.id, row, base: this.base }),
    });
    this.histogram = new WaitHistogram(side);
  }

  summary(scope: Scope) {
    return scope.dump?.summary ?? null;
  }

  select(_name: string) {
    // the groups are stacks, not functions: nothing to highlight
  }

  focusTarget() {
    return this.grid.grid;
  }

  release(id: number) {
    if (this.dump?.id === id) this.dump = null;
  }

  export() {
    return {
      view: async () => (this.dump ? profileExport(this.host, this.dump, this.dump.id, -1) : null),
      tables: () => [this.tableSnapshot()].filter((t) => t !== null),
    };
  }

  /** Shows the scope's dump; the other open dumps are the ones it can be compared with. */
  async show(scope: Scope) {
    const expand = this.host.param(GROUP_KEY); // a Findings link's group, shown once
    if (expand) this.host.setParam(GROUP_KEY, '');
    await this.showDump(scope);
    if (expand && this.dump) await this.expandGroup(Number(expand));
  }

  private async showDump(scope: Scope) {
    const dump = scope.dump;
    const others = scope.dumps.filter((d) => d.id !== dump?.id);
    const same = dump && this.dump?.id === dump.id;
    this.dump = dump;
    this.others = others;
    if (!dump) return;
    // The first dump after a reload takes the state filter and base the URL names; after
    // that a base belongs to the dump it was chosen for.
    // (A batch of files may show its first dump before the base is loaded: wait for it.)
    const restore = !same && this.restoring;
    const named = restore ? others.find((o) => o.name === this.host.state.goroutineBase) : undefined;
    if (restore && (named || !this.host.state.goroutineBase)) this.restoring = false;
    const base = this.base;
    if (!same || !others.some((o) => o.id === this.base)) this.base = named ? named.id : -1;
    clear(this.baseSelect);
    this.baseSelect.append(h('option', { value: -1 }, 'nothing'));
    for (const o of others) this.baseSelect.append(h('option', { value: o.id }, o.name));
    this.baseSelect.value = String(this.base);
    this.baseSelect.disabled = !others.length;
    // the same dump again (its tab chosen again, or other dumps opened): its groups are drawn
    if (same) return void (this.base === base ? this.host.drew('table') : this.loadGroups());
    const wanted = restore ? this.host.state.goroutineState : '';
    this.state = dump.goroutines.states.some((s) => s.normalized === wanted) ? wanted : '';
    if (!this.restoring) {
      this.host.state.goroutineState = this.state;
      this.host.state.goroutineBase = named?.name ?? '';
      this.host.save();
    }
    const g = dump.goroutines;
    this.heading.textContent = `${counted(g.total, 'goroutine')} in ${counted(g.groups, 'group')} (${
      g.leakProfile ? 'goroutineleak profile, ' : ''
    }${g.form})`;
    const notes = [];
    if (g.truncated) notes.push('This dump is truncated (the runtime stops writing at 64 MB): it was read up to the cut.');
    if (!g.hasStates) notes.push('This form records no wait states or times; a ?debug=2 dump does.');
    this.note.textContent = notes.join(' ');
    this.note.hidden = !notes.length;
    this.renderChips();
    void this.loadGroups();
    void this.loadWaits();
    void this.loadFlame();
  }

  private renderChips() {
    clear(this.chips);
    const g = this.dump!.goroutines;
    const byState = new Map<string, number>();
    for (const s of g.states) byState.set(s.normalized, (byState.get(s.normalized) ?? 0) + s.count);
    const chip = (state: string, label: string, count: number) => {
      const b = h('button', { type: 'button', class: 'chip', 'aria-pressed': String(this.state === state), 'data-state': state });
      if (state) {
        const dot = h('span', { class: 'dot', 'aria-hidden': 'true' });
        dot.style.background = stateColor(state);
        b.append(dot);
      }
      b.append(`${label} `, h('span', { class: 'chip-count' }, grouped(count)));
      b.addEventListener('click', () => {
        this.state = this.state === state ? '' : state;
        this.host.state.goroutineState = this.state;
        this.host.save();
        this.renderChips();
        this.grid.setStateFilter(this.state);
        void this.loadWaits();
      });
      this.chips.append(b);
    };
    chip('', 'All', g.total);
    for (const [state, count] of byState) chip(state, state, count);
  }

  /** The group table as last asked for (a finding's link waits for it). */
  private groupsLoaded: Promise<void> = Promise.resolve();

  private loadGroups() {
    return (this.groupsLoaded = this.fetchGroups());
  }

  private async fetchGroups() {
    const gen = ++this.generation;
    const id = this.dump!.id;
    const groups = await this.host.engine.request('goroutineGroups', { profile: id, base: this.base });
    if (gen !== this.generation) return;
    this.grid.setData(groups);
    this.grid.setStateFilter(this.state);
    this.host.drew('table');
  }

  /** Shows group `row` of the shown dump (the engine's row, without a base) expanded:
   *  a link of the Findings view. The state filter is cleared if it hides the group. */
  async expandGroup(row: number) {
    await this.groupsLoaded;
    if (await this.grid.expandRow(row)) return;
    this.state = '';
    this.grid.setStateFilter('');
    await this.grid.expandRow(row);
  }

  private async loadWaits() {
    const id = this.dump!.id;
    const w = await this.host.engine.request('goroutineWaits', { profile: id, state: this.state });
    if (this.dump?.id === id) this.histogram.setData(w.labels, w.counts);
  }

  private async loadFlame() {
    const id = this.dump!.id;
    this.flame ??= new FlameGraph(this.flameBox, { onSelect: () => {}, onDrawn: () => {} }, 'goroutine-flame');
    const f = await this.host.engine.request('goroutineFlame', { profile: id, window: this.flame.firstWindow() });
    if (this.dump?.id !== id) return;
    // Coloured by state: one palette entry per state (states are few); each window names its states.
    const byState = (d: FlameResult) => {
      const w = d as GoroutineFlame;
      const index = Uint8Array.from(w.stateOf, (k) => Math.min(k, 255));
      return { palette: w.states.map(stateColor), index, tip: (node: number) => [w.states[w.stateOf[node]] ?? ''] };
    };
    const more = flameFetch(this.host.engine, { kind: 'goroutine', profile: id, sampleIndex: 0, granularity: 'functions' });
    this.flame.setData(f, byState, more);
    this.host.drew('flame');
  }

  /** The group table as shown, for the exports; null without a dump. */
  tableSnapshot() {
    return this.dump ? this.grid.snapshot() : null;
  }

  /** For tests: the name of the dump shown ('' for none). */
  dumpForTest() {
    return this.dump?.name ?? '';
  }

  /** For tests. */
  rowsForTest(n: number) {
    return this.grid.rowsForTest(n);
  }

  expandForTest(pos: number) {
    return this.grid.expand(pos);
  }
}

export const goroutinesView: ViewFactory = (host) => new GoroutinesView(host);
