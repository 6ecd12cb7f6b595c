// Reads, without running them, what scripts/build.sh needs and what
// scripts/setup.sh provides, so a test can tell that the Pages workflow (which
// runs setup.sh --deploy and then the build) can build the site. The workflow
// cannot run here; these are the facts it depends on.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A shell script's commands, with `\`-continued lines joined and comments dropped. */
export function shellCommands(text) {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/**
 * What a build script needs from the machine: `{ toolchain }`, and `{ toolchain,
 * component }` and `{ toolchain, target }`, for every cargo build, `{ tool }` for wasm-bindgen and
 * `{ npmBin }` for every node_modules/.bin program; `problems` for what it cannot
 * tell or a build must not do (install things, or name a toolchain through an
 * unknown variable). `vars` maps the variables a script may name a toolchain by.
 */
export function buildNeeds(text, vars = {}) {
  const needs = [];
  const problems = [];
  for (const cmd of shellCommands(text)) {
    if (/\b(rustup|apt-get|apt|cargo install)\b/.test(cmd) && !/^say\b/.test(cmd)) problems.push(`the build provisions: ${cmd}`);
    for (const m of cmd.matchAll(/\bcargo\s+(?:\+(\S+)\s+)?(build|rustc|test)\b(.*)/g)) {
      let toolchain = 'default';
      if (m[1]) {
        const v = m[1].match(/^"?\$\{?(\w+)\}?"?$/);
        toolchain = v ? vars[v[1]] : m[1];
        if (!toolchain) problems.push(`cannot tell the toolchain of: ${cmd}`);
      }
      needs.push({ toolchain });
      const rest = m[3];
      for (const t of rest.matchAll(/--target[ =](\S+)/g)) needs.push({ toolchain, target: t[1] });
      if (/-Z\s*build-std/.test(rest)) needs.push({ toolchain, component: 'rust-src' });
    }
    if (/(^|[\s;(])wasm-bindgen\s/.test(cmd)) needs.push({ tool: 'wasm-bindgen-cli' });
    for (const b of cmd.matchAll(/node_modules\/\.bin\/([\w.-]+)/g)) needs.push({ npmBin: b[1] });
  }
  return { needs: dedupe(needs), problems };
}

function dedupe(xs) {
  const seen = new Set();
  return xs.filter((x) => {
    const k = JSON.stringify(x);
    return !seen.has(k) && seen.add(k);
  });
}

/** `bash scripts/setup.sh ARGS --plan`, parsed: toolchains with their parts, tools, apt packages, npm. */
export function setupPlan(root, args = []) {
  const out = execFileSync('bash', ['scripts/setup.sh', ...args, '--plan'], { cwd: root, encoding: 'utf8' });
  return parsePlan(out);
}

export function parsePlan(out) {
  const plan = { toolchains: {}, tools: [], apt: [], npm: false };
  for (const line of out.split('\n').filter(Boolean)) {
    const [kind, name, ...rest] = line.split(' ');
    if (kind === 'toolchain') {
      const parts = (plan.toolchains[name] ??= { components: [], targets: [] });
      for (const r of rest) {
        const [k, v] = r.split('=');
        (k === 'component' ? parts.components : parts.targets).push(v);
      }
    } else if (kind === 'cargo-install') plan.tools.push(name);
    else if (kind === 'apt') plan.apt.push(name);
    else if (line === 'npm ci') plan.npm = true;
    else throw new Error(`setup.sh --plan printed an unknown line: ${line}`);
  }
  return plan;
}

/** The needs that the plan does not provide, as sentences. */
export function unprovided(needs, plan, lock) {
  const missing = [];
  for (const n of needs) {
    const tc = n.toolchain && plan.toolchains[n.toolchain];
    if (n.toolchain && !tc) missing.push(`toolchain ${n.toolchain}`);
    else if (n.target && !tc.targets.includes(n.target)) missing.push(`target ${n.target} on ${n.toolchain}`);
    else if (n.component && !tc.components.includes(n.component)) missing.push(`component ${n.component} on ${n.toolchain}`);
    else if (n.tool && !plan.tools.includes(n.tool)) missing.push(`tool ${n.tool}`);
    else if (n.npmBin && !(plan.npm && npmProvidesBin(lock, n.npmBin))) missing.push(`npm program ${n.npmBin}`);
  }
  return missing;
}

/** Whether a package that package-lock.json installs at the top level has the program `bin`. */
function npmProvidesBin(lock, bin) {
  return Object.entries(lock.packages).some(([path, p]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path) && p.bin && bin in p.bin);
}

export const readText = (root, rel) => readFileSync(join(root, rel), 'utf8');
