// What part of the flame graph is on screen: the value range [x0, x1) drawn across
// `width` CSS pixels, and the zoomed box. The zoom is held as a box (its node is its
// identity across windows), not as an index into one window.
import type { FlameBox } from '../../engine/protocol';
import { MIN_W } from '../flamewindows';
import type { FlameTree } from './tree';

export class Viewport {
  x0 = 0;
  x1 = 1;
  /** CSS pixels the range is drawn across */
  width = 0;
  /** the zoomed box, or null for everything */
  box: FlameBox | null = null;
  private total = 1;

  /** A new graph of this total: everything shown, no zoom. */
  reset(total: number) {
    this.total = total || 1;
    this.box = null;
    this.x0 = 0;
    this.x1 = this.total;
  }

  zoomTo(box: FlameBox | null) {
    this.box = box;
    this.x0 = box ? box.start : 0;
    this.x1 = box ? box.start + Math.max(box.width, 1e-9) : this.total;
  }

  /** Scales the range around its middle: 0.5 zooms in twice, 2 out. */
  scale(by: number) {
    const span = this.x1 - this.x0;
    const mid = this.x0 + span / 2;
    this.x0 = mid - (span * by) / 2;
    this.x1 = mid + (span * by) / 2;
    if (by > 1) {
      this.x0 = Math.max(0, this.x0);
      this.x1 = Math.min(this.total, this.x1);
    }
  }

  /** Moves the range by a share of its span (negative: to the left). */
  pan(share: number) {
    const d = (this.x1 - this.x0) * share;
    this.x0 += d;
    this.x1 += d;
  }

  /** Pixels per value unit. */
  get k(): number {
    return this.width / (this.x1 - this.x0);
  }

  /** The box's left edge and width in CSS px, clipped to the view. */
  span(start: number, w: number): { x: number; w: number } {
    const k = this.k;
    const left = Math.max(0, (start - this.x0) * k);
    return { x: left, w: Math.min(this.width, (start + w - this.x0) * k) - left };
  }

  /** True if box `i` of `tree` is drawn: on screen and at least MIN_W wide (so are its ancestors). */
  shows(tree: FlameTree, i: number): boolean {
    const k = this.k;
    const s = tree.data.start[i];
    const left = (s - this.x0) * k;
    const right = (s + tree.width[i] - this.x0) * k;
    return right > 0 && left < this.width && right - left >= MIN_W && tree.data.depth[i] < MAX_ROWS;
  }
}

/** Rows beyond this depth are not drawn. */
export const MAX_ROWS = 2000;
