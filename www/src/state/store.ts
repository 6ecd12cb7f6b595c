// The one store of the page: the open profiles, which one is selected, the pair
// the Diff compares, and the engine objects made from profiles (a filtered copy,
// a diff). Everything derived (the series, the dumps, a program's files) is
// computed from it on demand (`scope()`), never kept beside it.
//
// Engine objects are shared by key and counted by holder: a view that needs the
// filtered copy of profile 3 `obtain`s it under a key that names what it is; a
// second view asking the same key gets the same object; when the last holder
// `letGo`es, or a profile it was made from is closed, the store unloads it. So no
// view frees engine memory by hand, and none can free what another still shows.
//
// Pure and DOM-free (the engine is reached through the `unload` callback), so it
// is unit tested under node (tests/ts/store.test.mjs).
import { comparable, findSeries, type LoadedProfile } from './series';
import type { GoroutineSummary, Summary } from '../engine/protocol';

/** A goroutine dump, as the page knows it. */
export type DumpProfile = LoadedProfile & { goroutines: GoroutineSummary };

export interface Pair {
  target: number;
  base: number;
}

/** What the open profiles give the views (see Applies in views/view.ts). */
export interface Scope {
  /** the selected profile (the one the side panel marks), of any kind */
  profile: LoadedProfile | null;
  /** the pair the Diff compares (chosen, or the default one), comparable */
  pair: { target: LoadedProfile; base: LoadedProfile } | null;
  /** two or more snapshots of one program, oldest first; else empty */
  series: LoadedProfile[];
  /** the dump to show: the selected profile if it is one, else the newest dump */
  dump: DumpProfile | null;
  /** every open dump, in open order */
  dumps: DumpProfile[];
  /** the open files of the selected profile's program (same main binary; files
   *  that name none, such as text dumps, join it), in open order */
  program: LoadedProfile[];
}

/** An engine object made from profiles: its id and summary. */
export interface Made {
  id: number;
  summary: Summary;
}

interface Held {
  made: Promise<Made>;
  /** the profiles it was made from: closing one unloads it */
  sources: number[];
  holders: Set<object>;
}

export const isDump = (p: LoadedProfile): p is DumpProfile => !!p.goroutines;

export class Store {
  readonly profiles: LoadedProfile[] = [];
  /** the selected profile's id (-1: none) */
  selected = -1;
  private chosenPair: Pair | null = null;
  /** the series to follow prefers the one holding this profile (the newest opened) */
  private seriesHint = -1;
  private held = new Map<string, Held>();

  /** `unload` frees an engine object (a profile, a copy, a diff) by id. */
  constructor(private readonly unload: (id: number) => void) {}

  get(id: number): LoadedProfile | undefined {
    return this.profiles.find((p) => p.id === id);
  }

  /**
   * Adds an opened profile: it becomes the series' preferred member, unless
   * `following` (files that arrive from a watched directory) and a series is
   * followed already. A watch writes each heap twice (the proto, and the text
   * with MemStats, which names no binary and so makes a series of its own): the
   * series on screen must not flip to the other form with the order files arrive in.
   */
  add(p: LoadedProfile, following = false) {
    this.profiles.push(p);
    if (following && findSeries(this.profiles, this.seriesHint).some((q) => q.id === this.seriesHint)) return;
    this.seriesHint = p.id;
  }

  select(id: number) {
    if (this.get(id)) this.selected = id;
  }

  /** Chooses the Diff's pair (null: the default one). */
  setPair(pair: Pair | null) {
    this.chosenPair = pair;
  }

  /**
   * Closes a profile: unloads it and every object made from it. The selection
   * moves to the profile now at its place (or the last one). Returns its index.
   */
  remove(id: number): number {
    const i = this.profiles.findIndex((p) => p.id === id);
    if (i < 0) return -1;
    for (const [key, h] of this.held) if (h.sources.includes(id)) this.drop(key);
    this.profiles.splice(i, 1);
    this.unload(id);
    if (this.selected === id) this.selected = this.profiles[Math.min(i, this.profiles.length - 1)]?.id ?? -1;
    if (this.chosenPair && (this.chosenPair.target === id || this.chosenPair.base === id)) this.chosenPair = null;
    return i;
  }

