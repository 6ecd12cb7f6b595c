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
// The page holds only a window of the flame graph: the engine lays out the
// boxes that overlap the view and are at least MIN_W wide at its zoom, and a
// zoom or pan that needs more asks for a new window (see flamewindows.ts),
// drawing the boxes it has meanwhile. Boxes keep their identity (`node`)
// across windows; the zoom is held as a box, not as an index.
//
// Boxes are coloured by package unless a FlameStyle is given: a diff colours
// each box by its change instead (see diffcolors.ts), with its own tooltip.
import type { FlameBox, FlameResult, FlameWindow } from '../engine/protocol';
import { label } from '../format/units';
import { packageColor } from './colors';
import { inkFor } from './ink';
import { SEARCH_HIT, SEARCH_MISS } from './palettes';
import { append, clear, h } from './dom';
import type { FlameFetch } from './flamesource';
import { FlameWindows, MIN_W } from './flamewindows';

const ROW = 18;
const FONT = '11px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

export interface FlameEvents {
  onSelect(name: string): void;
  onDrawn(ms: number): void;
}

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

/** A style, or how to make one for each window of the data. */
export type FlameStyling = FlameStyle | ((d: FlameResult) => FlameStyle) | null;

export class FlameGraph {
  readonly canvas: HTMLCanvasElement;
  readonly search: HTMLInputElement;
  private scroller: HTMLDivElement;
  private crumbs: HTMLElement;
  private share: HTMLSpanElement;
  private tip: HTMLDivElement;
  private ctx: CanvasRenderingContext2D;

