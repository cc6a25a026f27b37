import fc from 'fast-check';
import { Testing } from 'cdktf';
import { RULES_CHECKED_CONTEXT, TopologyStack } from '../../constructs';
import { checkTopology } from '../../rules';
import { parseTopology, TopologyFileError } from '../../topology/load';
import { seedInput } from '../support/topologies';

/** Paths to every value in a JSON document. */
function pathsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [path];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [path, ...entries.flatMap(([k, v]) => pathsOf(v, [...path, k]))];
}

type Mutation = { kind: 'delete' } | { kind: 'set'; value: unknown };

/** Sets or deletes the value at `path`. A set value is copied: generated values are shared, and must not form cycles. */
function mutate(json: unknown, path: (string | number)[], mutation: Mutation): unknown {
  if (path.length === 0) return mutation.kind === 'set' ? structuredClone(mutation.value) : undefined;
  let parent = json as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = structuredClone(mutation.value);
  return json;
}

const values = fc.oneof(
  fc.constantFrom('10.1.0.1/16', '10.41.0.0/16', 'fd00::/48', 'VpnGw1', 'Basic', 'VNet1', 'VNet4', '', 'PolicyBased'),
  fc.string(),
  fc.integer({ min: -10, max: 70000 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.constantFrom('VNet1', 'VNet4', '10.1.0.0/16'), { maxLength: 3 }),
);

describe('random and mutated topology files', () => {
  const seed = seedInput();
  const paths = pathsOf(seed);

  it('never crash: every outcome is a TopologyFileError, error findings, or a stack', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            path: fc.constantFrom(...paths),
            mutation: fc.oneof(
              fc.constant<Mutation>({ kind: 'delete' }),
              values.map((value): Mutation => ({ kind: 'set', value })),
            ),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (mutations) => {
          let json: unknown = structuredClone(seed);
          for (const { path, mutation } of mutations) {
            try {
              json = mutate(json, path, mutation);
            } catch {
              // The path no longer exists after an earlier mutation: skip it.
            }
          }
          let loaded;
          try {
            loaded = parseTopology(JSON.stringify(json) ?? '', 'fuzz');
          } catch (e) {
            expect(e).toBeInstanceOf(TopologyFileError);
            return;
          }
          const findings = checkTopology(loaded.model);
          if (findings.some((f) => f.severity === 'error')) return;
          const app = Testing.app({ context: { [RULES_CHECKED_CONTEXT]: true } });
          new TopologyStack(app, loaded.name, { topology: loaded.model });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never crash on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        try {
          checkTopology(parseTopology(text, 'fuzz').model);
        } catch (e) {
          expect(e).toBeInstanceOf(TopologyFileError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
