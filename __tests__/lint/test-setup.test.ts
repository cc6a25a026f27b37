import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Lazy } from 'cdktf';
import setup from '../support/temp-setup';
import teardown from '../support/temp-teardown';

/** What the jest setup file __tests__/support/token-traces.ts changes, and what it must leave alone. */
describe('token creation traces in tests', () => {
  it('cdktf keeps no creation stack for a token, unless VNET2VNET_TOKEN_TRACES asks for them', () => {
    const lazy = Lazy.anyValue({ produce: () => 'x' }) as unknown as { creationStack: string[] };
    if (process.env.VNET2VNET_TOKEN_TRACES) expect(lazy.creationStack.join('\n')).toContain('test-setup.test');
    else expect(lazy.creationStack).toEqual([]);
  });

  it('an Error still has its frames, mapped to the TypeScript line', () => {
    const error = new Error('here');
    // The line of that `new Error` in this TypeScript file, which swc's JavaScript does not keep.
    const line =
      readFileSync(__filename, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes("new Error('here')")) + 1;
    expect(error.stack?.split('\n').slice(0, 2)).toEqual([
      'Error: here',
      expect.stringMatching(new RegExp(`^ {4}at .*__tests__/lint/test-setup\\.test\\.ts:${line}:\\d+\\)?$`)),
    ]);
  });
});

describe("the run's temporary folder", () => {
  it('holds what the tests write to the temporary folder', () => {
    expect(basename(tmpdir())).toMatch(/^vnet2vnet-jest-/);
    expect(process.env.VNET2VNET_JEST_TMPDIR).toBe(tmpdir());
  });

  it('is made fresh for a run, and removed after it with TMPDIR as it was', () => {
    const saved = { ...process.env };
    try {
      // A test's process.env is jest's copy, which os.tmpdir() does not read: the folder is told by the variables.
      process.env.TMPDIR = tmpdir();
      setup();
      const folder = process.env.TMPDIR;
      expect(process.env.VNET2VNET_JEST_TMPDIR).toBe(folder);
      expect(dirname(folder)).toBe(tmpdir());
      expect(existsSync(folder)).toBe(true);
      writeFileSync(join(folder, 'left-behind'), 'x');
      teardown();
      expect(existsSync(folder)).toBe(false);
      expect(process.env.TMPDIR).toBe(tmpdir());
      expect(process.env.VNET2VNET_JEST_TMPDIR).toBeUndefined();
    } finally {
      process.env = saved;
    }
  });
});
