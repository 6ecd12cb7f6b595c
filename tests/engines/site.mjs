// One engine's browser on the built site (dist/), served as `npm start` serves
// it (COOP/COEP, so the page is cross-origin isolated). Each scenario starts
// from a fresh load of the page; uncaught errors are collected in the page.
import { DIST, need } from '../e2e/lib.mjs';
import { serve } from '../../scripts/serve.mjs';
import { EnginePage } from './page.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

/** Waits until the engine is ready (or the page shows why not), then records the page's errors. */
async function ready(page, timeout = 90_000) {
  try {
    await page.waitForFunction(() => window.__proflens?.ready === true || document.querySelector('#errors li'), undefined, { timeout });
  } catch (e) {
    const status = await page.evaluate(() => document.querySelector('#engine-status')?.textContent).catch(() => '?');
    throw new Error(`${e.message}; the status line says: ${status}`);
  }
  const err = await page.textContent('#errors');
  if (err) throw new Error(`${page.name}: the page did not start: ${err}`);
  await page.evaluate(() => {
    window.__engineErrors = [];
    window.__resizeLoops = 0;
    addEventListener('error', (e) => {
      // a notice that a ResizeObserver callback changed the layout again (the spec reports it
      // as an error event; Firefox does where Chromium does not), not an exception
      if (!e.error && String(e.message).startsWith('ResizeObserver loop')) window.__resizeLoops++;
      else window.__engineErrors.push(String(e.message));
    });
  });
}

/**
 * Starts the server and `engine`'s browser and opens the site.
 * `options.sharedMemory`: WebKit only, see ./webkit.mjs.
 */
export async function openEngineSite(engine, { viewport = { width: 1400, height: 1000 }, sharedMemory = false } = {}) {
  need(`${DIST}/index.html`, 'run `npm run build` first');
  const server = await serve(DIST, 0, '127.0.0.1', { isolated: true });
  let driver;
  try {
    driver = await (await import(`./${engine}.mjs`)).launch({ viewport, sharedMemory });
  } catch (e) {
    await server.close();
    throw e;
  }
  const page = new EnginePage(driver);
  let serving = true;
  const site = {
    engine,
    page,
    url: server.url,
    version: driver.version,
    /** A fresh load of the page, its URL without a hash (no view state), engine ready. */
    reset: async () => {
      await page.goto(server.url);
      try {
        await ready(page, 45_000);
      } catch (e) {
        // Firefox under load has, rarely, left a reloaded page's engine unstarted ("Loading
        // the engine…") with no error at all (see the README's engine table). Say so with
        // what the service worker was doing, and load the page once more: the scenario's
        // own assertions are unchanged.
        const sw = await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((r) => [r.active?.state, r.waiting?.state, r.installing?.state])).catch(() => '?');
        console.error(`${engine}: the engine did not start after a reload (${e.message}); service worker states ${JSON.stringify(sw)}; loading the page again`);
        await page.goto(server.url);
        await ready(page);
      }
    },
    /** Uncaught errors in the page since the last reset. */
    errors: () => page.evaluate(() => window.__engineErrors ?? []),
    /** Ends the server and its open connections: the network is gone for this page. */
    stopServer: async () => {
      serving = false;
      server.server.closeAllConnections();
      await server.close();
    },
    close: async () => {
      try {
        await driver.close();
      } finally {
        if (serving) await server.close();
      }
    },
  };
  try {
    await site.reset();
  } catch (e) {
    await site.close();
    throw e;
  }
  return site;
}
