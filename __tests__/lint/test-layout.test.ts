import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/root';
import { testFolder } from '../support/test-folder';

/**
 * Jest runs only the files directly under __tests__/ (jest.config.js); a folder's test files run through its entry
 * file, `__tests__/<folder>.test.ts`, in one module registry. A test file that no entry reaches would never run and
 * nothing would say so; a module one file replaces would be replaced for the files after it.
 */
const TESTS = join(ROOT, '__tests__');

const testFilesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.test.ts'))
    .sort();

describe('the test layout', () => {
  it('jest runs the files directly under __tests__/', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require(join(ROOT, 'jest.config.js')) as { testMatch: string[] };
    expect(config.testMatch).toEqual(['<rootDir>/__tests__/*.test.ts']);
  });

  it('every other test file is one folder down, and that folder has its entry file', () => {
    const unreached = testFilesUnder(TESTS)
      .filter((path) => path.includes('/'))
      .filter((path) => {
        const [folder, ...rest] = path.split('/');
        if (rest.length !== 1 || folder === 'support') return true;
        const entry = join(TESTS, `${folder}.test.ts`);
        try {
          return !readFileSync(entry, 'utf8').includes(`testFolder('${folder}');`);
        } catch {
          return true;
        }
      });
    expect(unreached).toEqual([]);
  });

  it('a test folder holds no TypeScript but test files, which a .spec.ts or a helper beside them would not be', () => {
    const strays = readdirSync(TESTS, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.includes('/') && !path.startsWith('support/'))
      .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts'));
    expect(strays).toEqual([]);
  });

  it('no test file replaces a module with jest.mock, which would reach every other file of its folder', () => {
    const mocking = testFilesUnder(TESTS).filter((path) =>
      /\bjest\.(mock|doMock|unstable_mockModule)\(/.test(readFileSync(join(TESTS, path), 'utf8')),
    );
    expect(mocking).toEqual([]);
  });

  it('every entry that runs a folder names a folder that exists', () => {
    const entries = readdirSync(TESTS).filter((file) => file.endsWith('.test.ts'));
    const named = entries.flatMap((file) =>
      [...readFileSync(join(TESTS, file), 'utf8').matchAll(/testFolder\('([^']+)'\)/g)].map(([, folder]) => folder),
    );
    expect(named.length).toBeGreaterThan(0);
    for (const folder of named) expect(testFilesUnder(join(TESTS, folder)).length).toBeGreaterThan(0);
  });
});

describe('testFolder', () => {
  const described = (folder: string): string[] => {
    const names: string[] = [];
    // Records what it would describe; the files are not loaded, as a describe cannot run inside a test.
    const spy = jest.spyOn(globalThis, 'describe').mockImplementation(((name: string) => {
      names.push(name);
    }) as unknown as typeof describe);
    try {
      testFolder(folder);
    } finally {
      spy.mockRestore();
    }
    return names;
  };

  it("describes each test file of the folder by its path, in order, and nothing else of the folder's", () => {
    // review/ also holds plans/*.json: only test files count.
    expect(described('review')).toEqual([
      'review/cli.test.ts',
      'review/compare.test.ts',
      'review/json.test.ts',
      'review/plan.test.ts',
    ]);
  });

  it('refuses a folder without a test file, which would otherwise run nothing and pass', () => {
    expect(() => described('support')).toThrow('__tests__/support/ holds no test file');
  });
});
