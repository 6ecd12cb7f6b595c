// WebKit (Debian's webkit2gtk-driver): WebKitWebDriver starts its MiniBrowser,
// driven by selenium-webdriver. MiniBrowser has no headless mode, so the
// driver runs under xvfb-run, on a display of its own. `sharedMemory: true`
// turns on JavaScriptCore's SharedArrayBuffer (JSC_useSharedArrayBuffer=1),
// which WebKitGTK 2.50 leaves off even where the page is cross-origin isolated
// and Safari turns on there: with it, the threads test sees what the threaded
// engine does in WebKit. The adapter's shape: see ./chromium.mjs.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder, By, Key } from 'selenium-webdriver';
import { need } from '../e2e/lib.mjs';
import { downloadInto } from './downloads.mjs';

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
/** Debian's multiarch folder for this machine's architecture. */
const MULTIARCH = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' }[process.arch] ?? `${process.arch}-linux-gnu`;
export const MINIBROWSER = process.env.MINIBROWSER ?? `/usr/lib/${MULTIARCH}/webkit2gtk-4.1/MiniBrowser`;

/** Playwright's key names as WebDriver keys. */
const KEYS = { ArrowDown: Key.ARROW_DOWN, ArrowUp: Key.ARROW_UP, ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT, Home: Key.HOME, End: Key.END, Enter: Key.ENTER, Escape: Key.ESCAPE, Tab: Key.TAB };

const freePort = () =>
  new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

/** Waits until the driver answers on its port. */
async function driverUp(url, proc) {
  for (let i = 0; i < 200; i++) {
    if (proc.exitCode !== null) throw new Error(`WebKitWebDriver exited (${proc.exitCode})`);
    try {
      if ((await fetch(`${url}/status`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('WebKitWebDriver did not start');
}

export async function launch({ viewport, sharedMemory = false }) {
  need(WEBKIT_DRIVER, 'install Debian webkit2gtk-driver (scripts/setup.sh)');
  need(MINIBROWSER, 'install Debian webkit2gtk-driver (scripts/setup.sh)');
  const home = await mkdtemp(join(tmpdir(), 'proflens-webkit-'));
  // MiniBrowser saves a download in the home folder, under the name the page gives it
  const downloads = home;
  const port = await freePort();
  const env = { ...process.env, HOME: home, ...(sharedMemory ? { JSC_useSharedArrayBuffer: '1' } : {}) };
  // its own process group, so that close() ends xvfb-run, Xvfb, the driver and the browser
  const proc = spawn('xvfb-run', ['-a', '-s', `-screen 0 ${viewport.width + 200}x${viewport.height + 200}x24`, WEBKIT_DRIVER, `--port=${port}`], {
    detached: true,
    stdio: 'ignore',
    env,
  });
  const stop = () => {
    try {
      process.kill(-proc.pid, 'SIGTERM');
    } catch {}
  };
  let driver;
  try {
    await driverUp(`http://127.0.0.1:${port}`, proc);
    driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } })
      .build();
    await driver.manage().setTimeouts({ script: 600_000, pageLoad: 120_000 });
    await driver.manage().window().setRect({ x: 0, y: 0, width: viewport.width, height: viewport.height });
  } catch (e) {
    stop();
    await rm(home, { recursive: true, force: true });
    throw e;
  }
  const element = (sel) => driver.findElement(By.css(sel));
  const caps = await driver.getCapabilities();
  return {
    name: 'webkit',
    version: `WebKitGTK ${caps.get('browserVersion') ?? ''}`.trim(),
    evalExpr: (expr) => driver.executeScript(`return ${expr};`),
    goto: (url) => driver.get(url),
    setInputFiles: async (sel, paths) => (await element(sel)).sendKeys(paths.join('\n')),
    click: async (sel, { button = 'left' } = {}) => {
      const el = await element(sel);
      if (button === 'right') await driver.actions().contextClick(el).perform();
      else await el.click();
    },
    clickAt: async (sel, x, y) => {
      // WebDriver moves relative to the element's centre
      const el = await element(sel);
      const r = await el.getRect();
      await driver.actions().move({ origin: el, x: Math.round(x - r.width / 2), y: Math.round(y - r.height / 2) }).click().perform();
    },
    press: (key) => driver.actions().sendKeys(KEYS[key] ?? key).perform(),
    download: (sel) => downloadInto(downloads, async () => (await element(sel)).click()),
    close: async () => {
      try {
        await driver.quit();
      } finally {
        stop();
        await rm(home, { recursive: true, force: true });
      }
    },
  };
}
