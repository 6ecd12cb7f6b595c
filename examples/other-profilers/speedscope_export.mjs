// Imports profiles into speedscope (the npm package in devDependencies) in Debian's
// Chromium and saves what its Export button writes: speedscope's own JSON of its own
// import. Those files are the oracle of tests/v8_profiles.rs (per-function self and
// total as speedscope computes them) and real speedscope files for tests/speedscope.rs.
//   node examples/other-profilers/speedscope_export.mjs work.cpuprofile work.heapprofile \
//     ../../../shared/corpus/go/heap_t0.pb.gz
// writes work.cpuprofile.speedscope.json, …, heap_t0.pb.gz.speedscope.json here (a
// relative path is from this folder).
import { mkdtemp, rm, symlink, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../../tests/e2e/lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const release = resolve(here, '../../node_modules/speedscope/dist/release');

const root = await mkdtemp(join(tmpdir(), 'proflens-speedscope-'));
await symlink(release, join(root, 'app'), 'dir');
const srv = await serve(root, 0, '127.0.0.1', { isolated: false });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  for (const [i, name] of process.argv.slice(2).entries()) {
    const path = resolve(here, name);
    await symlink(dirname(path), join(root, `in${i}`), 'dir');
    const page = await browser.newPage({ acceptDownloads: true });
    const input = `${srv.url}in${i}/${basename(path)}`;
    await page.goto(`${srv.url}app/index.html#profileURL=${encodeURIComponent(input)}`);
    const exportTab = page.getByText('Export', { exact: false }).first();
    await exportTab.waitFor({ timeout: 30000 });
    const [download] = await Promise.all([page.waitForEvent('download'), exportTab.click()]);
    const out = join(here, `${basename(name)}.speedscope.json`);
    await download.saveAs(out);
    // One line, keys as speedscope wrote them.
    const json = JSON.parse(await readFile(out, 'utf8'));
    await writeFile(out, JSON.stringify(json) + '\n');
    console.log(`${out}: ${json.profiles.length} profile(s), ${json.shared.frames.length} frames`);
    await page.close();
  }
} finally {
  await browser.close();
  await srv.close();
  await rm(root, { recursive: true, force: true });
}
