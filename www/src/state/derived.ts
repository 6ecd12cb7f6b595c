// The profile the views show: a loaded source with the transform stack applied.
// The engine re-derives from the source on every change (never from the previous
// derived profile), so removing a transform restores exactly. The copy lives in
// the store under a key naming its source and stack: views that show the same
// source with the same stack share one copy, and the store unloads it when the
// last of them moves on (or the source closes).
import type { EngineClient } from '../engine/client';
import type { Summary, Transform } from '../engine/protocol';
import type { Store } from './store';

export interface Derived {
  /** the id to query: the source itself when the stack is empty */
  id: number;
  summary: Summary;
}

/** One holder of a derived copy: each view (or diff side) keeps one at a time. */
export class DerivedProfile {
  private key = '';

  constructor(
    private readonly engine: EngineClient,
    private readonly store: Store,
  ) {}

  /** The source with `stack` applied (the source itself for an empty stack). */
  async get(source: number, summary: Summary, stack: Transform[]): Promise<Derived> {
    if (!stack.length) {
      this.release();
      return { id: source, summary };
    }
    const key = filterKey(source, stack);
    if (key !== this.key) this.release();
    this.key = key;
    const make = () => this.engine.request('filter', { profile: source, transforms: stack }).then((r) => ({ id: r.profile, summary: r.summary }));
    return this.store.obtain(key, [source], make, this);
  }

  /** Lets go of the copy held (the store unloads it once no one holds it). */
  release() {
    if (this.key) this.store.letGo(this.key, this);
    this.key = '';
  }
}

const filterKey = (source: number, stack: Transform[]) => `filter ${source} ${JSON.stringify(stack)}`;

/**
 * Unloads the filtered copies made with any other stack than `stack` (it just
 * changed): the views not on screen would otherwise keep theirs until shown again.
 */
export function dropOtherStacks(store: Store, stack: Transform[]) {
  const suffix = ` ${JSON.stringify(stack)}`;
  store.dropWhere((key) => key.startsWith('filter ') && !key.endsWith(suffix));
}
