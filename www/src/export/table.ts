// Tables as files: CSV for spreadsheets and Markdown for a pull request or an
// issue. A table is taken as it is on screen (its filter and sort applied), with
// the same cell text, plus the exact values in columns of their own, so a
// rounded "1.50MB" never hides the bytes behind it. The CLI's
// `proflens top --format csv|md` writes the same columns (src/report/table.rs).
// The files themselves are written by the engine (the worker's `tableText`), with
// the CLI's writers: names are escaped in one place, src/report/escape/.
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
