// Draws a flame graph (icicle: outermost frames on top) on one <canvas>.
//
// Three coordinate spaces are kept apart, after speedscope:
//   value units  - a node spans [start, start + value) of the profile's total;
//   logical px   - CSS pixels on the page: x = (v - x0) * width / (x1 - x0);
//   physical px  - the canvas backing store: logical * devicePixelRatio,
//                  applied once through the context transform.
// Only visible boxes at least MIN_W wide are laid out, and a box too narrow
// to draw skips its whole subtree (a subtree is the range i..end[i]).
// The boxes of the last frame are kept (node, x, width) for hit testing.
import { MIN_W } from '../flamewindows';
import { inkFor } from '../ink';
import { SEARCH_HIT, SEARCH_MISS } from '../palettes';
import type { FlameTree } from './tree';
import { MAX_ROWS, type Viewport } from './viewport';

export const ROW = 18;
const FONT = '11px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
/** The keyboard focus ring: dark outside, white inside, so one of the two stands out on any fill. */
const FOCUS_OUTER = '#000000';
const FOCUS_INNER = '#ffffff';
const SELECTED = '#1a1aff';

export interface FrameRect {
  /** the box's identity across windows (its call-tree node) */
  node: number;
  name: string;
  depth: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** the box's fill colour, "#rrggbb" */
  fill: string;
}

/** What one frame draws besides the boxes. */
export interface Scene {
  tree: FlameTree | null;
  view: Viewport;
  /** the fill of box i */
  fill(i: number): string;
  /** per name: 1 if the search matches it (searching: the boxes are coloured by match) */
  matched: Uint8Array;
  searching: boolean;
  /** the selected function's name index, -1 for none */
  selectedKey: number;
  /** the box with the keyboard focus, -1 for none */
  focused: number;
}

export class FlameRenderer {
  private ctx: CanvasRenderingContext2D;
  private charW = 6.6;
  private tree: FlameTree | null = null;
  private fills: (i: number) => string = () => '';
  private rNode = new Uint32Array(1024);
  private rX = new Float64Array(1024);
  private rW = new Float64Array(1024);
  /** boxes in the last frame */
  drawn = 0;
  lastDrawMs = 0;

  /** `inverted` draws the roots at the bottom (a callers graph grows upwards). */
  constructor(readonly canvas: HTMLCanvasElement, private inverted: boolean) {
    this.ctx = canvas.getContext('2d')!;
    this.ctx.font = FONT;
    this.charW = this.ctx.measureText('mmmmmmmmmm').width / 10 || 6.6;
  }

