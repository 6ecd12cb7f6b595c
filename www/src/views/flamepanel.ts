// The one flame graph on the page, and what a diff adds around it: the legend
// with the absolute/relative colouring toggle above, and the list of vanished
// stacks below (they have no width in the target, so they cannot be drawn).
// Every view shows its flame graph through this panel, so a plain profile, a
// delta profile and a diff each get their colours and their extras.
import type { DiffFlameResult, FlameResult } from '../engine/protocol';
import { signedLabel, grouped } from '../format/units';
import type { Colouring } from '../state/url';
import { deltaStyle, diffStyle, LEGEND, type DiffSides } from './diffcolors';
import { h } from './dom';
import type { FlameGraph } from './flame';
import type { FlameFetch } from './flamesource';

export interface PanelEvents {
  onColouring(c: Colouring): void;
}

export class FlamePanel {
  private legend: HTMLDivElement;
  private toggle: HTMLFieldSetElement;
  private radios: Record<Colouring, HTMLInputElement>;
  private vanished: HTMLDetailsElement;
  private diff: { totals: { base: number; target: number } } | null = null;
  private colouring: Colouring = 'absolute';
  /** what is shown: 'plain', 'delta' or 'diff' (for tests) */
  kind = 'plain';

  /**
   * `title` says what the flame graph shows (each show* call gives a caption);
   * the legend goes into `legendHost`, the vanished stacks at the end of `listHost`.
   */
  constructor(private title: HTMLElement, legendHost: HTMLElement, listHost: HTMLElement, readonly flame: FlameGraph, private ev: PanelEvents) {
    const swatch = (cls: string, colour: string, text: string) => {
      const s = h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' });
      s.style.background = colour;
      return h('span', { class: 'legend-item' }, s, text);
    };
    this.radios = {
      absolute: h('input', { type: 'radio', name: 'colouring', value: 'absolute', id: 'colour-absolute' }),
      relative: h('input', { type: 'radio', name: 'colouring', value: 'relative', id: 'colour-relative' }),
    };
    for (const r of Object.values(this.radios)) {
      r.addEventListener('change', () => {
        if (!r.checked) return;
        this.setColouring(r.value as Colouring);
        this.ev.onColouring(this.colouring);
      });
    }
    this.toggle = h(
      'fieldset',
      { class: 'inline-choice' },
      h('legend', {}, 'Colour by'),
      h('label', { title: 'target − base' }, this.radios.absolute, ' absolute change'),
      h('label', { title: "share of the target's total − share of the base's total" }, this.radios.relative, ' change of share of total'),
    );
    this.legend = h(
      'div',
      { class: 'diff-legend', id: 'diff-legend', hidden: true },
      swatch('grew', LEGEND.grew, 'grew'),
      swatch('shrank', LEGEND.shrank, 'shrank'),
      swatch('new', LEGEND.new, 'new in the target'),
      swatch('same', LEGEND.same, 'unchanged'),
      h('span', { class: 'muted' }, 'deeper = larger change'),
      this.toggle,
    );
    legendHost.append(this.legend);
    this.vanished = h('details', { class: 'vanished', id: 'vanished', hidden: true });
    listHost.append(this.vanished);
  }

  /** A profile's own flame graph, coloured by package (`fetch`: where zooms get more boxes). */
  showPlain(data: FlameResult | null, caption = '', fetch: FlameFetch | null = null) {
    this.show('plain', null, caption);
    this.flame.setData(data, null, fetch);
  }

  /** A delta profile: a diff by itself, coloured by the sign of its values. */
  showDelta(data: FlameResult, caption: string, fetch: FlameFetch | null = null) {
    this.show('delta', null, `${caption} (a delta profile)`);
    this.flame.setData(data, deltaStyle, fetch);
  }

  /** A diff of two profiles: coloured by change, with the vanished stacks listed. */
  showDiff(data: DiffFlameResult, totals: { base: number; target: number }, caption: string, fetch: FlameFetch | null = null) {
    this.show('diff', { totals }, caption);
    this.flame.setData(data, this.diffStyling(totals), fetch);
    this.renderVanished(data);
  }

  setColouring(c: Colouring) {
    this.colouring = c;
    this.radios[c].checked = true;
    if (this.diff) this.flame.setStyle(this.diffStyling(this.diff.totals));
  }

  /** Diff colours for any window of the diff (each window carries its boxes' two sides). */
  private diffStyling(totals: { base: number; target: number }) {
    const colouring = this.colouring;
    return (d: FlameResult) => {
      const { base, target } = d as DiffFlameResult;
      const sides: DiffSides = { base, target, baseTotal: totals.base, targetTotal: totals.target };
      return diffStyle(d, sides, colouring);
    };
  }

  private show(kind: string, diff: FlamePanel['diff'], caption: string) {
    this.title.textContent = caption ? `Flame graph: ${caption}` : 'Flame graph';
    this.kind = kind;
    this.diff = diff;
    this.legend.hidden = kind === 'plain';
    // a delta profile has no sides: only its sign and size are known
    this.toggle.hidden = kind !== 'diff';
    this.legend.querySelector<HTMLElement>('.swatch.new')!.parentElement!.hidden = kind !== 'diff';
    this.vanished.hidden = kind !== 'diff';
  }

  private renderVanished(d: DiffFlameResult) {
    const n = d.vanishedCount;
    const shown = d.vanishedPaths.length;
    const head = h('summary', {}, n ? `Vanished stacks: ${grouped(n)} (in the base only, so not drawn)` : 'Vanished stacks: none');
    const list = h('ol', { class: 'vanished-list', 'aria-label': 'Vanished stacks, largest first' });
    d.vanishedPaths.forEach((path, i) =>
      list.append(h('li', {}, h('span', { class: 'num' }, signedLabel(-d.vanishedBase[i], d.unit)), ' ', h('span', { class: 'path' }, path))),
    );
    this.vanished.replaceChildren(head, list, shown < n ? h('p', { class: 'muted' }, `The ${shown} largest of ${grouped(n)} are listed.`) : '');
    this.vanished.open = n > 0 && n <= 20;
  }

  /** For tests: the vanished stacks listed. */
  vanishedForTest() {
    return Array.from(this.vanished.querySelectorAll('li'), (li) => li.textContent ?? '');
  }
}
