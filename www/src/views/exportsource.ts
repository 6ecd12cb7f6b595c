// What the Export menu takes from a view (View.export): the profile behind it
// (a loaded profile, its filtered copy, or the diff the Diff and Trend views show,
// which the engine keeps as a profile of its own), how it is shown, and the
// `go tool pprof` flags that reproduce it. Each view builds its ViewExport with
// these two helpers.
import type { TableSnapshot } from '../export/table';
import { sampleIndexOf, type LoadedProfile } from '../state/series';
import type { MadeDiff } from '../engine/diffs';
import type { ExportView } from './export';
import type { ViewHost } from './view';

/** A table that can be exported as it is on screen. */
export interface Tabled {
  snapshot(name: string, title: string): TableSnapshot | null;
}

/** The tables of a view, the main one first, those that have data. */
export function tablesOf(...tables: [Tabled, string, string][]): TableSnapshot[] {
  return tables.map(([t, name, title]) => t.snapshot(name, title)).filter((x): x is TableSnapshot => !!x);
}

/** One profile as shown (Top, Call tree, Sandwich): `shownId` is its filtered copy. */
export function profileExport(host: ViewHost, p: LoadedProfile, shownId: number, zoomRoot: number): ExportView {
  const { state } = host;
  const si = sampleIndexOf(p.summary, state.type);
  const textDump = !!p.goroutines && p.goroutines.form !== 'proto';
  const cum = state.sort.key === 'cum' && state.sort.desc;
  const pprof = { file: p.name, sampleType: p.summary.sampleTypes[si]?.type ?? '', granularity: state.granularity, cum, textDump, transforms: state.transforms };
  return { profile: shownId, name: p.name, sampleIndex: si, granularity: state.granularity, search: state.search, zoomRoot, pprof };
}

/**
 * A diff as shown: `made` is the diff of the sides with the transform stack
 * applied (the Diff view), or null for the plain sides' diff (the Trend's first →
 * last), made here if it is not yet. `type` is the sample type shown.
 */
export async function diffExport(
  host: ViewHost,
  t: LoadedProfile,
  b: LoadedProfile,
  made: MadeDiff | null,
  type: string,
  cum: boolean,
  zoomRoot: number,
): Promise<ExportView> {
  const { state } = host;
  const diff = made ?? (await host.diffs.get({ target: t.id, base: b.id, mode: state.diffMode, normalize: state.normalize }));
  const si = sampleIndexOf(diff.types, type);
  const pprof = {
    file: t.name,
    sampleType: diff.types.sampleTypes[si]?.type ?? '',
    granularity: state.granularity,
    cum,
    diff: { base: b.name, mode: state.diffMode, normalize: state.normalize },
    transforms: made ? state.transforms : [],
  };
  const name = `${t.name.replace(/(\.pb)?(\.gz)?$/, '')}-vs-${b.name}`;
  return { profile: diff.id, name, sampleIndex: si, granularity: state.granularity, search: state.search, zoomRoot, pprof };
}
