import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { z } from 'zod';
import { error, Finding, formatFindings } from '../rules/finding';
import { controlCharacterFindings, quoteText } from '../rules/text';
import type { TopologyModel } from './model';
import { findingsOfWhatParses } from './partial';
import { resolveTopology } from './resolve';
import { MAX_STACK_NAME, quoteValue, STACK_NAME, TopologyFile, topologySchema } from './schema';
import { parseStrictJson } from './strict-json';

/** The largest topology file read: ten times a mesh of 100 networks written out in full; a file is text, not data. */
export const MAX_TOPOLOGY_FILE_BYTES = 1024 * 1024;

/** A topology file that cannot be read or does not have the shape of one: every finding, not only the first. */
export class TopologyFileError extends Error {
  constructor(
    public readonly file: string,
    public readonly findings: readonly Finding[],
  ) {
    super(formatFindings(findings, file).join('\n'));
    this.name = 'TopologyFileError';
  }
}

export interface LoadedTopology {
  /** Stack name: the file's `name`, else the file name without `.json`. */
  readonly name: string;
  readonly file: TopologyFile;
  readonly model: TopologyModel;
}

/**
 * Reads, parses and resolves a topology file; throws `TopologyFileError` for a missing, empty, malformed or mis-shaped
 * one, and for one that is not UTF-8.
 */
export function loadTopologyFile(path: string): LoadedTopology {
  return parseTopology(readTopologyText(path), stackNameFromPath(path), path);
}

/**
 * The text of a topology file, read with bounds: anything but a regular file (a FIFO, a device such as /dev/zero, a
 * directory) is refused from its `fstat` without a byte read, and so is a file over `MAX_TOPOLOGY_FILE_BYTES`. The
 * file is opened non-blocking, so that opening a FIFO does not wait for a writer. The bytes must be UTF-8 (a UTF-8
 * byte-order mark is dropped): an invalid byte, or a UTF-16 file, is refused with where it is, never replaced.
 */
