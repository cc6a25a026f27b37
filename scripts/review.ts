/**
 * Replacement-risk report between two synthesized stacks, or of a real plan: what is added, destroyed, changed in
 * place or replaced, and why. Reads two cdk.tf.json files (or synthesizes two git refs), or `terraform show -json`
 * of a plan file; no credentials, no network.
 *   npm run review -- [--markdown] <old cdk.tf.json> <new cdk.tf.json>
 *   npm run review -- [--markdown] [--topology <file>] --git <old-ref> <new-ref>
 *   npm run review -- [--markdown] --plan <plan.json>
 * Exit code: 0 nothing replaced, destroyed or dangerous; 2 something is; 1 bad input.
 */
import { join } from 'node:path';
import { runReview } from '../review/cli';

process.exitCode = runReview(process.argv.slice(2), join(__dirname, '..'), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
