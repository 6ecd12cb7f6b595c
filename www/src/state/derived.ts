// The profile the views show: the loaded source with the transform stack applied.
// The engine re-derives from the source on every change (never from the previous
// derived profile), so removing a transform restores exactly; the previous derived
// id is unloaded so the worker holds at most one derived copy per source.
import type { EngineClient } from '../engine/client';
import type { Summary, Transform } from '../engine/protocol';

export interface Derived {
  /** the id to query: the source itself when the stack is empty */
  id: number;
  summary: Summary;
}

export class DerivedProfile {
  private current: { source: number; key: string; id: number; summary: Summary } | null = null;
  /** bumps on every request so a slow, superseded derive does not win */
  private generation = 0;

  constructor(private readonly engine: EngineClient) {}

  /** The source with `stack` applied; reuses the last result when nothing changed. */
  async get(source: number, summary: Summary, stack: Transform[]): Promise<Derived> {
    const key = JSON.stringify(stack);
    if (!stack.length) {
      this.release();
      return { id: source, summary };
    }
    const c = this.current;
    if (c && c.source === source && c.key === key) return { id: c.id, summary: c.summary };
    const gen = ++this.generation;
    const res = await this.engine.request('filter', { profile: source, transforms: stack });
    if (gen !== this.generation) {
      this.engine.request('unload', { profile: res.profile }).catch(() => {});
      throw new Error('superseded');
    }
    this.release();
    this.current = { source, key, id: res.profile, summary: res.summary };
    return { id: res.profile, summary: res.summary };
  }

  /** Frees the derived copy if it was made from `source` (which is being closed). */
  releaseFrom(source: number) {
    if (this.current?.source === source) this.release();
  }

  /** Frees the derived copy (e.g. when its source is closed or the stack emptied). */
  release() {
    if (this.current) this.engine.request('unload', { profile: this.current.id }).catch(() => {});
    this.current = null;
  }
}
