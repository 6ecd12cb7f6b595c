// The page as the scenarios see it, the same in every engine: the part of
// Playwright's Page API that the e2e helpers of tests/e2e/lib.mjs use
// (evaluate, waitForFunction, $eval, setInputFiles, keyboard.press…), built
// on the few things each engine's driver does for itself (./chromium.mjs,
// ./firefox.mjs, ./webkit.mjs): evaluate an expression, navigate, set files,
// click, press a key, catch a download. So openFiles, readGrid and the rest
// run unchanged in Firefox and WebKit.
//
// Functions are sent as their source and called in the page with their
// argument as JSON, as Playwright does; waiting polls in the page, so a wait
// costs one round trip to the driver.

const json = (v) => (v === undefined ? 'undefined' : JSON.stringify(v));

export class EnginePage {
  /** `driver`: one engine's adapter (see ./chromium.mjs for what it provides). */
  constructor(driver) {
    this.driver = driver;
    this.keyboard = { press: (key) => driver.press(key) };
  }

  get name() {
    return this.driver.name;
  }

  evaluate(fn, arg) {
    return this.driver.evalExpr(typeof fn === 'string' ? fn : `(${fn})(${json(arg)})`);
  }

  $eval(selector, fn, arg) {
    return this.driver.evalExpr(`(${fn})(document.querySelector(${json(selector)}), ${json(arg)})`);
  }

  $$eval(selector, fn, arg) {
    return this.driver.evalExpr(`(${fn})([...document.querySelectorAll(${json(selector)})], ${json(arg)})`);
  }

  textContent(selector) {
    return this.$eval(selector, (e) => e.textContent);
  }

  focus(selector) {
    return this.$eval(selector, (e) => e.focus());
  }

  /** Sets a <select>'s value as a user's choice does (input and change events). */
  selectOption(selector, value) {
    return this.$eval(
      selector,
      (e, v) => {
        e.value = v;
        e.dispatchEvent(new Event('input', { bubbles: true }));
        e.dispatchEvent(new Event('change', { bubbles: true }));
      },
      value,
    );
  }

  /** Polls `fn(arg)` in the page (every 50 ms) until it is truthy; throws after `timeout` ms. */
  async waitForFunction(fn, arg, { timeout = 30_000 } = {}) {
    const expr = `(async () => {
      const f = ${fn}, a = ${json(arg)}, end = performance.now() + ${timeout};
      let last = '';
      for (;;) {
        try { if (await f(a)) return { ok: true }; } catch (e) { last = String(e); }
        if (performance.now() > end) return { ok: false, last };
        await new Promise((r) => setTimeout(r, 50));
      }
    })()`;
    const r = await this.driver.evalExpr(expr);
    if (!r?.ok) throw new Error(`${this.name}: timed out after ${timeout} ms waiting for ${String(fn).slice(0, 200)}${r?.last ? ` (${r.last})` : ''}`);
  }

  waitForSelector(selector, opts) {
    return this.waitForFunction((s) => document.querySelector(s), selector, opts);
  }

  waitForTimeout(ms) {
    return new Promise((r) => setTimeout(r, ms));
  }

  setInputFiles(selector, paths) {
    return this.driver.setInputFiles(selector, Array.isArray(paths) ? paths : [paths]);
  }

  /** A trusted click in the middle of the element (`{ button: 'right' }` for its context menu). */
  click(selector, opts = {}) {
    return this.driver.click(selector, opts);
  }

  /** A trusted click at (x, y) CSS pixels from the element's top left corner. */
  clickAt(selector, x, y) {
    return this.driver.clickAt(selector, x, y);
  }

  /** Clicks what starts a download; resolves to the downloaded file's name and bytes. */
  download(selector) {
    return this.driver.download(selector);
  }

  async goto(url) {
    await this.driver.goto(url);
  }
}
