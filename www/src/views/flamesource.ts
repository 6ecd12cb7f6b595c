// Where a lazy flame graph gets more boxes: the engine keeps each flame graph's
// tree, and the page asks it for the window a zoom shows, for the widest box of
// a function, and for what a search covers (the page holds only visible boxes).
import type { EngineClient } from '../engine/client';
import type { FlameBox, FlameResult, FlameSource, FlameWindow } from '../engine/protocol';

export interface FlameFetch {
  /** the boxes a window shows, as the first result (same columns, same kind) */
  window(w: FlameWindow): Promise<FlameResult>;
  /** the widest box of a function, or null */
  find(name: string): Promise<FlameBox | null>;
  /** the signed value of boxes whose name contains `needle` (any case), each sample once */
  match(needle: string): Promise<number>;
}

export function flameFetch(engine: EngineClient, source: FlameSource): FlameFetch {
  return {
    window: (window) => engine.request('flameWindow', { source, window }),
    find: (name) => engine.request('flameFind', { source, name }),
    match: async (needle) => (await engine.request('flameMatch', { source, needle })).value,
  };
}
