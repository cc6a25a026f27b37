import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/root';

describe('run-ts: the bundle cache', () => {
  it('rebuilds after an edit of the same size whose modification time was put back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-ts-'));
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(join(ROOT, 'scripts', 'run-ts.mjs'), join(dir, 'scripts', 'run-ts.mjs'));
    copyFileSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
    copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const entry = join(dir, 'entry.ts');
    const run = () =>
      execFileSync(process.execPath, ['scripts/run-ts.mjs', 'entry.ts'], { cwd: dir, encoding: 'utf8' });
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
