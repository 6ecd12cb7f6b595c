// What opening, selecting and closing profiles does to the workspace (views are
// named by what they apply to, never by id: the first 'series' view is the Trend):
//  - a batch of files shows the tab that answers the most (state/store.ts
//    answersMost): Findings for a series or two kinds of file of one program,
//    Goroutines for a lone dump, else Top (a series' newest snapshot is selected
//    and its first and last make the Diff's pair, one click away); the
//    first batch after a reload shows the view the URL names instead;
//  - files that `proflens watch --open` takes later extend what is open and keep
//    the user where they are; on the Goroutines tab, a user who was looking at the
//    newest dump moves to the new newest one (one looking at an older dump stays);
//  - selecting a profile in the side panel shows it: a dump in its Goroutines tab,
//    another profile in the one-profile view on screen (else Top);
//  - closing one releases it everywhere (the views, the kept diff, the store).
import { answersMost, isDump, type Store } from '../state/store';
import type { LoadedProfile } from '../state/series';
import type { ProfileList } from '../views/profiles';
import type { Shell } from './shell';

export class Files {
  /** The view the URL named: restored when the files are opened again (they are not in the URL). */
  private restoreView: string | null;
  /** a batch `proflens watch --open` took after the first one */
  following = false;
  /** at a batch's start: the Goroutines tab showed the newest dump */
  private onNewestDump = false;
  private store: Store;

  constructor(
    private readonly shell: Shell,
    private readonly list: ProfileList,
    private readonly app: HTMLElement,
  ) {
    this.store = shell.store;
    this.restoreView = shell.state.view;
  }

  /** A batch of files starts opening. */
  starting() {
    const s = this.store.scope();
    const newest = s.dumps[s.dumps.length - 1];
    this.onNewestDump = this.shell.workspace.current.applies === 'dump' && !!newest && s.dump === newest;
    // the views take the guide's place now, so the page lays them out while the engine reads
    this.app.classList.remove('empty');
  }

  /** The batch is done: `loaded` are the profiles that opened (the store takes them now, as one change). */
  opened(loaded: LoadedProfile[]) {
    const { store, shell } = this;
    for (const p of loaded) store.add(p, this.following);
    const last = loaded[loaded.length - 1];
    if (last && this.following) return this.followed(loaded);
    if (!last) return this.render();
    const scope = store.scope();
    const kind = answersMost(loaded, scope);
    const series = scope.series;
    if (series.some((p) => loaded.includes(p))) {
      store.select(series[series.length - 1].id);
      store.setPair({ target: series[series.length - 1].id, base: series[0].id });
    } else store.select(last.id);
    const { workspace } = shell;
    workspace.refresh(store.scope());
    // the first files after a reload bring back the view the URL names
    const first = workspace.first(kind);
    const restore = this.restoreView;
    this.restoreView = null;
    const shown = restore && restore !== workspace.first('profile') && workspace.enabled(restore) ? restore : first;
    // the engine starts on the view's first results while the page lays out the rest
    workspace.get(shown)?.prefetch?.(store.scope());
    shell.go(shown);
    this.render();
  }

  private followed(loaded: LoadedProfile[]) {
    const { store, shell } = this;
    const dumps = loaded.filter(isDump);
    if (this.onNewestDump && dumps.length) store.select(dumps[dumps.length - 1].id);
    const series = store.scope().series;
    if (shell.workspace.current.applies === 'series' && series.length >= 2) store.setPair({ target: series[series.length - 1].id, base: series[0].id });
    shell.redraw();
    this.render();
  }

  select(id: number) {
    const { store, shell } = this;
    store.select(id);
    const p = store.get(id);
    const current = shell.workspace.current;
    const { workspace } = shell;
    shell.go(p && isDump(p) ? workspace.first('dump') : current.applies === 'profile' ? current.id : workspace.first('profile'));
    this.render();
  }

  compare(target: number, base: number) {
    this.store.setPair({ target, base });
    this.shell.go(this.shell.workspace.first('pair'));
  }

  close(id: number) {
    for (const v of this.shell.workspace.views) v.release(id);
    this.shell.diffs.release(id);
    this.store.remove(id);
    this.shell.redraw();
    this.render();
  }

  private render() {
    this.app.classList.toggle('empty', !this.store.profiles.length); // nothing open: the guide comes back
    this.list.render(this.store.profiles, this.store.selected);
    this.shell.workspace.rescueFocus();
  }
}