  private data: FlameResult | null = null;
  private windows = new FlameWindows((w) => {
    this.use(w);
    this.schedule();
  });
  private styling: FlameStyling = null;
  private end = new Uint32Array(0);
  /** box widths in value units */
  private width_: ArrayLike<number> = new Float64Array(0);
  private maxDepth = 0;
  private colors: string[] = [];
  private style: FlameStyle | null = null;
  private matched = new Uint8Array(0); // per name index
  private selectedKey = -1;
  /** the function selected; `selectedKey` is its index in the window held */
  private selectedName = '';
  /** the zoomed box, or null for everything; `zoom` is its index in the data (-1 if absent) */
  private zoomBox: FlameBox | null = null;
  private zoom = -1;
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
    this.canvas.addEventListener('click', (e) => this.clickAt(e.offsetX, e.offsetY));
    this.canvas.addEventListener('keydown', (e) => this.onKey(e));
    this.ctx.font = FONT;
    this.charW = this.ctx.measureText('mmmmmmmmmm').width / 10 || 6.6;
    new ResizeObserver(() => this.resize()).observe(this.scroller);
    matchMedia(`(resolution: ${devicePixelRatio}dppx)`).addEventListener?.('change', () => this.resize());
  }

  /**
   * Shows a flame graph: `data` is its first window (or all of it), `styling` its
   * colours, and `fetcher` where more windows come from (none: `data` is all of it).
   */
  setData(data: FlameResult | null, styling: FlameStyling = null, fetcher: FlameFetch | null = null) {
    this.styling = styling;
    this.windows.reset(data, fetcher);
    this.zoomBox = null;
    this.selectedKey = -1;
    this.selectedName = '';
    this.tip.hidden = true;
    this.x0 = 0;
    this.x1 = data?.total || 1;
    this.use(data);
    this.resetX();
    this.setSearch(this.search.value);
  }

  /** Windows fetched since the data was set, and those not yet answered (for tests). */
  get fetches() {
    return this.windows.fetches;
  }

  get inFlight() {
    return this.windows.inFlight;
  }

  /** Lazy windows (the default) or the whole graph held at once (for tests: they draw the same). */
  setLazy(on: boolean) {
    this.windows.setLazy(on);
  }

  /** The window a view of this width asks for first: the whole graph, boxes of MIN_W px and up. */
  firstWindow(): FlameWindow {
    // the width last laid out, else the window's: reading the element's would lay the
    // page out in the middle of building it (a wider guess only asks for more boxes)
    return this.windows.first(this.width || window.innerWidth || 1000);
  }

  /** Makes `data` the window drawn: its subtree ends, depth, style, and where the zoom is in it. */
  private use(data: FlameResult | null) {
    this.data = data;
    // each window names its own functions (key indexes its names)
    this.colors = data ? data.names.map(packageColor) : [];
    this.selectedKey = data && this.selectedName ? data.names.indexOf(this.selectedName) : -1;
    this.matched = matchedNames(data, this.search.value);
    if (!data) {
      this.end = new Uint32Array(0);
      this.maxDepth = 0;
      this.style = null;
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
      this.style = typeof this.styling === 'function' ? this.styling(data) : this.styling;
    }
    this.zoom = this.zoomBox && data ? data.node.indexOf(this.zoomBox.node) : -1;
    this.renderCrumbs();
    this.resize();
  }

  /** Re-colours the same data (e.g. absolute vs relative), keeping the zoom. */
  setStyle(styling: FlameStyling) {
    this.styling = styling;
    this.style = typeof styling === 'function' ? (this.data ? styling(this.data) : null) : styling;
    this.schedule();
  }

  /**
   * Zooms to the widest box of this function, and selects it; false if the graph
   * has no such function. With a fetcher the engine finds the box (it may be too
   * narrow to be in the window held).
   */
  zoomToName(name: string): boolean {
    const d = this.data;
    const f = this.windows.source;
    if (d && f) {
      // the window held names only the functions it shows; the engine knows them all
      const isCurrent = this.windows.current();
      void f.find(name).then((box) => {
        if (!box || !isCurrent()) return;
        this.zoomToBox(box);
        this.select(name);
      });
      return true;
    }
    const key = d ? d.names.indexOf(name) : -1;
    if (!d || key < 0) return false;
    let best = -1;
    for (let i = 0; i < d.key.length; i++) if (d.key[i] === key && (best < 0 || this.width_[i] > this.width_[best])) best = i;
    if (best < 0) return false;
    this.zoomTo(best);
    this.select(name);
    return true;
  }

  /** Highlight every frame of this function (from the table); '' clears. */
  select(name: string) {
    this.selectedName = name;
    this.selectedKey = this.data && name ? this.data.names.indexOf(name) : -1;
    this.schedule();
  }

  setSearch(text: string) {
    if (this.search.value !== text) this.search.value = text;
    const d = this.data;
    this.matched = matchedNames(d, text);
    if (d && text) {
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
      const show = (sum: number) => {
        const pct = d.total ? (Math.abs(sum) / Math.abs(d.total)) * 100 : 0;
        this.share.textContent = `Matched: ${label(sum, d.unit)} (${pct.toFixed(2)}% of total)`;
      };
      // The boxes held give a first figure; the engine counts the ones too narrow to hold.
      show(sum);
      const f = this.windows.source;
      if (f) void f.match(text).then((v) => this.search.value === text && this.windows.source === f && show(v), () => {});
    } else this.share.textContent = '';
    this.schedule();
  }

  focusSearch() {
    this.search.focus();
    this.search.select();
  }

  /** Zooms to a box of the data by its index (-1: everything). */
  zoomTo(node: number, select = false) {
    const d = this.data;
    if (!d) return;
    if (node < 0) this.zoomToBox(null);
    else {
      this.zoomToBox({ node: d.node[node], start: d.start[node], width: this.width_[node] });
      if (select) {
        this.selectedKey = d.key[node];
        this.selectedName = d.names[d.key[node]];
        this.ev.onSelect(this.selectedName);
      }
    }
  }

  /** Zooms to a box by identity (null: everything); its window is fetched if not held. */
  zoomToBox(box: FlameBox | null) {
    const d = this.data;
    if (!d) return;
    this.zoomBox = box;
    if (!box) {
      this.zoom = -1;
      this.resetX();
    } else {
      this.zoom = d.node.indexOf(box.node);
      this.x0 = box.start;
      this.x1 = box.start + Math.max(box.width, 1e-9);
      this.renderCrumbs();
    }
    this.schedule();
  }

  private resetX() {
    this.x0 = 0;
    this.x1 = this.data?.total || 1;
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
      const box = { node: d.node[n], start: d.start[n], width: this.width_[n] };
      b.addEventListener('click', () => this.zoomToBox(box));
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
    // a canvas given its own size again still drops its pixels and reallocates
    const [cw, ch] = [Math.round(w * dpr), Math.round(hgt * dpr)];
    if (this.canvas.width !== cw) this.canvas.width = cw;
    if (this.canvas.height !== ch) this.canvas.height = ch;
    this.schedule();
  }

  private schedule() {
    this.windows.ensure(this.data, { x0: this.x0, x1: this.x1, width: this.width });
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
        const fill = searching ? (this.matched[key] ? SEARCH_HIT : SEARCH_MISS) : this.fillOf(i);
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
      let ink = '';
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
          const want = inkFor(searching ? (this.matched[d.key[j]] ? SEARCH_HIT : SEARCH_MISS) : this.fillOf(j));
          if (want !== ink) ctx.fillStyle = ink = want;
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
    const i = this.rNode[j];
    const d = this.data!;
    const depth = d.depth[i];
    const name = d.names[d.key[i]];
    return { node: d.node[i], name, depth, x: this.rX[j], y: this.rowY(depth), w: this.rW[j], h: ROW - 1, fill: this.fillOf(i) };
  }

  /** The top of a row of boxes, in CSS px. */
  private rowY(depth: number): number {
    return (this.inverted ? Math.min(this.maxDepth, 1999) - depth : depth) * ROW;
  }

  /** Which drawn box is under a point in CSS px relative to the canvas, or -1. */
  private hitIndex(x: number, y: number): number {
    const d = this.data;
    if (!d) return -1;
    const row = Math.floor(y / ROW);
    const depth = this.inverted ? Math.min(this.maxDepth, 1999) - row : row;
    for (let j = this.rCount - 1; j >= 0; j--) {
      if (d.depth[this.rNode[j]] === depth && x >= this.rX[j] && x < this.rX[j] + this.rW[j]) return j;
    }
    return -1;
  }

  /** What a click at a point (CSS px relative to the canvas) does: zoom to the box there. */
  clickAt(x: number, y: number) {
    const j = this.hitIndex(x, y);
    if (j >= 0) this.zoomTo(this.rNode[j], true);
  }

  /** The frame under a point in CSS px relative to the canvas, or null. */
  hitTest(x: number, y: number): FrameRect | null {
    const j = this.hitIndex(x, y);
    return j < 0 ? null : this.rect(j);
  }

  frameRects(): FrameRect[] {
    const out: FrameRect[] = [];
    for (let j = 0; j < this.rCount; j++) out.push(this.rect(j));
    return out;
  }

  /** How many boxes the window held has. */
  heldCount(): number {
    return this.data ? this.data.key.length : 0;
  }

  /** The zoomed box's node id, or -1: the exports draw the same. */
  zoomRoot(): number {
    return this.zoomBox ? this.zoomBox.node : -1;
  }

  zoomedName(): string {
    return this.data && this.zoom >= 0 ? this.data.names[this.data.key[this.zoom]] : '';
  }

  private onHover(e: MouseEvent) {
    const j = this.hitIndex(e.offsetX, e.offsetY);
    const d = this.data;
    if (j < 0 || !d) {
      this.tip.hidden = true;
      return;
    }
    const i = this.rNode[j];
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
      case '_':
        this.x0 = Math.max(0, mid - span);
        this.x1 = Math.min(d.total || 1, mid + span);
        break;
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

/** Per name of `d`: 1 if it contains the search text (any case). */
function matchedNames(d: FlameResult | null, text: string): Uint8Array<ArrayBuffer> {
  const m = new Uint8Array(d ? d.names.length : 0);
  if (d && text) {
    const needle = text.toLowerCase();
    d.names.forEach((n, i) => (m[i] = n.toLowerCase().includes(needle) ? 1 : 0));
  }
  return m;
}
