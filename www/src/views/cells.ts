// Cells the tables share: a value with the exact number in its tooltip, and a
// percentage of a total. A value takes the table's one unit (pprof's -top way)
// or, in the views pprof does not have, a unit of its own (`-unit=auto`: `5.33MB`
// beside `736.18kB`). `signed` adds a plus sign, for changes. A NaN value
// (unknown) shows as '–'.
import { autoUnit, exact, label, percent, ratioPercent, signedLabel, signedPercent } from '../format/units';
import { setCell, type Column } from './grid';

export interface Units {
  /** the sample unit ("bytes") */
  unit: string;
  /** the table's display unit ("MB"), as tableUnit() chose it; '' scales each value on its own */
  to: string;
}

/** Each value in its own unit: the Units of the views pprof does not have. */
export const PER_VALUE = '';

/** A value cell; `per` follows the unit in the cell and its tooltip ("/min"). */
export function valueFill(value: (row: number) => number, units: () => Units, signed = false, per = ''): Column['fill'] {
  return (cell, row) => {
    const v = value(row);
    const u = units();
    if (Number.isNaN(v)) return setCell(cell, '–', '');
    const to = u.to === PER_VALUE ? autoUnit(v, u.unit) : u.to;
    setCell(cell, (signed ? signedLabel : label)(v, u.unit, to) + per, exact(v, u.unit) + per);
  };
}

export function percentFill(value: (row: number) => number, total: () => number, signed = false): Column['fill'] {
  return (cell, row) => {
    const v = value(row);
    const t = total();
    setCell(cell, (signed ? signedPercent : percent)(v, t), `${((v / t) * 100 || 0).toString()}%`);
  };
}

/** Retained: a heap site's inuse / alloc (0..1, NaN if unknown) as a whole percentage. */
export function retainedColumn(kept: (row: number) => number, of: string): Column {
  return {
    key: 'ret',
    title: 'Retained',
    help: `${of} inuse / alloc: the share of what the site allocated that is still live`,
    cls: 'num',
    track: '70px',
    sort: kept,
    fill: (cell, row) => setCell(cell, ratioPercent(kept(row)), ''),
  };
}
