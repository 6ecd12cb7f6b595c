// The flame graph (icicle: outermost frames on top) on one <canvas>.
//
// Three coordinate spaces are kept apart, after speedscope:
//   value units  - a node spans [start, start + value) of the profile's total;
//   logical px   - CSS pixels on the page: x = (v - x0) * width / (x1 - x0);
//   physical px  - the canvas backing store: logical * devicePixelRatio,
//                  applied once through the context transform.
// Only visible boxes at least MIN_W wide are laid out, and a box too narrow
// to draw skips its whole subtree (nodes are depth-first, so a subtree is a
// contiguous range ending at subtreeEnd[i]).
//
// Boxes are coloured by package unless a FlameStyle is given: a diff colours
// each box by its change instead (see diffcolors.ts), with its own tooltip.
import type { FlameResult } from '../engine/protocol';
import { label } from '../format/units';
import { packageColor } from './colors';
import { append, clear, h } from './dom';

const ROW = 18;
const MIN_W = 0.5;
const FONT = '11px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

export interface FlameEvents {
  onSelect(name: string): void;
  onDrawn(ms: number): void;
}

export interface FrameRect {
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

/**
 * Another way to colour the boxes: `palette[index[node]]` fills each node, and
 * `tip(node)` gives the tooltip's lines after the name and file (in place of
 * Self and Total). A palette index per node (not a string) keeps a style of a
 * million nodes small.
 */
export interface FlameStyle {
  palette: string[];
  index: Uint8Array;
  tip(node: number): string[];
}

export class FlameGraph {
  readonly canvas: HTMLCanvasElement;
  readonly search: HTMLInputElement;
  private scroller: HTMLDivElement;
  private crumbs: HTMLElement;
  private share: HTMLSpanElement;
  private tip: HTMLDivElement;
  private ctx: CanvasRenderingContext2D;

  private data: FlameResult | null = null;
  private end = new Uint32Array(0);
  /** box widths in value units */
  private width_: ArrayLike<number> = new Float64Array(0);
  private maxDepth = 0;
  private colors: string[] = [];
  private style: FlameStyle | null = null;
  private matched = new Uint8Array(0); // per name index
  private selectedKey = -1;
  private zoom = -1; // node index, -1 = everything
  private x0 = 0;
  private x1 = 1;
  private width = 0;
  private charW = 6.6;
  private raf = 0;
  /** visible boxes of the last frame (node, x, width), for hit testing */
  private rNode = new Uint32Array(1024);
  private rX = new Float64Array(1024);
  private rW = new Float64Array(1024);
  private rCount = 0;
  lastDrawMs = 0;

