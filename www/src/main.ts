// Wires the page: the engine worker, file opening, and the views.
import './style.css';
import { EngineClient } from './engine/client';
import { exampleFiles } from './example';
import { topSnapshot } from './export/table';
import { registerOffline } from './offline';
import { GRANULARITIES, type Granularity } from './engine/protocol';
import { parseHash, writeHash, type ViewState } from './state/url';
import { $, h } from './views/dom';
import { FlameGraph } from './views/flame';
import { GoroutinesView, type DumpEntry } from './views/goroutines';
import { ProfileList, type LoadedProfile } from './views/profiles';
import { TopTable } from './views/table';
import { ExportMenu } from './views/export';
import { mountGuide } from './views/guide';
import { mountSplit } from './views/split';

const engine = new EngineClient();
const state: ViewState = parseHash(location.hash);
const profiles: LoadedProfile[] = [];
let current = -1;
let generation = 0;

/** Timestamps (performance.now()) for tests and the benchmark. */
const marks = { open: 0, read: 0, loaded: 0, top: 0, table: 0, flame: 0, flameFrames: 0 };

const progress = $('progress') as HTMLProgressElement;
const progressLabel = $('progress-label');
const typeSelect = $('sample-type') as HTMLSelectElement;
const granSelect = $('granularity') as HTMLSelectElement;
const fileInput = $('file-input') as HTMLInputElement;
const status = $('engine-status');

/** Loaded goroutine dumps, by profile id (they are profiles too). */
const dumps = new Map<number, DumpEntry>();
const goroutineView = new GoroutinesView($('goroutines-view'), engine);

const list = new ProfileList($('profiles'), $('error-area'), {
  onSelect: (id) => selectProfile(id),
  onClose: (id) => closeProfile(id),
});
const table = new TopTable($('top-view'), {
  onSelect: (name) => {
    state.selected = name;
    flame.select(name);
    writeHash(state);
  },
  onSort: (key, desc) => {
    state.sort = key;
    state.desc = desc;
    writeHash(state);
  },
  onFilter: (text) => {
    state.filter = text;
    writeHash(state);
  },
});
const flame = new FlameGraph($('flame-view'), {
  onSelect: (name) => {
    state.selected = name;
    table.select(name);
    writeHash(state);
  },
  onDrawn: () => {
    if (marks.open && !marks.flame && flameReady) marks.flame = performance.now();
    marks.flameFrames++;
  },
});
let flameReady = false;
table.setSort(state.sort, state.desc);
table.setFilter(state.filter);
flame.setSearch(state.search);
flame.search.addEventListener('input', () => {
  state.search = flame.search.value;
  writeHash(state);
});

for (const g of GRANULARITIES) granSelect.append(h('option', { value: g }, g));
granSelect.value = state.granularity;
granSelect.addEventListener('change', () => {
  state.granularity = granSelect.value as Granularity;
  writeHash(state);
  void refresh();
});
typeSelect.addEventListener('change', () => {
  const p = profiles.find((x) => x.id === current);
  state.type = p ? p.summary.sample_types[Number(typeSelect.value)]?.type ?? '' : '';
  writeHash(state);
  void refresh();
});

// ---- opening files -------------------------------------------------------

$('open-button').addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  const files = Array.from(fileInput.files ?? []);
  fileInput.value = '';
  void openFiles(files);
});
$('example-button').addEventListener('click', () => void openBuffers(exampleFiles()));
mountGuide($('views'), { open: () => fileInput.click(), example: () => $('example-button').click() });
mountSplit($('views'), $('flame-view'));
new ExportMenu(document.querySelector<HTMLElement>('header.bar')!, engine, {
  view: () => {
    const p = profiles.find((x) => x.id === current);
    if (!p) return null;
    const si = sampleIndex(p);
    const g = state.granularity;
    const type = p.summary.sample_types[si]?.type ?? '';
    const pprof = { file: p.name, sampleType: type, granularity: g, cum: state.sort === 'cum' && state.desc, textDump: (dumps.get(p.id)?.goroutines.form ?? 'proto') !== 'proto' };
    return { profile: p.id, name: p.name, sampleIndex: si, granularity: g, search: state.search, zoomRoot: flame.zoomRoot(), pprof };
  },
  tables: () => {
    const t = table.displayed();
    const g = goroutineView.tableSnapshot();
    return [...(g ? [g] : []), ...(t ? [topSnapshot(t.top, t.order, t.unit)] : [])];
  },
});

let dragDepth = 0;
document.addEventListener('dragenter', (e) => {
  e.preventDefault();
  dragDepth++;
  document.body.classList.add('dragging');
});
document.addEventListener('dragleave', () => {
  if (--dragDepth <= 0) ((dragDepth = 0), document.body.classList.remove('dragging'));
});
document.addEventListener('dragover', (e) => {
  e.preventDefault();
  if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
});
document.addEventListener('drop', (e) => {
  e.preventDefault();
  dragDepth = 0;
  document.body.classList.remove('dragging');
  void openFiles(Array.from(e.dataTransfer?.files ?? []));
});

