import type { z } from 'zod';
import { checkTopology } from '../rules/check-topology';
import type { Finding } from '../rules/finding';
import { resolveTopology } from './resolve';
import { topologySchema } from './schema';

/** The lists whose items are checked one by one: an item of the wrong shape leaves the others checkable. */
const LISTS = ['networks', 'sites', 'connections'] as const;
type List = (typeof LISTS)[number];
const isList = (key: PropertyKey): key is List => (LISTS as readonly PropertyKey[]).includes(key);

/**
 * The rule findings of the part of a file that has the right shape, for a file that does not: so that one run lists
 * every mistake, not the shape errors first and the rest after they are fixed. Items of the wrong shape are left out,
 * and so is everything that names one of them (a connection to a network left out, a mesh that lists it), so that no
 * finding is about something the user did write. Paths point into the file as written. Empty when nothing is left.
 */
export function findingsOfWhatParses(json: unknown, issues: readonly z.core.$ZodIssue[]): Finding[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return [];
  const input: Record<string, unknown> = { ...(json as Record<string, unknown>) };
  // Each item keeps its index in the file, for the paths of its findings.
  const kept: Record<List, number[]> = { networks: [], sites: [], connections: [] };
  for (const list of LISTS) {
    if (!Array.isArray(input[list])) {
      delete input[list];
      continue;
    }
    kept[list] = (input[list] as unknown[]).map((_, i) => i);
  }
  const leftOutNames = new Set<string>();

  let pending = issues;
  for (let round = 0; round < 5 && pending.length > 0; round++) {
    for (const issue of pending) {
      const [key, index] = issue.path;
      if (key === undefined) {
        if (issue.code !== 'unrecognized_keys') return [];
        for (const unknown of issue.keys) delete input[unknown];
      } else if (isList(key) && typeof index === 'number' && Array.isArray(input[key])) {
        const items = input[key] as unknown[];
        const name = (items[index] as { name?: unknown } | undefined)?.name;
        if (typeof name === 'string') leftOutNames.add(name);
        items[index] = undefined;
      } else if (key === 'networks') {
        return [];
      } else {
        delete input[key as string];
      }
    }
    for (const list of LISTS) {
      const items = input[list];
      if (!Array.isArray(items)) continue;
      kept[list] = kept[list].filter((_, i) => items[i] !== undefined);
      input[list] = items.filter((item) => item !== undefined);
    }
    dropWhatNames(input, kept, leftOutNames);
    const parsed = topologySchema.safeParse(input);
    if (parsed.success) {
      return checkTopology(resolveTopology(parsed.data)).map((f) => ({
        ...f,
        path: inFile(f.path, kept),
        message: inFile(f.message, kept),
      }));
    }
    pending = parsed.error.issues;
  }
  return [];
}

/** Connections and groups that name a network or site left out: their findings would be about what is not there. */
function dropWhatNames(input: Record<string, unknown>, kept: Record<List, number[]>, names: ReadonlySet<string>): void {
  // A value names what it is, or what one of its items is; only a string can be one of the names.
  const namesLeftOut = (value: unknown) =>
    (Array.isArray(value) ? value : [value]).some((n) => (names as ReadonlySet<unknown>).has(n));
  if (Array.isArray(input.connections)) {
    const connections = input.connections as Record<string, unknown>[];
    const keep = connections.map((c) => !(namesLeftOut(c?.from) || namesLeftOut(c?.to) || namesLeftOut(c?.toSite)));
    kept.connections = kept.connections.filter((_, i) => keep[i]);
    input.connections = connections.filter((_, i) => keep[i]);
  }
  // A list, or an object that holds one; absent, neither names anything.
  const mesh = input.mesh as { networks?: unknown } | undefined;
  if (namesLeftOut(mesh) || namesLeftOut(mesh?.networks)) delete input.mesh;
  const hub = input.hubAndSpoke as { hub?: unknown; spokes?: unknown } | undefined;
  if (namesLeftOut(hub?.hub) || namesLeftOut(hub?.spokes)) delete input.hubAndSpoke;
}

/**
 * `networks[0]` of the checked part is `networks[2]` of the file. Quoted text is the user's (a name, a tag) and stays
 * as written, even when it reads like a path.
 */
function inFile(text: string, kept: Record<List, number[]>): string {
  return text.replace(
    /"(?:[^"\\]|\\.)*"|\b(networks|sites|connections)\[(\d+)\]/g,
    (whole, list?: List, index?: string) => {
      const original = list === undefined ? undefined : kept[list][Number(index)];
      return original === undefined ? whole : `${list}[${original}]`;
    },
  );
}
