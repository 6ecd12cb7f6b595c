// What the Export menu takes from the page: the profile behind the view on
// screen (the Top view's profile, or the diff the Diff and Trend views show,
// which the engine keeps as a profile of its own), how it is shown, the
// `go tool pprof` flags that reproduce it, and the tables on screen.
import type { DiffKeeper } from '../engine/diffs';
import type { PprofView } from '../export/pprofcmd';
import type { TableSnapshot } from '../export/table';
import { sampleIndexOf, type LoadedProfile } from '../state/series';
import type { ViewState } from '../state/url';
import type { DiffView } from './diffview';
import type { ExportSource, ExportView } from './export';
import type { FlameGraph } from './flame';
import type { GoroutinesView } from './goroutines';
import type { TopView } from './topview';
import type { TrendView } from './trendview';

/** A view whose table can be exported as it is on screen. */
interface Tabled {
  table: { snapshot(name: string, title: string): TableSnapshot | null };
}

export interface ExportParts {
  state: ViewState;
  profiles: LoadedProfile[];
  views: { top: TopView; diff: DiffView; trend: TrendView; calltree: Tabled; sandwich: Tabled };
  keeper: DiffKeeper;
  flame: FlameGraph;
  goroutines: GoroutinesView;
}

const TITLES = { top: 'Top table', diff: 'Diff table', trend: 'Trend table', calltree: 'Call tree table', sandwich: 'Sandwich table' };

export function exportSource({ state, profiles, views, keeper, flame, goroutines }: ExportParts): ExportSource {
  const byId = (id: number | undefined) => profiles.find((p) => p.id === id);
  const shown = (profile: number, name: string, sampleIndex: number, pprof: PprofView): ExportView => ({
    profile,
    name,
    sampleIndex,
    granularity: state.granularity,
    search: state.search,
    zoomRoot: flame.zoomRoot(),
    pprof,
  });
  return {
    async view() {
      const g = state.granularity;
      if (state.view === 'top' || state.view === 'calltree' || state.view === 'sandwich') {
        const p = views.top.profile;
        if (!p) return null;
        const si = sampleIndexOf(p.summary, state.type);
        const textDump = !!p.goroutines && p.goroutines.form !== 'proto';
        const cum = state.sort.key === 'cum' && state.sort.desc;
        const pprof = { file: p.name, sampleType: p.summary.sampleTypes[si]?.type ?? '', granularity: g, cum, textDump, transforms: state.transforms };
        return shown(views.top.shownId ?? p.id, p.name, si, pprof);
      }
      // Diff: the chosen pair; Trend: its first → last diff (the flame graph below it).
      const pair = state.view === 'diff' ? views.diff.pair : views.trend.pair();
      const t = byId(pair?.target);
      const b = byId(pair?.base);
      if (!t || !b) return null;
      // the Diff view shows its sides with the transform stack applied; the Trend does not
      const filtered = state.view === 'diff' ? views.diff.shownDiff : null;
      const made = filtered ?? (await keeper.get({ target: t.id, base: b.id, mode: state.diffMode, normalize: state.normalize }));
      const si = sampleIndexOf(made.summary, state.view === 'trend' ? (b.summary.sampleTypes[sampleIndexOf(b.summary, state.type)]?.type ?? '') : state.type);
      const cum = state.view === 'diff' && state.diffSort.key === 'cum' && state.diffSort.desc;
      const diff = { base: b.name, mode: state.diffMode, normalize: state.normalize };
      const pprof = { file: t.name, sampleType: made.summary.sampleTypes[si]?.type ?? '', granularity: g, cum, diff, transforms: filtered ? state.transforms : [] };
      return shown(made.id, `${t.name.replace(/(\.pb)?(\.gz)?$/, '')}-vs-${b.name}`, si, pprof);
    },
    tables() {
      const v = state.view as keyof typeof TITLES;
      const main = views[v].table.snapshot(v, TITLES[v]);
      const g = goroutines.tableSnapshot(); // the groups show above any view
      return [g, main].filter((x): x is TableSnapshot => !!x);
    },
  };
}
