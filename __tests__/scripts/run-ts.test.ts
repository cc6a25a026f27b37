import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/root';

/** A copy of run-ts in a folder of its own, with this project's node_modules; `run` runs its entry.ts. */
function sandbox(): { dir: string; entry: string; run: () => string } {
  const dir = mkdtempSync(join(tmpdir(), 'run-ts-'));
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(ROOT, 'scripts', 'run-ts.mjs'), join(dir, 'scripts', 'run-ts.mjs'));
  copyFileSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const run = () => execFileSync(process.execPath, ['scripts/run-ts.mjs', 'entry.ts'], { cwd: dir, encoding: 'utf8' });
  return { dir, entry: join(dir, 'entry.ts'), run };
}

describe('run-ts: the bundle cache', () => {
  it('rebuilds after an edit of the same size whose modification time was put back', () => {
    const { dir, entry, run } = sandbox();
    // Written in the past, so that the first build trusts it and leaves a stamp.
    const past = new Date(Date.now() - 60_000);
    writeFileSync(entry, "process.stdout.write('AAAA');\n");
    for (const file of [entry, join(dir, 'tsconfig.json'), join(dir, 'package.json')]) utimesSync(file, past, past);
    expect(run()).toBe('AAAA');
    expect(run()).toBe('AAAA');
    const { atime, mtime } = statSync(entry);
    writeFileSync(entry, "process.stdout.write('BBBB');\n");
    utimesSync(entry, atime, mtime);
    expect(run()).toBe('BBBB');
  });
});

describe('run-ts: archiver, loaded by cdktf for TerraformAsset zips', () => {
  it('is loaded only when used, and then is archiver itself', () => {
    const { entry, run } = sandbox();
    writeFileSync(
      entry,
      `import 'cdktf';
      const loaded = () => Object.keys(require.cache).filter((path) => path.includes('/archiver-utils/')).length;
      const before = loaded();
      const archiver = require(require.resolve('archiver', { paths: [require.resolve('cdktf')] }));
      const zip = archiver('zip');
      process.stdout.write(JSON.stringify({ before, after: loaded() > 0, append: typeof zip.append, registered: archiver.isRegisteredFormat('zip') }));
      `,
    );
    expect(JSON.parse(run())).toEqual({ before: 0, after: true, append: 'function', registered: true });
  });
});
