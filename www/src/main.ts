// Wires the page: the engine worker, opening files, the three views (Top,
// Diff, Trend) that share one flame graph, and the one view state behind the
// URL hash. Each view lives in its own module under views/.
import './style.css';
import { installDebugHook } from './debug';
import { EngineClient } from './engine/client';
import { DiffKeeper } from './engine/diffs';
import { exampleFiles } from './example';
import { registerOffline } from './offline';
import { preloadFromServer } from './preload';
import { comparable, findSeries, type LoadedProfile } from './state/series';
import { DerivedProfile } from './state/derived';
import { push, transformFor } from './state/transforms';
import { parseHash, writeHash, type ViewName } from './state/url';
import type { Transform } from './engine/protocol';
import { TransformChips } from './views/chips';
import { LabelPanel } from './views/labels';
import { LinesPanel } from './views/lines';
import { FunctionMenu } from './views/contextmenu';
import type { ViewContext } from './views/context';
import { DiffView } from './views/diffview';
import { $ } from './views/dom';
import { ExportMenu } from './views/export';
import { exportSource } from './views/exportsource';
import { FlameGraph } from './views/flame';
import { FlamePanel } from './views/flamepanel';
import { GoroutinesView, type DumpEntry } from './views/goroutines';
import { mountGuide } from './views/guide';
import { Opener } from './views/opener';
import { ProfileList } from './views/profiles';
import { mountSplit } from './views/split';
import { Tabs } from './views/tabs';
import { Toolbar } from './views/toolbar';
import { TopView } from './views/topview';
import { TrendView } from './views/trendview';
import { CallTreeView } from './views/calltreeview';
import { SandwichView } from './views/sandwichview';

const engine = new EngineClient();
const state = parseHash(location.hash);
/** The view the URL named: restored when the files are opened again (they are not in the URL). */
let restoreView: ViewName | null = state.view;
const save = () => writeHash(state);
const profiles: LoadedProfile[] = [];

/** Timestamps (performance.now()) for tests and the benchmark. */
const marks = { open: 0, read: 0, loaded: 0, top: 0, table: 0, flame: 0, flameFrames: 0, change: 0, changeTable: 0, changeFlame: 0 };
let flameReady = false;
/** The transform stack changed (for bench:transform): times to the table and the flame graph. */
let changeFlameReady = false;
const transformChanged = () => {
  marks.change = performance.now();
  marks.changeTable = marks.changeFlame = 0;
  changeFlameReady = false;
};

const status = $('engine-status');

const list = new ProfileList($('profiles'), $('error-area'), {
  onSelect: (id) => showProfile(id),
  onClose: (id) => closeProfile(id),
  onCompare: (target, base) => {
    diff.setPair({ target, base });
    go('diff');
  },
});
const flame = new FlameGraph($('flame-view'), {
  onSelect: (name) => {
    state.selected = name;
    views[state.view].select(name);
    save();
  },
  onDrawn: () => {
    if (marks.open && !marks.flame && flameReady) marks.flame = performance.now();
    if (marks.change && !marks.changeFlame && changeFlameReady) marks.changeFlame = performance.now();
    marks.flameFrames++;
  },
});
const panel = new FlamePanel($('flame-title'), $('flame-legend'), $('flame-view'), flame, {
  onColouring: (c) => ((state.colouring = c), save()),
});
panel.setColouring(state.colouring);
flame.setSearch(state.search);
flame.search.addEventListener('input', () => ((state.search = flame.search.value), save()));

const goroutineView = new GoroutinesView($('goroutines-view'), engine, { state, save });
const isDump = (p: LoadedProfile): p is DumpEntry & LoadedProfile => !!p.goroutines;

/** Shows the goroutine groups above the views when the shown profile is a dump. */
function showDump(id: number) {
  const dumps = profiles.filter(isDump);
  goroutineView.show(dumps.find((d) => d.id === id) ?? null, dumps.filter((d) => d.id !== id));
}

