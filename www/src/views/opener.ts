// Opening files: the Open button and its file input, drag and drop anywhere on
// the page, and the bundled example. Each file is read, its bytes transferred
// (not copied) to the engine, and loaded with progress; a file that fails gets
// its own error and the others still open.
import type { EngineClient } from '../engine/client';
import type { LoadedProfile } from '../state/series';
import { errText } from './context';
import { $ } from './dom';

export interface OpenItem {
  name: string;
  /** The bytes, or a file for the engine's worker to read (off the page's thread,
   *  which lays the views out meanwhile). */
  read(): Promise<ArrayBuffer | Blob>;
}

export interface OpenerEvents {
  /** a batch of files starts (for the benchmark's marks) */
  onStart(): void;
  onRead(): void;
  onLoaded(p: LoadedProfile): void;
  /** the batch is done; `loaded` are the profiles that opened */
  onDone(loaded: LoadedProfile[]): void;
  onError(file: string, message: string): void;
}

/**
 * A load quicker than this shows no progress bar: the bar would only flash, and
 * showing and hiding it lays the page out twice, on the way to the first table.
 */
const PROGRESS_AFTER_MS = 150;

/** How often a shown progress bar is redrawn at most. */
const PROGRESS_EVERY_MS = 100;

export class Opener {
  private progress = $('progress') as HTMLProgressElement;
  private progressLabel = $('progress-label');
  /** The progress to show, and whether the bar is up (or the timer that puts it up). */
  private latest = { text: '', fraction: 0 };
  private barUp = false;
  private barTimer = 0;
  /** How long a load runs before its bar shows (tests set 0 to see every stage). */
  progressAfterMs = PROGRESS_AFTER_MS;
  /** How often the bar is redrawn at most (tests set 0 to see every stage). */
  progressEveryMs = PROGRESS_EVERY_MS;

  /** `example`: the files "Try an example" opens (they are in the bundle). */
  constructor(private engine: EngineClient, private ev: OpenerEvents, example: () => OpenItem[]) {
    const input = $('file-input') as HTMLInputElement;
    $('open-button').addEventListener('click', () => input.click());
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []);
      input.value = '';
      void this.openFiles(files);
    });
    $('example-button').addEventListener('click', () => void this.open(example()));
    this.dropZone();
  }

  openFiles(files: File[]) {
    return this.open(files.map((f) => ({ name: f.name, read: () => Promise.resolve(f) })));
  }

  async open(items: OpenItem[]) {
    if (!items.length) return;
    this.ev.onStart();
    const loaded: LoadedProfile[] = [];
    // Every file is asked for at once, so the engine can decode two at a time; the
    // answers are taken in the files' order.
    const loads = items.map((item) => this.load(item));
    loads.forEach((l) => l.catch(() => {})); // each is awaited below
    for (const [i, item] of items.entries()) {
      try {
        const res = await loads[i];
        // a file of several profiles (speedscope's) opens each, under its own name
        const name = res.more.length ? res.summary.name : item.name; // the session named each `FILE · PROFILE`
        const each = [{ id: res.profile, name, summary: res.summary, goroutines: res.goroutines ?? null }];
        for (const m of res.more) each.push({ id: m.profile, name: m.name, summary: m.summary, goroutines: null });
        for (const p of each) {
          loaded.push(p);
          this.ev.onLoaded(p);
        }
      } catch (e) {
        this.ev.onError(item.name, errText(e));
      }
    }
    this.setProgress('', -1);
    this.ev.onDone(loaded);
  }

  /** Reads one file and asks the engine to load it. */
  private async load(item: OpenItem) {
    this.setProgress(`${item.name}: reading`, 0);
    const bytes = await item.read();
    this.ev.onRead();
    await this.engine.ready;
    return this.engine.request(
      'load',
      { name: item.name, bytes },
      { transfer: bytes instanceof ArrayBuffer ? [bytes] : [], onProgress: (stage, f) => this.setProgress(`${item.name}: ${stage}`, f) },
    );
  }

  /**
   * Shows a load's progress (a fraction < 0 ends it), once it has run a while, and then
   * at most every `progressEveryMs`: the engine reports about a hundred steps a file,
   * and drawing each one took about 70 ms of M's pair from the engine (the page's thread
   * and the browser's drawing share the machine's two cores with it).
   */
  private setProgress(text: string, fraction: number) {
    this.latest = { text, fraction };
    if (fraction < 0) {
      clearTimeout(this.barTimer);
      this.barTimer = 0;
      if (this.barUp) this.showProgress();
      this.barUp = false;
    } else if (this.barUp && !this.progressEveryMs) this.showProgress();
    else if (!this.barTimer) {
      this.barTimer = window.setTimeout(
        () => {
          this.barTimer = 0;
          this.barUp = true;
          this.showProgress();
        },
        this.barUp ? this.progressEveryMs : this.progressAfterMs,
      );
    }
  }

  private showProgress() {
    const { text, fraction } = this.latest;
    this.progressLabel.textContent = text;
    $('progress-box').hidden = fraction < 0;
    this.progress.value = Math.max(0, Math.min(1, fraction));
  }

  private dropZone() {
    let depth = 0;
    const body = document.body.classList;
    document.addEventListener('dragenter', (e) => {
      e.preventDefault();
      depth++;
      body.add('dragging');
    });
    document.addEventListener('dragleave', () => {
      if (--depth <= 0) ((depth = 0), body.remove('dragging'));
    });
    document.addEventListener('dragover', (e) => {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    });
    document.addEventListener('drop', (e) => {
      e.preventDefault();
      depth = 0;
      body.remove('dragging');
      void this.openFiles(Array.from(e.dataTransfer?.files ?? []));
    });
  }
}