  /**
   * The engine object known as `key`, made from `sources` by `make` unless one is
   * held already; `holder` holds it until it lets go (or asks for another key).
   * A failed make is forgotten, so the next call tries again.
   */
  obtain(key: string, sources: number[], make: () => Promise<Made>, holder: object): Promise<Made> {
    let h = this.held.get(key);
    if (!h) {
      const made = make();
      h = { made, sources, holders: new Set() };
      this.held.set(key, h);
      made.catch(() => this.held.get(key)?.made === made && this.held.delete(key));
    }
    h.holders.add(holder);
    return h.made;
  }

  /** `holder` no longer needs `key`: unloaded when no one else holds it. */
  letGo(key: string, holder: object) {
    const h = this.held.get(key);
    if (!h) return;
    h.holders.delete(holder);
    if (!h.holders.size) this.drop(key);
  }

  /** Unloads the objects whose key `stale` names, whoever holds them (a holder that
   *  asks for one again gets it made anew). */
  dropWhere(stale: (key: string) => boolean) {
    for (const key of [...this.held.keys()]) if (stale(key)) this.drop(key);
  }

  /** Whether `key` is held (for tests and the holders' own bookkeeping). */
  holds(key: string): boolean {
    return this.held.has(key);
  }

  /** The number of engine objects held (for tests). */
  heldCount(): number {
    return this.held.size;
  }

  private drop(key: string) {
    const h = this.held.get(key);
    this.held.delete(key);
    h?.made.then((m) => this.unload(m.id)).catch(() => {});
  }

  /** What the open profiles give the views now. */
  scope(): Scope {
    const ps = this.profiles;
    const profile = this.get(this.selected) ?? null;
    const dumps = ps.filter(isDump);
    const dump = profile && isDump(profile) ? profile : (dumps[dumps.length - 1] ?? null);
    const binary = profile?.summary.binary ?? '';
    const program = binary ? ps.filter((p) => !p.summary.binary || p.summary.binary === binary) : [...ps];
    return { profile, pair: this.pair(), series: findSeries(ps, this.seriesHint), dump, dumps, program };
  }

  /**
   * The Diff's pair: the chosen one while both are open and comparable; else
   * the chosen target (or, without one, the newest profile that has a base)
   * with its first comparable base.
   */
  private pair(): Scope['pair'] {
    const ps = this.profiles;
    const fits = (t: LoadedProfile, b: LoadedProfile) => b.id !== t.id && comparable(t.summary, b.summary);
    const c = this.chosenPair;
    const t = (c && this.get(c.target)) || [...ps].reverse().find((x) => ps.some((y) => fits(x, y)));
    if (!t) return null;
    const chosen = c && this.get(c.base);
    const b = chosen && fits(t, chosen) ? chosen : ps.find((p) => fits(t, p));
    return b ? { target: t, base: b } : null;
  }
}

/**
 * What to show first after a batch of files opened: the view that answers the
 * most, named by what it applies to (views/view.ts, Applies). The program's
 * findings when the batch brings two kinds of file (say heap snapshots and a
 * goroutine dump) of one program, or makes (or extends) a series; else the dump
 * when the batch is a lone dump (nothing but dumps); else the profile: Findings,
 * Goroutines or Top. (A series' Trend is one click away.)
 */
export function answersMost(loaded: LoadedProfile[], scope: Scope): 'program' | 'dump' | 'profile' {
  const ofProgram = loaded.filter((p) => scope.program.includes(p));
  const kinds = new Set(ofProgram.map((p) => p.summary.kind));
  if (kinds.size >= 2 || scope.series.some((p) => loaded.includes(p))) return 'program';
  if (loaded.length && loaded.every(isDump)) return 'dump';
  return 'profile';
}