const ctx: ViewContext = { engine, state, save, profiles, panel, error: (file, msg) => list.addError(file, msg) };
const keeper = new DiffKeeper(engine);
const derived = new DerivedProfile(engine);
/** The transform stack's chips; each change re-derives and redraws the shown view. */
const chips = new TransformChips((stack) => {
  transformChanged();
  state.transforms = stack;
  chips.set(stack);
  go(state.view);
});
chips.set(state.transforms);
$('views').insertBefore(chips.el, $('top-view'));
/** Adds a transform (from the context menu or the label panel) and redraws. */
const addTransform = (t: Transform) => {
  transformChanged();
  state.transforms = push(state.transforms, t);
  chips.set(state.transforms);
  go(state.view);
};
/** What the Top table shows (the derived profile), for the label and lines panels. */
let shown: { id: number; index: number } | null = null;
const labels = new LabelPanel(engine, addTransform);
$('profiles').append(labels.el);
const lines = new LinesPanel(engine, () => ((state.lines = ''), save()));
$('views').insertBefore(lines.el, $('top-view'));
const showLines = () => {
  if (!shown || !state.lines || state.view !== 'top') return lines.hide();
  lines.show(shown.id, shown.index, state.lines).catch((e: Error) => list.addError('lines', e.message));
};
new FunctionMenu(
  [$('top-view'), $('flame-view'), $('diff-view'), $('calltree-view'), $('sandwich-view')],
  () => state.selected,
  (action, name) => addTransform(transformFor(action, name)),
  [
    { id: 'sandwich', label: 'Show in sandwich', first: true, run: (name) => openSandwich(name) },
    { id: 'lines', label: 'Show lines', run: (name) => ((state.lines = name), save(), go('top')) },
  ],
);
const top = new TopView($('top-view'), ctx, {
  onTop: () => {
    if (!marks.top) marks.top = performance.now();
    requestAnimationFrame(() => marks.open && !marks.table && (marks.table = performance.now()));
    if (marks.change && !marks.changeTable) requestAnimationFrame(() => (marks.changeTable ||= performance.now()));
  },
  onFlame: () => ((flameReady = true), (changeFlameReady = true)),
  onShown: (id, index) => {
    shown = id === null ? null : { id, index };
    void labels.show(id, index);
    showLines();
  },
}, derived);
/** The Diff view's two sides with the transform stack applied. */
const diffSides = { target: new DerivedProfile(engine), base: new DerivedProfile(engine) };
const diff = new DiffView($('diff-view'), ctx, keeper, diffSides);
const trend = new TrendView($('trend-view'), ctx, keeper, {
  onOpenDiff: (pair) => {
    diff.setPair(pair);
    go('diff');
  },
});
const shownProfile = () => top.profile;
const calltree = new CallTreeView($('calltree-view'), ctx, shownProfile, derived, (name) => openSandwich(name));
const sandwich = new SandwichView($('sandwich-view'), ctx, shownProfile, derived);
/** The sandwich of one function (from the context menu or the call tree). */
function openSandwich(name: string) {
  state.sandwich = name;
  go('sandwich');
  sandwich.table.focus(); // the row or menu item that asked is hidden now: focus follows the view
}
const views = { top, diff, trend, sandwich, calltree };
const tabs = new Tabs(
  $('view-tabs'),
  [
    { view: 'top', title: 'Top', panel: $('top-view') },
    { view: 'diff', title: 'Diff', panel: $('diff-view') },
    { view: 'trend', title: 'Trend', panel: $('trend-view') },
    { view: 'calltree', title: 'Call tree', panel: $('calltree-view') },
    { view: 'sandwich', title: 'Sandwich', panel: $('sandwich-view') },
  ],
  (v) => go(v),
);

const toolbar = new Toolbar(state, save, () => go(state.view));

/** Shows a view: its tab, its sample types in the selector, and its data. */
function go(view: ViewName) {
  hideFindings(); // f21: the hand-mounted Findings tab (block at the end)
  state.view = view;
  save();
  tabs.show(view);
  toolbar.showTypes(views[view].summary(), state.type);
  views[view].table.setFilter(state.filter); // one name filter for every table
  chips.el.classList.toggle('inactive', view === 'trend'); // the Trend follows the files as they are
  if (view !== 'top') lines.hide();
  void views[view].show();
}

// ---- profiles --------------------------------------------------------------

