// The Diff view: a target compared with a base, as `go tool pprof -base` or
// `-diff_base` (optionally normalized) compare them. The pickers choose the
// two profiles (the store keeps the pair); the table and the flame graph come
// from the one diff the engine keeps (DiffKeeper), made of the two sides with the
// transform stack applied (the stack filters both sides alike, which is pprof's
// filtering of the merged profile: every filter acts per sample).
import { DerivedProfile } from '../state/derived';
import type { DiffFlameResult, DiffMode, DiffTableResult, Summary } from '../engine/protocol';
import type { MadeDiff } from '../engine/diffs';
import { label } from '../format/units';
import { comparable, sampleIndexOf, type LoadedProfile } from '../state/series';
import { errText, Latest, tableEvents, tableStart } from './context';
import { DiffTable } from './difftable';
import { h } from './dom';
import { diffExport, tablesOf } from './exportsource';
import { flameFetch } from './flamesource';
import { LastAnswer } from './memo';
import type { Scope, View, ViewFactory, ViewHost } from './view';

export type { Pair } from '../state/store';

const MODES: { mode: DiffMode; text: string; help: string }[] = [
  { mode: 'base', text: '-base', help: 'percentages of the sum of |delta|' },
  { mode: 'diff_base', text: '-diff_base', help: "percentages of the base's total" },
];

export class DiffView implements View {
  readonly id = 'diff';
  readonly label = 'Diff';
  readonly panel = h('section', { id: 'diff-view' });
  readonly applies = 'pair';
  readonly layout = 'split';
  readonly urlKeys = ['ds', 'dm', 'n', 'c'];
  readonly asks = ['filter', 'diff', 'diffTable', 'diffFlame', 'flameWindow'] as const;
  readonly table: DiffTable;
  private targetSel: HTMLSelectElement;
  private baseSel: HTMLSelectElement;
  private modes: HTMLInputElement[];
  private normalize: HTMLInputElement;
  private info: HTMLParagraphElement;
  private latest = new Latest();
  private scope: Scope | null = null;
  /** each side with the transform stack applied */
  private sides: { target: DerivedProfile; base: DerivedProfile };
  /** the last table and first flame window asked for, and the table shown */
  private tables = new LastAnswer<DiffTableResult>();
  private flames = new LastAnswer<DiffFlameResult>();
  private shownTable: DiffTableResult | null = null;
  /** the diff on screen (of the transformed sides), for the exports */
  shownDiff: MadeDiff | null = null;

  constructor(private host: ViewHost) {
    const st = host.state;
    this.sides = { target: new DerivedProfile(host.engine, host.store), base: new DerivedProfile(host.engine, host.store) };
    this.targetSel = h('select', { id: 'diff-target' });
    this.baseSel = h('select', { id: 'diff-base' });
    const pick = (target: number, base: number) => {
      host.store.setPair({ target, base });
      void this.show(host.store.scope());
    };
    const picked = () => pick(Number(this.targetSel.value), Number(this.baseSel.value));
    this.targetSel.addEventListener('change', picked);
    this.baseSel.addEventListener('change', picked);
    const swap = h('button', { type: 'button', id: 'diff-swap', title: 'Swap target and base' }, '⇄ Swap');
    swap.addEventListener('click', () => {
      const pair = this.scope?.pair;
      if (pair) pick(pair.base.id, pair.target.id);
    });
    this.modes = MODES.map((m) => {
      const r = h('input', { type: 'radio', name: 'diff-mode', value: m.mode, id: `diff-mode-${m.mode}` });
      r.checked = st.diffMode === m.mode;
      r.addEventListener('change', () => r.checked && this.change(() => (st.diffMode = m.mode)));
      return r;
    });
    this.normalize = h('input', { type: 'checkbox', id: 'diff-normalize' });
    this.normalize.checked = st.normalize;
    this.normalize.addEventListener('change', () => this.change(() => (st.normalize = this.normalize.checked)));
    this.info = h('p', { class: 'muted', id: 'diff-info', 'aria-live': 'polite' });
    this.panel.append(
      h(
        'div',
        { class: 'diff-tools' },
        h('label', {}, 'Target ', this.targetSel),
        h('label', {}, 'Base ', this.baseSel),
        swap,
        h('fieldset', { class: 'inline-choice' }, h('legend', {}, 'Mode'), ...MODES.map((m, i) => h('label', { title: m.help }, this.modes[i], ` ${m.text}`))),
        h('label', { title: "scale the target to the base's total first" }, this.normalize, ' normalize'),
      ),
      this.info,
    );
    this.table = new DiffTable(this.panel, tableEvents(host, 'diffSort'), tableStart(host, 'diffSort'));
  }

  /** The target's summary (its sample types are the diff's). */
  summary(scope: Scope): Summary | null {
    return scope.pair?.target.summary ?? null;
  }

