// Lets node:test import the front end's TypeScript modules as they are (Node 20 runs no
// .ts): imports without an extension resolve to the .ts file, as Vite resolves them, and
// .ts files are stripped of their types by Vite's own transform (oxc), so the code under
// test is the code the site ships. Used as `node --import ./tests/ts/register.mjs`.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function resolve(specifier, context, next) {
  if ((specifier.startsWith('./') || specifier.startsWith('../')) && !/\.[cm]?[jt]s$/.test(specifier) && context.parentURL?.endsWith('.ts')) {
    const url = new URL(`${specifier}.ts`, context.parentURL);
    if (existsSync(fileURLToPath(url))) return { url: url.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const { transformWithOxc } = await import('vite');
  const source = await readFile(fileURLToPath(url), 'utf8');
  const out = await transformWithOxc(source, fileURLToPath(url), { lang: 'ts' });
  return { format: 'module', source: out.code, shortCircuit: true };
}
