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
  const parsed = topologySchema.safeParse(json);
  if (!parsed.success)
    throw new TopologyFileError(
      source,
      parsed.error.issues.map((issue) => shapeFinding(issue, json)),
    );
  return { name: parsed.data.name ?? defaultName, file: parsed.data, model: resolveTopology(parsed.data) };
}

/** `networks[1].gateway.sku`, the way the user would point at it in the file. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  return (
    path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('') ||
    '(top level)'
  );
}

function shapeFinding(issue: z.core.$ZodIssue, json: unknown): Finding {
  const path = formatJsonPath(issue.path);
  const value = valueAt(json, issue.path);
  const shown = value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
  return error(path, `${issue.message}${shown}`);
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = json;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function stackNameFromPath(path: string): string {
  const stem = basename(path, extname(path)).replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z]/.test(stem) ? stem : `topology-${stem}`;
}
