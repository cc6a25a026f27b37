/**
 * The app's synthesis, which main.ts loads only once a topology file has passed the rules: cdktf, the constructs and
 * the provider classes are most of what a run loads, and a refused file does not load them.
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { App } from 'cdktf';
// Only what the package exports, as any app that installs it would.
import { RULES_CHECKED_CONTEXT, TopologyStack } from './index';
import type { LoadedTopology, RemoteStateSettings } from './index';

/**
 * Synthesizes a topology's stack into `outdir`. It is written into a fresh folder beside `outdir`, which takes its
 * place only when the whole synthesis succeeded: an exception leaves `outdir` as it was.
 */
export function synthesize(topology: LoadedTopology, backend: RemoteStateSettings | undefined, outdir: string): void {
  mkdirSync(dirname(outdir), { recursive: true });
  const staging = mkdtempSync(join(dirname(outdir), `.${basename(outdir)}.staging-`));
  try {
    // main.ts has checked the rules already: the stack does not check them again.
    const app = new App({ outdir: staging, context: { [RULES_CHECKED_CONTEXT]: true } });
    new TopologyStack(app, topology.name, { topology: topology.model, tags: topology.file.tags, backend });
    app.synth();
    publish(staging, outdir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Moves a synthesized app into the output folder: each stack's folder replaces the one of the same name (renamed
 * aside, then removed), and the manifest replaces the manifest. Other stacks' folders are left as they are.
 */
function publish(staging: string, outdir: string): void {
  mkdirSync(join(outdir, 'stacks'), { recursive: true });
  for (const stack of readdirSync(join(staging, 'stacks'))) {
    const target = join(outdir, 'stacks', stack);
    const old = join(staging, `previous-${stack}`);
    try {
      renameSync(target, old);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    renameSync(join(staging, 'stacks', stack), target);
  }
  renameSync(join(staging, 'manifest.json'), join(outdir, 'manifest.json'));
}
