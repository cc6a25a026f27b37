import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Jest's globalSetup: every temporary file of the run goes into one fresh folder, which temp-teardown.ts removes.
 * cdktf's `Testing.app()` makes an output folder in the system's temporary folder for every stack it synthesizes and
 * never removes it: some 500 folders (19 MB) a run. The workers start after this and inherit TMPDIR, which Node's
 * `os.tmpdir()` reads on every call, and so do the processes the tests start.
 */
export default function setup(): void {
  const folder = mkdtempSync(join(tmpdir(), 'vnet2vnet-jest-'));
  // A runner that calls jest more than once in one process (StrykerJS) gets the TMPDIR it had back after each run.
  process.env.VNET2VNET_JEST_TMPDIR_WAS = process.env.TMPDIR ?? '';
  process.env.VNET2VNET_JEST_TMPDIR = folder;
  process.env.TMPDIR = folder;
}
