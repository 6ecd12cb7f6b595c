// npm run bench:peers -- --engines [S M …] [--runs N] [--smoke]
// The site in each engine on the same bench profiles, in one run: file chosen ->
// first flame frame (the page's own marks, as bench:peers measures Chromium),
// median of N runs, each in a fresh browser, the engines interleaved run by run so
// that they share the machine's load; and each engine's time as a ratio to
// Chromium's. A benchmark, not a test: it asserts nothing but that the page opened
// the file. --smoke: S once (checks that the benchmark runs).
import { loadavg } from 'node:os';
import { statSync } from 'node:fs';
import { mb, median, profileFor } from '../e2e/benchlib.mjs';
import { ENGINES, openEngineSite } from './site.mjs';

/** One run: a fresh browser on the site, the file opened through its input. */
async function firstFlame(engine, file) {
  const site = await openEngineSite(engine);
  try {
    const { page } = site;
    await page.setInputFiles('#file-input', [file]);
    await page.waitForFunction(() => window.__proflens.marks.flame > 0 || document.querySelector('#errors li'), undefined, { timeout: 600_000 });
    const err = await page.textContent('#errors');
    if (err) throw new Error(`${engine}: ${err}`);
    const m = await page.evaluate(() => window.__proflens.marks);
    const { threads } = await page.evaluate(() => window.__proflens.stats());
    return { table: m.table - m.open, flame: m.flame - m.open, threads };
  } finally {
    await site.close();
  }
}

const sec = (ms) => `${(ms / 1000).toFixed(ms < 1000 ? 3 : 2)} s`;

export async function main(argv) {
  const args = [...argv];
  const flag = (f) => (args.includes(f) ? (args.splice(args.indexOf(f), 1), true) : false);
  const smoke = flag('--smoke');
  const runsAt = args.indexOf('--runs');
  const runs = smoke ? 1 : runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3;
  const presets = smoke ? ['S'] : args.length ? args : ['S', 'M'];
  const rows = [];
  for (const p of presets) {
    const file = profileFor(p);
    const got = Object.fromEntries(ENGINES.map((e) => [e, []]));
    for (let i = 0; i < runs; i++) for (const e of ENGINES) got[e].push(await firstFlame(e, file));
    const row = { p, gz: statSync(file).size, load: loadavg()[0].toFixed(2) };
    for (const e of ENGINES) row[e] = { flame: median(got[e].map((r) => r.flame)), table: median(got[e].map((r) => r.table)), threads: got[e][0].threads };
    rows.push(row);
    console.log(`${p}: ${ENGINES.map((e) => `${e} table ${sec(row[e].table)} / flame ${sec(row[e].flame)} (${row[e].threads} threads)`).join('; ')}; load ${row.load}`);
  }
  console.log(`\nfirst flame frame after the file is chosen, median of ${runs} run(s) each, engines interleaved`);
  console.log(['profile  gz size', ...ENGINES.map((e) => `${e} (threads)`.padStart(22)), ...ENGINES.slice(1).map((e) => `${e}/chromium`.padStart(17)), ' load (1 min)'].join(' | '));
  for (const r of rows) {
    const cells = ENGINES.map((e) => `${sec(r[e].flame)} (${r[e].threads})`.padStart(22));
    const ratios = ENGINES.slice(1).map((e) => `${(r[e].flame / r.chromium.flame).toFixed(2)}×`.padStart(17));
    console.log([`${r.p.padEnd(7)} ${mb(r.gz).padStart(8)}`, ...cells, ...ratios, ` ${r.load}`].join(' | '));
  }
  console.log('ratio = the engine\'s first flame / Chromium\'s (above 1: slower than Chromium)');
}
