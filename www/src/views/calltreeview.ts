// The Call tree view: the shown profile (the Top view's, with the transform
// stack applied) as an expandable tree table above the shared flame graph.
// It asks the engine for nothing until its tab is shown, and then only for
// the rows it expands. Enter on a row opens that function's sandwich.
import type { DerivedProfile } from '../state/derived';
import { sampleIndexOf, type LoadedProfile } from '../state/series';
import { CallTreeGrid } from './calltreegrid';
import { errText, Latest, type ViewContext } from './context';
import './navigate.css';

export class CallTreeView {
  readonly grid: CallTreeGrid;
  /** what main.ts asks of every view's table: this one has no name filter */
  readonly table = { setFilter: (_text: string) => {}, snapshot: (name: string, title: string) => this.grid.snapshot(name, title) };
  private latest = new Latest();
  /** what the tree was made for, so a repeated show() keeps the expanded rows */
  private shownKey = '';

  constructor(
    host: HTMLElement,
    private ctx: ViewContext,
    private source: () => LoadedProfile | null,
    private derived: DerivedProfile,
    onOpenSandwich: (name: string) => void,
  ) {
    host.append(Object.assign(document.createElement('h2'), { className: 'view-title', textContent: 'Call tree' }));
    this.grid = new CallTreeGrid(host, {
      onSelect: (name) => {
        ctx.state.selected = name;
        ctx.panel.flame.select(name);
        ctx.save();
      },
      onActivate: onOpenSandwich,
    });
  }

  select(_name: string) {
    // a flame graph click selects a function, not one call path: the rows stay
  }

  summary() {
    return this.source()?.summary ?? null;
  }

  async show() {
    const p = this.source();
    const isLatest = this.latest.begin();
    const { engine, state, panel } = this.ctx;
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
      const q = { profile: d.id, sampleIndex, granularity: state.granularity };
      const key = JSON.stringify(q);
      if (key !== this.shownKey) {
        this.shownKey = key;
        await this.grid.setSource({
          children: (nodes) => engine.request('callTreeChildren', { ...q, nodes }),
          heaviest: (from) => engine.request('callTreeHeaviest', { ...q, from }),
        });
      }
      const fl = await engine.request('flame', q);
      if (!isLatest()) return;
      if (p.summary.negative[sampleIndex]) panel.showDelta(fl, p.name);
      else panel.showPlain(fl, p.name);
      panel.flame.select(state.selected);
    } catch (e) {
      if (isLatest()) this.ctx.error(p.name, errText(e));
    }
  }
}
