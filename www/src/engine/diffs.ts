// The diff the page shows, kept in the engine as a profile of its own (so its
// table and flame graph are asked for by id). One at a time: a diff holds a
// merged copy of both profiles, so the old one is unloaded as soon as another
// pair, mode or normalization is asked for.
import type { EngineClient } from './client';
import type { DiffMode, MadeDiff as Made } from './protocol';

export interface DiffKey {
  target: number;
  base: number;
  mode: DiffMode;
  normalize: boolean;
}

/** A diff in the engine: its id and its sample types (its summary is not asked for). */
export interface MadeDiff {
  id: number;
  types: Pick<Made, 'sampleTypes' | 'defaultIndex'>;
}

export class DiffKeeper {
  private current: { key: DiffKey; made: Promise<MadeDiff> } | null = null;

  constructor(private engine: EngineClient) {}

  /** The diff for `key`: the kept one if it matches, else a new one. */
  get(key: DiffKey): Promise<MadeDiff> {
    const c = this.current;
    if (c && same(c.key, key)) return c.made;
    this.drop();
    const made = this.engine.request('diff', key).then((r) => ({ id: r.profile, types: r }));
    this.current = { key: { ...key }, made };
    made.catch(() => {
      if (this.current?.made === made) this.current = null;
    });
    return made;
  }

  /** Unloads the kept diff if it was made from `profile` (which is being closed). */
  release(profile: number) {
    const c = this.current;
    if (c && (c.key.target === profile || c.key.base === profile)) this.drop();
  }

  private drop() {
    const c = this.current;
    this.current = null;
    c?.made.then((m) => this.engine.request('unload', { profile: m.id })).catch(() => {});
  }
}

function same(a: DiffKey, b: DiffKey): boolean {
  return a.target === b.target && a.base === b.base && a.mode === b.mode && a.normalize === b.normalize;
}
