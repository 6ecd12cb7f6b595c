// The top table: pprof's -top columns over the generic grid. A delta profile
// (some value < 0, as Go's heap?seconds=30 serves) is a diff by itself, so its
// columns are titled as the diff table's Delta columns and show signed values.
import type { TopResult } from '../engine/protocol';
import { percent, tableUnit } from '../format/units';
import type { Sort } from '../state/url';
import { percentFill, valueFill } from './cells';
import { Grid, nameColumn, setCell, type Column, type GridEvents, type GridStart } from './grid';

export const TOP_SORT: Sort = { key: 'flat', desc: true };

export class TopTable extends Grid {
  private top: TopResult | null = null;
  private unit = '';
  private delta = false;
  /** running |flat| along the display order (Sum%) */
  private sum = new Float64Array(0);
  /** running |flat| in pprof's own order, for sorting by Sum% */
  private sumTop = new Float64Array(0);

  constructor(host: HTMLElement, ev: GridEvents, start: GridStart) {
    super(host, { id: 'top-grid', label: 'Top functions', filterId: 'name-filter', rowIdPrefix: 'row-', defaultSort: TOP_SORT, natural: TOP_SORT }, ev, start);
    this.setColumns(this.makeColumns());
  }

  /** `delta`: the values are a difference (a delta profile), so columns say Delta. */
  setData(top: TopResult | null, delta = false) {
    this.top = top;
    this.unit = top ? tableUnit(top.flat, top.unit) : '';
    if (top) {
      this.sumTop = new Float64Array(top.rows);
      let acc = 0;
      for (let i = 0; i < top.rows; i++) this.sumTop[i] = acc += Math.abs(top.flat[i]);
    }
    if (delta !== this.delta) {
      this.delta = delta;
      this.setColumns(this.makeColumns());
    }
    this.setSource(
      top && {
        rows: top.rows,
        name: (i) => top.names[i],
        ordered: (order) => {
          this.sum = new Float64Array(order.length);
          let acc = 0;
          for (let p = 0; p < order.length; p++) this.sum[p] = acc += Math.abs(top.flat[order[p]]);
        },
        note: top.exact ? '' : '(some values exceed 2^53 and are rounded)',
      },
    );
  }

  /** For tests: the rows as displayed, in order, with the exact values. */
  rowsForTest(n: number) {
    const t = this.top;
    return t ? this.displayed(n).map((i) => ({ name: t.names[i], flat: t.flat[i], cum: t.cum[i], inline: t.inline[i] })) : [];
  }

  private makeColumns(): Column[] {
    const d = this.delta;
    const t = () => this.top!;
    const units = () => ({ unit: t().unit, to: this.unit });
    const total = () => t().total;
    const flat = (i: number) => t().flat[i];
    const cum = (i: number) => t().cum[i];
    const absFlat = (i: number) => Math.abs(flat(i));
    const absCum = (i: number) => Math.abs(cum(i));
    return [
      { key: 'flat', title: d ? 'Delta' : 'Flat', help: d ? 'flat value, target − base' : 'value of samples where this function is the leaf', cls: 'num', track: '90px', sort: absFlat, fill: valueFill(flat, units, d) },
      { key: 'flatp', title: d ? 'Delta%' : 'Flat%', cls: 'num', track: '64px', sort: absFlat, fill: percentFill(flat, total, d) },
      {
        key: 'sump',
        title: 'Sum%',
        cls: 'num',
        track: '64px',
        sort: (i) => this.sumTop[i],
        fill: (cell, _i, pos) => setCell(cell, percent(this.sum[pos], total()), ''),
      },
      { key: 'cum', title: d ? 'Cum Δ' : 'Cum', help: 'value of samples with this function anywhere on the stack', cls: 'num', track: '90px', sort: absCum, fill: valueFill(cum, units, d) },
      { key: 'cump', title: d ? 'Cum Δ%' : 'Cum%', cls: 'num', track: '64px', sort: absCum, fill: percentFill(cum, total, d) },
      nameColumn(
        (i) => t().names[i],
        (i) => t().inline[i],
      ),
    ];
  }
}
