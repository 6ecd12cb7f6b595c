// What every view shares: the engine, the one view state (the single source of
// the URL hash), the loaded profiles, the flame graph panel, and a place to
// report errors. main.ts builds it once and hands it to each view.
import type { EngineClient } from '../engine/client';
import type { LoadedProfile } from '../state/series';
import type { ViewState } from '../state/url';
import type { FlamePanel } from './flamepanel';
import type { GridEvents, GridStart } from './grid';

export interface ViewContext {
  engine: EngineClient;
  state: ViewState;
  /** writes the state into the URL hash */
  save(): void;
  profiles: LoadedProfile[];
  panel: FlamePanel;
  error(file: string, message: string): void;
}

/**
 * What every view's table does with the view state: the selection (also
 * outlined in the flame graph), its own sort and the shared name filter.
 */
export function tableEvents(ctx: ViewContext, sort: 'sort' | 'diffSort' | 'trendSort', more: Partial<GridEvents> = {}): GridEvents {
  const st = ctx.state;
  return {
    onSelect: (name) => {
      st.selected = name;
      ctx.panel.flame.select(name);
      ctx.save();
    },
    onSort: (s) => ((st[sort] = s), ctx.save()),
    onFilter: (text) => ((st.filter = text), ctx.save()),
    ...more,
  };
}

/** A table's sort and filter as the URL left them. */
export function tableStart(ctx: ViewContext, sort: 'sort' | 'diffSort' | 'trendSort'): GridStart {
  return { sort: ctx.state[sort], filter: ctx.state.filter };
}

/**
 * Tells whether a view's async work is still wanted: each refresh calls
 * begin(), and a result is used only while isLatest() of that call is true.
 */
export class Latest {
  private n = 0;

  begin(): () => boolean {
    const g = ++this.n;
    return () => g === this.n;
  }
}

export const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));
