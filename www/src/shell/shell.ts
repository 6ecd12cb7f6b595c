// The shell: what every view gets (the ViewHost), and the one place that decides
// which view is on screen and redraws it. It holds no profile data of its own:
// the profiles and what is made from them are the store's, the view state the URL's.
import type { EngineClient } from '../engine/client';
import type { DiffKeeper } from '../engine/diffs';
import type { Summary } from '../engine/protocol';
import type { Store } from '../state/store';
import { writeHash, type ViewState } from '../state/url';
import type { FlamePanel } from '../views/flamepanel';
import type { View, ViewHost } from '../views/view';
import type { Marks } from './marks';
import type { Workspace } from './workspace';

/** What the shell tells the page around the views (the header, the side panel). */
export interface ShellEvents {
  /** a view is on screen: the header lists the sample types of `summary` */
  onShown(view: View, summary: Summary | null): void;
  /** the table shows this engine profile (null: none): the side panel's labels */
  onShowing(profile: number | null, sampleIndex: number): void;
  error(file: string, message: string): void;
}

export class Shell implements ViewHost {
  workspace!: Workspace;

  constructor(
    readonly engine: EngineClient,
    readonly store: Store,
    readonly state: ViewState,
    readonly panel: FlamePanel,
    readonly diffs: DiffKeeper,
    readonly marks: Marks,
    private readonly ev: ShellEvents,
  ) {}

  save() {
    writeHash(this.state);
  }

  param(key: string): string {
    return this.state.params[key] ?? '';
  }

  setParam(key: string, value: string) {
    if (value) this.state.params[key] = value;
    else delete this.state.params[key];
    this.save();
  }

  selectFunction(name: string) {
    this.state.selected = name;
    if (this.workspace.current.layout === 'split') this.panel.flame.select(name);
    this.workspace.current.select(name);
    this.save();
  }

  open(view: string) {
    this.go(view);
    this.workspace.focusView();
  }

  error(file: string, message: string) {
    this.ev.error(file, message);
  }

  drew(what: 'table' | 'flame') {
    this.marks.drew(what);
  }

  showing(profile: number | null, sampleIndex: number) {
    this.ev.onShowing(profile, sampleIndex);
  }

  /** Shows a view (or the first that can show) and draws it. */
  go(view: string) {
    this.workspace.refresh(this.store.scope());
    this.workspace.show(view);
  }

  /** Redraws the view on screen (its profiles, sample type, granularity or transforms changed). */
  redraw() {
    this.go(this.workspace.current.id);
  }

  /** Draws the view now on screen (the workspace calls it on every switch). */
  draw(v: View, chosen: boolean) {
    if (chosen) this.marks.tabChosen();
    const scope = this.store.scope();
    this.state.view = v.id;
    this.save();
    this.ev.onShown(v, v.summary(scope));
    v.filter?.(this.state.filter); // one name filter for every table
    void v.show(scope);
  }
}
