// Registers the service worker (www/sw.js) that keeps the site's files, so the
// page works offline after the first visit and can be installed as an app.
// The promise settles when the files are kept (or could not be): the page
// reports itself ready only then, so no request follows a profile's opening.
//
// A deploy reaches a returning visitor like this: the page they reload still
// comes from the old build's cache, the browser meanwhile finds the new sw.js,
// and the new worker installs, takes over and drops the old files. The page
// then learns it is an old build through `controllerchange`, and `onUpdate`
// decides what to do (reload at once when nothing is open, or say so).

export interface OfflineOptions {
  timeoutMs?: number;
  /** A newer build's service worker took over this page, which an older one served. */
  onUpdate?: () => void;
}

/** Resolves once the site works offline, or at once where it cannot (dev server, no support). */
export function registerOffline({ timeoutMs = 15_000, onUpdate }: OfflineOptions = {}): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return Promise.resolve();
  // Only a page that a worker served can be out of date: on the first visit the worker's
  // first takeover is no update (that page stays as it is, single-threaded).
  if (navigator.serviceWorker.controller && onUpdate) {
    navigator.serviceWorker.addEventListener('controllerchange', onUpdate, { once: true });
  }
  const done = navigator.serviceWorker
    .register('./sw.js', { scope: './' })
    .then(() => navigator.serviceWorker.ready)
    .then(activated)
    .catch((e) => console.warn('offline use is unavailable:', e));
  return Promise.race([done, new Promise<void>((r) => setTimeout(r, timeoutMs))]);
}

/**
 * `ready` resolves while the worker may still be activating: wait until it is
 * active, so that a reload after the page says it is ready is served by it.
 */
function activated(reg: ServiceWorkerRegistration): Promise<void> {
  const sw = reg.active;
  if (!sw || sw.state === 'activated') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => sw.state !== 'activating' && (sw.removeEventListener('statechange', done), resolve());
    sw.addEventListener('statechange', done);
    done();
  });
}
