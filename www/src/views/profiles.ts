// The list of loaded profiles, each with its metadata panel and a "Compare
// with…" picker (the other profiles it can be diffed with), and the list of
// files that failed to load (each error names its file).
import type { Summary } from '../engine/protocol';
import { formatTime, label, grouped } from '../format/units';
import { comparable, isDelta, type LoadedProfile } from '../state/series';
import { clear, h } from './dom';
import { memstatsPanel } from './memstats';

export type { LoadedProfile };

export interface ProfileEvents {
  onSelect(id: number): void;
  onClose(id: number): void;
  /** diff `target` against `base` */
  onCompare(target: number, base: number): void;
}

export class ProfileList {
  private list: HTMLUListElement;
  private errors: HTMLUListElement;

  constructor(host: HTMLElement, errorHost: HTMLElement, private ev: ProfileEvents) {
    this.list = h('ul', { class: 'profiles', id: 'profile-list', 'aria-label': 'Loaded profiles' });
    this.errors = h('ul', { class: 'errors', id: 'errors' });
    host.append(this.list);
    errorHost.setAttribute('role', 'alert'); // on the list's box: a list keeps its own role
    errorHost.append(this.errors);
  }

  render(profiles: LoadedProfile[], current: number) {
    clear(this.list);
    for (const p of profiles) {
      const active = p.id === current;
      const open = h('button', { type: 'button', class: 'profile-name', 'aria-pressed': String(active) }, p.name);
      open.addEventListener('click', () => this.ev.onSelect(p.id));
      const close = h('button', { type: 'button', class: 'close', 'aria-label': `Close ${p.name}`, title: `Close ${p.name}` }, '×');
      close.addEventListener('click', () => {
        const at = profiles.indexOf(p);
        this.ev.onClose(p.id);
        this.focusProfile(at);
      });
      const badge = isDelta(p.summary) ? h('span', { class: 'badge', title: 'some values are negative: a delta profile, shown as a diff' }, 'delta') : null;
      const details = h('details', { class: 'meta', open: active }, h('summary', {}, 'Details'), metadata(p.summary));
      const head = h('div', { class: 'profile-head' }, open, badge, close);
      this.list.append(h('li', { class: active ? 'profile active' : 'profile', 'data-profile': p.id }, head, this.compare(p, profiles), details));
    }
  }

  /** Focus goes to the profile now at `at` (or the last one), else to the Open button: never to the page. */
  private focusProfile(at: number) {
    const names = this.list.querySelectorAll<HTMLElement>('.profile-name');
    (names[Math.min(at, names.length - 1)] ?? document.getElementById('open-button'))?.focus();
  }

  /** A picker of the bases this profile can be compared with; null if there is none. */
  private compare(p: LoadedProfile, profiles: LoadedProfile[]): HTMLElement | null {
    const bases = profiles.filter((b) => b.id !== p.id && comparable(p.summary, b.summary));
    if (!bases.length) return null;
    const sel = h(
      'select',
      { class: 'compare', 'aria-label': `Compare ${p.name} with another profile (as the base)` },
      h('option', { value: '' }, 'Compare with…'),
      ...bases.map((b) => h('option', { value: b.id }, `${b.name} (as base)`)),
    );
    sel.addEventListener('change', () => {
      if (sel.value !== '') this.ev.onCompare(p.id, Number(sel.value));
      sel.value = '';
    });
    return sel;
  }

  addError(file: string, message: string) {
    const dismiss = h('button', { type: 'button', class: 'close', 'aria-label': 'Dismiss' }, '×');
    const li = h('li', { class: 'error', 'data-file': file }, h('strong', {}, file), ': ', message, ' ', dismiss);
    dismiss.addEventListener('click', () => li.remove());
    this.errors.append(li);
  }
}

function metadata(s: Summary): HTMLElement {
  const dl = h('dl', { class: 'meta-list' });
  const row = (k: string, v: string) => dl.append(h('dt', {}, k), h('dd', {}, v));
  row('Kind', s.kind);
  row('Format', s.format);
  const types = h('dd', {});
  s.sampleTypes.forEach((t, i) => {
    types.append(h('span', { class: i === s.defaultIndex ? 'stype default' : 'stype' }, `${t.type}/${t.unit}${i === s.defaultIndex ? ' (default)' : ''}`), ' ');
  });
  dl.append(h('dt', {}, 'Sample types'), types);
  if (s.periodType) row('Period', `${label(s.period, s.periodType.unit)} of ${s.periodType.type}`);
  else row('Period', s.period ? String(s.period) : '–');
  row('Time', formatTime(s.timeNanos));
  row('Duration', s.durationNanos ? label(s.durationNanos, 'nanoseconds') : '–');
  row('Samples', grouped(s.sampleCount));
  row('Locations / functions', `${grouped(s.locationCount)} / ${grouped(s.functionCount)}`);
  for (const c of s.comments ?? []) row('Comment', c);
  if (!s.memstats) return dl;
  return h('div', {}, dl, memstatsPanel(s.memstats));
}
