// Chromium (Debian's) through playwright-core, as the e2e tests drive it.
// Every engine's adapter provides the same few things, which ./page.mjs builds on:
//   name, version, evalExpr(expr) (awaits a promise), goto(url), setInputFiles(sel, paths),
//   click(sel, { button }), clickAt(sel, x, y), press(key) (Playwright's key names),
//   download(sel) -> { name, bytes }, close().
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, need } from '../e2e/lib.mjs';

export async function launch({ viewport }) {
  need(CHROMIUM, 'install Debian chromium (scripts/setup.sh)');
  const dir = await mkdtemp(join(tmpdir(), 'proflens-chromium-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    name: 'chromium',
    version: `Chromium ${context.browser()?.version() ?? ''}`.trim(),
    evalExpr: (expr) => page.evaluate(expr),
    goto: (url) => page.goto(url),
    setInputFiles: (sel, paths) => page.setInputFiles(sel, paths),
    click: (sel, { button = 'left' } = {}) => page.click(sel, { button }),
    clickAt: async (sel, x, y) => {
      const box = await page.locator(sel).boundingBox();
      await page.mouse.click(box.x + x, box.y + y);
    },
    press: (key) => page.keyboard.press(key),
    download: async (sel) => {
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click(sel)]);
      return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
    },
    close: async () => {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
