// View state (everything but the files themselves) in the URL hash, under short
// keys with a version, e.g. `#v=1&t=inuse_space&g=functions&s=flat-d&q=main`.
// Unknown versions are ignored rather than misread.
import { GRANULARITIES, type Granularity } from '../engine/protocol';

export const URL_VERSION = '1';

export type SortKey = 'flat' | 'flatp' | 'sump' | 'cum' | 'cump' | 'name';
export const SORT_KEYS: SortKey[] = ['flat', 'flatp', 'sump', 'cum', 'cump', 'name'];

export interface ViewState {
  /** sample type name; '' means the profile's default */
  type: string;
  granularity: Granularity;
  sort: SortKey;
  desc: boolean;
  /** table name filter */
  filter: string;
  /** flame graph search */
  search: string;
  /** selected function name */
  selected: string;
}

export const DEFAULT_STATE: ViewState = {
  type: '',
  granularity: 'functions',
  sort: 'flat',
  desc: true,
  filter: '',
  search: '',
  selected: '',
};

export function parseHash(hash: string): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const st = { ...DEFAULT_STATE };
  if (p.get('v') !== URL_VERSION) return st;
  st.type = p.get('t') ?? '';
  const g = p.get('g');
  if (g && (GRANULARITIES as string[]).includes(g)) st.granularity = g as Granularity;
  const s = p.get('s');
  if (s) {
    const [key, dir] = s.split('-');
    if ((SORT_KEYS as string[]).includes(key)) {
      st.sort = key as SortKey;
      st.desc = dir !== 'a';
    }
  }
  st.filter = p.get('q') ?? '';
  st.search = p.get('f') ?? '';
  st.selected = p.get('sel') ?? '';
  return st;
}

export function formatHash(st: ViewState): string {
  const p = new URLSearchParams();
  p.set('v', URL_VERSION);
  if (st.type) p.set('t', st.type);
  if (st.granularity !== DEFAULT_STATE.granularity) p.set('g', st.granularity);
  if (st.sort !== DEFAULT_STATE.sort || st.desc !== DEFAULT_STATE.desc) p.set('s', `${st.sort}-${st.desc ? 'd' : 'a'}`);
  if (st.filter) p.set('q', st.filter);
  if (st.search) p.set('f', st.search);
  if (st.selected) p.set('sel', st.selected);
  return '#' + p.toString();
}

/** Replace (not push) the hash, so view tweaks do not flood the history. */
export function writeHash(st: ViewState) {
  const h = formatHash(st);
  if (h !== location.hash) history.replaceState(null, '', h);
}
