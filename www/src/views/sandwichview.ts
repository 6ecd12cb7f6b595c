// The Sandwich view: one function between its callers and its callees. Above,
// the callers flame graph grows upwards from the function (each box a caller
// one step further out); below, the callees flame graph hangs from it; in
// between, pprof's -peek table of the calls in and out. It works on the shown
// profile (the Top view's, with the transform stack applied) and is computed
// only while its tab is shown.
import type { SandwichResult } from '../engine/protocol';
import type { DerivedProfile } from '../state/derived';
import { sampleIndexOf, type LoadedProfile } from '../state/series';
import { errText, Latest, type ViewContext } from './context';
import { deltaStyle } from './diffcolors';
import { h } from './dom';
import { FlameGraph } from './flame';
import './navigate.css';
import { SandwichTable } from './sandwichtable';

export class SandwichView {
  readonly table: SandwichTable;
  /** made on the first show, so the page has one flame graph until the sandwich is used */
  private graphs: { callers: FlameGraph; callees: FlameGraph } | null = null;
  private title = h('h2', { class: 'view-title', id: 'sandwich-title', 'aria-live': 'polite' });
  private latest = new Latest();
  /** the last result shown, for tests */
  result: SandwichResult | null = null;

  constructor(
    private host: HTMLElement,
    private ctx: ViewContext,
    private source: () => LoadedProfile | null,
    private derived: DerivedProfile,
  ) {
    host.append(this.title);
    this.table = new SandwichTable(host, {
      onSelect: (name) => this.selectFunction(name),
      onSort: () => {},
      onFilter: () => {},
      // Enter or a click on a caller or callee moves the sandwich to it
      onActivate: (name) => this.open(name),
    });
  }

  private selectFunction(name: string) {
    this.ctx.state.selected = name;
    this.ctx.save();
  }

  /** The two flame graphs, made on first use below the table. */
  private flames() {
    if (this.graphs) return this.graphs;
    const make = (id: string, label: string, inverted: boolean) => {
      const section = this.host.appendChild(h('section', { id, class: 'sandwich-flame', 'aria-label': label }, h('h3', {}, label)));
      const g = new FlameGraph(section, { onSelect: (name) => this.selectFunction(name), onDrawn: () => {} }, id, inverted);
      section.querySelector('.crumbs')?.setAttribute('aria-label', `${label}: zoom path`);
      return g;
    };
    this.graphs = { callers: make('sandwich-callers', 'Callers (drawn upwards from the function)', true), callees: make('sandwich-callees', 'Callees', false) };
    return this.graphs;
  }

  /** Centres the sandwich on `name` and shows it. */
  open(name: string) {
    this.ctx.state.sandwich = name;
    this.ctx.save();
    void this.show();
  }

  select(name: string) {
    this.table.select(name);
  }

  summary() {
    return this.source()?.summary ?? null;
  }

  async show() {
    const p = this.source();
    const isLatest = this.latest.begin();
    const { engine, state } = this.ctx;
    if (!p) return this.render(null, '', '');
    const sampleIndex = sampleIndexOf(p.summary, state.type);
    try {
      const d = await this.derived.get(p.id, p.summary, state.transforms);
      if (!isLatest()) return;
      const name = state.sandwich || state.selected || (await this.heaviest(d.id, sampleIndex));
      if (!isLatest()) return;
      if (!name) return this.render(null, '', 'No samples: no function to show.');
      const s = await engine.request('sandwich', { profile: d.id, sampleIndex, granularity: state.granularity, name });
      if (!isLatest()) return;
      this.render(s, name, s.found ? '' : `${name} is not in this profile (at this granularity and with these transforms).`);
    } catch (e) {
      if (isLatest()) this.ctx.error(p.name, errText(e));
    }
  }

  /** With no function asked for, the sandwich opens on the profile's heaviest by flat: pprof's first -top row. */
  private async heaviest(profile: number, sampleIndex: number): Promise<string> {
    const top = await this.ctx.engine.request('top', { profile, sampleIndex, granularity: this.ctx.state.granularity });
    return top.rows ? top.names[0] : '';
  }

  private render(s: SandwichResult | null, name: string, note: string) {
    this.result = s;
    this.title.textContent = note || `Sandwich: ${name}`;
    this.table.setData(s, name);
    this.table.select(this.ctx.state.selected);
    const delta = !!s?.found && (s.callees!.value.some((v) => v < 0) || s.callers!.value.some((v) => v < 0));
    const { callers, callees } = this.flames();
    for (const [graph, data] of [
      [callers, s?.callers],
      [callees, s?.callees],
    ] as const) {
      graph.setData(data ?? null, delta && data ? deltaStyle(data) : null);
      graph.select(name);
    }
  }
}
