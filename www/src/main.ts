// Composes the page: the engine, the store, the views of the registry in the
// workspace (views/view.ts is their contract), the shared flame graph, and the
// header and side panel around them. Behaviour lives in the parts; this file
// only connects them.
import './style.css';
import { installDebugHook } from './debug';
import { EngineClient } from './engine/client';
import { DiffKeeper } from './engine/diffs';
import { exampleFiles } from './example';
import { preloadFromServer } from './preload';
import { installKeys, mountSideToggle, startEngine } from './shell/chrome';
import { Files } from './shell/files';
import { Marks } from './shell/marks';
import { Shell } from './shell/shell';
import { viewHooks } from './shell/testhooks';
import { mountTransforms } from './shell/transforms';
import { Workspace } from './shell/workspace';
import { Store } from './state/store';
import { parseHash } from './state/url';
import { $ } from './views/dom';
import { ExportMenu } from './views/export';
import { FlameGraph } from './views/flame';
import { FlamePanel } from './views/flamepanel';
import { mountGuide } from './views/guide';
import { LabelPanel } from './views/labels';
import { Opener } from './views/opener';
import { ProfileList } from './views/profiles';
import { VIEWS } from './views/registry';
import { mountSplit } from './views/split';
import { Toolbar } from './views/toolbar';
import type { DiffView } from './views/diffview';
import type { TopView } from './views/topview';
import type { TrendView } from './views/trendview';

const engine = new EngineClient();
const state = parseHash(location.hash);
const marks = new Marks();
const store = new Store((id) => void engine.request('unload', { profile: id }).catch(() => {}));
const error = (file: string, msg: string) => list.addError(file, msg);
const list = new ProfileList($('profiles'), $('error-area'), {
  onSelect: (id) => files.select(id),
  onClose: (id) => files.close(id),
  onCompare: (target, base) => files.compare(target, base),
});
const flame = new FlameGraph($('flame-view'), { onSelect: (name) => shell.selectFunction(name), onDrawn: () => marks.flameDrawn() });
const panel = new FlamePanel($('flame-title'), $('flame-legend'), $('flame-view'), flame, { onColouring: (c) => ((state.colouring = c), shell.save()) });
panel.setColouring(state.colouring);
flame.setSearch(state.search);
flame.search.addEventListener('input', () => ((state.search = flame.search.value), shell.save()));

const labels = new LabelPanel(engine, (t) => transforms.add(t));
$('profiles').append(labels.el);
const toolbar = new Toolbar(state, () => shell.save(), () => shell.redraw());
const shell = new Shell(engine, store, state, panel, new DiffKeeper(engine), marks, {
  onShown: (v, summary) => (toolbar.showTypes(summary, state.type), transforms.showFor(v)),
  onShowing: (id, index) => void labels.show(id, index),
  error,
});
const views = VIEWS.map((make) => make(shell));
state.view = parseHash(location.hash, views.map((v) => v.id)).view; // the registry knows every view
const workspace = (shell.workspace = new Workspace(views, $('views'), $('view-tabs'), $('view-panels'), { onShow: (v, chosen) => shell.draw(v, chosen) }));
const files = new Files(shell, list, $('app'));

const transforms = mountTransforms(shell, views, $('view-tabs'), $('flame-view'));

const opener = new Opener(
  engine,
  {
    onStart: () => (marks.opening(), files.starting()),
    onRead: () => (marks.m.read = performance.now()),
    onLoaded: () => (marks.m.loaded = performance.now()),
    onDone: (loaded) => files.opened(loaded),
    onError: error,
  },
  exampleFiles,
);
preloadFromServer((items, later) => ((files.following = later), opener.open(items).finally(() => (files.following = false))));
mountGuide($('views'), { open: () => $('file-input').click(), example: () => $('example-button').click() });
mountSplit($('views'), $('flame-view'));
mountSideToggle(document.querySelector<HTMLElement>('header.bar')!, $('app'), $('profiles'));
new ExportMenu(document.querySelector<HTMLElement>('header.bar')!, engine, {
  view: () => workspace.current.export().view(),
  tables: () => workspace.current.export().tables(),
});
installKeys(flame, error);

workspace.refresh(store.scope());
workspace.place(state.view); // the files are not in the URL: a view that cannot show gives way to Top
startEngine(engine, () => marks.m.open === 0 && !store.profiles.length, error, () => (debug.ready = true));

const view = <V>(id: string) => workspace.get(id) as V;
const debug = Object.assign(
  installDebugHook({
    engine,
    marks: marks.m,
    flame,
    panel,
    views: { top: view<TopView>('top'), diff: view<DiffView>('diff'), trend: view<TrendView>('trend') },
    profiles: store.profiles,
    state: () => state,
  }),
  viewHooks(workspace),
  {
    current: () => store.selected,
    /** show a load's progress bar after `ms` (0: from its start), and redraw it at most every `everyMs` (0: at every step) */
    setProgressAfter: (ms: number, everyMs = ms) => ((opener.progressAfterMs = ms), (opener.progressEveryMs = everyMs)),
  },
);
