// The label panel (issue 8 point 6): each label key of the shown profile with its values,
// their amounts and share of the key's total (pprof's -tags), and for numeric keys a
// power-of-two histogram. Clicking a value (or a bar) adds tagfocus on exactly its samples;
// Alt+click, or Alt+Enter, adds tagignore. The filter text comes from the engine, which
// knows the raw numbers behind a rounded value such as 2.62kB.
import type { EngineClient } from '../engine/client';
import type { LabelValue, LabelsResult, Transform } from '../engine/protocol';
import { label, percent } from '../format/units';
import { Latest } from './context';
import { clear, h } from './dom';
import './panels.css';

/** Values listed per key before "Show all". */
const SHOWN = 30;

const HINT = 'Click or Enter: focus on these samples (tagfocus). Alt+click or Alt+Enter: ignore them (tagignore).';

export class LabelPanel {
  readonly el = h('section', { class: 'label-panel', 'aria-labelledby': 'labels-title', hidden: true });
  private readonly body = h('div', { class: 'label-keys' });
  private latest = new Latest();

  /** `onAdd` pushes the transform onto the stack. */
  constructor(
    private readonly engine: EngineClient,
    private readonly onAdd: (t: Transform) => void,
  ) {
    this.el.append(h('h2', { id: 'labels-title' }, 'Labels'), h('p', { class: 'hint muted', id: 'labels-hint' }, HINT), this.body);
  }

  /** Shows the labels of `profile` (null: none) for one sample type. */
  async show(profile: number | null, sampleIndex: number) {
    const isLatest = this.latest.begin();
    if (profile === null) return this.render(null);
    try {
      const res = await this.engine.request('labels', { profile, sampleIndex });
      if (isLatest()) this.render(res);
    } catch {
      if (isLatest()) this.render(null); // the table reports engine errors
    }
  }

  private render(res: LabelsResult | null) {
    clear(this.body);
    this.el.hidden = !res?.keys.length;
    if (!res) return;
    for (const k of res.keys) {
      const amount = (v: number) => label(v, res.unit);
      const head = h('h3', { class: 'label-key' }, h('span', {}, k.key), ' ', h('span', { class: 'muted' }, `Total ${amount(k.total)}`));
      const section = h('section', { class: 'label-key-group', 'data-key': k.key, 'aria-label': `Label ${k.key}` }, head);
      if (k.buckets?.length) section.append(this.histogram(k.key, k.buckets, k.total, amount));
      const list = h('ul', { class: 'label-values', 'aria-label': `Values of ${k.key}` });
      const fill = (n: number) => {
        clear(list);
        for (const v of k.values.slice(0, n)) list.append(h('li', {}, this.valueButton(v, v.name, amount(v.value), percent(v.value, k.total))));
      };
      fill(SHOWN);
      section.append(list);
      if (k.values.length > SHOWN) {
        const more = h('button', { type: 'button', class: 'label-more' }, `Show all ${k.values.length} values`);
        more.addEventListener('click', () => (fill(k.values.length), more.remove()));
        section.append(more);
      }
      this.body.append(section);
    }
  }

  /** A value as a button: its name, amount and share; click/Enter focus, with Alt ignore. */
  private valueButton(v: Pick<LabelValue, 'value' | 'filter'>, name: string, amount: string, pct: string): HTMLButtonElement {
    const b = h(
      'button',
      { type: 'button', class: 'label-value', 'data-value': v.value, 'aria-describedby': 'labels-hint', disabled: v.filter === null },
      h('span', { class: 'label-name' }, name),
      h('span', { class: 'label-amount' }, amount),
      h('span', { class: 'label-pct' }, pct),
    );
    const add = (ignore: boolean) => v.filter !== null && this.onAdd({ op: ignore ? 'tagignore' : 'tagfocus', value: v.filter });
    b.addEventListener('click', (e) => add(e.altKey));
    b.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || !e.altKey) return;
      e.preventDefault();
      add(true);
    });
    return b;
  }

  /** Bars (buttons) whose heights are each class's share of the key's largest class. */
  private histogram(key: string, buckets: NonNullable<LabelsResult['keys'][number]['buckets']>, total: number, amount: (v: number) => string) {
    const max = Math.max(...buckets.map((b) => Math.abs(b.value)), 1);
    const bars = h('ul', { class: 'label-histogram', 'aria-label': `Histogram of ${key}` });
    for (const b of buckets) {
      const bar = this.valueButton(b, b.label, amount(b.value), percent(b.value, total));
      bar.classList.add('label-bar');
      bar.title = `${b.label}: ${amount(b.value)} (${percent(b.value, total)})`;
      const fillEl = h('span', { class: 'label-bar-fill', 'aria-hidden': 'true' });
      fillEl.style.height = `${Math.round((Math.abs(b.value) / max) * 100)}%`;
      bar.prepend(fillEl);
      bars.append(h('li', {}, bar));
    }
    return bars;
  }
}
