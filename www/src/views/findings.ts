// The Findings view: one ranked answer to "what is leaking, and why", over the open files
// of one program (the engine's `findings` request: the same analysis and result as
// `proflens report --format json`; definitions in the README, "Findings"). The first 10
// findings show, the rest one click away; each links into the views that show it, through
// the `navigate` callback the view is given. Files that seem to come from two programs
// are reported once the user says they are one (asked once). "Export as Markdown"
// applies the Export menu's redaction. Profile text only ever goes in through textContent.
//
// It implements the View contract (views/view.ts: `findingsView` is its ViewFactory);
// the host and scope types below are the parts of ViewHost and Scope it uses.
import type { EngineClient } from '../engine/client';
import type { Report, RequestType } from '../engine/protocol';
import { download } from '../export/files';
import { counted } from '../format/units';
import { clear, h } from './dom';
import { menuRedaction } from './export';
import { findingCard } from './findings_card';
import { GROUP_KEY } from './goroutines';
import type { ViewHost } from './view';
import './findings.css';

/** At most this many findings show before "Show N more". */
export const SHOWN = 10;

/** What the view uses of the shell (a part of ViewHost). */
export type FindingsHost = Pick<ViewHost, 'engine' | 'open' | 'selectFunction' | 'setParam' | 'store' | 'drew'>;

/** What the view reads of the open profiles (a part of Scope): the program's files. */
export interface FindingsScope {
  program: readonly { id: number; name: string }[];
}

export interface FindingsOptions {
  /** Opens what a finding's link names: `trend#site=F`, `goroutines#group=N&dump=FILE`,
   *  `flame#focus=F`, `sandwich#function=F`. By default: the view of that id, with F selected. */
  navigate?: (link: string) => void;
  /** The redaction of the Markdown export ('' for none); by default the Export menu's. */
  redaction?: () => string;
}

/** The default way to follow a link: open the named view, with the function
 *  selected; a goroutine group's link shows its dump with the group expanded. */
export function openLink(host: FindingsHost, link: string) {
  const [view, query = ''] = link.split('#');
  if (view === 'goroutines') {
    // `group=N&dump=FILE`: the file name is the rest, as it is (it may hold '&' or '+')
    const at = query.indexOf('&dump=');
    const dump = host.store.profiles.find((p) => p.name === query.slice(at + 6));
    if (dump) host.store.select(dump.id);
    host.setParam(GROUP_KEY, query.slice('group='.length, at));
    return host.open('goroutines');
  }
  const value = query.slice(query.indexOf('=') + 1);
  if (value && value !== 'memstats') host.selectFunction(value);
  host.open(view === 'flame' ? 'top' : view);
}

export class FindingsView {
  readonly id = 'findings';
  readonly label = 'Findings';
  readonly applies = 'program' as const;
  readonly layout = 'whole' as const;
  readonly urlKeys: readonly string[] = [];
  readonly asks: readonly RequestType[] = ['findings', 'findingsMarkdown'];
  /** findings read the files as they are */
  readonly transforms = 'ignore' as const;
  readonly panel: HTMLElement;
  private body: HTMLElement;
  private status: HTMLElement;
  private files: number[] = [];
  private names: string[] = [];
  /** the index in `files` where the run after a fix starts (0: no split) */
  private split = 0;
  /** the files the user said are of one program (asked once per set of files) */
  private oneProgram = '';
  private all = false;
  private generation = 0;
  private navigate: (link: string) => void;
  private redaction: () => string;
  report: Report | null = null;
  /** the request the report on screen answers */
  private asked = '';

  constructor(private host: FindingsHost, options: FindingsOptions = {}) {
    this.navigate = options.navigate ?? ((link) => openLink(host, link));
    this.redaction = options.redaction ?? menuRedaction;
    this.status = h('p', { class: 'muted hint', role: 'status', id: 'findings-status' });
    this.body = h('div', { id: 'findings-body', tabindex: -1 });
    this.panel = h('section', { id: 'findings-view', 'aria-label': 'Findings' }, this.status, this.body);
  }

  summary() {
    return null;
  }

  select() {}

  release() {}

  focusTarget(): HTMLElement {
    return this.body;
  }

  export() {
    return { view: async () => null, tables: () => [] };
  }

  private request(sameProgram: boolean) {
    const split = this.split > 0 && this.split < this.files.length ? this.split : this.files.length;
    return { profiles: this.files.slice(0, split), after: this.files.slice(split), sameProgram };
  }

