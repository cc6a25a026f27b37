import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { z } from 'zod';
import { error, Finding } from '../rules/finding';
import type { TopologyModel } from './model';
import { resolveTopology } from './resolve';
import { TopologyFile, topologySchema } from './schema';

/** A topology file that cannot be read or does not have the shape of one: every finding, not only the first. */
export class TopologyFileError extends Error {
  constructor(
    public readonly file: string,
    public readonly findings: readonly Finding[],
  ) {
    super(findings.map((f) => `${f.severity}: ${file}: ${f.path}: ${f.message}`).join('\n'));
    this.name = 'TopologyFileError';
  }
}

export interface LoadedTopology {
  /** Stack name: the file's `name`, else the file name without `.json`. */
  readonly name: string;
  readonly file: TopologyFile;
  readonly model: TopologyModel;
}

/** Reads, parses and resolves a topology file; throws `TopologyFileError` for a missing, empty, malformed or mis-shaped one. */
export function loadTopologyFile(path: string): LoadedTopology {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new TopologyFileError(path, [
      error('(file)', `cannot read the topology file (${reason}); check the path given in TOPOLOGY`),
    ]);
  }
  return parseTopology(text, stackNameFromPath(path), path);
}

/** Parses topology JSON text; `source` names it in errors. */
export function parseTopology(text: string, defaultName: string, source = '(topology)'): LoadedTopology {
  if (text.trim() === '') {
    throw new TopologyFileError(source, [
      error('(file)', 'the topology file is empty; start from topologies/vnet1-vnet4.json'),
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new TopologyFileError(source, [error('(file)', `not valid JSON (${(e as Error).message}); fix the syntax`)]);
  }
  const parsed = topologySchema.safeParse(json, { error: issueMessage });
  if (!parsed.success) throw new TopologyFileError(source, parsed.error.issues.map(shapeFinding));
  return { name: parsed.data.name ?? defaultName, file: parsed.data, model: resolveTopology(parsed.data) };
}

/** `networks[1].gateway.sku`, the way the user would point at it in the file. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  return (
    path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('') ||
    '(top level)'
  );
}

function shapeFinding(issue: z.core.$ZodIssue): Finding {
  return error(formatJsonPath(issue.path), issue.message);
}

/** What a JSON value is, for "expected a string, got …". */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
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
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}; remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling`;
    }
    case 'invalid_value':
      return `${JSON.stringify(issue.input)} is not allowed here; use ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'too_small':
      if (issue.origin === 'array')
        return `needs at least ${issue.minimum} item${Number(issue.minimum) > 1 ? 's' : ''}`;
      if (issue.origin === 'string') return 'must not be empty';
      return undefined;
    case 'too_big':
      if (issue.origin === 'array') return `takes at most ${issue.maximum} item${Number(issue.maximum) > 1 ? 's' : ''}`;
      return undefined;
    default:
      return undefined;
  }
}

function stackNameFromPath(path: string): string {
  const stem = basename(path, extname(path)).replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z]/.test(stem) ? stem : `topology-${stem}`;
}
