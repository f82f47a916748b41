#!/usr/bin/env node
// Bundles the sample page (js/app.js, js/backend.js and the parts of the Firebase Web SDK they import) into
// dist/app.js, one ES module the page loads. dist/ is build output (git-ignored); scripts/setup and bin/turnkit run
// this, and `node build.mjs --if-stale` rebuilds only when a source is newer than the bundle.
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'dist', 'app.js');
const sources = [path.join(here, 'package-lock.json'),
  ...readdirSync(path.join(here, 'js')).map((f) => path.join(here, 'js', f))];

if (process.argv.includes('--if-stale') && existsSync(out)) {
  const built = statSync(out).mtimeMs;
  if (sources.every((f) => statSync(f).mtimeMs <= built)) process.exit(0);
}
try {
  await build({
    entryPoints: [path.join(here, 'js', 'app.js')],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  console.error(`web: built ${path.relative(process.cwd(), out)}`);
} catch (e) {
  console.error(`web: build failed: ${e.message}`);
  process.exit(1);
}
