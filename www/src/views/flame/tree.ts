// The window of a flame graph the page holds, as a tree: boxes are depth-first
// (a subtree is the contiguous range i..end[i]), so the parent, the children and
// the siblings of a box are found by walking ranges, with no DOM and no canvas.
import type { FlameResult } from '../../engine/protocol';

export class FlameTree {
  /** the first box after i that is not below i */
  readonly end: Uint32Array;
  /** box widths in value units */
  readonly width: ArrayLike<number>;
  /** the deepest box held, -1 when there is none */
  readonly maxDepth: number;

  constructor(readonly data: FlameResult) {
    const n = data.key.length;
    const end = new Uint32Array(n);
    const stack: number[] = [];
    let maxDepth = 0;
    for (let i = 0; i < n; i++) {
      const d = data.depth[i];
      if (d > maxDepth) maxDepth = d;
      while (stack.length && data.depth[stack[stack.length - 1]] >= d) end[stack.pop()!] = i;
      stack.push(i);
    }
    for (const s of stack) end[s] = n;
    this.end = end;
    this.width = data.width ?? data.value;
    this.maxDepth = n ? maxDepth : -1;
  }

  get size(): number {
    return this.data.key.length;
  }

  name(i: number): string {
    return this.data.names[this.data.key[i]];
  }

  /** The index of a box by its identity (its call-tree node), or -1 if this window lacks it. */
  indexOf(node: number): number {
    return this.data.node.indexOf(node);
  }

  /** The children of box `i` (-1: the roots), in drawing order. */
  children(i: number): number[] {
    const d = this.data;
    const out: number[] = [];
    const lo = i < 0 ? 0 : i + 1;
    const hi = i < 0 ? d.key.length : this.end[i];
    const want = i < 0 ? 0 : d.depth[i] + 1;
    for (let j = lo; j < hi; j = this.end[j]) if (d.depth[j] === want) out.push(j);
    return out;
  }

  /** The widest child of `i` (-1: the widest root) that `keep` accepts, or -1. */
  widestChild(i: number, keep: (j: number) => boolean = () => true): number {
    let best = -1;
    for (const j of this.children(i)) if (keep(j) && (best < 0 || this.width[j] > this.width[best])) best = j;
    return best;
  }

  /** The next (`step` 1) or previous (-1) sibling of `i` that `keep` accepts, or -1. */
  sibling(i: number, step: 1 | -1, keep: (j: number) => boolean = () => true): number {
    const all = this.children(this.data.parent[i]).filter((j) => j === i || keep(j));
    const at = all.indexOf(i);
    return at < 0 ? -1 : (all[at + step] ?? -1);
  }
}

/** Per name of `d`: 1 if it contains the search text (any case). */
export function matchedNames(d: FlameResult | null, text: string): Uint8Array<ArrayBuffer> {
  const m = new Uint8Array(d ? d.names.length : 0);
  if (d && text) {
    const needle = text.toLowerCase();
    d.names.forEach((n, i) => (m[i] = n.toLowerCase().includes(needle) ? 1 : 0));
  }
  return m;
}
