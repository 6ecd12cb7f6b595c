// The Top view: one profile's -top table and its flame graph. A delta profile
// (some value of the sample type < 0) is shown as a diff by itself: Delta
// columns and the diff colours.
import type { FlameResult, TopResult } from '../engine/protocol';
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
  /** the table shows `profile` (the source with the transform stack applied) */
  onShown?(profile: number | null, sampleIndex: number): void;
}

export class TopView {
  readonly table: TopTable;
  private latest = new Latest();
  /** the profile shown */
  profile: LoadedProfile | null = null;
  /** the id the table shows: the profile with the transform stack applied */
  shownId: number | null = null;
  /** The loaded profiles' own results (no transforms), so removing the last chip, or
   *  switching back to a profile, redraws without asking the engine. The table and the
   *  flame graph only read these arrays. */
  private plain = new Map<string, { top: Promise<TopResult>; flame: Promise<FlameResult> }>();

  constructor(
    host: HTMLElement,
    private ctx: ViewContext,
    private hooks: TopHooks,
    /** the profile with the transform stack applied */
    private derived: DerivedProfile,
  ) {
    this.table = new TopTable(host, tableEvents(ctx, 'sort'), tableStart(ctx, 'sort'));
  }

  private remember(key: string, r: { top: Promise<TopResult>; flame: Promise<FlameResult> }) {
    this.plain.set(key, r);
    Promise.all([r.top, r.flame]).catch(() => this.plain.delete(key));
    // a few entries: each holds a whole table and flame layout
    for (const k of this.plain.keys()) if (this.plain.size > 4) this.plain.delete(k);
  }

  /** The table and first flame window of profile `id` as it is (no transforms),
   *  asked of the engine once and kept. */
  private results(id: number, index: number) {
    const { engine, state, panel } = this.ctx;
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

  /**
   * Starts the engine on `p`'s table and flame graph before the page builds the
   * rest of its views for a newly opened file, so that the engine computes while
   * the page lays out (`show` then finds the results asked for).
   */
  prefetch(p: LoadedProfile) {
    if (this.ctx.state.transforms.length) return;
    void this.results(p.id, sampleIndexOf(p.summary, this.ctx.state.type));
  }

  /** Forgets the results of a closed profile. */
  forget(id: number) {
    for (const k of this.plain.keys()) if (k.startsWith(`${id}/`)) this.plain.delete(k);
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
      this.hooks.onShown?.(null, 0);
      return;
    }
    const index = sampleIndexOf(p.summary, state.type);
    const delta = p.summary.negative[index] ?? false;
    try {
      const d = await this.derived.get(p.id, p.summary, state.transforms);
      if (!isLatest()) return;
      this.shownId = d.id;
      const q = { profile: d.id, sampleIndex: index, granularity: state.granularity };
      const { top: topP, flame: flameP } =
        d.id === p.id
          ? this.results(d.id, index)
          : { top: engine.request('top', q), flame: engine.request('flame', { ...q, window: panel.flame.firstWindow() }) };
      flameP.catch(() => {}); // reported through topP when both fail
      const top = await topP;
      if (!isLatest()) return;
      this.table.setData(top, delta);
      this.table.select(state.selected);
      this.hooks.onTop();
      // The side panels (labels, lines) ask the engine once the flame graph is drawn:
      // asked earlier, their answers would be handled before it.
      const panels = () => isLatest() && this.hooks.onShown?.(d.id, index);
      const fl = await flameP.catch((e: unknown) => {
        panels();
        throw e;
      });
      if (!isLatest()) return;
      this.hooks.onFlame();
      const more = flameFetch(engine, { kind: 'plain', ...q });
      if (delta) panel.showDelta(fl, p.name, more);
      else panel.showPlain(fl, p.name, more);
      panel.flame.select(state.selected);
      requestAnimationFrame(panels); // after the flame graph's own frame callback
    } catch (e) {
      if (isLatest()) this.ctx.error(p.name, errText(e));
    }
  }
}
