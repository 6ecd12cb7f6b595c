// The Call tree view: the selected profile (with the transform stack applied)
// as an expandable tree table above the shared flame graph. It asks the engine
// for nothing until its tab is shown, and then only for the rows it expands.
// Enter on a row opens that function's sandwich.
import { DerivedProfile } from '../state/derived';
import { sampleIndexOf, type LoadedProfile } from '../state/series';
import { CallTreeGrid } from './calltreegrid';
import { errText, Latest } from './context';
import { h } from './dom';
import { profileExport, tablesOf } from './exportsource';
import { flameFetch } from './flamesource';
import { LastAnswer } from './memo';
import type { FlameResult } from '../engine/protocol';
import type { Scope, View, ViewFactory, ViewHost } from './view';
import './navigate.css';

export class CallTreeView implements View {
  readonly id = 'calltree';
  readonly label = 'Call tree';
  readonly panel = h('section', { id: 'calltree-view' });
  readonly applies = 'profile';
  readonly layout = 'split';
  readonly urlKeys = [];
  readonly asks = ['filter', 'callTreeChildren', 'callTreeHeaviest', 'flame', 'flameWindow'] as const;
  readonly grid: CallTreeGrid;
  private latest = new Latest();
  private derived: DerivedProfile;
  private profile: LoadedProfile | null = null;
  private shownId = -1;
  /** the flame graph's first window, kept for a switch back to this tab */
  private flames = new LastAnswer<FlameResult>();
  /** what the tree was made for, so a repeated show() keeps the expanded rows */
  private shownKey = '';

  constructor(private host: ViewHost) {
    this.derived = new DerivedProfile(host.engine, host.store);
    this.panel.append(h('h2', { class: 'view-title' }, 'Call tree'));
    this.grid = new CallTreeGrid(this.panel, {
      onSelect: (name) => host.selectFunction(name),
      onActivate: (name) => {
        host.state.sandwich = name;
        host.open('sandwich');
      },
    });
  }

  select(_name: string) {
    // a flame graph click selects a function, not one call path: the rows stay
  }

  summary(scope: Scope) {
    return scope.profile?.summary ?? null;
  }

  /** the tree's active row (the tree itself is no tab stop) */
  focusTarget() {
    return this.grid.el.querySelector<HTMLElement>('.rows [role=row][tabindex="0"]');
  }

  release(id: number) {
    if (this.profile?.id === id) this.derived.release();
  }

  export() {
    return {
      view: async () => (this.profile ? profileExport(this.host, this.profile, this.shownId, this.host.panel.flame.zoomRoot()) : null),
      tables: () => tablesOf([this.grid, 'calltree', 'Call tree table']),
    };
  }

  async show(scope: Scope) {
    const p = (this.profile = scope.profile);
    const isLatest = this.latest.begin();
    const { engine, state, panel } = this.host;
    if (!p) {
      this.shownKey = '';
      await this.grid.setSource(null);
      panel.showPlain(null);
      return;
    }
    const sampleIndex = sampleIndexOf(p.summary, state.type);
    try {
      const d = await this.derived.get(p.id, p.summary, state.transforms);
      if (!isLatest()) return;
      this.shownId = d.id;
      const q = { profile: d.id, sampleIndex, granularity: state.granularity };
      const key = JSON.stringify(q);
      if (key !== this.shownKey) {
        this.shownKey = key;
        await this.grid.setSource({
          children: (nodes) => engine.request('callTreeChildren', { ...q, nodes }),
          heaviest: (from) => engine.request('callTreeHeaviest', { ...q, from }),
        });
      }
      this.host.drew('table');
      // the first window, as Top asks: a zoom fetches the boxes it shows
      const fl = await this.flames.get(key, () => engine.request('flame', { ...q, window: panel.flame.firstWindow() }));
      if (!isLatest()) return;
      this.host.drew('flame');
      const more = flameFetch(engine, { kind: 'plain', ...q });
      if (p.summary.negative[sampleIndex]) panel.showDelta(fl, p.name, more);
      else panel.showPlain(fl, p.name, more);
      panel.flame.select(state.selected);
    } catch (e) {
      if (isLatest()) this.host.error(p.name, errText(e));
    }
  }
}

export const callTreeView: ViewFactory = (host) => new CallTreeView(host);
