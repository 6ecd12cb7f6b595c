// A flame graph panel: the search field and "Show as table" above, the zoom path,
// the canvas (drawn by FlameRenderer), the keys under it, a live region that says
// which frame has the keyboard focus, and the focused subtree as a treegrid.
// This class holds the state the parts share (the window held, the view, the
// zoom, the selection); interaction.ts handles the pointer and the keys.
//
// The page holds only a window of the flame graph: the engine lays out the boxes
// that overlap the view and are at least MIN_W wide at its zoom, and a zoom or
// pan that needs more asks for a new window (see flamewindows.ts), drawing the
// boxes it has meanwhile. Boxes keep their identity (`node`) across windows.
//
// Boxes are coloured by package unless a FlameStyle is given: a diff colours
// each box by its change instead (see diffcolors.ts), with its own tooltip.
import type { FlameBox, FlameResult, FlameWindow } from '../../engine/protocol';
import { packageColor } from '../colors';
import { h } from '../dom';
import type { FlameFetch } from '../flamesource';
import { FlameWindows } from '../flamewindows';
import { ZoomPath } from './crumbs';
import { FlameInteraction } from './interaction';
import { KEY_HINT } from './keys';
import { FlameRenderer } from './renderer';
import { FlameSearch } from './search';
import { SubtreeTable } from './subtree';
import { FlameTree } from './tree';
import { Viewport } from './viewport';
import './flame.css';

export interface FlameEvents {
  onSelect(name: string): void;
  onDrawn(ms: number): void;
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
  readonly renderer: FlameRenderer;
  readonly windows = new FlameWindows((w) => {
    this.use(w);
    this.schedule();
  });
  private finder: FlameSearch;
  private scroller: HTMLDivElement;
  private crumbs: ZoomPath;
  private live: HTMLParagraphElement;
  private table: SubtreeTable;
  private interaction: FlameInteraction;
  private view = new Viewport();
  private tree: FlameTree | null = null;
  private styling: FlameStyling = null;
  private style: FlameStyle | null = null;
  private colors: string[] = [];
  /** the function selected; `selectedKey` is its index in the window held */
  private selectedName = '';
  private selectedKey = -1;
  /** the zoomed box's index in the window held (-1: none, or not held) */
  private zoom = -1;
  private raf = 0;

  /**
   * `prefix` names the element ids (`flame-canvas`…), so a page can hold two graphs;
   * `inverted` draws the roots at the bottom (a callers graph grows upwards).
   */
  constructor(host: HTMLElement, private ev: FlameEvents, prefix = 'flame', inverted = false) {
    const graph = host.getAttribute('aria-label') || 'Flame graph';
    this.finder = new FlameSearch(prefix, () => this.canvas.focus());
    this.search = this.finder.input;
    this.search.addEventListener('input', () => this.setSearch(this.search.value));
    this.crumbs = new ZoomPath(graph, (box) => this.zoomToBox(box));
    this.canvas = h('canvas', {
      id: `${prefix}-canvas`,
      tabindex: 0,
      role: 'application',
      'aria-roledescription': 'flame graph',
      'aria-label': `${graph}. Arrow keys move between frames; Enter zooms; Escape zooms out.`,
      'aria-describedby': `${prefix}-keys`,
    });
    this.renderer = new FlameRenderer(this.canvas, inverted);
    this.scroller = h('div', { class: 'flame-scroll' }, this.canvas);
    this.live = h('p', { class: 'sr-only', role: 'status', id: `${prefix}-said` });
    this.table = new SubtreeTable(prefix, graph, (i) => this.zoomTo(i, true));
    this.interaction = new FlameInteraction(this.canvas, this.scroller, {
      tree: () => this.tree,
      view: this.view,
      renderer: this.renderer,
      zoomed: () => this.zoom,
      zoomTo: (i, select) => this.zoomTo(i, select),
      select: (i) => this.selectBox(i),
      subtree: (i) => this.table.show(this.tree, i),
      tipLines: (i) => this.style?.tip(i) ?? null,
      say: (text) => (this.live.textContent = text),
      redraw: () => this.schedule(),
    });
    host.append(
      h('div', { class: 'flame-tools' }, this.search, this.finder.share, this.table.toggle),
      this.crumbs.el,
      this.scroller,
      h('p', { class: 'muted hint', id: `${prefix}-keys` }, KEY_HINT),
      this.live,
      this.table.el,
    );
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
    this.view.reset(data?.total ?? 1);
    this.selectedKey = -1;
    this.selectedName = '';
    this.interaction.tip.hide();
    this.interaction.focus.clear();
    this.use(data);
    this.setSearch(this.search.value);
  }

  /** The window a view of this width asks for first: the whole graph, boxes of MIN_W px and up. */
  firstWindow(): FlameWindow {
    // the width last laid out, else the window's: reading the element's would lay the
    // page out in the middle of building it (a wider guess only asks for more boxes)
    return this.windows.first(this.view.width || window.innerWidth || 1000);
  }