function openFiles(files: File[]) {
  return openBuffers(files.map((f) => ({ name: f.name, read: () => f.arrayBuffer() })));
}

async function openBuffers(items: { name: string; read: () => Promise<ArrayBuffer> }[]) {
  if (!items.length) return;
  marks.open = performance.now();
  marks.table = marks.flame = marks.read = marks.loaded = marks.top = 0;
  let last = -1;
  for (const item of items) {
    setProgress(`${item.name}: reading`, 0);
    try {
      const bytes = await item.read();
      marks.read = performance.now();
      await engine.ready;
      const res = await engine.request(
        'load',
        { name: item.name, bytes },
        { transfer: [bytes], onProgress: (stage, f) => setProgress(`${item.name}: ${stage}`, f) },
      );
      marks.loaded = performance.now();
      profiles.push({ id: res.profile, name: item.name, summary: res.summary });
      if (res.goroutines) dumps.set(res.profile, { id: res.profile, name: item.name, goroutines: res.goroutines });
      last = res.profile;
    } catch (e) {
      list.addError(item.name, e instanceof Error ? e.message : String(e));
    }
  }
  setProgress('', -1);
  if (last >= 0) selectProfile(last);
  else list.render(profiles, current);
}

function setProgress(text: string, fraction: number) {
  progressLabel.textContent = text;
  const box = $('progress-box');
  box.hidden = fraction < 0;
  progress.value = Math.max(0, Math.min(1, fraction));
}

// ---- views ---------------------------------------------------------------

function selectProfile(id: number) {
  current = id;
  void refresh(); // ask the worker first; build the DOM while it works
  goroutineView.show(dumps.get(id) ?? null, [...dumps.values()].filter((d) => d.id !== id));
  list.render(profiles, current);
  const p = profiles.find((x) => x.id === id);
  typeSelect.replaceChildren();
  if (p) {
    p.summary.sample_types.forEach((t, i) =>
      typeSelect.append(h('option', { value: i }, `${t.type} (${t.unit})${i === p.summary.default_index ? ' *' : ''}`)),
    );
    typeSelect.value = String(sampleIndex(p));
  }
  typeSelect.disabled = !p;
}

function closeProfile(id: number) {
  const i = profiles.findIndex((x) => x.id === id);
  if (i < 0) return;
  profiles.splice(i, 1);
  dumps.delete(id);
  engine.request('unload', { profile: id }).catch(() => {});
  if (current === id) {
    const next = profiles[Math.min(i, profiles.length - 1)];
    if (next) return selectProfile(next.id);
    current = -1;
    goroutineView.show(null, []);
    table.setData(null);
    flame.setData(null);
    typeSelect.replaceChildren();
  }
  list.render(profiles, current);
}

function sampleIndex(p: LoadedProfile): number {
  const i = p.summary.sample_types.findIndex((t) => t.type === state.type);
  return i >= 0 ? i : p.summary.default_index;
}

async function refresh() {
  const p = profiles.find((x) => x.id === current);
  const gen = ++generation;
  $('app').classList.toggle('empty', !p);
  if (!p) return;
  const q = { profile: p.id, sampleIndex: sampleIndex(p), granularity: state.granularity };
  flameReady = false;
  const topP = engine.request('top', q);
  const flameP = engine.request('flame', q);
  try {
    const top = await topP;
    if (gen !== generation) return;
    if (!marks.top) marks.top = performance.now();
    table.setData(top);
    table.select(state.selected);
    requestAnimationFrame(() => {
      if (marks.open && !marks.table) marks.table = performance.now();
    });
    const fl = await flameP;
    if (gen !== generation) return;
    flameReady = true;
    flame.setData(fl);
    flame.select(state.selected);
  } catch (e) {
    if (gen === generation) list.addError(p.name, e instanceof Error ? e.message : String(e));
  }
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

status.textContent = 'Loading the engine…';
Promise.all([engine.ready, registerOffline()]).then(
  ([ms]) => {
    status.textContent = `Engine ready (${Math.round(ms)} ms). Files never leave this machine.`;
    debug.ready = true;
  },
  (e: Error) => {
    status.textContent = e.message;
    list.addError('engine', e.message);
  },
);

// A small hook for tests and the benchmark; it exposes nothing a user could not see.
const debug = {
  ready: false,
  marks,
  hitTest: (x: number, y: number) => flame.hitTest(x, y),
  frameRects: () => flame.frameRects(),
  zoomedName: () => flame.zoomedName(),
  lastDrawMs: () => flame.lastDrawMs,
  rows: (n = 20) => table.rowsForTest(n),
  profiles: () => profiles.map((p) => ({ id: p.id, name: p.name })),
  current: () => current,
  stats: () => engine.request('stats', {}),
  engineTimings: () => ({ ...engine.timings }),
  goroutineRows: (n = 20) => goroutineView.rowsForTest(n),
  expandGoroutineRow: (pos: number) => goroutineView.expandForTest(pos),
};
(window as unknown as { __proflens: typeof debug }).__proflens = debug;
