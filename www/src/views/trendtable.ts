// The trend table: one row per allocation site over the snapshots, leak
// suspects first (the engine's order, by leak score), each with a sparkline of
// its values in time order. The measures are defined in the README ("Trend
// and leak score").
import type { TrendResult } from '../engine/protocol';
import { label } from '../format/units';
import { PER_VALUE, retainedColumn, valueFill } from './cells';
import type { Sort } from '../state/url';
import { h } from './dom';
import { Grid, setCell, type Column, type GridEvents, type GridStart } from './grid';
import { drawSparkline, makeSparkline } from './sparkline';

export const TREND_SORT: Sort = { key: 'score', desc: true };

export class TrendTable extends Grid {
  private t: TrendResult | null = null;

  constructor(host: HTMLElement, ev: GridEvents, start: GridStart) {
    super(host, { id: 'trend-grid', label: 'Allocation sites by leak score', filterId: 'trend-filter', rowIdPrefix: 'trend-row-', defaultSort: TREND_SORT, natural: TREND_SORT }, ev, start);
    this.setColumns(this.makeColumns());
  }

  setData(t: TrendResult | null) {
    this.t = t;
    this.setSource(t && { rows: t.rows, name: (i) => t.names[i] });
  }

  /** For tests: the rows as displayed. */
  rowsForTest(n: number) {
    const t = this.t;
    if (!t) return [];
    const k = t.order.length;
    return this.displayed(n).map((i) => ({
      name: t.names[i],
      values: Array.from(t.values.subarray(i * k, (i + 1) * k)),
      delta: t.delta[i],
      perMinute: t.perMinute[i],
      tau: t.tau[i],
      score: t.score[i],
      retention: t.retention[i],
    }));
  }

  private makeColumns(): Column[] {
    const t = () => this.t!;
    const snaps = () => t().order.length;
    const units = () => ({ unit: t().unit, to: PER_VALUE });
    const col = (get: (t: TrendResult) => Float64Array) => (i: number) => get(t())[i];
    const [score, tau, delta, rate, kept] = [col((x) => x.score), col((x) => x.tau), col((x) => x.delta), col((x) => x.perMinute), col((x) => x.retention)];
    const last = (i: number) => t().values[(i + 1) * snaps() - 1];
    const fixed = (get: (i: number) => number, digits: number): Column['fill'] => (cell, i) => {
      const v = get(i);
      setCell(cell, Number.isFinite(v) ? v.toFixed(digits) : '–', '');
    };
    const num = { cls: 'num', track: '78px' };
    return [
      {
        key: 'spark',
        title: 'Trend',
        help: 'the value in each snapshot, oldest first',
        cls: 'spark',
        track: '92px',
        init: (cell) => cell.append(makeSparkline(), h('span', { class: 'sr-only' })),
        fill: (cell, i) => {
          const n = snaps();
          drawSparkline(cell.firstChild as SVGSVGElement, t().values, i * n, n);
          const text = Array.from(t().values.subarray(i * n, (i + 1) * n), (v) => label(v, t().unit)).join(' → ');
          cell.lastChild!.textContent = text;
          cell.title = text;
        },
      },
      { ...num, key: 'score', title: 'Score', help: 'leak score: steady, large growth first', track: '64px', sort: score, fill: fixed(score, 2) },
      { ...num, key: 'tau', title: 'Tau', help: 'Mann-Kendall tau: +1 rose at every step, -1 fell at every step', track: '56px', sort: tau, fill: fixed(tau, 2) },
      { ...num, key: 'delta', title: 'Delta', help: 'last − first', sort: delta, fill: valueFill(delta, units, true) },
      { ...num, key: 'rate', title: 'Per min', help: 'delta per minute, from the snapshots’ times', sort: rate, fill: valueFill(rate, units, true, '/min') },
      retainedColumn(kept, 'in the last snapshot,'),
      { ...num, key: 'last', title: 'Last', help: 'the value in the newest snapshot', sort: last, fill: valueFill(last, units) },
      { key: 'name', title: 'Site', cls: 'name', track: 'minmax(0, 1fr)', sort: 'name', fill: (cell, i) => setCell(cell, t().names[i], t().names[i]) },
    ];
  }
}
