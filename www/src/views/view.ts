// The View contract: what every analysis of the page (Top, Diff, Trend, Call
// tree, Sandwich, Goroutines, Findings, ...) declares and implements, so that
// the shell (main.ts) can give it a tab, a panel, its profiles and the Export
// menu without knowing what it shows. After speedscope's one component per view
// and Firefox Profiler's URL state.
//
// A view is one file that exports a `ViewFactory`, and one line in registry.ts.
// The shell:
//  - makes a tab (`id`, `label`) for it, in registry order, and places its `panel`
//    in the workspace (one panel visible at a time; nothing stacks over another);
//  - enables the tab when the open profiles give it what it `applies` to (see
//    `Scope`), else disables it saying why;
//  - calls `show(scope)` each time the tab is shown or what it shows changed
//    (profiles opened or closed, the sample type, granularity or transforms);
//  - tells it the selected function (`select`), the table name filter (`filter`),
//    and a profile being closed (`release`);
//  - asks it for what the Export menu exports (`export`).
// The shell names views by what they apply to, never by id: the tab shown first
// after a drop is the first registered view for the series, the lone dump or the
// profile (state/store.ts answersMost), a dump chosen in the side panel opens the
// first 'dump' view. Profiles and the engine objects made from them (filtered
// copies, diffs) live in the store (state/store.ts), which unloads them when
// nothing holds them.
import type { RequestType, Summary } from '../engine/protocol';
import type { EngineClient } from '../engine/client';
import type { DiffKeeper } from '../engine/diffs';
import type { TableSnapshot } from '../export/table';
import type { Scope, Store } from '../state/store';
import type { ViewState } from '../state/url';
import type { ExportView } from './export';
import type { FlamePanel } from './flamepanel';

export type { Scope };

/**
 * What a view applies to, among the open profiles (the shell enables its tab
 * when the scope has it):
 *  - 'profile': one profile, the selected one (Top, Call tree, Sandwich);
 *  - 'pair': two comparable profiles, a target and a base (Diff);
 *  - 'series': two or more snapshots of one program, in time order (Trend);
 *  - 'dump': a goroutine dump (Goroutines);
 *  - 'program': the open files of one program, whatever their kind (Findings).
 */
export type Applies = 'profile' | 'pair' | 'series' | 'dump' | 'program';

/**
 * Where the view draws: 'split' puts the view's panel (its table) above the one
 * shared flame graph, in the resizable split that fills the window; 'whole'
 * gives the panel the whole workspace (the view lays out and scrolls its own
 * parts, as Goroutines does with its groups, histogram and flame graph).
 */
export type Layout = 'split' | 'whole';

/** What the Export menu takes from the view on screen. */
export interface ViewExport {
  /** the engine profile behind the view (a diff or a filtered copy is one too);
   *  async: it may still be in the making; null when there is none */
  view(): Promise<ExportView | null>;
  /** the tables on screen, as shown (filter and sort applied), the main one first */
  tables(): TableSnapshot[];
}

/** One analysis of the page. */
export interface View {
  /** the tab's id and the URL's `m=` value: lowercase letters ('top', 'goroutines') */
  readonly id: string;
  /** the tab's text */
  readonly label: string;
  /** the view's panel, made by the view; the shell places it and shows or hides it */
  readonly panel: HTMLElement;
  readonly applies: Applies;
  readonly layout: Layout;
  /** the URL hash keys the view reads and writes (besides the shared ones: t, g, q,
   *  f, sel, x); documentation, and a unit test checks no two views share one */
  readonly urlKeys: readonly string[];
  /** the engine requests the view sends (documentation, checked by the type) */
  readonly asks: readonly RequestType[];
  /** How the view takes the transform stack (the chips above the panels): 'apply'
   *  (the default: it shows the profiles filtered), 'ignore' (it shows the files as
   *  they are, and the chips say so), 'none' (the chips are hidden). */
  readonly transforms?: 'apply' | 'ignore' | 'none';
  /** Why the tab cannot show for this scope ('' when it can). Optional: by default
   *  the shell says what `applies` needs. */
  unavailable?(scope: Scope): string;
  /** the profile whose sample types the header's selector offers (null: none) */
  summary(scope: Scope): Summary | null;
  /** Draws the view for `scope` (asks the engine, fills the table, the flame graph).
   *  Called when the tab is shown and after every change of what it shows; a call
   *  supersedes the previous one (use Latest from context.ts). */
  show(scope: Scope): Promise<void>;
  /** Starts the engine on what `show(scope)` asks first, before the page lays out a
   *  batch of files just opened (optional): the engine computes while the page works,
   *  and `show` then finds its requests sent. */
  prefetch?(scope: Scope): void;
  /** The selected function (a click in a table or the flame graph): highlight it. */
  select(name: string): void;
  /** The one name filter every table shares (optional: a view may have none). */
  filter?(text: string): void;
  /** What the Export menu exports while the view is on screen. */
  export(): ViewExport;
  /** Profile `id` is being closed: forget what was made from it (the store unloads
   *  the engine objects themselves). */
  release(id: number): void;
  /** Where keyboard focus goes when an action (not a tab click) opens the view,
   *  e.g. "Show in sandwich": its table. Never <body>. */
  focusTarget(): HTMLElement | null;
}

/** What the shell gives every view. */
export interface ViewHost {
  engine: EngineClient;
  /** profiles and the engine objects made from them */
  store: Store;
  /** the one view state behind the URL hash (the shared keys and the built-in views') */
  state: ViewState;
  /** writes the state into the URL hash */
  save(): void;
  /** a view's own URL key (one of its urlKeys): '' when absent */
  param(key: string): string;
  /** sets a view's own URL key ('' removes it) and writes the hash */
  setParam(key: string, value: string): void;
  /** the shared flame graph, under the split (for 'split' views) */
  panel: FlamePanel;
  /** selects a function everywhere (table, flame graph, URL) */
  selectFunction(name: string): void;
  /** opens another view's tab (e.g. "Open as a diff"), focus following */
  open(view: string): void;
  /** reports an error, naming the file (or the view) it is about */
  error(file: string, message: string): void;
  /** the one diff the engine keeps, shared by the views that show a diff (Diff, Trend) */
  diffs: DiffKeeper;
  /** the view drew its table, then its flame graph (the benchmark's marks) */
  drew(what: 'table' | 'flame'): void;
  /** the engine profile the view's table shows (null: none), for the side panel's labels */
  showing(profile: number | null, sampleIndex: number): void;
}

/** A view's file exports one of these; registry.ts lists them, in tab order. */
export type ViewFactory = (host: ViewHost) => View;
