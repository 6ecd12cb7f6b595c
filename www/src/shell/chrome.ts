// The page around the workspace: the side panel's collapse button, the keys that
// work anywhere, errors nobody caught, and the engine's status line at start-up.
import type { EngineClient } from '../engine/client';
import { registerOffline } from '../offline';
import type { FlameGraph } from '../views/flame';
import { $, h } from '../views/dom';

const SIDE_KEY = 'proflens.sideCollapsed';

/**
 * The header's button that collapses the side panel (profiles and labels) and
 * opens it again; the choice is layout, kept in localStorage. Focus stays on the
 * button, which stays on screen.
 */
export function mountSideToggle(header: HTMLElement, app: HTMLElement, side: HTMLElement) {
  const button = h('button', { type: 'button', id: 'side-toggle', 'aria-controls': side.id, title: 'Show or hide the profiles and labels' }, 'Profiles');
  const set = (collapsed: boolean) => {
    app.classList.toggle('side-collapsed', collapsed);
    side.hidden = collapsed;
    button.setAttribute('aria-expanded', String(!collapsed));
  };
  set(localStorage.getItem(SIDE_KEY) === '1');
  button.addEventListener('click', () => {
    const collapsed = !app.classList.contains('side-collapsed');
    set(collapsed);
    localStorage.setItem(SIDE_KEY, collapsed ? '1' : '0');
  });
  header.querySelector('h1')!.after(button);
}

/** '/' searches the flame graph, Escape unzooms it (unless typing); stray rejections are reported. */
export function installKeys(flame: FlameGraph, error: (file: string, message: string) => void) {
  document.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    const typing = t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement;
    if (typing || e.defaultPrevented) return;
    if (e.key === '/') {
      e.preventDefault();
      flame.focusSearch();
    } else if (e.key === 'Escape') flame.zoomTo(-1);
  });
  window.addEventListener('unhandledrejection', (e) => {
    e.preventDefault();
    error('proflens', String(e.reason instanceof Error ? e.reason.message : e.reason));
  });
}

/**
 * Says when the engine is ready (and a new build, when one took over: run at
 * once if nothing was ever opened here, else say so, as a reload closes files).
 */
export function startEngine(engine: EngineClient, untouched: () => boolean, error: (file: string, message: string) => void, ready: () => void) {
  const status = $('engine-status');
  status.textContent = 'Loading the engine…';
  const onUpdate = () => {
    if (untouched()) location.reload();
    else status.textContent = 'A new version of Proflens is ready: reload the page to use it (open files will be closed).';
  };
  Promise.all([engine.ready, registerOffline({ onUpdate })]).then(
    ([ms]) => {
      const threads = engine.threads > 1 ? `, ${engine.threads} threads` : engine.oneThread ? `; one thread: ${engine.oneThread}` : '';
      status.textContent = `Engine ready (${Math.round(ms)} ms${threads}). Files never leave this machine.`;
      ready();
    },
    (e: Error) => {
      status.textContent = e.message;
      error('engine', e.message);
    },
  );
}