  /** Sizes the canvas to `width` CSS px and the rows of `maxDepth`, with a DPR backing store. */
  resize(width: number, maxDepth: number) {
    const rows = Math.min(maxDepth + 1, MAX_ROWS);
    const hgt = Math.max(ROW * 3, rows * ROW + 4);
    const dpr = window.devicePixelRatio || 1;
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${hgt}px`;
    // a canvas given its own size again still drops its pixels and reallocates
    const [cw, ch] = [Math.round(width * dpr), Math.round(hgt * dpr)];
    if (this.canvas.width !== cw) this.canvas.width = cw;
    if (this.canvas.height !== ch) this.canvas.height = ch;
  }

  draw(s: Scene) {
    const t0 = performance.now();
    const ctx = this.ctx;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width / dpr, this.canvas.height / dpr);
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    this.tree = s.tree;
    this.fills = s.fill;
    let count = 0;
    const t = s.tree;
    if (t) {
      const d = t.data;
      const n = d.key.length;
      const v = s.view;
      const k = v.k;
      const fillOf = (i: number) => (s.searching ? (s.matched[d.key[i]] ? SEARCH_HIT : SEARCH_MISS) : s.fill(i));
      const labels: number[] = []; // nodes wide enough for a label, drawn after the boxes
      let style = '';
      const { start, depth, key: keys } = d;
      const { width: widths, end } = t;
      const { x0, width: W } = v;
      const labelMin = this.charW * 3 + 6;
      let i = 0;
      while (i < n) {
        const st = start[i];
        const left = (st - x0) * k;
        const right = (st + widths[i] - x0) * k;
        const dep = depth[i];
        if (right <= 0 || left >= W || right - left < MIN_W || dep >= MAX_ROWS) {
          i = end[i];
          continue;
        }
        const x = left < 0 ? 0 : left;
        const w = (right > W ? W : right) - x;
        const key = keys[i];
        const fill = fillOf(i);
        if (fill !== style) ctx.fillStyle = style = fill;
        ctx.fillRect(x, this.rowY(dep), w > 1 ? w - 0.5 : 0.5, ROW - 1);
        if (key === s.selectedKey) labels.push(~i);
        else if (w > labelMin) labels.push(i);
        if (count >= this.rNode.length) this.grow(count + 1);
        this.rNode[count] = i;
        this.rX[count] = x;
        this.rW[count] = w;
        count++;
        i++;
      }
      // labels and selection outlines in a second pass: fewer state changes
      let ink = '';
      ctx.strokeStyle = SELECTED;
      ctx.lineWidth = 2;
      for (const l of labels) {
        const j = l < 0 ? ~l : l;
        const { x: left, w } = v.span(start[j], widths[j]);
        const y = this.rowY(depth[j]);
        if (l < 0) ctx.strokeRect(left + 1, y + 1, Math.max(w - 2.5, 0.5), ROW - 3);
        if (w > labelMin) {
          const name = t.name(j);
          const max = Math.floor((w - 6) / this.charW);
          const want = inkFor(fillOf(j));
          if (want !== ink) ctx.fillStyle = ink = want;
          ctx.fillText(name.length > max ? name.slice(0, Math.max(1, max - 1)) + '…' : name, left + 3, y + ROW / 2);
        }
      }
      if (s.focused >= 0 && v.shows(t, s.focused)) this.focusRing(v.span(start[s.focused], widths[s.focused]), this.rowY(depth[s.focused]));
    }
    this.drawn = count;
    this.lastDrawMs = performance.now() - t0;
  }

  private focusRing({ x, w }: { x: number; w: number }, y: number) {
    const ctx = this.ctx;
    ctx.lineWidth = 2;
    ctx.strokeStyle = FOCUS_OUTER;
    ctx.strokeRect(x + 1, y + 1, Math.max(w - 2, 1), ROW - 3);
    ctx.lineWidth = 1;
    ctx.strokeStyle = FOCUS_INNER;
    ctx.strokeRect(x + 2.5, y + 2.5, Math.max(w - 5, 0.5), ROW - 6);
  }

  private grow(n: number) {
    const cap = Math.max(n, this.rNode.length * 2);
    const grow = <T extends Float64Array | Uint32Array>(a: T, b: T) => (b.set(a), b);
    this.rNode = grow(this.rNode, new Uint32Array(cap));
    this.rX = grow(this.rX, new Float64Array(cap));
    this.rW = grow(this.rW, new Float64Array(cap));
  }

  /** The top of a row of boxes, in CSS px. */
  rowY(depth: number): number {
    return (this.inverted ? this.lastRow() - depth : depth) * ROW;
  }

  private lastRow(): number {
    return Math.min(this.tree?.maxDepth ?? 0, MAX_ROWS - 1);
  }

  /** Which box of the last frame is under a point (CSS px relative to the canvas): its slot, or -1. */
  hit(x: number, y: number): number {
    const t = this.tree;
    if (!t) return -1;
    const row = Math.floor(y / ROW);
    const depth = this.inverted ? this.lastRow() - row : row;
    for (let j = this.drawn - 1; j >= 0; j--) {
      if (t.data.depth[this.rNode[j]] === depth && x >= this.rX[j] && x < this.rX[j] + this.rW[j]) return j;
    }
    return -1;
  }

  /** The tree index of the `j`th box of the last frame. */
  drawnBox(j: number): number {
    return this.rNode[j];
  }

  /** The `j`th box of the last frame, as drawn. */
  drawnRect(j: number): FrameRect {
    const i = this.rNode[j];
    const d = this.tree!.data;
    const depth = d.depth[i];
    return { node: d.node[i], name: this.tree!.name(i), depth, x: this.rX[j], y: this.rowY(depth), w: this.rW[j], h: ROW - 1, fill: this.fills(i) };
  }
}
