// The workspace: one tab per registered view, and one view's panel on screen at
// a time. A 'split' view's panel sits above the shared flame graph (the divider
// of split.ts between them); a 'whole' view's panel takes the whole area. Tabs
// are enabled by what the open profiles give each view (its `applies`), and
// focus never stays on an element that a switch hid: it goes to the new view's
// tab (or, when an action opened the view, to the view itself).
import type { Scope } from '../state/store';
import { Tabs } from '../views/tabs';
import type { Applies, View } from '../views/view';

/** Why a tab is disabled, when the view says nothing itself. */
const NEEDS: Record<Applies, (s: Scope) => string> = {
  // one-profile views show their own "open a profile" note
  profile: () => '',
  pair: (s) => (s.pair ? '' : 'Open two profiles of the same kind to compare them.'),
  series: (s) => (s.series.length >= 2 ? '' : 'Open two or more snapshots of one program to see a trend.'),
  dump: (s) => (s.dump ? '' : 'Open a goroutine dump (the text of /debug/pprof/goroutine?debug=2 or debug=1) to see its groups.'),
  program: (s) => (s.program.length ? '' : 'Open the profiles of a program to see what they say together.'),
};

export interface WorkspaceEvents {
  /** a view is now on screen (after a tab was chosen, or `show`): draw it */
  onShow(view: View, chosen: boolean): void;
}

export class Workspace {
  private readonly byId = new Map<string, View>();
  private readonly tabs: Tabs;
  current: View;

  /**
   * `panels` receives the views' panels, `tabsHost` the tablist; `root` (the
   * views' box) carries the shown view's layout as data-layout.
   */
  constructor(
    readonly views: readonly View[],
    private readonly root: HTMLElement,
    tabsHost: HTMLElement,
    panels: HTMLElement,
    private readonly ev: WorkspaceEvents,
  ) {
    for (const v of views) {
      this.byId.set(v.id, v);
      v.panel.classList.add('view-panel', `layout-${v.layout}`);
      panels.append(v.panel);
    }
    this.current = views[0];
    this.tabs = new Tabs(
      tabsHost,
      views.map((v) => ({ view: v.id, title: v.label, panel: v.panel })),
      (id) => this.switchTo(id, true),
    );
    this.root.dataset.layout = this.current.layout;
  }

  get(id: string): View | undefined {
    return this.byId.get(id);
  }

  /** Enables each tab for what `scope` gives its view, saying why when it cannot show. */
  refresh(scope: Scope) {
    for (const v of this.views) {
      const why = v.unavailable ? v.unavailable(scope) : NEEDS[v.applies](scope);
      this.tabs.enable(v.id, !why, why);
    }
  }

  /** The first registered view that applies to `kind` (the Trend for a series, ...). */
  first(kind: Applies): string {
    return (this.views.find((v) => v.applies === kind) ?? this.views[0]).id;
  }

  enabled(id: string): boolean {
    return this.byId.has(id) && this.tabs.enabled(id);
  }

  /** Shows a view (the first enabled one if it cannot show), and draws it. */
  show(id: string) {
    this.switchTo(this.place(id), false);
  }

  /** Puts a view's panel on screen without drawing it (at start-up, with nothing open); its id. */
  place(id: string): string {
    const target = this.enabled(id) ? id : (this.views.find((v) => this.tabs.enabled(v.id))?.id ?? this.views[0].id);
    this.tabs.show(target);
    this.current = this.byId.get(target)!;
    this.root.dataset.layout = this.current.layout;
    return target;
  }

  /** Moves focus into the shown view (after an action opened it, e.g. "Show in sandwich"). */
  focusView() {
    (this.current.focusTarget() ?? this.tabs.activeTab()).focus({ preventScroll: true });
  }

  /** Focus never stays on what is no longer on screen, nor on the page itself. */
  rescueFocus() {
    const a = document.activeElement as HTMLElement | null;
    if (!a || a === document.body || !a.isConnected || !a.getClientRects().length) this.tabs.activeTab().focus({ preventScroll: true });
  }

  private switchTo(id: string, chosen: boolean) {
    const v = this.byId.get(id)!;
    this.current = v;
    this.root.dataset.layout = v.layout;
    this.ev.onShow(v, chosen);
    this.rescueFocus();
  }
}
