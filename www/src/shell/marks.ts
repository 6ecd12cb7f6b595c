// Timestamps (performance.now()) for tests and the benchmarks, read as
// window.__proflens.marks:
//  - open → read → loaded → top (rows arrived) → table (painted) → flame (first
//    frame): a batch of files opened, to the shown view's first table and flame;
//  - change → changeTable → changeFlame: the transform stack changed (bench:transform);
//  - tab → tabTable → tabFlame: a tab was chosen, to its table and its flame graph
//    painted (bench_tabs).
// Views report what they drew through ViewHost.drew; the flame graph its frames.

export class Marks {
  readonly m = {
    open: 0, read: 0, loaded: 0, top: 0, table: 0, flame: 0, flameFrames: 0,
    change: 0, changeTable: 0, changeFlame: 0, tab: 0, tabTable: 0, tabFlame: 0,
  };
  /** the shown view has given its flame graph its data (its next frame is the first) */
  private flameReady = false;
  private changeFlameReady = false;
  private tabFlameReady = false;

  /** A batch of files starts opening. */
  opening() {
    const m = this.m;
    m.open = performance.now();
    m.table = m.flame = m.read = m.loaded = m.top = 0;
    this.flameReady = false;
  }

  /** The transform stack changed. */
  transformChanged() {
    this.m.change = performance.now();
    this.m.changeTable = this.m.changeFlame = 0;
    this.changeFlameReady = false;
  }

  /** A tab was chosen. */
  tabChosen() {
    this.m.tab = performance.now();
    this.m.tabTable = this.m.tabFlame = 0;
    this.tabFlameReady = false;
  }

  /** A view drew its table (times taken at the next frame, once painted) or gave its flame graph data. */
  drew(what: 'table' | 'flame') {
    const m = this.m;
    if (what === 'flame') {
      this.flameReady = this.changeFlameReady = this.tabFlameReady = true;
      return;
    }
    if (!m.top) m.top = performance.now();
    const painted = (f: () => void) => requestAnimationFrame(f);
    if (m.open && !m.table) painted(() => (m.table ||= performance.now()));
    if (m.change && !m.changeTable) painted(() => (m.changeTable ||= performance.now()));
    if (m.tab && !m.tabTable) painted(() => (m.tabTable ||= performance.now()));
  }

  /** The shared flame graph drew a frame. */
  flameDrawn() {
    const m = this.m;
    const now = performance.now();
    if (m.open && !m.flame && this.flameReady) m.flame = now;
    if (m.change && !m.changeFlame && this.changeFlameReady) m.changeFlame = now;
    if (m.tab && !m.tabFlame && this.tabFlameReady) m.tabFlame = now;
    m.flameFrames++;
  }
}
