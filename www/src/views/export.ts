// The Export menu: the view on screen as files and as text to paste, all made
// in the page (the engine in the worker, or a canvas), never uploaded.
//  - each table on screen as CSV or Markdown (cells from export/table.ts, the file
//    written and escaped by the engine, as the CLI writes it);
//  - the flame graph as shown, as SVG (escaped text, it scales) or PNG;
//  - folded stacks (`root;…;leaf value`, for inferno or flamegraph.pl);
//  - the view as a .pb.gz that `go tool pprof` opens with the same numbers;
//  - the `go tool pprof` command line of the view, and the link to the view.
// Redaction (hashed names, or a trimmed path prefix) makes a redacted copy of the
// profile in the engine first, and every engine-made export is taken from it.
import type { EngineClient } from '../engine/client';
import type { Granularity } from '../engine/protocol';
import { download, stem, svgToPng } from '../export/files';
import { foldedFor } from '../export/folded';
import { pprofCommand, type PprofView } from '../export/pprofcmd';
import type { TableSnapshot } from '../export/table';
import { clear, h } from './dom';
import './export.css';

/** The view on screen, as the page knows it; null when nothing is open. */
export interface ExportView {
  /** the engine's id of the shown profile (a diff or a filtered view is one too) */
  profile: number;
  /** the file name, for the downloads' names */
  name: string;
  sampleIndex: number;
  granularity: Granularity;
  /** the flame graph's search (a case-insensitive substring) and zoom box (-1: none) */
  search: string;
  zoomRoot: number;
  pprof: PprofView;
}

export interface ExportSource {
  /** async: a diff's profile may still be in the making */
  view(): Promise<ExportView | null>;
  /** the tables on screen, the main one first */
  tables(): TableSnapshot[];
}

const LINK_NOTE =
  'This link holds the view (sample type, granularity, sort, filters, search, selection) after its #, ' +
  'which browsers never send to a server. It holds no profile data: whoever opens it opens the same files to see this view.';

export class ExportMenu {
  readonly menu: HTMLDetailsElement;
  private tableBox: HTMLElement;
  private redaction: HTMLSelectElement;
  private trim: HTMLInputElement;
  private output: HTMLTextAreaElement;
  private note: HTMLElement;
  private status: HTMLElement;
  private engineButtons: HTMLButtonElement[] = [];

