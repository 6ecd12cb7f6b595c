// The cross-engine suite for one engine: one browser session on the built site,
// each scenario on a freshly loaded page, then offline use (which ends the
// server). The per-engine test files (chromium.test.mjs, …) name the engine;
// every engine runs every scenario (see the README for how long each takes).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { tempDir } from '../e2e/lib.mjs';
import { OFFLINE, PLATFORM } from './platform.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { openEngineSite } from './site.mjs';

export const ALL = [...SCENARIOS, ...PLATFORM, OFFLINE];

/**
 * Registers `engine`'s tests: `scenarios` in one session (OFFLINE last, if included).
 * `options`: `label` names the session; the rest goes to openEngineSite.
 */
export function engineSuite(engine, scenarios = ALL, { label = engine, ...options } = {}) {
  describe(label, () => {
    const fx = { site: null, tmp: null };
    before(async () => {
      fx.site = await openEngineSite(engine, options);
      fx.tmp = await tempDir();
      console.log(`# ${engine}: ${fx.site.version}`);
    });
    after(async () => {
      await fx.site?.close();
      await fx.tmp?.cleanup();
    });
    for (const s of scenarios) {
      test(s.name, async (t) => {
        if (s !== scenarios[0]) await fx.site.reset();
        await s.run(fx.site, fx.tmp, t);
        assert.deepEqual(await fx.site.errors(), [], 'uncaught errors in the page');
        assert.equal(await fx.site.page.$$eval('#errors li', (l) => l.filter((x) => !x.textContent.startsWith('garbage.pb.gz: ')).length), 0, 'errors shown');
      });
    }
  });
}
