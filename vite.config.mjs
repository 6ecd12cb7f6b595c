import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

// "Try an example" must not make a request when clicked, so the example
// profile (also published as www/public/example.pb.gz) is embedded in the
// bundle as base64 through this virtual module.
function exampleProfile() {
  const id = 'virtual:example-profile';
  const file = new URL('./www/public/example.pb.gz', import.meta.url);
  return {
    name: 'proflens-example-profile',
    resolveId: (source) => (source === id ? '\0' + id : null),
    load(resolved) {
      if (resolved !== '\0' + id) return null;
      this.addWatchFile(file.pathname);
      return `export default ${JSON.stringify(readFileSync(file).toString('base64'))};`;
    },
  };
}

// The site is static and relative (`base: './'`), so dist/ works from any
// sub-path such as https://user.github.io/proflens/.
export default defineConfig({
  root: 'www',
  base: './',
  publicDir: 'public',
  plugins: [exampleProfile()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // never a data: URL for the wasm: connect-src 'self' would refuse it
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
  },
  worker: { format: 'es', plugins: () => [exampleProfile()] },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
