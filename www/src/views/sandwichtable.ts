// The sandwich's table: pprof's -peek entry for one function on the grid: its
// callers (heaviest first), the function itself (flat and cum), then its
// callees. A call's value is what the samples in which the caller calls the
// callee add up to, counted once per sample even under recursion, as pprof
// weighs call edges; its share is of the function's cum.
import type { SandwichResult } from '../engine/protocol';
import type { Sort } from '../state/url';
import { PER_VALUE, percentFill, valueFill } from './cells';
import { Grid, nameColumn, setCell, type Column, type GridEvents } from './grid';

const ORDER: Sort = { key: 'order', desc: false };

export type Relation = 'caller' | 'function' | 'callee';

interface Rows {
  relation: Relation[];
  names: string[];
  value: number[];
  inline: number[];
}

/** One row as the tests read it (exact values). */
export interface SandwichRowForTest {
  relation: Relation;
  name: string;
  value: number;
  inline: number;
}

export class SandwichTable extends Grid {
  private rows: Rows = { relation: [], names: [], value: [], inline: [] };
  private unit = '';
  private cum = 1;

  constructor(host: HTMLElement, ev: GridEvents) {
    super(host, { id: 'sandwich-grid', label: 'Callers and callees', filterId: 'sandwich-filter', rowIdPrefix: 'sandwich-row-', defaultSort: ORDER, natural: ORDER }, ev, { sort: ORDER, filter: '' });
    this.setColumns(this.makeColumns());
  }

  setData(s: SandwichResult | null, name: string) {
    const r: Rows = { relation: [], names: [], value: [], inline: [] };
    const add = (relation: Relation, names: string[], values: ArrayLike<number>, inline: ArrayLike<number>) =>
      names.forEach((n, i) => (r.relation.push(relation), r.names.push(n), r.value.push(values[i]), r.inline.push(inline[i] ? 1 : 0)));
    if (s?.found) {
      add('caller', s.callerNames!, s.callerWeights!, s.callerInline!);
      add('function', [name], [s.cum!], [0]);
      add('callee', s.calleeNames!, s.calleeWeights!, s.calleeInline!);
      this.unit = s.unit;
      this.cum = s.cum || 1;
    }
    this.rows = r;
    this.setSource(s?.found ? { rows: r.names.length, name: (i) => r.names[i] } : null);
  }

  rowsForTest(): SandwichRowForTest[] {
    const r = this.rows;
    return this.displayed().map((i) => ({ relation: r.relation[i], name: r.names[i], value: r.value[i], inline: r.inline[i] }));
  }

  private makeColumns(): Column[] {
    const value = (i: number) => this.rows.value[i];
    return [
      { key: 'order', title: 'Call', help: 'caller of the function, the function itself (its cum), or callee', cls: 'rel', track: '80px', sort: (i) => i, fill: (cell, i) => setCell(cell, this.rows.relation[i], '') },
      { key: 'value', title: 'Value', help: 'value of the samples in which this call happens (pprof -peek)', cls: 'num', track: '90px', sort: (i) => Math.abs(value(i)), fill: valueFill(value, () => ({ unit: this.unit, to: PER_VALUE })) },
      { key: 'share', title: 'Share', help: "share of the function's cum", cls: 'num', track: '64px', sort: (i) => Math.abs(value(i)), fill: percentFill(value, () => this.cum) },
      nameColumn(
        (i) => this.rows.names[i],
        (i) => this.rows.inline[i],
      ),
    ];
  }
}
