// The transform stack's two inputs: its chips above the panels (remove one, or add
// a raw pprof filter) and the function context menu of the tables and flame graphs
// (focus, ignore, hide, ... on the selected function, and the menu's two ways into
// another view: "Show in sandwich" and "Show lines"). Every change re-derives and
// redraws the view on screen; the stack lives in the view state (the URL's `x`).
import type { Transform } from '../engine/protocol';
import { dropOtherStacks } from '../state/derived';
import { push, transformFor } from '../state/transforms';
import { TransformChips } from '../views/chips';
import { FunctionMenu } from '../views/contextmenu';
import type { View } from '../views/view';
import type { Shell } from './shell';

export function mountTransforms(shell: Shell, views: readonly View[], after: HTMLElement, flameView: HTMLElement) {
  const { state, marks } = shell;
  const set = (stack: Transform[]) => {
    marks.transformChanged();
    state.transforms = stack;
    dropOtherStacks(shell.store, stack);
    chips.set(stack);
    shell.redraw();
  };
  const add = (t: Transform) => set(push(state.transforms, t));
  const chips = new TransformChips(set);
  chips.set(state.transforms);
  after.after(chips.el);
  new FunctionMenu(
    [...views.map((v) => v.panel), flameView],
    () => state.selected,
    (action, name) => add(transformFor(action, name)),
    [
      { id: 'sandwich', label: 'Show in sandwich', first: true, run: (name) => ((state.sandwich = name), shell.open('sandwich')) },
      { id: 'lines', label: 'Show lines', run: (name) => ((state.lines = name), shell.open('top')) },
    ],
  );
  return {
    add,
    /** the chips for the view on screen: applied, ignored (said so) or hidden */
    showFor(v: View) {
      chips.el.classList.toggle('inactive', v.transforms === 'ignore');
      chips.el.hidden = v.transforms === 'none';
    },
  };
}
