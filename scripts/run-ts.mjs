// Runs a TypeScript entry point as plain JavaScript: esbuild bundles the project's own modules into one CommonJS file
// under dist/ (dependencies stay in node_modules, loaded by their deep paths) and Node runs it. Rebuilt on every run,
// so it never runs stale code; bundling takes a few tens of milliseconds. Type-checking is `npm run typecheck`.
//   node scripts/run-ts.mjs <entry.ts> [args…]
import { buildSync } from 'esbuild';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `entry` (relative to the project root) and runs it in this process. */
export function runTs(entry) {
  const outfile = join(root, 'dist', `${basename(entry, '.ts')}.js`);
  buildSync({
    entryPoints: [resolve(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  createRequire(import.meta.url)(outfile);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [entry, ...args] = process.argv.slice(2);
  process.argv = [process.argv[0], entry, ...args];
  runTs(entry);
}
