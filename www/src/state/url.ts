// View state (everything but the files themselves) in the URL hash, under short
// keys with a version, e.g. `#v=1&t=inuse_space&g=functions&s=flat-d&q=main`.
// Unknown versions are ignored rather than misread. Keys are only ever added
// (with a default that keeps the old meaning), so the version stays 1 until a
// key changes its meaning.
//
//   t   sample type            g   granularity         q   table name filter
//   f   flame graph search     sel selected function   m   view: top|diff|trend
//   s   top table sort         ds  diff table sort     ts  trend table sort
//   dm  diff mode: b (-base) or db (-diff_base)        n   normalize (1)
//   c   diff colouring: a (absolute) or r (relative, share of each side's total)
//   x   transform stack, in order (see state/transforms.ts for the item format)
//   w   the sandwich view's function (m=sandwich; m=calltree is the call tree)
//   ln  the function whose lines the lines panel shows
//   gs  the Goroutines view's state filter      gb  the dump it is compared with (file name)
// Any other key is a view's own (views/view.ts, `urlKeys`), kept as given in `params`.
import { GRANULARITIES, type DiffMode, type Granularity, type Transform } from '../engine/protocol';
import { decodeStack, encodeStack } from './transforms';

export const URL_VERSION = '1';

/** A view's id (views/registry.ts lists them). */
export type ViewName = string;
/** The built-in views, for a parse without the registry's list (the unit tests). */
export const VIEWS: readonly ViewName[] = ['top', 'diff', 'trend', 'sandwich', 'calltree', 'goroutines'];

/** A table's sort: a column key (each table checks its own keys) and the direction. */
export interface Sort {
  key: string;
  desc: boolean;
}

export type Colouring = 'absolute' | 'relative';

export interface ViewState {
  /** sample type name; '' means the profile's default */
  type: string;
  granularity: Granularity;
  view: ViewName;
  sort: Sort;
  diffSort: Sort;
  trendSort: Sort;
  /** table name filter */
  filter: string;
  /** flame graph search */
  search: string;
  /** selected function name */
  selected: string;
  diffMode: DiffMode;
  normalize: boolean;
  colouring: Colouring;
  /** pprof filters applied in order to the loaded profile */
  transforms: Transform[];
  /** the function the sandwich view shows */
  sandwich: string;
  /** the function of the open lines panel ('' when closed) */
  lines: string;
  /** the Goroutines view's state filter ('' for all) */
  goroutineState: string;
  /** the file name of the dump the Goroutines view compares with ('' for none) */
  goroutineBase: string;
  /** the views' own keys (their urlKeys), by key */
  params: Record<string, string>;
}

export const DEFAULT_STATE: ViewState = {
  type: '',
  granularity: 'functions',
  view: 'top',
  sort: { key: 'flat', desc: true },
  diffSort: { key: 'delta', desc: true },
  trendSort: { key: 'score', desc: true },
  filter: '',
  search: '',
  selected: '',
  diffMode: 'base',
  normalize: false,
  colouring: 'absolute',
  transforms: [],
  sandwich: '',
  lines: '',
  goroutineState: '',
  goroutineBase: '',
  params: {},
};

/** The keys this module reads (the rest are the views' own). */
const KEYS = new Set(['v', 'm', 't', 'g', 's', 'ds', 'ts', 'q', 'f', 'sel', 'dm', 'n', 'c', 'x', 'w', 'ln', 'gs', 'gb']);

const DIFF_MODES: Record<string, DiffMode> = { b: 'base', db: 'diff_base' };

function parseSort(text: string | null, fallback: Sort): Sort {
  if (!text) return { ...fallback };
  const [key, dir] = text.split('-');
  return /^[a-z]+$/.test(key) ? { key, desc: dir !== 'a' } : { ...fallback };
}

function formatSort(p: URLSearchParams, name: string, s: Sort, def: Sort) {
  if (s.key !== def.key || s.desc !== def.desc) p.set(name, `${s.key}-${s.desc ? 'd' : 'a'}`);
}

/** The view state of a hash; `views` are the view ids `m` may name (else the default). */
export function parseHash(hash: string, views: readonly ViewName[] = VIEWS): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const d = DEFAULT_STATE;
  if (p.get('v') !== URL_VERSION) return structuredClone(d);
  const g = p.get('g') ?? '';
  const m = p.get('m') ?? '';
  return {
    type: p.get('t') ?? '',
    granularity: (GRANULARITIES as string[]).includes(g) ? (g as Granularity) : d.granularity,
    view: views.includes(m) ? m : d.view,
    sort: parseSort(p.get('s'), d.sort),
    diffSort: parseSort(p.get('ds'), d.diffSort),
    trendSort: parseSort(p.get('ts'), d.trendSort),
    filter: p.get('q') ?? '',
    search: p.get('f') ?? '',
    selected: p.get('sel') ?? '',
    diffMode: DIFF_MODES[p.get('dm') ?? ''] ?? d.diffMode,
    normalize: p.get('n') === '1',
    colouring: p.get('c') === 'r' ? 'relative' : 'absolute',
    transforms: decodeStack(p.get('x') ?? ''),
    sandwich: p.get('w') ?? '',
    lines: p.get('ln') ?? '',
    goroutineState: p.get('gs') ?? '',
    goroutineBase: p.get('gb') ?? '',
    params: Object.fromEntries([...p].filter(([k, v]) => !KEYS.has(k) && /^[a-z]+$/.test(k) && v)),
  };
}

export function formatHash(st: ViewState): string {
  const d = DEFAULT_STATE;
  const p = new URLSearchParams();
  p.set('v', URL_VERSION);
  if (st.view !== d.view) p.set('m', st.view);
  if (st.type) p.set('t', st.type);
  if (st.granularity !== d.granularity) p.set('g', st.granularity);
  formatSort(p, 's', st.sort, d.sort);
  formatSort(p, 'ds', st.diffSort, d.diffSort);
  formatSort(p, 'ts', st.trendSort, d.trendSort);
  if (st.filter) p.set('q', st.filter);
  if (st.search) p.set('f', st.search);
  if (st.selected) p.set('sel', st.selected);
  if (st.diffMode !== d.diffMode) p.set('dm', st.diffMode === 'base' ? 'b' : 'db');
  if (st.normalize) p.set('n', '1');
  if (st.colouring !== d.colouring) p.set('c', 'r');
  if (st.transforms.length) p.set('x', encodeStack(st.transforms));
  if (st.sandwich) p.set('w', st.sandwich);
  if (st.lines) p.set('ln', st.lines);
  if (st.goroutineState) p.set('gs', st.goroutineState);
  if (st.goroutineBase) p.set('gb', st.goroutineBase);
  for (const [k, v] of Object.entries(st.params).sort()) if (v && !KEYS.has(k)) p.set(k, v);
  return '#' + p.toString();
}

/** Replace (not push) the hash, so view tweaks do not flood the history. */
export function writeHash(st: ViewState) {
  const h = formatHash(st);
  if (h !== location.hash) history.replaceState(null, '', h);
}