  /** The window held, as a tree (null: nothing shown). */
  get held(): FlameTree | null {
    return this.tree;
  }

  /** Makes `data` the window drawn: its tree, colours, style, and where the zoom is in it. */
  private use(data: FlameResult | null) {
    const t = (this.tree = data ? new FlameTree(data) : null);
    // each window names its own functions (key indexes its names)
    this.colors = data ? data.names.map(packageColor) : [];
    this.selectedKey = data && this.selectedName ? data.names.indexOf(this.selectedName) : -1;
    this.finder.use(data);
    this.style = !data ? null : typeof this.styling === 'function' ? this.styling(data) : this.styling;
    this.zoom = this.view.box && t ? t.indexOf(this.view.box.node) : -1;
    this.crumbs.render(t, this.zoom);
    this.table.show(t, this.interaction.focus.index(t));
    this.resize();
  }

  /** Re-colours the same data (e.g. absolute vs relative), keeping the zoom. */
  setStyle(styling: FlameStyling) {
    this.styling = styling;
    this.style = typeof styling === 'function' ? (this.tree ? styling(this.tree.data) : null) : styling;
    this.schedule();
  }

  /**
   * Zooms to the widest box of this function, and selects it; false if the graph
   * has no such function. With a fetcher the engine finds the box (it may be too
   * narrow to be in the window held).
   */
  zoomToName(name: string): boolean {
    const t = this.tree;
    const f = this.windows.source;
    if (t && f) {
      // the window held names only the functions it shows; the engine knows them all
      const isCurrent = this.windows.current();
      void f.find(name).then((box) => {
        if (!box || !isCurrent()) return;
        this.zoomToBox(box);
        this.select(name);
      });
      return true;
    }
    const key = t ? t.data.names.indexOf(name) : -1;
    if (!t || key < 0) return false;
    let best = -1;
    for (let i = 0; i < t.size; i++) if (t.data.key[i] === key && (best < 0 || t.width[i] > t.width[best])) best = i;
    if (best < 0) return false;
    this.zoomTo(best);
    this.select(name);
    return true;
  }

  /** Highlight every frame of this function (from the table); '' clears. */
  select(name: string) {
    this.selectedName = name;
    this.selectedKey = this.tree && name ? this.tree.data.names.indexOf(name) : -1;
    this.schedule();
  }

  setSearch(text: string) {
    this.finder.set(text, this.tree?.data ?? null, () => this.windows.source);
    this.schedule();
  }

  focusSearch() {
    this.finder.focus();
  }

  /** Zooms to a box of the data by its index (-1: everything); `select` selects its function too. */
  zoomTo(node: number, select = false) {
    const t = this.tree;
    if (!t) return;
    if (node < 0) return this.zoomToBox(null);
    this.zoomToBox({ node: t.data.node[node], start: t.data.start[node], width: t.width[node] });
    this.interaction.focus.set(t, node, false);
    this.table.show(t, node);
    if (select) this.selectBox(node);
  }

  /** Zooms to a box by identity (null: everything); its window is fetched if not held. */
  zoomToBox(box: FlameBox | null) {
    const t = this.tree;
    if (!t) return;
    this.view.zoomTo(box);
    this.zoom = box ? t.indexOf(box.node) : -1;
    this.crumbs.render(t, this.zoom);
    this.schedule();
  }

  /** What a click at a point (CSS px relative to the canvas) does: zoom to the box there. */
  clickAt(x: number, y: number) {
    this.interaction.clickAt(x, y);
  }

  /** The zoomed box's node id, or -1: the exports draw the same. */
  zoomRoot(): number {
    return this.view.box ? this.view.box.node : -1;
  }

  zoomedName(): string {
    return this.tree && this.zoom >= 0 ? this.tree.name(this.zoom) : '';
  }

  private selectBox(i: number) {
    const t = this.tree!;
    this.selectedKey = t.data.key[i];
    this.selectedName = t.name(i);
    this.ev.onSelect(this.selectedName);
  }

  private resize() {
    const w = Math.max(100, this.scroller.clientWidth);
    this.view.width = w;
    this.renderer.resize(w, this.tree?.maxDepth ?? 0);
    this.schedule();
  }

  private schedule() {
    const v = this.view;
    this.windows.ensure(this.tree?.data ?? null, { x0: v.x0, x1: v.x1, width: v.width });
    if (!this.raf) this.raf = requestAnimationFrame(() => ((this.raf = 0), this.draw()));
  }

  private draw() {
    this.renderer.draw({
      tree: this.tree,
      view: this.view,
      fill: (i) => (this.style ? this.style.palette[this.style.index[i]] : this.colors[this.tree!.data.key[i]]),
      matched: this.finder.matched,
      searching: this.finder.text !== '',
      selectedKey: this.selectedKey,
      focused: this.interaction.ringed(),
    });
    this.ev.onDrawn(this.renderer.lastDrawMs);
  }
}
