// The diff table: per function, the base's and the target's flat value, the
// delta (pprof's -base/-diff_base flat and cum) and the delta as a share of
// pprof's percent base for the mode, plus the target's retention for heaps.
// The delta columns sort by the signed change, so the largest growth comes
// first and, ascending, the largest shrink.
import type { DiffTableResult } from '../engine/protocol';
import { signedPercent, tableUnit } from '../format/units';
import type { Sort } from '../state/url';
import { PER_VALUE, percentFill, retainedColumn, valueFill } from './cells';
import { Grid, nameColumn, type Column, type GridEvents, type GridStart } from './grid';

export const DIFF_SORT: Sort = { key: 'delta', desc: true };

export class DiffTable extends Grid {
  private t: DiffTableResult | null = null;
  private unit = '';

  constructor(host: HTMLElement, ev: GridEvents, start: GridStart) {
    super(host, { id: 'diff-grid', label: 'Diff by function', filterId: 'diff-filter', rowIdPrefix: 'diff-row-', defaultSort: DIFF_SORT }, ev, start);
    this.setColumns(this.makeColumns());
  }

  setData(t: DiffTableResult | null) {
    this.t = t;
    if (t) {
      // one unit for the whole table, picked as pprof picks it for -top, from both sides
      const both = new Float64Array(2 * t.rows);
      both.set(t.baseFlat);
      both.set(t.targetFlat, t.rows);
      this.unit = tableUnit(both, t.unit);
    }
    this.setSource(t && { rows: t.rows, name: (i) => t.names[i] });
  }

  /** For tests: the rows as displayed, with exact values and the Delta% text. */
  rowsForTest(n: number) {
    const t = this.t;
    if (!t) return [];
    return this.displayed(n).map((i) => ({
      name: t.names[i],
      base: t.baseFlat[i],
      target: t.targetFlat[i],
      flat: t.flat[i],
      cum: t.cum[i],
      flatPct: signedPercent(t.flat[i], t.total),
      retention: t.retention[i],
    }));
  }

  /** For tests: pprof's percent base and each side's total. */
  totals() {
    const t = this.t;
    return t && { total: t.total, baseTotal: t.baseTotal, targetTotal: t.targetTotal };
  }

  private makeColumns(): Column[] {
    const t = () => this.t!;
    const units = () => ({ unit: t().unit, to: this.unit });
    const deltas = () => ({ unit: t().unit, to: PER_VALUE });
    const total = () => t().total;
    const col = (get: (t: DiffTableResult) => Float64Array) => (i: number) => get(t())[i];
    const [base, target, flat, cum, kept] = [col((x) => x.baseFlat), col((x) => x.targetFlat), col((x) => x.flat), col((x) => x.cum), col((x) => x.retention)];
    const num = { cls: 'num', track: '84px' };
    return [
      { ...num, key: 'base', title: 'Base', help: 'flat value in the base profile', sort: base, fill: valueFill(base, units) },
      { ...num, key: 'target', title: 'Target', help: 'flat value in the target profile', sort: target, fill: valueFill(target, units) },
      { ...num, key: 'delta', title: 'Delta', help: 'flat, target − base (pprof)', sort: flat, fill: valueFill(flat, deltas, true) },
      { ...num, key: 'deltap', title: 'Delta%', help: "delta as a share of pprof's total for the mode", track: '70px', sort: flat, fill: percentFill(flat, total, true) },
      { ...num, key: 'cum', title: 'Cum Δ', help: 'cum, target − base (pprof)', sort: cum, fill: valueFill(cum, deltas, true) },
      { ...num, key: 'cump', title: 'Cum Δ%', track: '70px', sort: cum, fill: percentFill(cum, total, true) },
      retainedColumn(kept, "the target's"),
      nameColumn(
        (i) => t().names[i],
        (i) => t().inline[i],
      ),
    ];
  }
}
