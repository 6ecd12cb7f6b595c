// Which loaded profiles belong together: snapshots of one program (for the
// trend and the first→last diff) and profiles that can be compared at all.
// Pure functions over the summaries the engine gave at load.
import type { GoroutineSummary, Summary } from '../engine/protocol';

export interface LoadedProfile {
  id: number;
  name: string;
  summary: Summary;
  /** set for a goroutine dump (which is also a goroutine/count profile) */
  goroutines?: GoroutineSummary | null;
}

/** A delta profile: some sample type has a negative value (heap?seconds=30, or a diff). */
export function isDelta(s: Summary): boolean {
  return s.negative.some(Boolean);
}

/**
 * Whether two profiles can be diffed: the engine says so in each summary
 * (`comparableAs`: the same sample types, units and period type, as pprof's merge
 * requires; null for a diff made in the session, which is never a side).
 */
export function comparable(a: Summary, b: Summary): boolean {
  return a.comparableAs !== null && a.comparableAs === b.comparableAs;
}

/**
 * What makes profiles snapshots of one program: the same sample types and the
 * same main binary. Delta profiles and diffs are changes, not snapshots.
 */
function snapshotKey(s: Summary): string | null {
  if (s.diffOf || isDelta(s)) return null;
  return `${s.comparableAs}\u0000${s.binary}`;
}

/**
 * The snapshot series to follow: the group of two or more snapshots of one
 * program that holds `prefer` (the newest file), else the largest group; in
 * time order, ties in load order. Empty when there is none. Goroutine dumps are
 * left out: the Goroutines view follows them.
 */
export function findSeries<P extends LoadedProfile>(profiles: P[], prefer = -1): P[] {
  const groups = new Map<string, P[]>();
  for (const p of profiles) {
    // Goroutine dumps have their own view, with its own diff against an older dump.
    const k = p.goroutines ? null : snapshotKey(p.summary);
    if (k === null) continue;
    const g = groups.get(k);
    if (g) g.push(p);
    else groups.set(k, [p]);
  }
  let best: P[] = [];
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    if (g.some((p) => p.id === prefer)) return byTime(g);
    if (g.length > best.length) best = g;
  }
  return byTime(best);
}

function byTime<P extends LoadedProfile>(g: P[]): P[] {
  return g.map((p, i) => ({ p, i })).sort((a, b) => a.p.summary.timeNanos - b.p.summary.timeNanos || a.i - b.i).map((x) => x.p);
}

/** The sample type index the view state asks for by name, else the profile's default. */
export function sampleIndexOf(s: Pick<Summary, 'sampleTypes' | 'defaultIndex'>, type: string): number {
  const i = s.sampleTypes.findIndex((t) => t.type === type);
  return i >= 0 ? i : s.defaultIndex;
}
