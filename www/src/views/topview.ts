// The Top view: one profile's -top table and its flame graph. A delta profile
// (some value of the sample type < 0) is shown as a diff by itself: Delta
// columns and the diff colours.
import type { DerivedProfile } from '../state/derived';
import { sampleIndexOf, type LoadedProfile } from '../state/series';
import { errText, Latest, tableEvents, tableStart, type ViewContext } from './context';
import { TopTable } from './table';
import { flameFetch } from './flamesource';

/** For the benchmark's marks. */
export interface TopHooks {
  /** the table has its rows */
  onTop(): void;
  /** the flame graph has its data */
  onFlame(): void;
}

export class TopView {
  readonly table: TopTable;
  private latest = new Latest();
  /** the profile shown */
  profile: LoadedProfile | null = null;

  constructor(
    host: HTMLElement,
    private ctx: ViewContext,
    private hooks: TopHooks,
    /** the profile with the transform stack applied */
    private derived: DerivedProfile,
  ) {
    this.table = new TopTable(host, tableEvents(ctx, 'sort'), tableStart(ctx, 'sort'));
  }

  select(name: string) {
    this.table.select(name);
  }

  summary() {
    return this.profile?.summary ?? null;
  }

  /** Asks the engine for the profile's table and flame graph, and shows them. */
  async show() {
    const p = this.profile;
    const isLatest = this.latest.begin();
    const { engine, state, panel } = this.ctx;
    if (!p) {
      this.table.setData(null);
      panel.showPlain(null);
      return;
    }
    const index = sampleIndexOf(p.summary, state.type);
    const delta = p.summary.negative[index] ?? false;
    try {
      const d = await this.derived.get(p.id, p.summary, state.transforms);
      if (!isLatest()) return;
      const q = { profile: d.id, sampleIndex: index, granularity: state.granularity };
      const topP = engine.request('top', q);
      const flameP = engine.request('flame', { ...q, window: panel.flame.firstWindow() });
      flameP.catch(() => {}); // reported through topP when both fail
      const top = await topP;
      if (!isLatest()) return;
      this.table.setData(top, delta);
      this.table.select(state.selected);
      this.hooks.onTop();
      const fl = await flameP;
      if (!isLatest()) return;
      this.hooks.onFlame();
      const more = flameFetch(engine, { kind: 'plain', ...q });
      if (delta) panel.showDelta(fl, p.name, more);
      else panel.showPlain(fl, p.name, more);
      panel.flame.select(state.selected);
    } catch (e) {
      if (isLatest()) this.ctx.error(p.name, errText(e));
    }
  }
}
