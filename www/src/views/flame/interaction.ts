// What the pointer and the keys do on a flame graph's canvas: hover shows a
// tooltip, a click zooms to the frame, the keys (keys.ts) move the focus frame by
// frame, zoom and pan, and the function menu opens at the focused frame. The
// state they act on (the window held, the view, the zoom, the selection) is the
// panel's, reached through a FlameTarget.
import { menuAnchors } from '../contextmenu';
import { FrameFocus, describe, type Move } from './focus';
import { flameKey, type KeyActions } from './keys';
import { ROW, type FlameRenderer } from './renderer';
import { Tooltip } from './tooltip';
import type { FlameTree } from './tree';
import type { Viewport } from './viewport';

/** The panel's state and actions, as the pointer and the keys need them. */
export interface FlameTarget {
  tree(): FlameTree | null;
  readonly view: Viewport;
  readonly renderer: FlameRenderer;
  /** the zoomed box's index in the tree, -1 for none */
  zoomed(): number;
  /** zooms to box i (-1: everything); `select` selects its function too */
  zoomTo(i: number, select?: boolean): void;
  /** selects box i's function (as a click on its table row would) */
  select(i: number): void;
  /** lists box i's subtree in the table, if shown */
  subtree(i: number): void;
  /** a style's tooltip lines for box i, or null for Self and Total */
  tipLines(i: number): string[] | null;
  /** puts a sentence in the live region */
  say(text: string): void;
  redraw(): void;
}

export class FlameInteraction {
  readonly focus: FrameFocus;
  readonly tip: Tooltip;
  /** the focus ring shows after keys, not after a click */
  private keyboard = false;

  constructor(private canvas: HTMLCanvasElement, scroller: HTMLElement, private g: FlameTarget) {
    this.tip = new Tooltip(scroller);
    scroller.append(this.tip.el);
    this.focus = new FrameFocus((text) => g.say(text));
    canvas.addEventListener('mousemove', (e) => this.onHover(e));
    canvas.addEventListener('mouseleave', () => this.tip.hide());
    canvas.addEventListener('mousedown', () => (this.keyboard = false));
    canvas.addEventListener('click', (e) => this.clickAt(e.offsetX, e.offsetY));
    canvas.addEventListener('keydown', (e) => this.onKey(e));
    canvas.addEventListener('focus', () => this.onFocus());
    canvas.addEventListener('blur', () => g.redraw());
    menuAnchors.set(canvas, () => this.focusRect());
  }

  /** The box to draw the focus ring around, or -1 (the canvas has no keyboard focus). */
  ringed(): number {
    return this.keyboard && document.activeElement === this.canvas ? this.focus.index(this.g.tree()) : -1;
  }

  /** What a click at a point (CSS px relative to the canvas) does: zoom to the box there. */
  clickAt(x: number, y: number) {
    const r = this.g.renderer;
    const j = r.hit(x, y);
    if (j >= 0) this.g.zoomTo(r.drawnBox(j), true);
  }

  /** True if box `i` is drawn in the view: the keys move only among those. */
  private readonly drawn = (i: number) => {
    const t = this.g.tree();
    return !!t && this.g.view.shows(t, i);
  };

  private onHover(e: MouseEvent) {
    const t = this.g.tree();
    const j = this.g.renderer.hit(e.offsetX, e.offsetY);
    if (j < 0 || !t) return this.tip.hide();
    const i = this.g.renderer.drawnBox(j);
    this.tip.show(t, i, e, this.g.tipLines(i));
  }

  /** The canvas says which frame has the focus; the ring shows when the focus came from the keyboard. */
  private onFocus() {
    this.keyboard = this.canvas.matches(':focus-visible');
    const t = this.g.tree();
    if (t) this.g.subtree(this.focus.ensure(t, this.g.zoomed(), this.drawn));
    this.g.redraw();
  }

  /** The focused box, after making sure there is one. */
  private focused(t: FlameTree): number {
    const i = this.focus.index(t);
    return i >= 0 ? i : this.focus.ensure(t, this.g.zoomed(), this.drawn);
  }

  private readonly actions = (t: FlameTree): KeyActions => ({
    move: (how: Move) => {
      const i = this.focus.index(t) >= 0 ? this.focus.move(t, how, this.drawn) : this.focused(t);
      if (i >= 0) this.g.select(i);
      this.g.subtree(i);
    },
    zoomFocused: () => {
      const i = this.focused(t);
      if (i < 0) return;
      this.g.zoomTo(i, true);
      this.g.say(`Zoomed to ${describe(t, i)}`);
    },
    zoomOut: () => {
      const z = this.g.zoomed();
      const to = z >= 0 ? t.data.parent[z] : -1;
      this.g.zoomTo(to, to >= 0);
      this.g.say(to >= 0 ? `Zoomed out to ${describe(t, to)}` : 'Whole graph shown');
    },
    reset: () => {
      this.g.zoomTo(-1);
      this.g.say('Whole graph shown');
    },
    scale: (by) => this.g.view.scale(by),
    pan: (share) => this.g.view.pan(share),
  });

  private onKey(e: KeyboardEvent) {
    const t = this.g.tree();
    if (!t) return;
    if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      // the function menu acts on the selection: make it the focused frame's
      const i = this.focus.index(t);
      if (i >= 0) this.g.select(i);
      return;
    }
    if (!flameKey(e, this.actions(t))) return;
    e.preventDefault();
    this.keyboard = true;
    this.g.redraw();
  }

  /** Where the focused frame is on the page (the function menu opens there), or null. */
  private focusRect(): DOMRect | null {
    const t = this.g.tree();
    const i = this.focus.index(t);
    if (!t || i < 0 || !this.g.view.shows(t, i)) return null;
    const c = this.canvas.getBoundingClientRect();
    const { x, w } = this.g.view.span(t.data.start[i], t.width[i]);
    return new DOMRect(c.left + x, c.top + this.g.renderer.rowY(t.data.depth[i]), w, ROW);
  }
}
