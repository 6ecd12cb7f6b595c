// The Sandwich view: one function between its callers and its callees. Above,
// the callers flame graph grows upwards from the function (each box a caller
// one step further out); below, the callees flame graph hangs from it; in
// between, pprof's -peek table of the calls in and out. It works on the
// selected profile (with the transform stack applied) and is computed only
// while its tab is shown. It has its own two flame graphs, so it takes the
// whole workspace (the shared one steps aside).
import type { SandwichResult } from '../engine/protocol';
import { DerivedProfile } from '../state/derived';
import { sampleIndexOf, type LoadedProfile } from '../state/series';
import { errText, Latest } from './context';
import { deltaStyle } from './diffcolors';
import { h } from './dom';
import { profileExport, tablesOf } from './exportsource';
import { FlameGraph } from './flame';
import { LastAnswer } from './memo';
import './navigate.css';
import { SandwichTable } from './sandwichtable';
import type { Scope, View, ViewFactory, ViewHost } from './view';

export class SandwichView implements View {
  readonly id = 'sandwich';
  readonly label = 'Sandwich';
  readonly panel = h('section', { id: 'sandwich-view' });
  readonly applies = 'profile';
  readonly layout = 'whole';
  readonly urlKeys = ['w'];
  readonly asks = ['filter', 'sandwich'] as const;
  readonly table: SandwichTable;
  /** made on the first show, so the page has one flame graph until the sandwich is used */
  private graphs: { callers: FlameGraph; callees: FlameGraph } | null = null;
  private title = h('h2', { class: 'view-title', id: 'sandwich-title', 'aria-live': 'polite' });
  private latest = new Latest();
  private derived: DerivedProfile;
  private profile: LoadedProfile | null = null;
  private shownId = -1;
  private answers = new LastAnswer<SandwichResult>();
  /** the last result shown, for tests */
  result: SandwichResult | null = null;

  constructor(private host: ViewHost) {
    this.derived = new DerivedProfile(host.engine, host.store);
    this.panel.append(this.title);
    this.table = new SandwichTable(this.panel, {
      onSelect: (name) => this.selectFunction(name),
      onSort: () => {},
      onFilter: () => {},
      // Enter or a click on a caller or callee moves the sandwich to it
      onActivate: (name) => this.open(name),
    });
  }

  private selectFunction(name: string) {
    this.host.state.selected = name;
    this.host.save();
  }

  /** The two flame graphs, made on first use below the table. */
  private flames() {
    if (this.graphs) return this.graphs;
    const make = (id: string, label: string, inverted: boolean) => {
      const section = this.panel.appendChild(h('section', { id, class: 'sandwich-flame', 'aria-label': label }, h('h3', {}, label)));
      const g = new FlameGraph(section, { onSelect: (name) => this.selectFunction(name), onDrawn: () => {} }, id, inverted);
      section.querySelector('.crumbs')?.setAttribute('aria-label', `${label}: zoom path`);
      return g;
    };
    this.graphs = { callers: make('sandwich-callers', 'Callers (drawn upwards from the function)', true), callees: make('sandwich-callees', 'Callees', false) };
    return this.graphs;
  }

  /** Centres the sandwich on `name` and shows it. */
  open(name: string) {
    this.host.state.sandwich = name;
    this.host.save();
    void this.show(this.host.store.scope());
  }

  select(name: string) {
    this.table.select(name);
  }

  summary(scope: Scope) {
    return scope.profile?.summary ?? null;
  }

  focusTarget() {
    return this.table.grid;
  }

  release(id: number) {
    if (this.profile?.id === id) this.derived.release();
  }

  export() {
    return {
      view: async () => (this.profile ? profileExport(this.host, this.profile, this.shownId, -1 /* its flame graphs are not the profile's: the whole one */) : null),
      tables: () => tablesOf([this.table, 'sandwich', 'Sandwich table']),
    };
  }

  async show(scope: Scope) {
    const p = (this.profile = scope.profile);
    const isLatest = this.latest.begin();
    const { engine, state } = this.host;
    if (!p) return this.render(null, '', '');
    const sampleIndex = sampleIndexOf(p.summary, state.type);
    try {
      const d = await this.derived.get(p.id, p.summary, state.transforms);
      if (!isLatest()) return;
      const name = state.sandwich || state.selected || (await this.heaviest(d.id, sampleIndex));
      if (!isLatest()) return;
      if (!name) return this.render(null, '', 'No samples: no function to show.');
      this.shownId = d.id;
      const sq = { profile: d.id, sampleIndex, granularity: state.granularity, name };
      const s = await this.answers.get(JSON.stringify(sq), () => engine.request('sandwich', sq));
      if (!isLatest()) return;
      if (s === this.result) return this.host.drew('table'); // back on this tab: it is drawn
      this.render(s, name, s.found ? '' : `${name} is not in this profile (at this granularity and with these transforms).`);
    } catch (e) {
      if (isLatest()) this.host.error(p.name, errText(e));
    }
  }

  /** With no function asked for, the sandwich opens on the profile's heaviest by flat: pprof's first -top row. */
  private async heaviest(profile: number, sampleIndex: number): Promise<string> {
    const top = await this.host.engine.request('top', { profile, sampleIndex, granularity: this.host.state.granularity });
    return top.rows ? top.names[0] : '';
  }

  private render(s: SandwichResult | null, name: string, note: string) {
    this.result = s;
    this.title.textContent = note || `Sandwich: ${name}`;
    this.table.setData(s, name);
    this.table.select(this.host.state.selected);
    this.host.drew('table');
    const delta = !!s?.found && (s.callees!.value.some((v) => v < 0) || s.callers!.value.some((v) => v < 0));
    const { callers, callees } = this.flames();
    for (const [graph, data] of [
      [callers, s?.callers],
      [callees, s?.callees],
    ] as const) {
      graph.setData(data ?? null, delta && data ? deltaStyle(data) : null);
      graph.select(name);
    }
    this.host.drew('flame');
  }
}

export const sandwichView: ViewFactory = (host) => new SandwichView(host);
