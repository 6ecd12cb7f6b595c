// The Trend view: snapshots of one program in time order, the allocation sites
// that grew steadily first, and below them the first→last diff flame graph.
// Choosing a site (click or Enter) zooms that flame graph to it.
import type { DiffFlameResult, Summary, TrendResult } from '../engine/protocol';
import { formatTime } from '../format/units';
import { sampleIndexOf, type LoadedProfile } from '../state/series';
import { errText, Latest, tableEvents, tableStart } from './context';
import { h } from './dom';
import { diffExport, tablesOf } from './exportsource';
import { flameFetch } from './flamesource';
import { memstatsTrendLine } from './memstats';
import { LastAnswer } from './memo';
import { TrendTable } from './trendtable';
import type { Scope, View, ViewFactory, ViewHost } from './view';

export class TrendView implements View {
  readonly id = 'trend';
  readonly label = 'Trend';
  readonly panel = h('section', { id: 'trend-view' });
  readonly applies = 'series';
  readonly layout = 'split';
  readonly urlKeys = ['ts'];
  /** the trend follows the files as they are */
  readonly transforms = 'ignore';
  readonly asks = ['trend', 'diff', 'diffFlame', 'flameWindow'] as const;
  readonly table: TrendTable;
  private info: HTMLParagraphElement;
  private openDiff: HTMLButtonElement;
  private latest = new Latest();
  /** a site chosen before the flame graph arrived */
  private pendingZoom = '';
  private flameShown = false;
  /** the last trend and first flame window asked for, and the trend shown */
  private trends = new LastAnswer<TrendResult>();
  private flames = new LastAnswer<DiffFlameResult>();
  private shownTrend: TrendResult | null = null;

  constructor(private host: ViewHost) {
    this.info = h('p', { id: 'trend-info', 'aria-live': 'polite' });
    this.openDiff = h('button', { type: 'button', id: 'trend-open-diff', hidden: true }, 'Open first → last as a diff');
    this.openDiff.addEventListener('click', () => {
      const pair = this.pair();
      if (!pair) return;
      host.store.setPair(pair);
      host.open('diff');
    });
    this.panel.append(h('div', { class: 'trend-head' }, this.info, this.openDiff));
    this.table = new TrendTable(this.panel, tableEvents(host, 'trendSort', { onActivate: (name) => this.zoomTo(name) }), tableStart(host, 'trendSort'));
  }

  unavailable(scope: Scope) {
    return scope.series.length ? '' : 'Open two or more snapshots of one program to see a trend.';
  }

  summary(scope: Scope): Summary | null {
    return scope.series[0]?.summary ?? null;
  }

  /** the snapshots, oldest first (the store's series) */
  get series(): LoadedProfile[] {
    return this.host.store.scope().series;
  }

  /** first → last, the pair the flame graph shows */
  pair() {
    return firstToLast(this.series);
  }

  select(name: string) {
    this.table.select(name);
  }

  filter(text: string) {
    this.table.setFilter(text);
  }

  focusTarget() {
    return this.table.grid;
  }

  release(_id: number) {
    // the series is the store's; the keeper drops a diff made from a closed profile
  }

  export() {
    return {
      view: async () => {
        const s = this.series;
        if (s.length < 2) return null;
        const [b, t] = [s[0], s[s.length - 1]];
        const type = b.summary.sampleTypes[sampleIndexOf(b.summary, this.host.state.type)]?.type ?? '';
        return diffExport(this.host, t, b, null, type, false, this.host.panel.flame.zoomRoot());
      },
      tables: () => tablesOf([this.table, 'trend', 'Trend table']),
    };
  }

  /** Zooms the first→last diff flame graph to a site (now, or once it is drawn). */
  zoomTo(name: string) {
    this.pendingZoom = name;
    if (this.flameShown && this.host.panel.flame.zoomToName(name)) this.pendingZoom = '';
  }

  /** Asks for the trend and the first→last diff (see View.prefetch). */
  prefetch(scope: Scope) {
    const pair = firstToLast(scope.series);
    if (pair) void this.ask(scope.series, pair).made.catch(() => {});
  }

  /** The trend of a series and its first→last diff (`pair`), each asked for once. */
  private ask(s: LoadedProfile[], pair: { target: number; base: number }) {
    const { engine, state } = this.host;
    const first = s[0].summary;
    const type = first.sampleTypes[sampleIndexOf(first, state.type)].type;
    const tq = { profiles: s.map((p) => p.id), sampleType: type, granularity: state.granularity };
    const trend = this.trends.get(JSON.stringify(tq), () => engine.request('trend', tq));
    trend.catch(() => {}); // awaited by show, after the diff is made
    return { type, trend, made: this.host.diffs.get({ ...pair, mode: state.diffMode, normalize: state.normalize }) };
  }

  async show(scope: Scope) {
    const isLatest = this.latest.begin();
    const { engine, state, panel } = this.host;
    const s = scope.series;
    const pair = firstToLast(s);
    this.flameShown = false;
    this.openDiff.hidden = !pair;
    if (!pair) {
      this.shownTrend = null;
      this.table.setData(null);
      panel.showPlain(null);
      this.info.textContent = 'Open two or more snapshots of one program (for example heap profiles taken minutes apart) to follow them over time.';
      return;
    }
    const first = s[0].summary;
    this.info.textContent = `${s.length} snapshots${first.binary ? ` of ${first.binary}` : ''}, oldest first: ${s.map((p) => `${p.name} (${formatTime(p.summary.timeNanos)})`).join(' → ')}. Below: the diff ${s[0].name} → ${s[s.length - 1].name}.`;
    try {
      const { type, trend: trendP, made: madeP } = this.ask(s, pair);
      const made = await madeP;
      if (!isLatest()) return;
      const fq = { profile: made.id, sampleIndex: sampleIndexOf(made.types, type), granularity: state.granularity };
      const flameP = this.flames.get(JSON.stringify(fq), () => engine.request('diffFlame', { ...fq, window: panel.flame.firstWindow() }));
      flameP.catch(() => {});
      const trend = await trendP;
      if (!isLatest()) return;
      if (trend !== this.shownTrend) this.table.setData(trend); // back on this tab: the rows are there
      this.shownTrend = trend;
      this.table.select(state.selected);
      this.host.drew('table');
      this.info.textContent += memstatsTrendLine(trend);
      const flame = await flameP;
      if (!isLatest()) return;
      this.host.drew('flame');
      panel.showDiff(flame, sideTotals(trend), `${s[0].name} → ${s[s.length - 1].name}`, flameFetch(engine, { kind: 'diff', ...fq }));
      panel.flame.select(state.selected);
      this.flameShown = true;
      if (this.pendingZoom) this.zoomTo(this.pendingZoom);
    } catch (e) {
      if (isLatest()) this.host.error('trend', errText(e));
    }
  }
}

/** The first and last snapshots' totals (pprof's sum of |value|), for relative colouring. */
function sideTotals(t: TrendResult) {
  return { base: t.totals[0], target: t.totals[t.totals.length - 1] };
}

/** First → last of a series (null for fewer than two snapshots). */
function firstToLast(s: LoadedProfile[]) {
  return s.length >= 2 ? { target: s[s.length - 1].id, base: s[0].id } : null;
}

export const trendView: ViewFactory = (host) => new TrendView(host);