  /** Runs the analysis over the program's files and draws it. */
  async show(scope: FindingsScope): Promise<void> {
    const gen = ++this.generation;
    const ids = scope.program.map((f) => f.id);
    if (ids.join(',') !== this.files.join(',')) this.split = 0; // other files: no split
    this.files = ids;
    this.names = scope.program.map((f) => f.name);
    const key = this.files.join(',');
    if (!key) return this.render(null, 'Open heap snapshots, goroutine dumps, or CPU, block and mutex profiles of a program to see its findings.');
    const request = this.request(this.oneProgram === key);
    const asked = JSON.stringify(request);
    // back on this tab with the same files (and split): it is drawn
    if (this.report && asked === this.asked) return this.host.drew('table');
    this.status.textContent = 'Analysing…';
    try {
      const report = await this.host.engine.request('findings', request);
      if (gen !== this.generation) return;
      this.asked = asked;
      this.render(report, '');
      this.host.drew('table');
    } catch (e) {
      if (gen !== this.generation) return;
      const msg = e instanceof Error ? e.message : String(e);
      this.render(null, msg);
      if (/programs/.test(msg)) this.ask(key, scope);
      this.host.drew('table'); // its answer (the message) is on screen
    }
  }

  /** Asks once whether files that seem to come from several programs are one. */
  private ask(key: string, scope: FindingsScope) {
    const yes = h('button', { type: 'button', id: 'findings-one-program' }, 'They are one program');
    yes.addEventListener('click', () => ((this.oneProgram = key), void this.show(scope)));
    this.body.append(h('p', {}, 'Report them together anyway? ', yes, ' Otherwise close the files of the other program.'));
  }

  private render(report: Report | null, message: string) {
    this.report = report;
    this.status.textContent = message;
    clear(this.body);
    if (!report) return;
    const exportButton = h('button', { type: 'button', id: 'findings-export' }, 'Export as Markdown');
    exportButton.addEventListener('click', () => void this.exportMarkdown());
    const n = report.findings.length;
    const files = `${counted(report.files.length, 'file')}, ${counted(n, 'finding')}`;
    this.body.append(h('div', { class: 'findings-head' }, h('h2', {}, `Findings for ${report.program}`), h('span', { class: 'muted' }, files), exportButton, this.splitter()));
    if (!n) this.body.append(h('p', {}, 'Nothing above the thresholds: no site grew steadily, no goroutine group grew or waited long, no lock or pool starved.'));
    const shown = this.all ? report.findings : report.findings.slice(0, SHOWN);
    this.body.append(h('ol', { class: 'findings-list', id: 'findings-list' }, ...shown.map((f, i) => findingCard(f, i + 1, this.navigate))));
    if (shown.length < n) {
      const more = h('button', { type: 'button', id: 'findings-more' }, `Show ${n - shown.length} more`);
      more.addEventListener('click', () => ((this.all = true), this.render(report, '')));
      this.body.append(more);
    }
    for (const a of report.advice) this.body.append(h('p', { class: 'findings-advice' }, a));
  }

  /** Before and after a fix: where the user says the run after it starts (the engine also
   *  splits by itself at a wide time gap, README "Before and after"). */
  private splitter(): HTMLElement {
    const pick = h('select', { id: 'findings-after', 'aria-label': 'The run after a fix starts at' }, h('option', { value: 0 }, 'one run'));
    this.names.forEach((name, i) => i > 0 && pick.append(h('option', { value: i }, `after a fix from ${name}`)));
    pick.value = String(this.split);
    pick.addEventListener('change', () => ((this.split = Number(pick.value)), void this.show({ program: this.files.map((id, i) => ({ id, name: this.names[i] })) })));
    return h('label', { class: 'muted' }, 'Files: ', pick);
  }

  private async exportMarkdown() {
    try {
      const redaction = this.redaction();
      const same = this.oneProgram === this.files.join(',');
      const { text } = await this.host.engine.request('findingsMarkdown', { ...this.request(same), redaction });
      download(`findings${redaction ? '.redacted' : ''}.md`, text, 'text/markdown');
      this.status.textContent = 'Export as Markdown: done';
    } catch (e) {
      this.status.textContent = `Export as Markdown failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
}

/** The View contract's factory: the registry's line is `findingsView`. */
export const findingsView = (host: FindingsHost, options?: FindingsOptions) => new FindingsView(host, options);
