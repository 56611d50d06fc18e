// Builds every Custom UI page under static/ into static/<page>/build/ (the folders manifest.yml's resources
// point at). Run with `node static/build.mjs` (npm run build:ui); pass page names to build only some.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const staticRoot = dirname(fileURLToPath(import.meta.url));
const PAGES = ['settings', 'panel', 'findings'];

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !PAGES.includes(name));
if (unknown.length > 0) {
  console.error(`static/build.mjs: unknown page(s) ${unknown.join(', ')}; known pages: ${PAGES.join(', ')}`);
  process.exit(2);
}

for (const page of requested.length > 0 ? requested : PAGES) {
  const root = join(staticRoot, page);
  if (!existsSync(join(root, 'index.html'))) {
    console.error(`static/build.mjs: ${root}/index.html is missing`);
    process.exit(1);
  }
  await build({
    root,
    configFile: false,
    // Forge serves a resource from a sub-path of its own origin, so asset URLs must be relative.
    base: './',
    logLevel: 'warn',
    // Production whatever NODE_ENV says: Jest's global setup rebuilds stale pages with NODE_ENV=test, which would
    // make Vite emit the dev JSX runtime (jsxDEV), absent from the production React the `define` below selects.
    mode: 'production',
    oxc: { jsx: { runtime: 'automatic', development: false } },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: 'build',
      emptyOutDir: true,
      // Forge's CSP forbids inline scripts, so never inline the entry; small assets may stay data: URLs.
      modulePreload: { polyfill: false },
      sourcemap: false,
      // The settings page is built from Atlaskit (Bitbucket's own components, as the issue asks): with React, the
      // select, tables and Atlaskit's feature-flag client it is about 0.9 MB minified (about 255 KB gzipped) in
      // one chunk. Warn above that, so growth beyond Atlaskit's own weight is still noticed.
      chunkSizeWarningLimit: 1000,
    },
  });
  console.log(`static/build.mjs: built ${page} -> static/${page}/build/index.html`);
}
