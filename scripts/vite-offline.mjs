// A Vite plugin that writes dist/sw.js after a build: the service worker of
// www/sw.js preceded by the list of every file the build wrote and a version
// (a hash of their contents). The list is only known once the bundle is on
// disk, with its hashed names, so it is made then rather than by hand.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/**
 * Writes outDir/sw.js for the build in outDir: its version is a hash of every other
 * file there, so any change to the site is a new version that replaces the old cache.
 */
export function writeServiceWorker(outDir) {
  const hash = createHash('sha256');
  const files = walk(outDir)
    .map((p) => relative(outDir, p).split(sep).join('/'))
    .filter((f) => f !== 'sw.js')
    .sort();
  for (const f of files) hash.update(f).update(readFileSync(join(outDir, f)));
  // './' is the page itself: a reload offline asks for the directory, not index.html.
  const list = ['./', ...files.map((f) => `./${f}`)];
  const head = `const VERSION = ${JSON.stringify(hash.digest('hex').slice(0, 16))};\nconst FILES = ${JSON.stringify(list)};\n`;
  writeFileSync(join(outDir, 'sw.js'), head + readFileSync(new URL('../www/sw.js', import.meta.url), 'utf8'));
}

export function offline() {
  let outDir = '';
  return {
    name: 'proflens-offline',
    apply: 'build',
    configResolved: (c) => (outDir = resolve(c.root, c.build.outDir)),
    closeBundle: () => writeServiceWorker(outDir),
  };
}
