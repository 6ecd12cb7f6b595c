// The Trend view: snapshots of one program in time order, the allocation sites
// that grew steadily first, and below them the first→last diff flame graph.
// Choosing a site (click or Enter) zooms that flame graph to it.
import type { DiffKeeper } from '../engine/diffs';
import type { Summary, TrendResult } from '../engine/protocol';
import { formatTime } from '../format/units';
import { sampleIndexOf, type LoadedProfile } from '../state/series';
import { errText, Latest, tableEvents, tableStart, type ViewContext } from './context';
import { h } from './dom';
import { memstatsTrendLine } from './memstats';
import type { Pair } from './diffview';
import { TrendTable } from './trendtable';
import { flameFetch } from './flamesource';

export interface TrendEvents {
  /** "Open as a diff": the first→last pair in the Diff view */
  onOpenDiff(pair: Pair): void;
}

export class TrendView {
  readonly table: TrendTable;
  series: LoadedProfile[] = [];
  private info: HTMLParagraphElement;
  private openDiff: HTMLButtonElement;
  private latest = new Latest();
  /** a site chosen before the flame graph arrived */
  private pendingZoom = '';
  private flameShown = false;

  constructor(host: HTMLElement, private ctx: ViewContext, private keeper: DiffKeeper, ev: TrendEvents) {
    this.info = h('p', { id: 'trend-info', 'aria-live': 'polite' });
    this.openDiff = h('button', { type: 'button', id: 'trend-open-diff', hidden: true }, 'Open first → last as a diff');
    this.openDiff.addEventListener('click', () => {
      const pair = this.pair();
      if (pair) ev.onOpenDiff(pair);
    });
    host.append(h('div', { class: 'trend-head' }, this.info, this.openDiff));
    this.table = new TrendTable(host, tableEvents(ctx, 'trendSort', { onActivate: (name) => this.zoomTo(name) }), tableStart(ctx, 'trendSort'));
  }

  setSeries(series: LoadedProfile[]) {
    this.series = series;
  }

  summary(): Summary | null {
    return this.series[0]?.summary ?? null;
  }

  /** first → last, the pair the flame graph shows */
  pair(): Pair | null {
    const s = this.series;
    return s.length >= 2 ? { target: s[s.length - 1].id, base: s[0].id } : null;
  }

  select(name: string) {
    this.table.select(name);
  }

  /** Zooms the first→last diff flame graph to a site (now, or once it is drawn). */
  zoomTo(name: string) {
    this.pendingZoom = name;
    if (this.flameShown && this.ctx.panel.flame.zoomToName(name)) this.pendingZoom = '';
  }

  async show() {
    const isLatest = this.latest.begin();
    const { engine, state, panel } = this.ctx;
    const s = this.series;
    const pair = this.pair();
    this.flameShown = false;
    this.openDiff.hidden = !pair;
    if (!pair) {
      this.table.setData(null);
      panel.showPlain(null);
      this.info.textContent = 'Open two or more snapshots of one program (for example heap profiles taken minutes apart) to follow them over time.';
      return;
    }
    const first = s[0].summary;
    const type = first.sampleTypes[sampleIndexOf(first, state.type)].type;
    this.info.textContent = `${s.length} snapshots${first.binary ? ` of ${first.binary}` : ''}, oldest first: ${s.map((p) => `${p.name} (${formatTime(p.summary.timeNanos)})`).join(' → ')}. Below: the diff ${s[0].name} → ${s[s.length - 1].name}.`;
    try {
      const trendP = engine.request('trend', { profiles: s.map((p) => p.id), sampleType: type, granularity: state.granularity });
      trendP.catch(() => {}); // awaited below, after the diff is made
      const made = await this.keeper.get({ ...pair, mode: state.diffMode, normalize: state.normalize });
      if (!isLatest()) return;
      const fq = { profile: made.id, sampleIndex: sampleIndexOf(made.summary, type), granularity: state.granularity };
      const flameP = engine.request('diffFlame', { ...fq, window: panel.flame.firstWindow() });
      flameP.catch(() => {});
      const trend = await trendP;
      if (!isLatest()) return;
      this.table.setData(trend);
      this.table.select(state.selected);
      this.info.textContent += memstatsTrendLine(trend);
      const flame = await flameP;
      if (!isLatest()) return;
      panel.showDiff(flame, sideTotals(trend), `${s[0].name} → ${s[s.length - 1].name}`, flameFetch(engine, { kind: 'diff', ...fq }));
      panel.flame.select(state.selected);
      this.flameShown = true;
      if (this.pendingZoom) this.zoomTo(this.pendingZoom);
    } catch (e) {
      if (isLatest()) this.ctx.error('trend', errText(e));
    }
  }
}

/** The first and last snapshots' totals (pprof's sum of |value|), for relative colouring. */
function sideTotals(t: TrendResult) {
  return { base: t.totals[0], target: t.totals[t.totals.length - 1] };
}
