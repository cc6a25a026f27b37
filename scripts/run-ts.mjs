// Runs a TypeScript entry point as plain JavaScript: esbuild bundles the project's own modules into one CommonJS file
// under dist/ (dependencies stay in node_modules, loaded by their deep paths) and Node runs it. Type-checking is
// `npm run typecheck`.
//
// The bundle is rebuilt only when one of its inputs changed: next to it, `<name>.inputs.json` records a SHA-256 of the
// content of every source file esbuild read (from its metafile), of tsconfig.json, package.json and esbuild's own
// package.json, and of the bundle itself. Content, not size and modification time: an edit of the same size with its
// mtime restored is still an edit. Hashing a few dozen small files takes a few milliseconds; loading esbuild and
// starting its service to rebuild costs about 60 ms. Delete dist/ to force a build.
//   node scripts/run-ts.mjs <entry.ts> [args…]
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Bundles `entry` (relative to the project root) unless its bundle is up to date, and runs it in this process. */
export function runTs(entry) {
  const outfile = join(root, 'dist', `${basename(entry, '.ts')}.js`);
  const stampFile = `${outfile.slice(0, -'.js'.length)}.inputs.json`;
  const options = {
    entryPoints: [resolve(root, entry)],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  };
  // What else decides the output: the options, and files esbuild reads that its metafile does not list.
  const key = JSON.stringify(options);
  const extraInputs = ['tsconfig.json', 'package.json', relativeToRoot(require.resolve('esbuild/package.json'))];
  if (!isUpToDate(stampFile, key, outfile)) build(options, outfile, stampFile, key, extraInputs);
  deferArchiver();
  require(outfile);
}

/**
 * cdktf requires `archiver` as it loads (its lib/private/fs.js), only to zip the files of a TerraformAsset, and with it
 * about 200 modules: a third of the time a run takes to refuse a bad file. Node's module cache gets a stand-in that
 * loads the real module on first use, so a run that zips nothing never loads it and one that does gets archiver
 * itself. Nothing is done when archiver is already loaded or cannot be found.
 */
function deferArchiver() {
  const cdktfRequire = createRequire(require.resolve('cdktf'));
  let path;
  try {
    path = cdktfRequire.resolve('archiver');
  } catch {
    return;
  }
  if (require.cache[path]) return;
  let archiver;
  const load = () => {
    if (archiver === undefined) {
      delete require.cache[path];
      archiver = cdktfRequire('archiver');
    }
    return archiver;
  };
  const standIn = new Module(path);
  standIn.filename = path;
  standIn.loaded = true;
  // archiver's export is a function with properties (create, registerFormat…): both reach the real one.
  standIn.exports = new Proxy(function archiverStandIn() {}, {
    apply: (_target, thisArg, args) => Reflect.apply(load(), thisArg, args),
    get: (_target, key) => Reflect.get(load(), key),
    has: (_target, key) => Reflect.has(load(), key),
  });
  require.cache[path] = standIn;
}

function relativeToRoot(path) {
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

/** SHA-256 of a file's content, or undefined when it is gone. */
function fingerprint(path) {
  try {
    return createHash('sha256')
      .update(readFileSync(resolve(root, path)))
      .digest('hex');
  } catch {
    return undefined;
  }
}

function isUpToDate(stampFile, key, outfile) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return false;
  }
  if (stamp.key !== key || !same(fingerprint(outfile), stamp.output)) return false;
  return Object.entries(stamp.inputs).every(([path, recorded]) => same(fingerprint(path), recorded));
}

const same = (a, b) => a !== undefined && b !== undefined && a === b;

function build(options, outfile, stampFile, key, extraInputs) {
  // esbuild is loaded only here: on an up-to-date bundle it is not loaded at all.
  const { buildSync } = require('esbuild');
  const started = Date.now();
  const result = buildSync({ ...options, outfile, metafile: true, write: false });
  mkdirSync(dirname(outfile), { recursive: true });
  // Written aside and renamed, so that a concurrent run never requires half a file.
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);

  const inputs = {};
  for (const path of [...Object.keys(result.metafile.inputs), ...extraInputs]) inputs[path] = fingerprint(path);
  // The hashes are taken after the build: an input edited while (or just before) esbuild read it could be recorded
  // with its new content beside a bundle of the old. Such an input has a modification time within the last second:
  // leave no stamp then, so the next run builds again.
  const settled = Object.keys(inputs).every(
    (path) => inputs[path] !== undefined && modifiedBefore(path, started - 1000),
  );
  if (settled) {
    const stamp = { key, output: fingerprint(outfile), inputs };
    writeAtomically(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
  }
}

function modifiedBefore(path, time) {
  try {
    return statSync(resolve(root, path)).mtimeMs < time;
  } catch {
    return false;
  }
}

function writeAtomically(path, contents) {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, path);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [entry, ...args] = process.argv.slice(2);
  process.argv = [process.argv[0], entry, ...args];
  runTs(entry);
}