  constructor(host: HTMLElement, private engine: EngineClient, private source: ExportSource) {
    const button = (label: string, id: string, run: () => Promise<void> | void) => {
      const b = h('button', { type: 'button', id }, label);
      b.addEventListener('click', () => this.run(label, run));
      return b;
    };
    this.tableBox = h('div', { class: 'export-row', id: 'export-tables' });
    this.redaction = h(
      'select',
      { id: 'export-redaction', 'aria-label': 'Redaction' },
      h('option', { value: '' }, 'names as they are'),
      h('option', { value: 'hash' }, 'names replaced by hashes'),
      h('option', { value: 'trim' }, 'path prefix trimmed'),
    );
    this.trim = h('input', { type: 'text', id: 'export-trim', placeholder: 'prefix, e.g. github.com/acme/', 'aria-label': 'Path prefix to trim', hidden: true });
    this.redaction.addEventListener('change', () => (this.trim.hidden = this.redaction.value !== 'trim'));
    this.engineButtons = [
      button('SVG', 'export-svg', () => this.flameSvg(false)),
      button('PNG', 'export-png', () => this.flameSvg(true)),
      button('Folded stacks', 'export-folded', () => this.folded()),
      button('Profile (.pb.gz)', 'export-pb', () => this.profile()),
    ];
    this.output = h('textarea', { id: 'export-output', readonly: true, rows: 3, 'aria-label': 'Copied text', hidden: true });
    this.note = h('p', { class: 'muted hint', id: 'export-note' });
    this.status = h('p', { class: 'muted hint', id: 'export-status', role: 'status' });
    const panel = h(
      'div',
      { class: 'export-panel', role: 'group', 'aria-label': 'Export the view' },
      h('p', { class: 'muted hint' }, 'Made here, in your browser; nothing is uploaded.'),
      h('h2', {}, 'Table'),
      this.tableBox,
      h('h2', {}, 'Flame graph'),
      h('div', { class: 'export-row' }, ...this.engineButtons.slice(0, 3)),
      h('h2', {}, 'Profile'),
      h('div', { class: 'export-row' }, this.engineButtons[3]),
      h('label', { class: 'export-row' }, 'Redaction ', this.redaction, this.trim),
      h('h2', {}, 'Share'),
      h('div', { class: 'export-row' }, button('Copy as pprof command', 'export-command', () => this.command()), button('Copy link', 'export-link', () => this.link())),
      this.output,
      this.note,
      this.status,
    );
    this.menu = h('details', { class: 'export-menu', id: 'export-menu' }, h('summary', {}, 'Export'), panel);
    this.menu.addEventListener('toggle', () => this.menu.open && void this.refresh());
    this.menu.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') ((this.menu.open = false), this.menu.querySelector('summary')!.focus());
    });
    // a click elsewhere closes the menu, as a menu does
    document.addEventListener('pointerdown', (e) => {
      if (this.menu.open && !this.menu.contains(e.target as Node)) this.menu.open = false;
    });
    host.append(this.menu);
  }

  /** Rebuilds the table buttons and enables what the view allows. */
  async refresh() {
    const view = await this.source.view().catch(() => null);
    for (const b of this.engineButtons) b.disabled = !view;
    clear(this.tableBox);
    const tables = this.source.tables();
    if (!tables.length) this.tableBox.append(h('span', { class: 'muted' }, 'no table on screen'));
    for (const t of tables) {
      const csv = h('button', { type: 'button', 'data-table': t.name, 'data-format': 'csv' }, `${t.title}: CSV`);
      const md = h('button', { type: 'button', 'data-table': t.name, 'data-format': 'md' }, 'Markdown');
      csv.addEventListener('click', () => this.run('CSV', () => this.table(t.name, 'csv')));
      md.addEventListener('click', () => this.run('Markdown', () => this.table(t.name, 'md')));
      this.tableBox.append(csv, md);
    }
  }

  private async run(what: string, job: () => Promise<void> | void) {
    this.status.textContent = `${what}…`;
    try {
      await job();
      if (this.status.textContent === `${what}…`) this.status.textContent = `${what}: done`;
    } catch (e) {
      this.status.textContent = `${what} failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  private async view(): Promise<ExportView> {
    const v = await this.source.view();
    if (!v) throw new Error('open a profile first');
    return v;
  }

  /** The redaction the menu asks for, as the engine spells it ('' for none). */
  private redactionSpec(): string {
    return redactionSpec(this.redaction.value, this.trim.value);
  }

  /**
   * Runs `job` on the shown profile, or on a redacted copy of it that lives only
   * for the job (redacted names match no search and no zoom, so those reset).
   */
  private async withProfile<T>(job: (v: ExportView, redacted: boolean) => Promise<T>): Promise<T> {
    const v = await this.view();
    const spec = this.redactionSpec();
    if (!spec) return job(v, false);
    const { bytes } = await this.engine.request('exportProfile', { profile: v.profile, redaction: spec });
    const buf = bytes.slice().buffer as ArrayBuffer;
    const copy = await this.engine.request('load', { name: `${v.name} (redacted)`, bytes: buf }, { transfer: [buf] });
    try {
      return await job({ ...v, profile: copy.profile, search: '', zoomRoot: -1 }, true);
    } finally {
      this.engine.request('unload', { profile: copy.profile }).catch(() => {});
    }
  }

  private suffix(redacted: boolean) {
    return redacted ? '.redacted' : '';
  }

  /** A table is taken from the screen, names and all, so it is not redacted: the
   *  redacted profile, opened here, gives a redacted table. */
  private async table(name: string, format: 'csv' | 'md') {
    if (this.redactionSpec()) throw new Error('tables are copied from the screen: export the redacted profile, open it, and export its table');
    const v = await this.source.view().catch(() => null);
    const t = this.source.tables().find((x) => x.name === name);
    if (!t) throw new Error('the table is no longer on screen');
    const base = `${v ? stem(v.name) : 'proflens'}.${name}`;
    const { text } = await this.engine.request('tableText', { format, header: t.header, rows: t.rows });
    download(`${base}.${format}`, text, format === 'csv' ? 'text/csv' : 'text/markdown');
  }

  private async flameSvg(png: boolean) {
    await this.withProfile(async (v, redacted) => {
      const search = v.search ? `(?i)${v.search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` : '';
      const { svg } = await this.engine.request('flameSvg', {
        profile: v.profile,
        sampleIndex: v.sampleIndex,
        granularity: v.granularity,
        search,
        root: v.zoomRoot,
      });
      const name = `${stem(v.name)}.flame${this.suffix(redacted)}`;
      if (png) download(`${name}.png`, await svgToPng(svg), 'image/png');
      else download(`${name}.svg`, svg, 'image/svg+xml');
    });
  }

  private async folded() {
    await this.withProfile(async (v, redacted) => {
      const { text } = await this.engine.request('folded', { profile: v.profile, granularity: v.granularity });
      download(`${stem(v.name)}.folded${this.suffix(redacted)}.txt`, foldedFor(text, v.sampleIndex), 'text/plain');
    });
  }

  private async profile() {
    const v = await this.view();
    const spec = this.redactionSpec();
    const { bytes } = await this.engine.request('exportProfile', { profile: v.profile, redaction: spec });
    download(`${stem(v.name)}.view${spec ? '.redacted' : ''}.pb.gz`, bytes as Uint8Array<ArrayBuffer>, 'application/gzip');
  }

  private async command() {
    await this.copy(pprofCommand((await this.view()).pprof), 'The go tool pprof command line that prints this view. Run it where the files are.');
  }

  private async link() {
    await this.copy(location.href, LINK_NOTE);
  }

  /** Shows `text` (selected, so it can be copied by hand) and puts it on the clipboard. */
  private async copy(text: string, note: string) {
    this.output.hidden = false;
    this.output.value = text;
    this.note.textContent = note;
    this.output.select();
    try {
      await navigator.clipboard.writeText(text);
      this.status.textContent = 'Copied to the clipboard';
    } catch {
      this.status.textContent = 'Select the text above and copy it (the clipboard was not available)';
    }
  }
}

/** A redaction as the engine spells it: '' (none), 'hash' or 'trim:PREFIX'. */
function redactionSpec(kind: string, prefix: string): string {
  if (kind === 'hash') return 'hash';
  if (kind === 'trim') {
    if (!prefix) throw new Error('give the path prefix to trim');
    return `trim:${prefix}`;
  }
  return '';
}

/** The redaction the page's Export menu asks for now ('' without the menu): what the
 *  Findings view's "Export as Markdown" applies. */
export function menuRedaction(): string {
  const kind = document.querySelector<HTMLSelectElement>('#export-redaction')?.value ?? '';
  return redactionSpec(kind, document.querySelector<HTMLInputElement>('#export-trim')?.value ?? '');
}
