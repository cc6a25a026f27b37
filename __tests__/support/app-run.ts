/**
 * The app run the way `cdktf synth` runs it (node scripts/app.mjs with TOPOLOGY and CDKTF_OUTDIR), as a process of its
 * own, without blocking: end-to-end tests start their runs together and check each one's outcome in its own test.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './root';

/** How the run ended: its exit code and everything it wrote to stderr. */
export interface AppRun {
  status: number | null;
  stderr: string;
}

export function runApp(topology: string, outdir: string, extraEnv: Record<string, string> = {}): Promise<AppRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'app.mjs')], {
      cwd: ROOT,
      env: {
        ...process.env,
        TOPOLOGY: topology,
        CHECKPOINT_DISABLE: '1',
        CDKTF_OUTDIR: outdir,
        VNET2VNET_DEBUG: '',
        ...extraEnv,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 60_000,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stderr }));
  });
}

/**
 * Runs jobs at most `limit` at a time. Each case is still its own process; two at once share this 2-core machine's
 * time, as each run is mostly Node's start-up.
 */
function limitConcurrency(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolveTurn) => waiting.push(resolveTurn));
    running++;
    try {
      return await job();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
const limited = limitConcurrency(2);
/** A test waits for its run behind the others in the queue, each allowed a minute. */
export const WAIT_FOR_RUNS = 10 * 60_000;

/** Starts a run now and keeps its outcome for the test that checks it (marked handled until that test awaits it). */
export function started<T>(job: () => Promise<T>): Promise<T> {
  const run = limited(job);
  run.catch(() => undefined);
  return run;
}
