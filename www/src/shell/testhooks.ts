// The views' part of the test hook (window.__proflens, see debug.ts): their rows as
// displayed and which dump the Goroutines tab shows. Nothing a user could not see.
import type { CallTreeView } from '../views/calltreeview';
import type { FindingsView } from '../views/findings';
import type { GoroutinesView } from '../views/goroutines';
import type { SandwichView } from '../views/sandwichview';
import type { Workspace } from './workspace';

export function viewHooks(workspace: Workspace) {
  const view = <V>(id: string) => workspace.get(id) as V;
  const goroutines = () => view<GoroutinesView>('goroutines');
  return {
    goroutineRows: (n = 20) => goroutines().rowsForTest(n),
    /** the name of the dump the Goroutines tab shows ('' for none) */
    goroutineDump: () => goroutines().dumpForTest(),
    expandGoroutineRow: (pos: number) => goroutines().expandForTest(pos),
    callTreeRows: () => view<CallTreeView>('calltree').grid.rowsForTest(),
    sandwichRows: () => view<SandwichView>('sandwich').table.rowsForTest(),
    /** the report the Findings tab shows (null before it is computed) */
    findings: () => view<FindingsView>('findings').report,
  };
}