export function readTopologyText(path: string): string {
  const refuse = (reason: string, fix: string) =>
    new TopologyFileError(path, [error('(file)', `cannot read the topology file (${reason}); ${fix}`)]);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw refuse(code === 'ENOENT' ? 'no such file' : (code ?? 'error'), 'check the path given in TOPOLOGY');
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      const what = stat.isDirectory() ? 'a directory' : 'not a regular file';
      throw refuse(`it is ${what}`, 'give the path of a .json file');
    }
    if (stat.size > MAX_TOPOLOGY_FILE_BYTES) throw refuse(tooLarge(stat.size), 'split it into several stacks');
    // Read at most one byte past the cap: a file that grows after fstat is still bounded.
    const buffer = Buffer.alloc(Math.min(stat.size, MAX_TOPOLOGY_FILE_BYTES) + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0;) {
      length += n;
    }
    if (length > MAX_TOPOLOGY_FILE_BYTES) throw refuse(tooLarge(length), 'split it into several stacks');
    return decodeUtf8(buffer.subarray(0, length), path);
  } catch (e) {
    if (e instanceof TopologyFileError) throw e;
    throw refuse((e as NodeJS.ErrnoException).code ?? 'read error', 'check the file');
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of a file's bytes, which must be UTF-8: a byte that is not, anywhere, refuses the file rather than becoming
 * U+FFFD and changing the user's text. A UTF-8 byte-order mark is taken and dropped; a UTF-16 file (Windows
 * PowerShell's `>` and `Out-File`) is named as such, since it may well be valid UTF-8 (an ASCII character and a NUL).
 */
function decodeUtf8(bytes: Uint8Array, path: string): string {
  const refuse = (reason: string, fix: string) =>
    new TopologyFileError(path, [error('(file)', `not UTF-8 (${reason}); ${fix}`)]);
  const utf16 = utf16Kind(bytes);
  if (utf16) throw refuse(`it is UTF-16 ${utf16}`, 'save it as UTF-8 (PowerShell: Out-File -Encoding utf8)');
  const invalid = firstInvalidUtf8(bytes);
  if (invalid) throw refuse(describeInvalid(bytes, invalid), 'save the file as UTF-8');
  // Fatal: should a byte pass the check above that the decoder does not take, the file is still refused.
  // A UTF-8 byte-order mark is dropped, as TextDecoder does unless told not to.
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** How a file shows it is UTF-16: its byte-order mark, or a NUL byte beside each byte of its start (ASCII as UTF-16). */
function utf16Kind(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'little-endian, by its byte-order mark 0xFF 0xFE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'big-endian, by its byte-order mark 0xFE 0xFF';
  const start = bytes.subarray(0, Math.min(bytes.length, UTF16_SNIFF_BYTES) & ~1);
  const nulAt = (parity: number) => start.every((b, i) => (i % 2 === parity) === (b === 0));
  if (start.length === 0) return undefined;
  if (nulAt(1)) return 'little-endian: every other byte of its start is NUL';
  if (nulAt(0)) return 'big-endian: every other byte of its start is NUL';
  return undefined;
}

/** How many bytes at the start of a file are looked at for UTF-16 without a byte-order mark. */
const UTF16_SNIFF_BYTES = 32;

/** Where UTF-8 goes wrong: the sequence from its first byte to the byte that breaks it, or to the end of the file. */
interface InvalidUtf8 {
  readonly offset: number;
  readonly bytes: Uint8Array;
  readonly atEnd: boolean;
}

/**
 * The first ill-formed sequence, by Unicode's table of well-formed UTF-8 (The Unicode Standard, table 3-7), which is
 * what a fatal `TextDecoder` takes: no overlong forms (C0, C1, E0 80-9F, F0 80-8F), no surrogates (ED A0-BF), nothing
 * past U+10FFFF (F4 90-BF, F5-FF), no continuation byte without a lead byte, no sequence cut short.
 */
function firstInvalidUtf8(bytes: Uint8Array): InvalidUtf8 | undefined {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const [length, low, high] = sequenceOf(lead);
    if (length === 0) return { offset: i, bytes: bytes.subarray(i, i + 1), atEnd: false };
    for (let k = 1; k < length; k++) {
      if (i + k === bytes.length) return { offset: i, bytes: bytes.subarray(i), atEnd: true };
      const b = bytes[i + k];
      const ok = k === 1 ? b >= low && b <= high : b >= 0x80 && b <= 0xbf;
      if (!ok) return { offset: i, bytes: bytes.subarray(i, i + k + 1), atEnd: false };
    }
    i += length;
  }
  return undefined;
}

/** A lead byte's sequence length and the range of its second byte; length 0 for a byte that cannot lead. */
function sequenceOf(lead: number): [number, number, number] {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}

/**
 * `an invalid byte 0xFF at byte 12, line 2 column 5`: bytes counted from 1 (as `cmp` does), lines and columns as an
 * editor shows them, columns in characters. The bytes are written in hex, never as they are.
 */
function describeInvalid(all: Uint8Array, invalid: InvalidUtf8): string {
  const hex = Array.from(invalid.bytes, (b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
  // Valid UTF-8 up to the offset; its byte-order mark, dropped, is no column.
  const before = new TextDecoder().decode(all.subarray(0, invalid.offset));
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  const column = Array.from(before.slice(lineStart)).length + 1;
  const where = `byte ${invalid.offset + 1}, line ${line} column ${column}`;
  if (invalid.atEnd) return `an incomplete sequence ${hex} at the end of the file, ${where}`;
  return `${invalid.bytes.length === 1 ? 'an invalid byte' : 'an invalid sequence'} ${hex} at ${where}`;
}

function tooLarge(bytes: number): string {
  return `it holds ${bytes} bytes, more than the ${MAX_TOPOLOGY_FILE_BYTES} (1 MiB) a topology file may hold`;
}

/** Parses topology JSON text; `source` names it in errors. */
export function parseTopology(text: string, defaultName: string, source = '(topology)'): LoadedTopology {
  if (text.trim() === '') {
    throw new TopologyFileError(source, [
      error('(file)', 'the topology file is empty; start from topologies/vnet1-vnet4.json'),
    ]);
  }
  const strict = parseStrictJson(text);
  if (!strict.ok) {
    if ('syntax' in strict) {
      // JavaScript's message quotes the text around the error: escaped, so that it stays one line.
      const syntax = quoteText(strict.syntax, 200).slice(1, -1);
      throw new TopologyFileError(source, [error('(file)', `not valid JSON (${syntax}); fix the syntax`)]);
    }
    throw new TopologyFileError(
      source,
      strict.keys.map((k) => error(formatJsonPath(k.path), k.message)),
    );
  }
  const json = strict.value;
  const parsed = topologySchema.safeParse(json, { error: issueMessage });
  if (!parsed.success) {
    // Every shape error, and what the rules find in the parts of the file that have the right shape.
    const shape = parsed.error.issues.map(shapeFinding);
    throw new TopologyFileError(source, [...shape, ...findingsOfWhatParses(json, parsed.error.issues)]);
  }
  // What the file holds outside the model (the rules check the model's own values).
  const outside = [
    ...controlCharacterFindings(parsed.data.tags, 'tags'),
    ...controlCharacterFindings(parsed.data.backend, 'backend'),
  ];
  if (outside.length > 0) throw new TopologyFileError(source, outside);
  if (parsed.data.name === undefined && !STACK_NAME.test(defaultName)) {
    throw new TopologyFileError(source, [
      error(
        '(file)',
        `the file name gives the stack name ${quoteText(defaultName, 80)}, longer than the ${MAX_STACK_NAME} characters a stack name may have; rename the file or set "name" in it`,
      ),
    ]);
  }
  return { name: parsed.data.name ?? defaultName, file: parsed.data, model: resolveTopology(parsed.data) };
}

/** `networks[1].gateway.sku`, the way the user would point at it in the file. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => pathStep(key, i === 0)).join('') || '(top level)';
}

/** `.name`, `[1]`, or `["a key\nwith a newline"]`: a key is shown as a JSON string unless it is a plain word. */
function pathStep(key: PropertyKey, first: boolean): string {
  if (typeof key === 'number') return `[${key}]`;
  const text = String(key);
  if (/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(text)) return first ? text : `.${text}`;
  return `[${quoteText(text)}]`;
}

function shapeFinding(issue: z.core.$ZodIssue): Finding {
  return error(formatJsonPath(issue.path), issue.message);
}

/** What a JSON value is, for "expected a string, got …". */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? `string ${quoteText(value)}` : `${typeof value} ${String(value)}`;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** Messages that read as a sentence about the value at the path, with the fix; zod's own for the rest. */
function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `missing; add it (${EXPECTED[issue.expected] ?? issue.expected})`;
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describe(issue.input)}`;
    case 'unrecognized_keys': {
      const keys = issue.keys.map((key) => quoteText(key)).join(', ');
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}; remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling`;
    }
    case 'invalid_value':
      return `${quoteValue(issue.input)} is not allowed here; use ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'too_small':
      if (issue.origin === 'array')
        return `needs at least ${issue.minimum} item${Number(issue.minimum) > 1 ? 's' : ''}`;
      if (issue.origin === 'string') return 'must not be empty';
      return undefined;
    case 'too_big':
      if (issue.origin === 'array') {
        const count = Array.isArray(issue.input) ? issue.input.length : undefined;
        const has = count === undefined ? '' : ` but has ${count}`;
        const fix = count === undefined ? 'remove some' : `remove ${count - Number(issue.maximum)}`;
        return `takes at most ${issue.maximum} item${Number(issue.maximum) > 1 ? 's' : ''}${has}; ${fix} or split the topology into several files (limits: docs/security.md)`;
      }
      return undefined;
    default:
      return undefined;
  }
}

function stackNameFromPath(path: string): string {
  const stem = basename(path, extname(path)).replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z]/.test(stem) ? stem : `topology-${stem}`;
}
