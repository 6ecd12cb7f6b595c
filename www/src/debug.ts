// A small hook for tests and the benchmark, as window.__proflens. It exposes
// nothing a user could not see on the page: the tables' rows as displayed,
// the flame graph's boxes, and timings.
import type { EngineClient } from './engine/client';
import type { Granularity } from './engine/protocol';
import type { LoadedProfile } from './state/series';
import type { ViewState } from './state/url';
import type { DiffView } from './views/diffview';
import type { FlameGraph, FrameRect } from './views/flame';
import type { FlamePanel } from './views/flamepanel';
import type { TopView } from './views/topview';
import type { TrendView } from './views/trendview';

export interface DebugParts {
  engine: EngineClient;
  marks: Record<string, number>;
  flame: FlameGraph;
  panel: FlamePanel;
  views: { top: TopView; diff: DiffView; trend: TrendView };
  profiles: LoadedProfile[];
  state: () => ViewState;
}

export function installDebugHook({ engine, marks, flame, panel, views, profiles, state }: DebugParts) {
  const debug = {
    ready: false,
    /** how the engine's background warm-up ended ('finished', 'stopped', 'failed'), once it has (see worker.ts) */
    warm: () => engine.warm,
    marks,
    ...flameHooks(flame),
    /** the top table's first rows */
    rows: (n = 20) => views.top.table.rowsForTest(n),
    diffRows: (n = 20) => views.diff.table.rowsForTest(n),
    diffTotals: () => views.diff.table.totals(),
    trendRows: (n = 20) => views.trend.table.rowsForTest(n),
    /** the snapshot series, oldest first */
    series: () => views.trend.series.map((p) => p.name),
    /** which view is shown, and what the flame graph shows: 'plain', 'delta' or 'diff' */
    view: () => state().view,
    flameKind: () => panel.kind,
    vanished: () => panel.vanishedForTest(),
    profiles: () => profiles.map((p) => ({ id: p.id, name: p.name, types: p.summary.sampleTypes.length })),
    current: () => views.top.profile?.id ?? -1,
    stats: () => engine.request('stats', {}),
    /** split a decode's work this many ways (0: as the engine chooses) */
    setThreads: (threads: number) => engine.request('configure', { threads }),
    /** the engine's whole top table of a profile (names, flat, cum) */
    engineTop: (profile: number, sampleIndex: number, granularity: Granularity) =>
      engine.request('top', { profile, sampleIndex, granularity }),
    engineTimings: () => ({ ...engine.timings }),
    /** the last requests to the engine, each with when it was sent and answered */
    engineLog: () => engine.log.map((e) => ({ ...e })),
    /** the progress reports of the last load (stage, fraction, when it arrived) */
    engineProgress: () => engine.progress.map((e) => ({ ...e })),
  };
  (window as unknown as { __proflens: typeof debug }).__proflens = debug;
  return debug;
}

/** The flame graph as drawn (boxes, hits, windows held and fetched, timings), and a click without the pointer. */
function flameHooks(flame: FlameGraph) {
  const r = flame.renderer;
  const rect = (j: number): FrameRect | null => (j < 0 ? null : r.drawnRect(j));
  return {
    hitTest: (x: number, y: number) => rect(r.hit(x, y)),
    frameRects: () => Array.from({ length: r.drawn }, (_, j) => r.drawnRect(j)),
    zoomedName: () => flame.zoomedName(),
    zoomToName: (name: string) => flame.zoomToName(name),
    /** a click on the flame graph at (x, y), without scrolling it into view */
    flameClick: (x: number, y: number) => flame.clickAt(x, y),
    /** windows of the flame graph fetched since it was shown; boxes held now */
    flameFetches: () => flame.windows.fetches,
    flameHeld: () => flame.held?.size ?? 0,
    flameBusy: () => flame.windows.inFlight > 0,
    /** false: hold the whole flame graph (the lazy one must draw the same) */
    setLazyFlame: (on: boolean) => flame.windows.setLazy(on),
    lastDrawMs: () => r.lastDrawMs,
  };
}
