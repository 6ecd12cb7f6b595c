// Firefox (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi,
// headless. Downloads go to a folder of our own (Firefox's preferences), where
// ./downloads.mjs waits for them. The adapter's shape: see ./chromium.mjs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { need } from '../e2e/lib.mjs';
import { downloadInto } from './downloads.mjs';

export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

export async function launch({ viewport }) {
  need(FIREFOX, 'install Debian firefox-esr (scripts/setup.sh)');
  const downloads = await mkdtemp(join(tmpdir(), 'proflens-firefox-dl-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: viewport,
    extraPrefsFirefox: {
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
    },
  });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  const element = async (sel) => {
    const el = await page.$(sel);
    if (!el) throw new Error(`firefox: no element ${sel}`);
    return el;
  };
  return {
    name: 'firefox',
    version: await browser.version(),
    evalExpr: (expr) => page.evaluate(expr),
    goto: (url) => page.goto(url),
    setInputFiles: async (sel, paths) => (await element(sel)).uploadFile(...paths),
    click: (sel, { button = 'left' } = {}) => page.click(sel, { button }),
    clickAt: async (sel, x, y) => {
      const box = await (await element(sel)).boundingBox();
      await page.mouse.click(box.x + x, box.y + y);
    },
    press: (key) => page.keyboard.press(key),
    download: (sel) => downloadInto(downloads, () => page.click(sel)),
    close: async () => {
      await browser.close();
      await rm(downloads, { recursive: true, force: true });
    },
  };
}
