// The flame graph's keys, one place to read them all: the arrows move the focus
// frame by frame (↑ caller, ↓ widest callee, ← → siblings), Enter zooms to the
// focused frame, Backspace zooms out one level and Escape or 0 all the way;
// + and − zoom the view in and out around its middle and Shift+← → pan it.
import type { Move } from './focus';

export interface KeyActions {
  move(how: Move): void;
  zoomFocused(): void;
  zoomOut(): void;
  reset(): void;
  scale(by: number): void;
  pan(share: number): void;
}

/** The keys in one line, for the hint under the graph. */
export const KEY_HINT = 'Keys: ↑ ↓ ← → move between frames · Enter zoom · Backspace out · Esc or 0 reset · + / - zoom · Shift+← → pan · / search';

/** Runs the action of a key; false if the key is not the flame graph's. */
export function flameKey(e: KeyboardEvent, a: KeyActions): boolean {
  if (e.altKey || e.ctrlKey || e.metaKey) return false;
  const arrows: Record<string, Move> = { ArrowUp: 'parent', ArrowDown: 'child', ArrowLeft: 'prev', ArrowRight: 'next' };
  if (e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) a.pan(e.key === 'ArrowLeft' ? -0.1 : 0.1);
  else if (e.key in arrows) a.move(arrows[e.key]);
  else if (e.key === 'Enter') a.zoomFocused();
  else if (e.key === 'Backspace') a.zoomOut();
  else if (e.key === 'Escape' || e.key === '0') a.reset();
  else if (e.key === '+' || e.key === '=') a.scale(0.5);
  else if (e.key === '-' || e.key === '_') a.scale(2);
  else return false;
  return true;
}
