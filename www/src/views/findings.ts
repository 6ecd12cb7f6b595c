// The Findings view: one ranked answer to "what is leaking, and why", over every file
// open in the page (the engine's `findings` request, the same analysis and result as
// `proflens report --format json`; definitions in the README, "Findings"). The first 10
// findings show, the rest one click away; each links into the views that show it, through
// the `navigate` callback the page gives. Files that seem to come from two programs are
// reported once the user says they are one (asked once). "Export as Markdown" applies the
// Export menu's redaction. Profile text only ever goes in through textContent.
import type { EngineClient } from '../engine/client';
import type { Report } from '../engine/protocol';
import { download } from '../export/files';
import { clear, h } from './dom';
import { findingCard } from './findings_card';
import './findings.css';

/** At most this many findings show before "Show N more". */
export const SHOWN = 10;

export interface FindingsDeps {
  /** The files open in the page, in the order opened. */
  files(): { id: number; name: string }[];
  /** The Export menu's redaction, as the engine spells it ('' for none). */
  redaction(): string;
  /** Opens what a finding's link names (`trend#site=F`, `goroutines#group=N`, …). */
  navigate(link: string): void;
}

export class FindingsView {
  readonly el: HTMLElement;
  private body: HTMLElement;
  private status: HTMLElement;
  /** the files the user said are of one program (asked once per set of files) */
  private oneProgram = '';
  private all = false;
  private generation = 0;
  report: Report | null = null;

  constructor(host: HTMLElement, private engine: EngineClient, private deps: FindingsDeps) {
    this.el = host;
    this.status = h('p', { class: 'muted hint', role: 'status', id: 'findings-status' });
    this.body = h('div', { id: 'findings-body' });
    host.append(this.status, this.body);
  }

  private ids(): number[] {
    return this.deps.files().map((f) => f.id);
  }

  private request(sameProgram: boolean) {
    return { profiles: this.ids(), sameProgram };
  }

  /** Runs the analysis over the open files and draws it. */
  async show(): Promise<void> {
    const gen = ++this.generation;
    const key = this.ids().join(',');
    if (!key) return this.render(null, 'Open heap snapshots, goroutine dumps, or CPU, block and mutex profiles of a program to see its findings.');
    this.status.textContent = 'Analysing…';
    try {
      const report = await this.engine.request('findings', this.request(this.oneProgram === key));
      if (gen === this.generation) this.render(report, '');
    } catch (e) {
      if (gen !== this.generation) return;
      const msg = e instanceof Error ? e.message : String(e);
      this.render(null, msg);
      if (/programs/.test(msg)) this.ask(key);
    }
  }

  /** Asks once whether files that seem to come from several programs are one. */
  private ask(key: string) {
    const yes = h('button', { type: 'button', id: 'findings-one-program' }, 'They are one program');
    yes.addEventListener('click', () => ((this.oneProgram = key), void this.show()));
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
    this.body.append(
      h('div', { class: 'findings-head' }, h('h2', {}, `Findings for ${report.program}`), h('span', { class: 'muted' }, `${report.files.length} files, ${n} finding${n === 1 ? '' : 's'}`), exportButton),
    );
    if (!n) this.body.append(h('p', {}, 'Nothing above the thresholds: no site grew steadily, no goroutine group grew or waited long, no lock or pool starved.'));
    const shown = this.all ? report.findings : report.findings.slice(0, SHOWN);
    this.body.append(h('ol', { class: 'findings-list', id: 'findings-list' }, ...shown.map((f, i) => findingCard(f, i + 1, (l) => this.deps.navigate(l)))));
    if (shown.length < n) {
      const more = h('button', { type: 'button', id: 'findings-more' }, `Show ${n - shown.length} more`);
      more.addEventListener('click', () => ((this.all = true), this.render(report, '')));
      this.body.append(more);
    }
    for (const a of report.advice) this.body.append(h('p', { class: 'findings-advice' }, a));
  }

  private async exportMarkdown() {
    try {
      const redaction = this.deps.redaction();
      const same = this.oneProgram === this.ids().join(',');
      const { text } = await this.engine.request('findingsMarkdown', { ...this.request(same), redaction });
      download(`findings${redaction ? '.redacted' : ''}.md`, text, 'text/markdown');
      this.status.textContent = 'Export as Markdown: done';
    } catch (e) {
      this.status.textContent = `Export as Markdown failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
}
