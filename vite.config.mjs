import { readFileSync, readdirSync } from 'node:fs';
import { defineConfig } from 'vite';
import { offline } from './scripts/vite-offline.mjs';

/**
 * A virtual module whose default export is the base64 of files under
 * www/public/, so that opening the examples makes no request at all.
 * `files` maps the names the page sees to paths below www/public/.
 */
function embed(id, files, shape) {
  const url = (f) => new URL(`./www/public/${f}`, import.meta.url);
  return {
    name: `proflens-embed-${id}`,
    resolveId: (source) => (source === id ? '\0' + id : null),
    load(resolved) {
      if (resolved !== '\0' + id) return null;
      const b64 = Object.fromEntries(
        Object.entries(files()).map(([name, f]) => {
          this.addWatchFile(url(f).pathname);
          return [name, readFileSync(url(f)).toString('base64')];
        }),
      );
      return `export default ${JSON.stringify(shape(b64))};`;
    },
  };
}

// "Try an example": the CPU example (also published as example.pb.gz), and the
// leak scenario that examples/example-profile writes into www/public/example/
// (three heap snapshots and a goroutine dump, in time order).
const examples = () => [
  embed('virtual:example-profile', () => ({ cpu: 'example.pb.gz' }), (b) => b.cpu),
  embed(
    'virtual:example-scenario',
    () => Object.fromEntries(readdirSync(new URL('./www/public/example', import.meta.url)).sort().map((f) => [f, `example/${f}`])),
    (b) => b,
  ),
];

// The site is static and relative (`base: './'`), so dist/ works from any
// sub-path such as https://user.github.io/proflens/.
export default defineConfig({
  root: 'www',
  base: './',
  publicDir: 'public',
  plugins: [...examples(), offline()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // never a data: URL for the wasm: connect-src 'self' would refuse it
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
  },
  worker: { format: 'es', plugins: () => examples() },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
