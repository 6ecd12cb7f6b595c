// What the views share besides the host (views/view.ts): how a table talks to
// the view state, the latest-call guard of async work, and error text.
import type { GridEvents, GridStart } from './grid';
import type { ViewHost } from './view';

/**
 * What every view's table does with the view state: the selection (also
 * outlined in the flame graph), its own sort and the shared name filter.
 */
export function tableEvents(host: ViewHost, sort: 'sort' | 'diffSort' | 'trendSort', more: Partial<GridEvents> = {}): GridEvents {
  const st = host.state;
  return {
    // the table has the row selected already: the state and the flame graph follow it
    onSelect: (name) => {
      st.selected = name;
      host.panel.flame.select(name);
      host.save();
    },
    onSort: (s) => ((st[sort] = s), host.save()),
    onFilter: (text) => ((st.filter = text), host.save()),
    ...more,
  };
}

/** A table's sort and filter as the URL left them. */
export function tableStart(host: ViewHost, sort: 'sort' | 'diffSort' | 'trendSort'): GridStart {
  return { sort: host.state[sort], filter: host.state.filter };
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