const opener = new Opener(
  engine,
  {
    onStart: () => {
      marks.open = performance.now();
      marks.table = marks.flame = marks.read = marks.loaded = marks.top = 0;
      flameReady = false;
      // The views take the guide's place now, so the page lays them out while the
      // engine reads the file rather than after (it is on the way to the first table).
      $('app').classList.remove('empty');
    },
    onRead: () => (marks.read = performance.now()),
    onLoaded: (p) => ((marks.loaded = performance.now()), profiles.push(p)),
    onDone: (loaded) => opened(loaded),
    onError: (file, msg) => list.addError(file, msg),
  },
  exampleFiles,
);
preloadFromServer((items, later) => ((following = later), opener.open(items).finally(() => (following = false))));
mountGuide($('views'), { open: () => $('file-input').click(), example: () => $('example-button').click() });
mountSplit($('views'), $('flame-view'));
const exportMenu = new ExportMenu(document.querySelector<HTMLElement>('header.bar')!, engine, exportSource({ state, profiles, views, keeper, flame, goroutines: goroutineView }));

/**
 * After a batch of files: when they make (or extend) a series of snapshots of
 * one program, show its trend and first→last diff at once; else the newest
 * profile's Top view.
 */
function opened(loaded: LoadedProfile[]) {
  const last = loaded[loaded.length - 1];
  if (last && following) return followed(last);
  if (!last) {
    $('app').classList.toggle('empty', !profiles.length); // nothing opened: the guide comes back
    return list.render(profiles, top.profile?.id ?? -1);
  }
  const series = update(last.id);
  const snapshots = series.some((p) => loaded.includes(p));
  top.profile = snapshots ? series[series.length - 1] : last;
  if (!snapshots) top.prefetch(top.profile); // the engine works while the page lays out
  // a dump opened with snapshots (as the example does) shows its groups above the trend
  const dump = snapshots ? loaded.find((p) => p.goroutines) : undefined;
  showDump(dump?.id ?? top.profile.id);
  // the first files after a reload bring back the view the URL names
  const restore = restoreView;
  restoreView = null;
  if (snapshots) diff.setPair(trend.pair());
  if (restore && restore !== 'top' && tabs.enabled(restore)) go(restore);
  else if (snapshots) go('trend');
  else go('top');
  list.render(profiles, top.profile.id);
}

/** Files `proflens watch --open` took after the first ones: the series grows, the user stays where they are. */
let following = false;
function followed(last: LoadedProfile) {
  update(last.id);
  if (state.view === 'trend') diff.setPair(trend.pair());
  go(tabs.enabled(state.view) ? state.view : 'top');
  list.render(profiles, top.profile?.id ?? last.id);
}

/** Recomputes what the profiles allow after a change: the series, the pickers, the tabs. */
function update(prefer = -1): LoadedProfile[] {
  const series = findSeries(profiles, prefer);
  trend.setSeries(series);
  diff.updateProfiles();
  tabs.enable('trend', series.length >= 2, 'Open two or more snapshots of one program to see a trend.');
  tabs.enable('diff', profiles.some((a) => profiles.some((b) => a !== b && comparable(a.summary, b.summary))), 'Open two profiles of the same kind to compare them.');
  $('app').classList.toggle('empty', !profiles.length);
  return series;
}

function showProfile(id: number) {
  top.profile = profiles.find((p) => p.id === id) ?? null;
  showDump(id);
  go('top');
  list.render(profiles, id);
}

function closeProfile(id: number) {
  const i = profiles.findIndex((x) => x.id === id);
  if (i < 0) return;
  keeper.release(id);
  top.forget(id);
  diffSides.target.releaseFrom(id);
  diffSides.base.releaseFrom(id);
  if (top.profile?.id === id) derived.release();
  profiles.splice(i, 1);
  engine.request('unload', { profile: id }).catch(() => {});
  if (top.profile?.id === id) top.profile = profiles[Math.min(i, profiles.length - 1)] ?? null;
  showDump(top.profile?.id ?? -1);
  update(trend.series[trend.series.length - 1]?.id);
  go(tabs.enabled(state.view) ? state.view : 'top');
  list.render(profiles, top.profile?.id ?? -1);
}

// ---- keyboard, errors, start-up -------------------------------------------

