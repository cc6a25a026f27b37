import { rmSync } from 'node:fs';

/** Jest's globalTeardown: removes the run's temporary folder (temp-setup.ts) and restores TMPDIR. */
export default function teardown(): void {
  const folder = process.env.VNET2VNET_JEST_TMPDIR;
  if (folder) rmSync(folder, { recursive: true, force: true });
  const was = process.env.VNET2VNET_JEST_TMPDIR_WAS;
  if (was) process.env.TMPDIR = was;
  else delete process.env.TMPDIR;
  delete process.env.VNET2VNET_JEST_TMPDIR;
  delete process.env.VNET2VNET_JEST_TMPDIR_WAS;
}
