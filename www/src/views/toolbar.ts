// The top bar's two choices, which every view shares: the sample type (as
// pprof's -sample_index; listed from the shown profile, since comparable
// profiles have the same types) and the granularity. Both live in the view
// state; `onChange` re-shows the active view.
import { GRANULARITIES, type Granularity, type Summary } from '../engine/protocol';
import { sampleIndexOf } from '../state/series';
import type { ViewState } from '../state/url';
import { $, h } from './dom';

export class Toolbar {
  private types = $('sample-type') as HTMLSelectElement;
  private summary: Summary | null = null;

  constructor(state: ViewState, save: () => void, onChange: () => void) {
    const gran = $('granularity') as HTMLSelectElement;
    for (const g of GRANULARITIES) gran.append(h('option', { value: g }, g));
    gran.value = state.granularity;
    gran.addEventListener('change', () => {
      state.granularity = gran.value as Granularity;
      save();
      onChange();
    });
    this.types.addEventListener('change', () => {
      state.type = this.summary?.sampleTypes[Number(this.types.value)]?.type ?? '';
      save();
      onChange();
    });
  }

  /** Lists a profile's sample types (the default starred), the state's one selected. */
  showTypes(s: Summary | null, type: string) {
    this.summary = s;
    this.types.replaceChildren();
    s?.sampleTypes.forEach((t, i) => this.types.append(h('option', { value: i }, `${t.type} (${t.unit})${i === s.defaultIndex ? ' *' : ''}`)));
    if (s) this.types.value = String(sampleIndexOf(s, type));
    this.types.disabled = !s;
  }
}