document.addEventListener('keydown', (e) => {
  const t = e.target as HTMLElement;
  const typing = t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement;
  if (typing || e.defaultPrevented) return;
  if (e.key === '/') {
    e.preventDefault();
    flame.focusSearch();
  } else if (e.key === 'Escape') flame.zoomTo(-1);
});
window.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  list.addError('proflens', String(e.reason instanceof Error ? e.reason.message : e.reason));
});

update();
if (!tabs.enabled(state.view)) state.view = 'top'; // the files are not in the URL
tabs.show(state.view);
status.textContent = 'Loading the engine…';
/** A new build took over: run it now if no file was ever opened here, else say so (a reload closes them). */
const onUpdate = () => {
  if (marks.open === 0 && profiles.length === 0) location.reload();
  else status.textContent = 'A new version of Proflens is ready: reload the page to use it (open files will be closed).';
};
Promise.all([engine.ready, registerOffline({ onUpdate })]).then(
  ([ms]) => {
    const threads = engine.threads > 1 ? `, ${engine.threads} threads` : engine.oneThread ? `; one thread: ${engine.oneThread}` : '';
    status.textContent = `Engine ready (${Math.round(ms)} ms${threads}). Files never leave this machine.`;
    debug.ready = true;
  },
  (e: Error) => {
    status.textContent = e.message;
    list.addError('engine', e.message);
  },
);

const debug = Object.assign(installDebugHook({ engine, marks, flame, panel, views, profiles, state: () => state }), {
  goroutineRows: (n = 20) => goroutineView.rowsForTest(n),
  expandGoroutineRow: (pos: number) => goroutineView.expandForTest(pos),
  callTreeRows: () => calltree.grid.rowsForTest(),
  sandwichRows: () => sandwich.table.rowsForTest(),
  /** show a load's progress bar after this many ms (0: from its start) */
  setProgressAfter: (ms: number) => (opener.progressAfterMs = ms),
});

// ---- f21: the Findings tab, mounted by hand until the View registry lands; the lead replaces this block ----
import { FindingsView } from './views/findings';
import { h } from './views/dom';
const findingsTab = h('button', { type: 'button', role: 'tab', id: 'tab-findings', 'aria-controls': 'findings-view', 'aria-selected': 'false', tabindex: -1 }, 'Findings');
$('view-tabs').querySelector('[role=tablist]')!.append(findingsTab);
const findingsView = new FindingsView({ engine, open: (v) => go(v as ViewName), selectFunction: (n) => ((state.selected = n), save()) }, {
  navigate: (link) => {
    const [to, q = ''] = link.split('#');
    const value = q.slice(q.indexOf('=') + 1);
    if (to === 'trend' && tabs.enabled('trend')) return go('trend'), value !== 'memstats' && trend.select(value);
    if (to === 'sandwich') return openSandwich(value);
    if (to === 'goroutines') {
      const dump = profiles.find((p) => p.name === q.slice(q.indexOf('&dump=') + 6));
      return dump && (showProfile(dump.id), void goroutineView.expandGroup(Number(q.slice(6, q.indexOf('&dump=')))));
    }
    go('top'), (state.selected = value), top.select(value);
  },
});
findingsView.panel.hidden = true;
$('views').insertBefore(findingsView.panel, $('goroutines-view'));
findingsTab.addEventListener('click', () => {
  $('views').classList.add('findings-active');
  for (const t of $('view-tabs').querySelectorAll('[role=tab]')) t.setAttribute('aria-selected', String(t === findingsTab));
  findingsView.panel.hidden = false;
  void findingsView.show({ program: profiles });
});
// the other tabs do not know this one: the one that was active must still bring its view back
$('view-tabs').addEventListener('click', (e) => {
  const t = (e.target as HTMLElement).closest('[role=tab]');
  if (t && t !== findingsTab && $('views').classList.contains('findings-active')) go(t.id.slice(4) as ViewName);
});
function hideFindings() {
  document.getElementById('views')?.classList.remove('findings-active');
  document.getElementById('tab-findings')?.setAttribute('aria-selected', 'false');
  const host = document.getElementById('findings-view');
  if (host) host.hidden = true;
}
Object.assign(debug, { findings: () => findingsView.report });
// ---- end f21 ----
