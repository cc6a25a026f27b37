/**
 * Formats cdktf's token creation traces without source maps (a jest `setupFiles` entry).
 *
 * cdktf captures a full stack trace for every token it makes (`captureStackTrace` in cdktf's
 * `lib/tokens/private/stack-trace.js`, kept as `creationStack` for its error messages), into a plain object, not an
 * Error. Under jest, Node hands each trace to the source-map support jest installs in the worker's own realm, which
 * decodes the inline source map of every cdktf file on the stack: measured, about a third of the CPU time of the
 * `constructs/` tests. Here those plain-object traces get V8's frame text, unmapped; every Error is still formatted
 * by jest, source-mapped to the TypeScript line.
 */
// Node falls back to the main realm's `Error.prepareStackTrace` (where jest installs its source maps) only when the
// test realm has none, so this one delegates to it. `Buffer` comes from the main realm: its Function gives its Error.
const MainRealmError = (Buffer.constructor as FunctionConstructor)('return Error')() as ErrorConstructor;

const frameLines = (frames: NodeJS.CallSite[]): string => frames.map((frame) => `\n    at ${String(frame)}`).join('');

Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]): unknown => {
  const isTrace = typeof error === 'object' && error !== null && Object.getPrototypeOf(error) === Object.prototype;
  if (isTrace) return frameLines(frames);
  const mapped = MainRealmError.prepareStackTrace;
  return typeof mapped === 'function' ? mapped(error as Error, frames) : `${String(error)}${frameLines(frames)}`;
};
