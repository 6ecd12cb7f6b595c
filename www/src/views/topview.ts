// The Top view: one profile's -top table and its flame graph. A delta profile
// (some value of the sample type < 0) is shown as a diff by itself: Delta
// columns and the diff colours. "Show lines" opens the lines panel above the
// table (lines.ts).
import type { FlameResult, TopResult } from '../engine/protocol';
import { DerivedProfile } from '../state/derived';
import { sampleIndexOf, type LoadedProfile } from '../state/series';
import { errText, Latest, tableEvents, tableStart } from './context';
import { h } from './dom';
import { profileExport, tablesOf } from './exportsource';
import { flameFetch } from './flamesource';
import { LinesPanel } from './lines';
import { TopTable } from './table';
import type { Scope, View, ViewFactory, ViewHost } from './view';

export class TopView implements View {
  readonly id = 'top';
  readonly label = 'Top';
  readonly panel = h('section', { id: 'top-view' });
  readonly applies = 'profile';
  readonly layout = 'split';
  readonly urlKeys = ['s', 'ln'];
  readonly asks = ['top', 'flame', 'flameWindow', 'filter', 'functionLines'] as const;
  readonly table: TopTable;
  private lines: LinesPanel;
  private latest = new Latest();
  /** the profile shown */
  profile: LoadedProfile | null = null;
  /** the id the table shows: the profile with the transform stack applied */
  shownId: number | null = null;
  private derived: DerivedProfile;
  /** the result in the table */
  private shownTop: TopResult | null = null;
  /** The results of the last few profiles shown (loaded or filtered), so removing the
   *  last chip, or switching back to a profile or this tab, redraws without asking the
   *  engine. The table and the flame graph only read these arrays. */
  private plain = new Map<string, { top: Promise<TopResult>; flame: Promise<FlameResult> }>();

  constructor(private host: ViewHost) {
    this.derived = new DerivedProfile(host.engine, host.store);
    this.lines = new LinesPanel(host.engine, () => ((host.state.lines = ''), host.save()));
    this.panel.append(this.lines.el);
    this.table = new TopTable(this.panel, tableEvents(host, 'sort'), tableStart(host, 'sort'));
  }

  private remember(key: string, r: { top: Promise<TopResult>; flame: Promise<FlameResult> }) {
    this.plain.set(key, r);
    Promise.all([r.top, r.flame]).catch(() => this.plain.delete(key));
    // a few entries: each holds a whole table and flame layout
    for (const k of this.plain.keys()) if (this.plain.size > 4) this.plain.delete(k);
  }

  /** The table and first flame window of profile `id` (a loaded profile or a
   *  filtered copy), asked of the engine once and kept. */
  private results(id: number, index: number) {
    const { engine, state, panel } = this.host;
    const q = { profile: id, sampleIndex: index, granularity: state.granularity };
    const key = `${id}/${index}/${state.granularity}`;
    let r = this.plain.get(key);
    if (!r) {
      r = { top: engine.request('top', q), flame: engine.request('flame', { ...q, window: panel.flame.firstWindow() }) };
      r.flame.catch(() => {}); // reported through top when both fail
      this.remember(key, r);
    }
    return r;
  }

  /** Asks for the selected profile's table and flame graph (see View.prefetch). */
  prefetch(scope: Scope) {
    const p = scope.profile;
    if (!p || this.host.state.transforms.length) return;
    void this.results(p.id, sampleIndexOf(p.summary, this.host.state.type));
  }

  release(id: number) {
    for (const k of this.plain.keys()) if (k.startsWith(`${id}/`)) this.plain.delete(k);
    if (this.profile?.id === id) this.derived.release();
  }

  select(name: string) {
    this.table.select(name);
  }

  filter(text: string) {
    this.table.setFilter(text);
  }

  summary(scope: Scope) {
    return scope.profile?.summary ?? null;
  }

  focusTarget() {
    return this.table.grid;
  }

  export() {
    return {
      view: async () => (this.profile ? profileExport(this.host, this.profile, this.shownId ?? this.profile.id, this.host.panel.flame.zoomRoot()) : null),
      tables: () => tablesOf([this.table, 'top', 'Top table']),
    };
  }

  /** Asks the engine for the profile's table and flame graph, and shows them. */
  async show(scope: Scope) {
    const p = (this.profile = scope.profile);
    const isLatest = this.latest.begin();
    const { engine, state, panel } = this.host;
    if (!p || !state.lines) this.lines.hide();
    if (!p) {
      this.shownTop = null;
      this.table.setData(null);
      panel.showPlain(null);
      this.host.showing(null, 0);
      return;
    }
    const index = sampleIndexOf(p.summary, state.type);
    const delta = p.summary.negative[index] ?? false;
    try {
      const d = await this.derived.get(p.id, p.summary, state.transforms);
      if (!isLatest()) return;
      this.shownId = d.id;
      const q = { profile: d.id, sampleIndex: index, granularity: state.granularity };
      const { top: topP, flame: flameP } = this.results(d.id, index);
      const top = await topP;
      if (!isLatest()) return;
      if (top !== this.shownTop) this.table.setData(top, delta); // back on this tab: the rows are there
      this.shownTop = top;
      this.table.select(state.selected);
      this.host.drew('table');
      // The side panels (labels, lines) ask the engine once the flame graph is drawn:
      // asked earlier, their answers would be handled before it.
      const panels = () => isLatest() && (this.host.showing(d.id, index), this.showLines());
      const fl = await flameP.catch((e: unknown) => {
        panels();
        throw e;
      });
      if (!isLatest()) return;
      this.host.drew('flame');
      const more = flameFetch(engine, { kind: 'plain', ...q });
      if (delta) panel.showDelta(fl, p.name, more);
      else panel.showPlain(fl, p.name, more);
      panel.flame.select(state.selected);
      requestAnimationFrame(panels); // after the flame graph's own frame callback
    } catch (e) {
      if (isLatest()) this.host.error(p.name, errText(e));
    }
  }

  /** The lines panel of the function the state names (closed when none, or nothing shown). */
  private showLines() {
    const { state } = this.host;
    const p = this.profile;
    if (!p || !state.lines || this.shownId === null) return this.lines.hide();
    this.lines.show(this.shownId, sampleIndexOf(p.summary, state.type), state.lines).catch((e: Error) => this.host.error('lines', e.message));
  }
}

export const topView: ViewFactory = (host) => new TopView(host);
