// The service worker (dist/sw.js = VERSION and FILES, written by
// scripts/vite-offline.mjs, then this file). It keeps the site's own files so
// that after the first visit Proflens opens with no network at all. It caches
// nothing else: profiles never travel over the network, so there is nothing
// of the user's to keep. Files are served from the cache first; a new build
// has a new VERSION, so it installs beside the old one and takes over.
// It also adds the headers that make the page cross-origin isolated (COOP and
// COEP), which hosts such as GitHub Pages cannot send: from the second visit
// on, the page may share wasm memory between threads and runs the threaded
// engine (the first visit runs the single-threaded one).
/* global VERSION, FILES */
const CACHE = `proflens-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.addAll(FILES.map((f) => new Request(new URL(f, self.registration.scope), { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

// The open page is not claimed: it needs nothing more from the network, and the next
// load is this worker's anyway. In Firefox (153) a claim could wait forever for the
// engine's helper threads (workers blocked in Atomics.wait), leaving this worker
// activating and the next page load hung.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith('proflens-') && k !== CACHE).map((k) => caches.delete(k)))),
  );
});

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The response with the isolation headers added (the site's own files only). */
function isolated(res) {
  if (!res || res.type === 'opaque' || res.status === 0) return res;
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(ISOLATION)) headers.set(k, v);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  // A page load (any query) is the site's page.
  const key = req.mode === 'navigate' ? new URL('./', self.registration.scope).href : req;
  event.respondWith(
    caches
      .open(CACHE)
      .then((c) => c.match(key, { ignoreSearch: req.mode === 'navigate' }))
      .then((hit) => hit ?? fetch(req))
      .then(isolated),
  );
});
