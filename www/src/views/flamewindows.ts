// Which windows of a lazily fetched flame graph the page holds, and when to ask
// for another. The engine keeps the whole graph; the page holds its first window
// (the whole graph at the first width, "home") and the window drawn. As the view
// zooms or pans, `ensure` asks for a window that covers it with boxes at least
// MIN_W pixels wide, reaching half a view past each side so a few pans need
// nothing new. Answers to requests overtaken by a newer one are dropped.
import type { FlameResult, FlameWindow } from '../engine/protocol';
import type { FlameFetch } from './flamesource';

/** The narrowest box drawn, in CSS pixels. */
export const MIN_W = 0.5;
/** Windows are asked with a slightly smaller minimum, so rounding never drops a box the view draws. */
const SLACK = 0.98;

/** The value range the view shows and its width in pixels. */
export interface FlameView {
  x0: number;
  x1: number;
  width: number;
}

export class FlameWindows {
  /** the first window: zooming out returns to it */
  home: FlameResult | null = null;
  private fetcher: FlameFetch | null = null;
  /** bumped per window asked for: a late answer to an older one is dropped */
  private asked = 0;
  /** windows fetched since the data was set, and those not yet answered (for tests) */
  fetches = 0;
  inFlight = 0;
  /** false: ask for the whole graph once and never a window (for tests) */
  lazy = true;

  /** `show` draws a window that arrived (or home again). */
  constructor(private show: (w: FlameResult) => void) {}

  /** Where more windows come from, if anywhere. */
  get source(): FlameFetch | null {
    return this.fetcher;
  }

  /** A new graph: `home` is its first window, `fetcher` where the rest is. */
  reset(home: FlameResult | null, fetcher: FlameFetch | null) {
    this.home = home;
    this.fetcher = fetcher;
    this.fetches = 0;
    this.asked++;
    if (!this.lazy) this.loadAll();
  }

  /** True while nothing newer was asked since this was called: for answers that come later. */
  current(): () => boolean {
    const asked = this.asked;
    return () => asked === this.asked;
  }

  /** Lazy windows (the default) or the whole graph held at once (they draw the same). */
  setLazy(on: boolean) {
    this.lazy = on;
    if (!on) this.loadAll();
  }

  /** The window a view `width` pixels wide asks for first: the whole graph, boxes of MIN_W px and up. */
  first(width: number): FlameWindow {
    return { lo: 0, hi: Infinity, minFraction: this.lazy ? (MIN_W * SLACK) / Math.max(100, width) : 0 };
  }

  /** Asks for the window `view` needs unless `held` (or home) covers it. */
  ensure(held: FlameResult | null, view: FlameView) {
    const f = this.fetcher;
    if (!held || !f || !this.lazy || view.width <= 0) return;
    const { x0, x1, width } = view;
    const lo = Math.max(x0, 0);
    const hi = Math.min(x1, held.total);
    const minW = (MIN_W * (x1 - x0)) / width;
    const covers = (w: FlameResult) => w.lo <= lo && w.hi >= hi && w.minWidth <= minW;
    if (covers(held)) return;
    this.asked++;
    if (this.home && covers(this.home)) {
      this.show(this.home);
      return;
    }
    const span = x1 - x0;
    const want = { lo: Math.max(0, x0 - span / 2), hi: Math.min(held.total, x1 + span / 2) };
    this.fetch({ ...want, minFraction: (minW * SLACK) / Math.max(want.hi - want.lo, 1e-300) }, () => {});
  }

  /** Fetches the whole graph and holds it as home. */
  private loadAll() {
    if (!this.home || !this.fetcher) return;
    this.asked++;
    this.fetch({ lo: 0, hi: Infinity, minFraction: 0 }, (all) => (this.home = all));
  }

  private fetch(w: FlameWindow, keep: (w: FlameResult) => void) {
    const isCurrent = this.current();
    this.fetches++;
    this.inFlight++;
    void this.fetcher!.window(w)
      .then(
        (r) => {
          if (!isCurrent()) return;
          keep(r);
          this.show(r);
        },
        () => {}, // the boxes already shown stay
      )
      .finally(() => this.inFlight--);
  }
}
