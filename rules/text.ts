import type { TopologyModel } from '../topology/model';
import { CONTROL_CHARACTERS, error, escapeControlCharacters, Finding } from './finding';
import type { Rule } from './rule';

/**
 * Every value of a topology is one line of text: a name, an id, a tag, an address. A character that moves a terminal's
 * cursor or changes how the rest of a line reads (a newline, a carriage return, a tab, NUL, escape, Unicode line
 * separators and bidirectional controls) has no place in one, and could forge a line of a report, a log or a printed
 * command. Such values are refused, and every value a message quotes goes through `quoteText`.
 */

/** The first control character of a value (see `CONTROL_CHARACTERS`). */
const CONTROL = new RegExp(CONTROL_CHARACTERS.source);
/** Longest value a message quotes in full. */
const MAX_QUOTED = 64;

const NAMED: Record<string, string> = {
  '\u0000': 'NUL',
  '\t': 'tab',
  '\n': 'newline',
  '\r': 'carriage return',
  '\u001b': 'escape',
  '\u2028': 'line separator',
  '\u2029': 'paragraph separator',
};

/** Whether a value holds a character that `CONTROL` refuses. */
export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

/** `U+000A (newline)` for the first refused character of a value. */
export function describeControlCharacter(text: string): string {
  const ch = CONTROL.exec(text)?.[0] ?? '';
  const code = `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return NAMED[ch] ? `${code} (${NAMED[ch]})` : code;
}

/**
 * A value as a message shows it: a JSON string with every control character escaped, cut to 64 characters, so that
 * a message stays one line and of a readable length whatever the value holds (`max` for a longer cut).
 */
export function quoteText(text: string, max = MAX_QUOTED): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return escapeControlCharacters(JSON.stringify(cut));
}

/** Fields that hold no user text, or a secret that is never quoted (the shared-key rule reports it by name). */
const SKIPPED = new Set(['path', 'kind', 'knownValue']);

/** `.name`, or `["a key"]` for a key that is not a plain word. */
function step(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(key) ? `.${key}` : `[${quoteText(key)}]`;
}

/**
 * Every string of a value (keys of plain objects included), with where it is (`tags.owner`, `addressSpace[0]`) and
 * the path of the thing that holds it. A string holding a cdktf token is read too: a token's own text holds no control
 * character, so what is found is in the literal text around it.
 */
function* strings(
  value: unknown,
  owner: string,
  field: string,
): Generator<{ owner: string; path: string; text: string }> {
  if (typeof value === 'string') {
    yield { owner, path: `${owner}${field}`, text: value };
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* strings(item, owner, `${field}[${i}]`);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  // A thing of its own (a subnet, a gateway) is named from its path.
  const own = typeof record.path === 'string' ? record.path : undefined;
  const base = own ?? owner;
  const prefix = own !== undefined ? '' : field;
  for (const [key, inner] of Object.entries(record)) {
    if (SKIPPED.has(key)) continue;
    yield { owner: base, path: `${base}${prefix}${step(key)}`, text: key };
    yield* strings(inner, base, `${prefix}${step(key)}`);
  }
}

/**
 * A finding for each value (or key) under `value` that holds a control character. `path` names `value` when it has
 * no `path` of its own: `tags` for a file's top-level tags.
 */
export function controlCharacterFindings(value: unknown, path: string): Finding[] {
  const findings: Finding[] = [];
  for (const found of strings(value, path, '')) {
    if (!hasControlCharacter(found.text)) continue;
    // A construct path (code) names the construct that holds the value; the message quotes the value. A path in a
    // file never holds a "/" of its own (a key that does is in the field, not the owner).
    const where = found.owner.includes('/') ? found.owner : found.path;
    findings.push(
      error(
        where,
        `${quoteText(found.text)} holds the control character ${describeControlCharacter(found.text)}; names and other values are one line of printable text; remove it`,
      ),
    );
  }
  return findings;
}

/** Names and other one-line values hold no control characters. */
export const oneLineValues: Rule = (topology: TopologyModel) =>
  [topology.networks, topology.sites, topology.connections, topology.groups].flatMap((part) =>
    part.flatMap((thing) => controlCharacterFindings(thing, thing.path)),
  );

export const textRules: readonly Rule[] = [oneLineValues];