  /** Lists in the pickers the targets that have a base, and the bases of the target. */
  private fillPickers(scope: Scope) {
    const ps = this.host.store.profiles;
    const pair = scope.pair;
    const fits = (t: LoadedProfile, b: LoadedProfile) => b.id !== t.id && comparable(t.summary, b.summary);
    const fill = (sel: HTMLSelectElement, options: LoadedProfile[], value: number | undefined) => {
      sel.replaceChildren(...options.map((p) => h('option', { value: p.id }, p.name)));
      sel.value = String(value ?? '');
      sel.disabled = !pair;
    };
    fill(
      this.targetSel,
      ps.filter((x) => ps.some((y) => fits(x, y))),
      pair?.target.id,
    );
    fill(this.baseSel, pair ? ps.filter((p) => fits(pair.target, p)) : [], pair?.base.id);
  }

  select(name: string) {
    this.table.select(name);
  }

  filter(text: string) {
    this.table.setFilter(text);
  }

  focusTarget() {
    return this.table.grid;
  }

  release(_id: number) {
    // the store drops the sides' copies and the keeper its diff of a closed profile
  }

  export() {
    return {
      view: async () => {
        const pair = this.scope?.pair;
        if (!pair) return null;
        const { state } = this.host;
        const cum = state.diffSort.key === 'cum' && state.diffSort.desc;
        return diffExport(this.host, pair.target, pair.base, this.shownDiff, state.type, cum, this.host.panel.flame.zoomRoot());
      },
      tables: () => tablesOf([this.table, 'diff', 'Diff table']),
    };
  }

  private change(apply: () => void) {
    apply();
    this.host.save();
    void this.show(this.host.store.scope());
  }

  /** Asks for the diff of the pair (see View.prefetch); not under transforms, whose filtered sides `show` makes first. */
  prefetch(scope: Scope) {
    const { state, diffs } = this.host;
    if (!scope.pair || state.transforms.length) return;
    void diffs.get({ target: scope.pair.target.id, base: scope.pair.base.id, mode: state.diffMode, normalize: state.normalize }).catch(() => {});
  }

  /** Makes (or reuses) the diff, then asks for its table and flame graph. */
  async show(scope: Scope) {
    this.scope = scope;
    const isLatest = this.latest.begin();
    const { engine, state, panel } = this.host;
    this.fillPickers(scope);
    this.modes.forEach((r) => (r.checked = r.value === state.diffMode));
    this.normalize.checked = state.normalize;
    const pair = scope.pair;
    if (!pair) {
      this.shownDiff = this.shownTable = null;
      this.table.setData(null);
      panel.showPlain(null);
      this.info.textContent = 'Open two profiles of the same kind, then pick a target and a base (or use “Compare with…” on a profile).';
      return;
    }
    const { target: t, base: b } = pair;
    this.info.textContent = `Comparing ${t.name} (target) with ${b.name} (base)…`;
    try {
      const [dt, db] = await Promise.all([this.sides.target.get(t.id, t.summary, state.transforms), this.sides.base.get(b.id, b.summary, state.transforms)]);
      if (!isLatest()) return;
      const made = await this.host.diffs.get({ target: dt.id, base: db.id, mode: state.diffMode, normalize: state.normalize });
      if (!isLatest()) return;
      this.shownDiff = made;
      const q = { profile: made.id, sampleIndex: sampleIndexOf(made.types, state.type), granularity: state.granularity };
      const key = JSON.stringify(q);
      const tableP = this.tables.get(key, () => engine.request('diffTable', q));
      const flameP = this.flames.get(key, () => engine.request('diffFlame', { ...q, window: panel.flame.firstWindow() }));
      flameP.catch(() => {}); // reported through tableP when both fail
      const table = await tableP;
      if (!isLatest()) return;
      if (table !== this.shownTable) this.table.setData(table); // back on this tab: the rows are there
      this.shownTable = table;
      this.table.select(state.selected);
      this.host.drew('table');
      this.info.textContent = describe(t.name, b.name, state.diffMode, state.normalize, table);
      const flame = await flameP;
      if (!isLatest()) return;
      this.host.drew('flame');
      panel.showDiff(flame, { base: table.baseTotal, target: table.targetTotal }, `${t.name} − ${b.name}`, flameFetch(engine, { kind: 'diff', ...q }));
      panel.flame.select(state.selected);
    } catch (e) {
      if (isLatest()) this.host.error(`${t.name} − ${b.name}`, errText(e));
    }
  }
}

export const diffView: ViewFactory = (host) => new DiffView(host);

/** One sentence on what the percentages mean, as pprof would take them. */
function describe(target: string, base: string, mode: DiffMode, normalize: boolean, t: DiffTableResult): string {
  const of = mode === 'base' ? 'the sum of |delta|' : "the base's total";
  return (
    `${target} − ${base}${normalize ? ', normalized' : ''}: base ${label(t.baseTotal, t.unit)}, target ${label(t.targetTotal, t.unit)}. ` +
    `Percentages are of ${of}, ${label(t.total, t.unit)} (go tool pprof -${mode}).`
  );
}