  /**
   * `prefix` names the element ids (`flame-canvas`…), so a page can hold two graphs;
   * `inverted` draws the roots at the bottom (a callers graph grows upwards).
   */
  constructor(host: HTMLElement, private ev: FlameEvents, prefix = 'flame', private inverted = false) {
    this.search = h('input', {
      type: 'search',
      id: `${prefix}-search`,
      placeholder: 'Search frames ( / )',
      'aria-label': 'Search the flame graph',
    });
    this.search.addEventListener('input', () => this.setSearch(this.search.value));
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' || e.key === 'Enter') {
        e.preventDefault();
        this.canvas.focus();
      }
    });
    this.share = h('span', { class: 'muted', id: `${prefix}-share`, 'aria-live': 'polite' });
    this.crumbs = h('nav', { class: 'crumbs', 'aria-label': 'Flame graph zoom path' });
    this.canvas = h('canvas', {
      id: `${prefix}-canvas`,
      tabindex: 0,
      role: 'img',
      'aria-label': 'Flame graph. Click a frame to zoom; Esc zooms out; + - 0 and arrows navigate; / searches.',
    });
    this.ctx = this.canvas.getContext('2d')!;
    this.tip = h('div', { class: 'tooltip', role: 'tooltip', hidden: true });
    this.scroller = h('div', { class: 'flame-scroll' }, this.canvas, this.tip);
    host.append(
      h('div', { class: 'flame-tools' }, this.search, this.share),
      this.crumbs,
      this.scroller,
      h('p', { class: 'muted hint' }, 'Keys: click zoom · Esc out · + / - zoom · 0 reset · ← → pan · ↑ parent · ↓ largest child · / search'),
    );

    this.canvas.addEventListener('mousemove', (e) => this.onHover(e));
    this.canvas.addEventListener('mouseleave', () => (this.tip.hidden = true));
    this.canvas.addEventListener('click', (e) => {
      const r = this.hitTest(e.offsetX, e.offsetY);
      if (r) this.zoomTo(r.node, true);
    });
    this.canvas.addEventListener('keydown', (e) => this.onKey(e));
    this.ctx.font = FONT;
    this.charW = this.ctx.measureText('mmmmmmmmmm').width / 10 || 6.6;
    new ResizeObserver(() => this.resize()).observe(this.scroller);
    matchMedia(`(resolution: ${devicePixelRatio}dppx)`).addEventListener?.('change', () => this.resize());
  }

  setData(data: FlameResult | null, style: FlameStyle | null = null) {
    this.data = data;
    this.style = style;
    this.zoom = -1;
    this.selectedKey = -1;
    this.tip.hidden = true;
    if (!data) {
      this.end = new Uint32Array(0);
      this.maxDepth = 0;
    } else {
      const n = data.key.length;
      // subtreeEnd: the first node after i that is not below i.
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
      this.width_ = data.width ?? data.value;
      this.maxDepth = n ? maxDepth : -1;
      this.colors = data.names.map(packageColor);
    }
    this.resetX();
    this.setSearch(this.search.value);
    this.resize();
  }

  /** Re-colours the same data (e.g. absolute vs relative), keeping the zoom. */
  setStyle(style: FlameStyle | null) {
    this.style = style;
    this.schedule();
  }

  /** Zooms to the widest box of this function, and selects it; false if it has none. */
  zoomToName(name: string): boolean {
    const d = this.data;
    const key = d ? d.names.indexOf(name) : -1;
    let best = -1;
    if (d && key >= 0) for (let i = 0; i < d.key.length; i++) if (d.key[i] === key && (best < 0 || this.width_[i] > this.width_[best])) best = i;
    if (best < 0) return false;
    this.zoomTo(best);
    this.select(name);
    return true;
  }

  /** Highlight every frame of this function (from the table); '' clears. */
  select(name: string) {
    this.selectedKey = this.data && name ? this.data.names.indexOf(name) : -1;
    this.schedule();
  }

  setSearch(text: string) {
    if (this.search.value !== text) this.search.value = text;
    const d = this.data;
    this.matched = new Uint8Array(d ? d.names.length : 0);
    if (d && text) {
      const needle = text.toLowerCase();
      d.names.forEach((n, i) => (this.matched[i] = n.toLowerCase().includes(needle) ? 1 : 0));
      // Share of the total: matched nodes not below another matched node.
      let sum = 0;
      let cover = -1; // depth of the matched ancestor, -1 if none
      for (let i = 0; i < d.key.length; i++) {
        const dep = d.depth[i];
        if (cover >= 0 && dep <= cover) cover = -1;
        if (cover < 0 && this.matched[d.key[i]]) {
          sum += d.value[i];
          cover = dep;
        }
      }
      const pct = d.total ? (Math.abs(sum) / Math.abs(d.total)) * 100 : 0;
      this.share.textContent = `Matched: ${label(sum, d.unit)} (${pct.toFixed(2)}% of total)`;
    } else this.share.textContent = '';
    this.schedule();
  }

  focusSearch() {
    this.search.focus();
    this.search.select();
  }

  zoomTo(node: number, select = false) {
    const d = this.data;
    if (!d) return;
    if (node < 0) {
      this.zoom = -1;
      this.resetX();
    } else {
      this.zoom = node;
      this.x0 = d.start[node];
      this.x1 = d.start[node] + Math.max(this.width_[node], 1e-9);
      if (select) {
        this.selectedKey = d.key[node];
        this.ev.onSelect(d.names[d.key[node]]);
      }
    }
    this.renderCrumbs();
    this.schedule();
  }

  private resetX() {
    const d = this.data;
    let total = 0;
    if (d) for (let i = 0; i < d.key.length; i++) if (d.depth[i] === 0) total = Math.max(total, d.start[i] + this.width_[i]);
    this.x0 = 0;
    this.x1 = total || 1;
    this.renderCrumbs();
  }

  private renderCrumbs() {
    clear(this.crumbs);
    const d = this.data;
    const all = h('button', { type: 'button', class: 'crumb' }, 'all');
    all.addEventListener('click', () => this.zoomTo(-1));
    this.crumbs.append(all);
    if (!d || this.zoom < 0) return;
    const path: number[] = [];
    for (let n = this.zoom; n >= 0; n = d.parent[n]) path.unshift(n);
    for (const n of path) {
      const b = h('button', { type: 'button', class: 'crumb', 'aria-current': n === this.zoom ? 'true' : undefined }, d.names[d.key[n]]);
      b.addEventListener('click', () => this.zoomTo(n));
      this.crumbs.append(' › ', b);
    }
  }

  private resize() {
    const w = Math.max(100, this.scroller.clientWidth);
    const rows = Math.min(this.maxDepth + 1, 2000);
    const hgt = Math.max(ROW * 3, rows * ROW + 4);
    const dpr = window.devicePixelRatio || 1;
    this.width = w;
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${hgt}px`;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(hgt * dpr);
    this.schedule();
  }

  private schedule() {
    if (!this.raf) this.raf = requestAnimationFrame(() => ((this.raf = 0), this.draw()));
  }

  private draw() {
    const t0 = performance.now();
    const ctx = this.ctx;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width / dpr, this.canvas.height / dpr);
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    let count = 0;
    const d = this.data;
    if (d) {
      const n = d.key.length;
      const k = this.width / (this.x1 - this.x0);
      const searching = this.search.value !== '';
      const labels: number[] = []; // nodes wide enough for a label, drawn after the boxes
      let style = '';
      const { start, depth, key: keys } = d;
      const widths = this.width_;
      const end = this.end;
      const x0 = this.x0;
      const W = this.width;
      const labelMin = this.charW * 3 + 6;
      let i = 0;
      while (i < n) {
        const s = start[i];
        const left = (s - x0) * k;
        const right = (s + widths[i] - x0) * k;
        const dep = depth[i];
        if (right <= 0 || left >= W || right - left < MIN_W || dep >= 2000) {
          i = end[i];
          continue;
        }
        const x = left < 0 ? 0 : left;
        const w = (right > W ? W : right) - x;
        const key = keys[i];
        const fill = searching ? (this.matched[key] ? '#f2a93b' : '#d9d9d9') : this.fillOf(i);
        if (fill !== style) ctx.fillStyle = style = fill;
        ctx.fillRect(x, this.rowY(dep), w > 1 ? w - 0.5 : 0.5, ROW - 1);
        if (key === this.selectedKey) labels.push(~i);
        else if (w > labelMin) labels.push(i);
        if (count >= this.rNode.length) this.ensureRects(count + 1);
        this.rNode[count] = i;
        this.rX[count] = x;
        this.rW[count] = w;
        count++;
        i++;
      }
      // labels and selection outlines in a second pass: fewer state changes
      ctx.fillStyle = '#111';
      ctx.strokeStyle = '#1a1aff';
      ctx.lineWidth = 2;
      for (const l of labels) {
        const j = l < 0 ? ~l : l;
        const left = Math.max(0, (d.start[j] - this.x0) * k);
        const w = Math.min(this.width, (d.start[j] + this.width_[j] - this.x0) * k) - left;
        const y = this.rowY(d.depth[j]);
        if (l < 0) ctx.strokeRect(left + 1, y + 1, Math.max(w - 2.5, 0.5), ROW - 3);
        if (w > this.charW * 3 + 6) {
          const name = d.names[d.key[j]];
          const max = Math.floor((w - 6) / this.charW);
          ctx.fillText(name.length > max ? name.slice(0, Math.max(1, max - 1)) + '…' : name, left + 3, y + ROW / 2);
        }
      }
    }
    this.rCount = count;
    this.lastDrawMs = performance.now() - t0;
    this.ev.onDrawn(this.lastDrawMs);
  }

  private ensureRects(n: number) {
    if (n <= this.rNode.length) return;
    const cap = Math.max(1024, this.rNode.length * 2);
    const grow = <T extends Float64Array | Uint32Array>(a: T, b: T) => (b.set(a), b);
    this.rNode = grow(this.rNode, new Uint32Array(cap));
    this.rX = grow(this.rX, new Float64Array(cap));
    this.rW = grow(this.rW, new Float64Array(cap));
  }

  private fillOf(node: number): string {
    const s = this.style;
    return s ? s.palette[s.index[node]] : this.colors[this.data!.key[node]];
  }

  private rect(j: number): FrameRect {
    const node = this.rNode[j];
    const depth = this.data!.depth[node];
    const name = this.data!.names[this.data!.key[node]];
    return { node, name, depth, x: this.rX[j], y: this.rowY(depth), w: this.rW[j], h: ROW - 1, fill: this.fillOf(node) };
  }

  /** The top of a row of boxes, in CSS px. */
  private rowY(depth: number): number {
    return (this.inverted ? Math.min(this.maxDepth, 1999) - depth : depth) * ROW;
  }

  /** The frame under a point in CSS px relative to the canvas, or null. */
  hitTest(x: number, y: number): FrameRect | null {
    const d = this.data;
    if (!d) return null;
    const row = Math.floor(y / ROW);
    const depth = this.inverted ? Math.min(this.maxDepth, 1999) - row : row;
    for (let j = this.rCount - 1; j >= 0; j--) {
      if (d.depth[this.rNode[j]] === depth && x >= this.rX[j] && x < this.rX[j] + this.rW[j]) return this.rect(j);
    }
    return null;
  }

  frameRects(): FrameRect[] {
    const out: FrameRect[] = [];
    for (let j = 0; j < this.rCount; j++) out.push(this.rect(j));
    return out;
  }

  /** The zoomed box (an index into the layout), or -1: the exports draw the same. */
  zoomRoot(): number {
    return this.zoom;
  }

  zoomedName(): string {
    return this.data && this.zoom >= 0 ? this.data.names[this.data.key[this.zoom]] : '';
  }

  private onHover(e: MouseEvent) {
    const r = this.hitTest(e.offsetX, e.offsetY);
    const d = this.data;
    if (!r || !d) {
      this.tip.hidden = true;
      return;
    }
    const i = r.node;
    const key = d.key[i];
    const total = Math.abs(d.total) || 1;
    const pct = (v: number) => `${((Math.abs(v) / total) * 100).toFixed(2)}%`;
    clear(this.tip);
    append(
      this.tip,
      h('div', { class: 'tip-name' }, d.names[key], d.inline[i] ? h('span', { class: 'inline-mark' }, ' (inline)') : null),
      d.files[key] ? h('div', { class: 'muted' }, d.files[key]) : null,
      ...(this.style
        ? this.style.tip(i)
        : [`Self: ${label(d.self[i], d.unit)} (${pct(d.self[i])})`, `Total: ${label(d.value[i], d.unit)} (${pct(d.value[i])})`]
      ).map((line) => h('div', {}, line)),
    );
    this.tip.hidden = false;
    const box = this.scroller.getBoundingClientRect();
    let left = e.clientX - box.left + this.scroller.scrollLeft + 14;
    const tipW = this.tip.offsetWidth;
    if (left + tipW > this.scroller.clientWidth) left = Math.max(0, left - tipW - 28);
    this.tip.style.left = `${left}px`;
    this.tip.style.top = `${e.clientY - box.top + this.scroller.scrollTop + 14}px`;
  }

  private onKey(e: KeyboardEvent) {
    const d = this.data;
    if (!d) return;
    const span = this.x1 - this.x0;
    const mid = this.x0 + span / 2;
    let handled = true;
    switch (e.key) {
      case '+':
      case '=':
        this.x0 = mid - span / 4;
        this.x1 = mid + span / 4;
        break;
      case '-':
      case '_': {
        let total = 0;
        for (let i = 0; i < d.key.length; i++) if (d.depth[i] === 0) total = Math.max(total, d.start[i] + this.width_[i]);
        this.x0 = Math.max(0, mid - span);
        this.x1 = Math.min(total || 1, mid + span);
        break;
      }
      case '0':
      case 'Escape':
        this.zoomTo(-1);
        break;
      case 'ArrowLeft':
        this.x0 -= span / 10;
        this.x1 -= span / 10;
        break;
      case 'ArrowRight':
        this.x0 += span / 10;
        this.x1 += span / 10;
        break;
      case 'ArrowUp':
        if (this.zoom >= 0) this.zoomTo(d.parent[this.zoom], true);
        break;
      case 'ArrowDown': {
        // zoom into the largest child of the current frame (or of the root)
        const from = this.zoom;
        let best = -1;
        const lo = from < 0 ? 0 : from + 1;
        const hi = from < 0 ? d.key.length : this.end[from];
        const want = from < 0 ? 0 : d.depth[from] + 1;
        for (let i = lo; i < hi; i = this.end[i]) if (d.depth[i] === want && (best < 0 || this.width_[i] > this.width_[best])) best = i;
        if (best >= 0) this.zoomTo(best, true);
        break;
      }
      default:
        handled = false;
    }
    if (handled) {
      e.preventDefault();
      this.schedule();
    }
  }
}
