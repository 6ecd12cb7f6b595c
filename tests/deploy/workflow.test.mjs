// The GitHub Pages workflow can build the site: it cannot run here, so this
// checks, statically, that what it runs provisions everything scripts/build.sh
// uses, that it names only scripts of this repo, and that it uploads the folder
// the build writes. Run by `npm test` (node --test tests/deploy/).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { buildNeeds, readText, setupPlan, shellCommands, unprovided } from './provisioning.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const workflow = parse(readText(ROOT, '.github/workflows/pages.yml'));
const pkg = JSON.parse(readText(ROOT, 'package.json'));
const lock = JSON.parse(readText(ROOT, 'package-lock.json'));
const nightly = execFileSync('bash', ['scripts/nightly.sh'], { cwd: ROOT, encoding: 'utf8' }).trim();
const buildVars = { NIGHTLY: nightly };

/** Every command of every `run:` step of the build job, in order. */
const runCommands = () => workflow.jobs.build.steps.filter((s) => s.run).flatMap((s) => shellCommands(s.run));

/** The script a command runs, following `npm run X` to package.json: `scripts/build.sh` or null. */
function scriptOf(cmd) {
  const npm = cmd.match(/^npm run (\S+)/);
  if (npm) {
    assert.ok(pkg.scripts[npm[1]], `package.json has no script ${npm[1]}`);
    return scriptOf(pkg.scripts[npm[1]]);
  }
  const sh = cmd.match(/^bash (scripts\/\S+)/);
  return sh ? sh[1] : null;
}

test('the nightly is pinned to one date, in one file that every script reads', () => {
  assert.match(nightly, /^nightly-\d{4}-\d{2}-\d{2}$/);
  const build = readText(ROOT, 'scripts/build.sh');
  assert.match(build, /NIGHTLY=\$\(bash scripts\/nightly\.sh\)/);
  assert.doesNotMatch(build, /cargo \+nightly\b/, 'build.sh names an unpinned nightly');
  const setup = readText(ROOT, 'scripts/setup.sh');
  assert.match(setup, /need_toolchain "\$\(bash scripts\/nightly\.sh\)"/);
  assert.doesNotMatch(setup, /(\+|--toolchain |install )nightly\b/, 'setup.sh names an unpinned nightly');
  assert.match(JSON.stringify(workflow.jobs.build.steps), /hashFiles\('Cargo\.lock', 'rust-toolchain-threads'\)/, 'the cache follows the pin');
});

test('every run step names only scripts of this repo, and provisions through setup.sh alone', () => {
  const cmds = runCommands();
  assert.ok(cmds.length >= 2, cmds.join('\n'));
  for (const cmd of cmds) {
    const script = scriptOf(cmd);
    assert.ok(script, `a run step that is not one of the repo's scripts: ${cmd}`);
    assert.ok(existsSync(join(ROOT, script)), `${script} does not exist`);
  }
  assert.deepEqual(cmds, ['bash scripts/setup.sh --deploy', 'npm run build']);
  assert.equal(scriptOf('npm run build'), 'scripts/build.sh');
});

test('setup.sh --deploy provisions every toolchain, target, component and tool build.sh uses', () => {
  const { needs, problems } = buildNeeds(readText(ROOT, 'scripts/build.sh'), buildVars);
  assert.deepEqual(problems, []);
  // what the build is known to use today, so that a parser gone blind fails here
  for (const n of [
    { toolchain: 'default', target: 'wasm32-unknown-unknown' },
    { toolchain: nightly, target: 'wasm32-unknown-unknown' },
    { toolchain: nightly, component: 'rust-src' },
    { tool: 'wasm-bindgen-cli' },
    { npmBin: 'vite' },
    { npmBin: 'wasm-opt' },
  ])
    assert.ok(needs.some((m) => JSON.stringify(m) === JSON.stringify(n)), `not seen in build.sh: ${JSON.stringify(n)}`);
  const plan = setupPlan(ROOT, ['--deploy']);
  assert.deepEqual(unprovided(needs, plan, lock), []);
  assert.deepEqual(plan.apt, [], 'a deploy installs no browsers and no Go');
  assert.ok(setupPlan(ROOT).apt.includes('golang-go'), 'the full set-up still installs the reference');
});

test('the check fails when build.sh uses a toolchain or target that set-up does not provision', () => {
  const build = readText(ROOT, 'scripts/build.sh');
  const plan = setupPlan(ROOT, ['--deploy']);
  const more = (line) => unprovided(buildNeeds(`${build}\n${line}\n`, buildVars).needs, plan, lock);
  assert.deepEqual(more('cargo +beta build --release --lib'), ['toolchain beta']);
  assert.deepEqual(more('cargo build --target wasm32-wasip1 --lib'), ['target wasm32-wasip1 on default']);
  assert.deepEqual(more('cargo +"$NIGHTLY" build -Z build-std --target x86_64-unknown-linux-musl'), [`target x86_64-unknown-linux-musl on ${nightly}`]);
  assert.deepEqual(more('node_modules/.bin/esbuild www/src/main.ts'), ['npm program esbuild']);
  assert.deepEqual(buildNeeds('cargo +"$OTHER" build', buildVars).problems, ['cannot tell the toolchain of: cargo +"$OTHER" build']);
  assert.deepEqual(buildNeeds('rustup target add wasm32-wasip1', buildVars).problems, ['the build provisions: rustup target add wasm32-wasip1']);
});

test('the workflow uploads the folder the build writes', async () => {
  const upload = workflow.jobs.build.steps.find((s) => String(s.uses).startsWith('actions/upload-pages-artifact'));
  assert.ok(upload, 'no upload-pages-artifact step');
  const { default: vite } = await import(join(ROOT, 'vite.config.mjs'));
  const outDir = resolve(ROOT, vite.root, vite.build.outDir);
  assert.equal(resolve(ROOT, upload.with.path), outDir);
  assert.match(readText(ROOT, 'scripts/build.sh'), new RegExp(`\\[ -f ${upload.with.path}/index\\.html \\]`), 'build.sh checks the folder it wrote');
  assert.equal(workflow.jobs.deploy.needs, 'build');
});
