// Tables as files: CSV for spreadsheets and Markdown for a pull request or an
// issue. A table is taken as it is on screen (its filter and sort applied), with
// the same cell text, plus the exact values in columns of their own, so a
// rounded "1.50MB" never hides the bytes behind it. The CLI's
// `proflens top --format csv|md` writes the same columns (src/report/table.rs).
import type { TopResult } from '../engine/protocol';
import { label, percent } from '../format/units';

/** A table of text cells, as shown, and the name it is saved under. */
export interface TableSnapshot {
  /** e.g. 'top', 'goroutines'; used in file names */
  name: string;
  /** what the menu calls it, e.g. 'Top table' */
  title: string;
  header: string[];
  rows: string[][];
}

const INLINE = ['', '(inline)', '(partial-inline)'];

/** The exact value of a cell: the integer itself (no exponent, no grouping). */
export function exactText(v: number): string {
  return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
}

/**
 * The top table as displayed: `order` holds its rows (indices into `top`) after
 * the name filter and the sort, `unit` the table's common unit. Sum% runs down the
 * display order, as the Sum% column on screen does.
 */
export function topSnapshot(top: TopResult, order: ArrayLike<number>, unit: string): TableSnapshot {
  const rows: string[][] = [];
  let sum = 0;
  for (let p = 0; p < order.length; p++) {
    const i = order[p];
    const f = top.flat[i];
    const c = top.cum[i];
    sum += Math.abs(f);
    rows.push([
      label(f, top.unit, unit),
      percent(f, top.total),
      percent(sum, top.total),
      label(c, top.unit, unit),
      percent(c, top.total),
      top.names[i],
      INLINE[top.inline[i]] ?? '',
      exactText(f),
      exactText(c),
    ]);
  }
  const header = ['Flat', 'Flat%', 'Sum%', 'Cum', 'Cum%', 'Name', 'Inline', `Flat (${top.unit})`, `Cum (${top.unit})`];
  return { name: 'top', title: 'Top table', header, rows };
}

/** RFC 4180: quote a cell with a comma, quote or line break; CRLF line ends. */
export function toCsv(t: TableSnapshot): string {
  const cell = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [t.header, ...t.rows].map((r) => r.map(cell).join(',') + '\r\n').join('');
}

/** GitHub-flavoured Markdown. Pipes and backslashes are escaped and `<>&` become
 *  entities, so a function named like HTML stays text where the table is pasted. */
export function toMarkdown(t: TableSnapshot): string {
  const esc: Record<string, string> = { '|': '\\|', '\\': '\\\\', '<': '&lt;', '>': '&gt;', '&': '&amp;', '\n': ' ', '\r': ' ' };
  const line = (r: string[]) => `| ${r.map((c) => c.replace(/[|\\<>&\r\n]/g, (ch) => esc[ch])).join(' | ')} |\n`;
  const numeric = t.header.map((_, k) => t.rows.length > 0 && t.rows.every((r) => r[k] === '' || /^[-+]?[\d.,]/.test(r[k])));
  return line(t.header) + `|${numeric.map((n) => (n ? '---:' : '---')).join('|')}|\n` + t.rows.map(line).join('');
}
