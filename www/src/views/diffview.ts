// The Diff view: a target compared with a base, as `go tool pprof -base` or
// `-diff_base` (optionally normalized) compare them. The pickers choose the
// two profiles; the table and the flame graph come from the one diff the
// engine keeps (DiffKeeper).
import type { DiffKeeper } from '../engine/diffs';
import type { DerivedProfile } from '../state/derived';
import type { DiffMode, DiffTableResult, Summary } from '../engine/protocol';
import { label } from '../format/units';
import { comparable, sampleIndexOf, type LoadedProfile } from '../state/series';
import { errText, Latest, tableEvents, tableStart, type ViewContext } from './context';
import { DiffTable } from './difftable';
import { h } from './dom';
import { flameFetch } from './flamesource';

export interface Pair {
  target: number;
  base: number;
}

const MODES: { mode: DiffMode; text: string; help: string }[] = [
  { mode: 'base', text: '-base', help: 'percentages of the sum of |delta|' },
  { mode: 'diff_base', text: '-diff_base', help: "percentages of the base's total" },
];

export class DiffView {
  readonly table: DiffTable;
  pair: Pair | null = null;
  private targetSel: HTMLSelectElement;
  private baseSel: HTMLSelectElement;
  private modes: HTMLInputElement[];
  private normalize: HTMLInputElement;
  private info: HTMLParagraphElement;
  private latest = new Latest();
  /** the diff on screen (of the transformed sides), for the exports */
  shownDiff: { id: number; summary: Summary } | null = null;

  constructor(
    host: HTMLElement,
    private ctx: ViewContext,
    private keeper: DiffKeeper,
    /** each side with the transform stack applied (the stack filters both sides alike,
     *  which is pprof's filtering of the merged profile: every filter acts per sample) */
    private sides?: { target: DerivedProfile; base: DerivedProfile },
  ) {
    const st = ctx.state;
    this.targetSel = h('select', { id: 'diff-target' });
    this.baseSel = h('select', { id: 'diff-base' });
    const pick = (pair: Pair) => {
      this.setPair(pair);
      void this.show();
    };
    const picked = () => pick({ target: Number(this.targetSel.value), base: Number(this.baseSel.value) });
    this.targetSel.addEventListener('change', picked);
    this.baseSel.addEventListener('change', picked);
    const swap = h('button', { type: 'button', id: 'diff-swap', title: 'Swap target and base' }, '⇄ Swap');
    swap.addEventListener('click', () => this.pair && pick({ target: this.pair.base, base: this.pair.target }));
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
    host.append(
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
    this.table = new DiffTable(host, tableEvents(ctx, 'diffSort'), tableStart(ctx, 'diffSort'));
  }

  /** The target's summary (its sample types are the diff's). */
  summary(): Summary | null {
    return this.ctx.profiles.find((p) => p.id === this.pair?.target)?.summary ?? null;
  }

  /** Sets the two sides; show() makes the diff. */
  setPair(pair: Pair | null) {
    this.pair = pair;
    this.updateProfiles();
  }

  /**
   * Re-lists the pickers after a profile was opened or closed, or the target
   * changed: a base that cannot be compared with the target is replaced by
   * the first one that can, and a missing pair by a default one.
   */
  updateProfiles() {
    const ps = this.ctx.profiles;
    const fits = (t: LoadedProfile, b: LoadedProfile) => b.id !== t.id && comparable(t.summary, b.summary);
    // without a target, the newest profile that has a base, and its oldest base
    const t = ps.find((p) => p.id === this.pair?.target) ?? [...ps].reverse().find((x) => ps.some((y) => fits(x, y)));
    let b = ps.find((p) => p.id === this.pair?.base);
    if (t && !(b && fits(t, b))) b = ps.find((p) => fits(t, p));
    this.pair = t && b ? { target: t.id, base: b.id } : null;
    const fill = (sel: HTMLSelectElement, options: LoadedProfile[], value: number | undefined) => {
      sel.replaceChildren(...options.map((p) => h('option', { value: p.id }, p.name)));
      sel.value = String(value ?? '');
      sel.disabled = !this.pair;
    };
    fill(
      this.targetSel,
      ps.filter((x) => ps.some((y) => fits(x, y))),
      this.pair?.target,
    );
    fill(this.baseSel, t ? ps.filter((p) => fits(t, p)) : [], this.pair?.base);
  }

  select(name: string) {
    this.table.select(name);
  }

  private change(apply: () => void) {
    apply();
    this.ctx.save();
    void this.show();
  }

  /** Makes (or reuses) the diff, then asks for its table and flame graph. */
  async show() {
    const isLatest = this.latest.begin();
    const { engine, state, panel, profiles } = this.ctx;
    const pair = this.pair;
    this.modes.forEach((r) => (r.checked = r.value === state.diffMode));
    this.normalize.checked = state.normalize;
    const t = profiles.find((p) => p.id === pair?.target);
    const b = profiles.find((p) => p.id === pair?.base);
    if (!t || !b) {
      this.table.setData(null);
      panel.showPlain(null);
      this.info.textContent = 'Open two profiles of the same kind, then pick a target and a base (or use “Compare with…” on a profile).';
      return;
    }
    this.info.textContent = `Comparing ${t.name} (target) with ${b.name} (base)…`;
    try {
      const [dt, db] = this.sides
        ? await Promise.all([this.sides.target.get(t.id, t.summary, state.transforms), this.sides.base.get(b.id, b.summary, state.transforms)])
        : [t, b];
      if (!isLatest()) return;
      const made = await this.keeper.get({ target: dt.id, base: db.id, mode: state.diffMode, normalize: state.normalize });
      if (!isLatest()) return;
      this.shownDiff = made;
      const q = { profile: made.id, sampleIndex: sampleIndexOf(made.summary, state.type), granularity: state.granularity };
      const tableP = engine.request('diffTable', q);
      const flameP = engine.request('diffFlame', { ...q, window: panel.flame.firstWindow() });
      flameP.catch(() => {}); // reported through tableP when both fail
      const table = await tableP;
      if (!isLatest()) return;
      this.table.setData(table);
      this.table.select(state.selected);
      this.info.textContent = describe(t.name, b.name, state.diffMode, state.normalize, table);
      const flame = await flameP;
      if (!isLatest()) return;
      panel.showDiff(flame, { base: table.baseTotal, target: table.targetTotal }, `${t.name} − ${b.name}`, flameFetch(engine, { kind: 'diff', ...q }));
      panel.flame.select(state.selected);
    } catch (e) {
      if (isLatest()) this.ctx.error(`${t.name} − ${b.name}`, errText(e));
    }
  }
}

/** One sentence on what the percentages mean, as pprof would take them. */
function describe(target: string, base: string, mode: DiffMode, normalize: boolean, t: DiffTableResult): string {
  const of = mode === 'base' ? 'the sum of |delta|' : "the base's total";
  return (
    `${target} − ${base}${normalize ? ', normalized' : ''}: base ${label(t.baseTotal, t.unit)}, target ${label(t.targetTotal, t.unit)}. ` +
    `Percentages are of ${of}, ${label(t.total, t.unit)} (go tool pprof -${mode}).`
  );
}
