// The frame with the keyboard focus, and what a screen reader hears of it.
// The canvas has no DOM node per frame, so the focus is a box of the tree (held by
// its node, which survives a new window) and each move is said in a polite live
// region: "name, self, total, % of parent, depth N of M". Moves stay among the
// boxes drawn, so the focus is always on screen.
import { label, percent } from '../../format/units';
import type { FlameTree } from './tree';

/** How the arrow keys move: to the parent, the widest child, the previous or next sibling. */
export type Move = 'parent' | 'child' | 'prev' | 'next';

export class FrameFocus {
  /** the focused box's node, -1 for none */
  private node = -1;

  /** `say` puts a sentence in the live region. */
  constructor(private say: (text: string) => void) {}

  /** The focused box's index in `tree`, or -1 (none, or not in this window). */
  index(tree: FlameTree | null): number {
    return tree && this.node >= 0 ? tree.indexOf(this.node) : -1;
  }

  clear() {
    this.node = -1;
  }

  /** Focuses box `i` of `tree` and says so. */
  set(tree: FlameTree, i: number, announce = true) {
    this.node = tree.data.node[i];
    if (announce) this.say(describe(tree, i));
  }

  /**
   * Makes sure a drawn box has the focus when the canvas gets it: the one held,
   * else `fallback` (the zoomed box), else the widest root. Says which.
   */
  ensure(tree: FlameTree, fallback: number, drawn: (i: number) => boolean): number {
    let i = this.index(tree);
    if (i < 0 || !drawn(i)) i = fallback >= 0 && drawn(fallback) ? fallback : tree.widestChild(-1, drawn);
    if (i >= 0) this.set(tree, i);
    return i;
  }

  /** Moves the focus; says where, or why it cannot move. Returns the box focused. */
  move(tree: FlameTree, how: Move, drawn: (i: number) => boolean): number {
    const i = this.index(tree);
    if (i < 0) return -1;
    const to =
      how === 'parent' ? tree.data.parent[i] : how === 'child' ? tree.widestChild(i, drawn) : tree.sibling(i, how === 'next' ? 1 : -1, drawn);
    if (to < 0 || !drawn(to)) {
      this.say(`${EDGE[how]}. ${describe(tree, i)}`);
      return i;
    }
    this.set(tree, to);
    return to;
  }
}

const EDGE: Record<Move, string> = {
  parent: 'No caller: a root frame',
  child: 'No callee drawn',
  prev: 'First frame of this level',
  next: 'Last frame of this level',
};

/** "name, self 10ms, total 2.15s, 45.00% of parent, depth 3 of 12" (roots: "of total"). */
export function describe(tree: FlameTree, i: number): string {
  const d = tree.data;
  const p = d.parent[i];
  const share = p >= 0 ? `${percent(d.value[i], d.value[p])} of parent` : `${percent(d.value[i], d.total)} of total`;
  return `${tree.name(i)}, self ${label(d.self[i], d.unit)}, total ${label(d.value[i], d.unit)}, ${share}, depth ${d.depth[i] + 1} of ${tree.maxDepth + 1}`;
}
