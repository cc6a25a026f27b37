import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './root';

/**
 * Runs every test file of `__tests__/<folder>/` as one jest test file, each inside a `describe` named by its path
 * (`rules/bgp.test.ts`). Jest gives each test file a module registry of its own, so each file loaded cdktf, zod, the
 * provider classes and the library anew: about half a second of CPU a file, most of the suite's time on this 2-core
 * machine (docs/performance.md). A folder's files share one registry; each still builds its own stacks.
 *
 * The files are found, not listed, so a new one runs without being added here. Run one on its own with
 * `npx jest rules -t rules/bgp.test.ts`.
 */
export function testFolder(folder: string): void {
  const dir = join(ROOT, '__tests__', folder);
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.test.ts'))
    .sort();
  if (files.length === 0) throw new Error(`__tests__/${folder}/ holds no test file`);
  for (const file of files) {
    describe(`${folder}/${file}`, () => {
      // A test file registers its tests as it loads: inside this describe, they are its tests.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(join(dir, file));
    });
  }
}
