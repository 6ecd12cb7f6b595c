// Tables as files: CSV for spreadsheets and Markdown for a pull request or an
// issue. A table is taken as it is on screen (its filter and sort applied), with
// the same cell text, plus the exact values in columns of their own, so a
// rounded "1.50MB" never hides the bytes behind it. The CLI's
// `proflens top --format csv|md` writes the same columns (src/report/table.rs).
// Each table makes its own snapshot: Grid.snapshot (top, diff, trend) and
// GoroutineGrid.snapshot.

/** A table of text cells, as shown, and the name it is saved under. */
export interface TableSnapshot {
  /** e.g. 'top', 'goroutines'; used in file names */
  name: string;
  /** what the menu calls it, e.g. 'Top table' */
  title: string;
  header: string[];
  rows: string[][];
}

/** The exact value of a cell: the integer itself (no exponent, no grouping). */
export function exactText(v: number): string {
  return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
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
