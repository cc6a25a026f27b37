/**
 * JSON as the topology file takes it: standard JSON (RFC 8259) read by `JSON.parse`, a UTF-8 byte-order mark at the
 * start accepted, and two things `JSON.parse` lets through refused: a key written twice in one object (RFC 8259 says
 * names "SHOULD be unique" and leaves the result of duplicates to the parser; `JSON.parse` silently keeps the last),
 * and the keys `__proto__`, `constructor` and `prototype`, which mean something to JavaScript objects and never
 * something to a topology.
 */

export type JsonPath = readonly (string | number)[];

export interface JsonKeyProblem {
  readonly path: JsonPath;
  readonly message: string;
}

export type StrictJsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly syntax: string }
  | { readonly ok: false; readonly keys: readonly JsonKeyProblem[] };

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Enough to point at what is wrong without a report of a million lines. */
const MAX_KEY_PROBLEMS = 100;

export function parseStrictJson(text: string): StrictJsonResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return { ok: false, syntax: (e as Error).message };
  }
  const keys = keyProblems(body);
  return keys.length > 0 ? { ok: false, keys } : { ok: true, value };
}

interface ObjectFrame {
  readonly kind: 'object';
  readonly keys: Set<string>;
  key?: string;
  expectKey: boolean;
}
interface ArrayFrame {
  readonly kind: 'array';
  index: number;
}

/** Walks text that `JSON.parse` accepted, keeping the path to each key; one pass, no recursion. */
function keyProblems(text: string): JsonKeyProblem[] {
  const problems: JsonKeyProblem[] = [];
  const stack: (ObjectFrame | ArrayFrame)[] = [];
  const path = (key: string): JsonPath => [
    ...stack.slice(0, -1).map((f) => (f.kind === 'object' ? (f.key as string) : f.index)),
    key,
  ];
  for (let i = 0; i < text.length && problems.length < MAX_KEY_PROBLEMS; i++) {
    const ch = text[i];
    const top = stack[stack.length - 1];
    if (ch === '{') stack.push({ kind: 'object', keys: new Set(), expectKey: true });
    else if (ch === '[') stack.push({ kind: 'array', index: 0 });
    else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',') {
      if (top?.kind === 'object') top.expectKey = true;
      else if (top?.kind === 'array') top.index++;
    } else if (ch === '"') {
      const end = endOfString(text, i);
      if (top?.kind === 'object' && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        top.key = key;
        top.expectKey = false;
        if (RESERVED_KEYS.has(key)) {
          problems.push({ path: path(key), message: `the key "${key}" is not allowed in a topology file; remove it` });
        } else if (top.keys.has(key)) {
          problems.push({
            path: path(key),
            message: `the key "${key}" is written twice in one object (JSON keeps only the last); keep one`,
          });
        }
        top.keys.add(key);
      }
      i = end;
    }
  }
  return problems;
}

/** Index of the closing quote of the string that opens at `start`. */
function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}
