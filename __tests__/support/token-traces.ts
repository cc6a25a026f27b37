/**
 * cdktf's token creation traces, left empty in tests (a jest `setupFiles` entry).
 *
 * cdktf captures a full stack trace for every token it makes (`captureStackTrace` in cdktf's
 * `lib/tokens/private/stack-trace.js`, kept as `creationStack`), into a plain object, not an Error, and reads it only
 * to add "created at" lines to an error about that token. Formatting the frames of every trace was about a third of
 * the CPU time of the synthesizing tests: under jest, through the source-map support jest installs, which decoded the
 * inline source map of every cdktf file on the stack; and still about a sixth once they were formatted without it.
 * Here a plain-object trace is empty, so cdktf keeps no creation stack; every Error is still formatted by jest,
 * source-mapped to the TypeScript line. `VNET2VNET_TOKEN_TRACES=1 npx jest …` keeps the traces (unmapped), for a
 * test that fails on an error about a token.
 */
// Node falls back to the main realm's `Error.prepareStackTrace` (where jest installs its source maps) only when the
// test realm has none, so this one delegates to it. `Buffer` comes from the main realm: its Function gives its Error.
const MainRealmError = (Buffer.constructor as FunctionConstructor)('return Error')() as ErrorConstructor;

const keepTraces = Boolean(process.env.VNET2VNET_TOKEN_TRACES);

const frameLines = (frames: NodeJS.CallSite[]): string => frames.map((frame) => `\n    at ${String(frame)}`).join('');

Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]): unknown => {
  const isTrace = typeof error === 'object' && error !== null && Object.getPrototypeOf(error) === Object.prototype;
  if (isTrace) return keepTraces ? frameLines(frames) : '';
  const mapped = MainRealmError.prepareStackTrace;
  return typeof mapped === 'function' ? mapped(error as Error, frames) : `${String(error)}${frameLines(frames)}`;
};
