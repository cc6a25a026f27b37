// Preloaded (NODE_OPTIONS=--require) by the bench where /usr/bin/time is missing: appends this process's peak RSS in
// KiB to BENCH_MAXRSS_FILE when it exits. Every Node process of the command appends its own line; the bench takes the
// largest.
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS script, preloaded by node */
const { appendFileSync } = require('node:fs');

const file = process.env.BENCH_MAXRSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // The measure is lost, the command is not.
    }
  });
}
