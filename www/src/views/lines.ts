// "Lines of this function" (issue 8 point 9): the function's rows at lines granularity
// (pprof's -top -lines, one row per file:line) with flat and cum. Profiles carry no source
// text, so the user may open or drop the source file here: its lines are shown with their
// flat and cum beside them. The file is read locally (File.text()) and only ever set as
// textContent; nothing is uploaded.
import type { EngineClient } from '../engine/client';
import type { FunctionLinesResult } from '../engine/protocol';
import { label, percent, tableUnit } from '../format/units';
import { Latest } from './context';
import { clear, h } from './dom';
import './panels.css';

/** Source lines shown around the function's own lines. */
const CONTEXT = 5;

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

export class LinesPanel {
  readonly el = h('section', { class: 'lines-panel', role: 'region', 'aria-labelledby': 'lines-title', hidden: true });
  private readonly title = h('h2', { id: 'lines-title' });
  private readonly body = h('div', { class: 'lines-body' });
  private readonly source = h('div', { class: 'lines-source' });
  private readonly fileInput = h('input', { type: 'file', hidden: true, 'aria-label': 'Source file' });
  private latest = new Latest();
  private data: FunctionLinesResult | null = null;
  /** the function shown ('' when closed) */
  function = '';

  /** `onClose` is told when the user closes the panel (the view state forgets it). */
  constructor(
    private readonly engine: EngineClient,
    private readonly onClose: () => void,
  ) {
    const close = h('button', { type: 'button', class: 'lines-close', 'aria-label': 'Close the lines panel' }, '×');
    close.addEventListener('click', () => (this.hide(), this.onClose()));
    const open = h('button', { type: 'button', class: 'lines-open' }, 'Annotate a source file…');
    open.addEventListener('click', () => this.fileInput.click());
    this.fileInput.addEventListener('change', () => {
      const f = this.fileInput.files?.[0];
      if (f) void this.annotate(f);
      this.fileInput.value = '';
    });
    // A file dropped on the panel is source text, not a profile to open.
    this.el.addEventListener('dragover', (e) => (e.preventDefault(), e.stopPropagation()));
    this.el.addEventListener('drop', (e) => {
      e.preventDefault();
      e.stopPropagation();
      const f = e.dataTransfer?.files[0];
      if (f) void this.annotate(f);
    });
    const note = h('p', { class: 'hint muted' }, 'Drop or open the source file to see it annotated. It is read here and never uploaded.');
    this.el.append(h('div', { class: 'lines-head' }, this.title, open, close), note, this.fileInput, this.body, this.source);
  }

  hide() {
    this.function = '';
    this.el.hidden = true;
    this.latest.begin();
  }

  /** Shows the lines of `fn` in `profile` (the shown, possibly filtered, profile). */
  async show(profile: number, sampleIndex: number, fn: string) {
    const isLatest = this.latest.begin();
    const res = await this.engine.request('functionLines', { profile, sampleIndex, function: fn });
    if (!isLatest()) return;
    this.function = fn;
    this.data = res;
    this.title.textContent = `Lines of ${res.function || fn}`;
    this.el.hidden = false;
    clear(this.source);
    this.renderTable(res);
  }

  private units(res: FunctionLinesResult) {
    const to = tableUnit(res.flat, res.unit);
    return (v: number) => label(v, res.unit, to);
  }

  private renderTable(res: FunctionLinesResult) {
    clear(this.body);
    if (!res.rows) {
      this.body.append(h('p', { class: 'muted' }, 'No line information for this function.'));
      return;
    }
    const fmt = this.units(res);
    const head = h('tr', {}, ...['Location', 'Flat', 'Flat%', 'Cum', 'Cum%'].map((t) => h('th', { scope: 'col' }, t)));
    const rows = Array.from({ length: res.rows }, (_, i) =>
      h(
        'tr',
        { 'data-line': res.lines[i], 'data-flat': res.flat[i], 'data-cum': res.cum[i] },
        h('th', { scope: 'row', title: res.names[i] }, `${baseName(res.files[i])}:${res.lines[i]}`),
        h('td', { class: 'num' }, fmt(res.flat[i])),
        h('td', { class: 'num' }, percent(res.flat[i], res.total)),
        h('td', { class: 'num' }, fmt(res.cum[i])),
        h('td', { class: 'num' }, percent(res.cum[i], res.total)),
      ),
    );
    this.body.append(h('table', { class: 'lines-table', 'aria-label': this.title.textContent ?? '' }, h('thead', {}, head), h('tbody', {}, ...rows)));
  }

  /** Shows `file`'s lines around the function's, each with its flat and cum. */
  private async annotate(file: File) {
    const res = this.data;
    if (!res) return;
    const text = await file.text();
    clear(this.source);
    // Only the rows of this file (by base name): a function may span files when inlined.
    const rows = Array.from({ length: res.rows }, (_, i) => i).filter((i) => baseName(res.files[i]) === file.name);
    if (!rows.length) {
      const names = [...new Set(res.files.map(baseName))].join(', ');
      this.source.append(h('p', { class: 'muted', role: 'status' }, `${file.name} is not a file of this function (${names}).`));
      return;
    }
    const byLine = new Map(rows.map((i) => [res.lines[i], i]));
    const lines = text.split(/\r?\n/);
    const first = Math.max(1, Math.min(...byLine.keys()) - CONTEXT);
    const last = Math.min(lines.length, Math.max(...byLine.keys()) + CONTEXT);
    const fmt = this.units(res);
    const head = h('tr', {}, ...['Line', 'Flat', 'Cum', 'Source'].map((t) => h('th', { scope: 'col' }, t)));
    const body = h('tbody', {});
    for (let n = first; n <= last; n++) {
      const i = byLine.get(n);
      const hot = i !== undefined;
      body.append(
        h(
          'tr',
          { class: hot ? 'hot' : undefined, 'data-line': n },
          h('th', { scope: 'row' }, String(n)),
          h('td', { class: 'num' }, hot ? fmt(res.flat[i]) : ''),
          h('td', { class: 'num' }, hot ? fmt(res.cum[i]) : ''),
          h('td', {}, h('code', {}, lines[n - 1] ?? '')),
        ),
      );
    }
    this.source.append(h('table', { class: 'lines-annotated', 'aria-label': `${file.name} annotated` }, h('thead', {}, head), body));
  }
}
