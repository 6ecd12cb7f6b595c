// The flame graph's search: a box whose name contains the text (any case) is
// highlighted, and the share of the total they cover is shown beside the field.
// The boxes held give a first figure; the engine, which holds every box, gives the
// exact one (a lazy graph holds only the boxes wide enough to draw).
import type { FlameResult } from '../../engine/protocol';
import { label } from '../../format/units';
import { h } from '../dom';
import type { FlameFetch } from '../flamesource';
import { matchedNames } from './tree';

export class FlameSearch {
  readonly input: HTMLInputElement;
  readonly share: HTMLSpanElement;
  /** per name index of the window held: 1 if it matches */
  matched = new Uint8Array(0);

  /** `prefix` names the element ids; `leave` is called on Enter or Escape in the field. */
  constructor(prefix: string, leave: () => void) {
    this.input = h('input', { type: 'search', id: `${prefix}-search`, placeholder: 'Search frames ( / )', 'aria-label': 'Search the flame graph' });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' || e.key === 'Enter') {
        e.preventDefault();
        leave();
      }
    });
    this.share = h('span', { class: 'muted', id: `${prefix}-share`, 'aria-live': 'polite' });
  }

  get text(): string {
    return this.input.value;
  }

  /** Matches a new window against the text (the share stays: it is of the whole graph). */
  use(d: FlameResult | null) {
    this.matched = matchedNames(d, this.input.value);
  }

  /** Searches `d` (and the engine through `source`) for `text`. */
  set(text: string, d: FlameResult | null, source: () => FlameFetch | null) {
    if (this.input.value !== text) this.input.value = text;
    this.matched = matchedNames(d, text);
    if (!d || !text) {
      this.share.textContent = '';
      return;
    }
    // Share of the total: matched nodes not below another matched node.
    let sum = 0;
    let cover = -1; // depth of the matched ancestor, -1 if none
    for (let i = 0; i < d.key.length; i++) {
      const dep = d.depth[i];
      if (cover >= 0 && dep <= cover) cover = -1;
      if (cover < 0 && this.matched[d.key[i]]) {
        sum += d.value[i];
        cover = dep;
      }
    }
    const show = (sum: number) => {
      const pct = d.total ? (Math.abs(sum) / Math.abs(d.total)) * 100 : 0;
      this.share.textContent = `Matched: ${label(sum, d.unit)} (${pct.toFixed(2)}% of total)`;
    };
    show(sum);
    const f = source();
    if (f) void f.match(text).then((v) => this.input.value === text && source() === f && show(v), () => {});
  }

  focus() {
    this.input.focus();
    this.input.select();
  }
}
