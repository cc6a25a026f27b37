import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_TOPOLOGY_FILE_BYTES, parseTopology, readTopologyText, TopologyFileError } from '../../topology/load';
import { LIMITS, TopologyFileInput } from '../../topology/schema';
import { seedWith } from '../support/topologies';

const dir = mkdtempSync(join(tmpdir(), 'load-'));

/** The findings of parsing a file, or [] when it parses. */
function shapeErrors(input: TopologyFileInput): string[] {
  try {
    parseTopology(JSON.stringify(input), 'test');
    return [];
  } catch (e) {
    if (!(e instanceof TopologyFileError)) throw e;
    return e.message.split('\n');
  }
}

describe('readTopologyText: the size cap', () => {
  it.each([
    [MAX_TOPOLOGY_FILE_BYTES, true],
    [MAX_TOPOLOGY_FILE_BYTES + 1, false],
  ])('a file of %i bytes is read: %s', (bytes, read) => {
    const path = join(dir, `${bytes}.json`);
    writeFileSync(path, ' '.repeat(bytes));
    if (read) expect(readTopologyText(path)).toHaveLength(bytes);
    else
      expect(() => readTopologyText(path)).toThrow(
        `cannot read the topology file (it holds ${bytes} bytes, more than the 1048576 (1 MiB) a topology file may hold); split it into several stacks`,
      );
  });
});

const subnets = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `S${i}`, addressPrefix: `10.1.${i % 256}.0/24` }));
const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, 'v']));
const prefixes = (n: number) => Array.from({ length: n }, (_, i) => `10.${100 + Math.floor(i / 256)}.${i % 256}.0/24`);

describe.each<[string, number, (t: TopologyFileInput, n: number) => void, string]>([
  [
    'networks',
    LIMITS.networks,
    (t, n) => (t.networks = Array.from({ length: n }, (_, i) => ({ ...t.networks[0], name: `N${i}` }))),
    'networks: takes at most 100 items',
  ],
  [
    'sites',
    LIMITS.sites,
    (t, n) => (t.sites = Array.from({ length: n }, (_, i) => ({ name: `S${i}`, gatewayAddress: '1.2.3.4' }))),
    'sites: takes at most 100 items',
  ],
  [
    'connections',
    LIMITS.connections,
    (t, n) => (t.connections = Array.from({ length: n }, () => ({ from: 'VNet1', to: 'VNet4' }))),
    'connections: takes at most 5000 items',
  ],
  [
    'subnets',
    LIMITS.subnets,
    (t, n) => (t.networks[0].subnets = subnets(n)),
    'networks[0].subnets: takes at most 3000 items',
  ],
  [
    'address space prefixes',
    LIMITS.addressPrefixes,
    (t, n) => (t.networks[0].addressSpace = prefixes(n)),
    'networks[0].addressSpace: takes at most 500 items',
  ],
  [
    'tags',
    LIMITS.tags,
    (t, n) => (t.tags = tags(n)),
    "tags: takes at most 50 tags (Azure's limit per resource); remove some",
  ],
])('the limit on %s', (_, limit, set, message) => {
  it(`takes ${limit}`, () => {
    expect(shapeErrors(seedWith((t) => set(t, limit))).filter((l) => l.includes('takes at most'))).toEqual([]);
  });
  it(`refuses ${limit + 1}`, () => {
    expect(shapeErrors(seedWith((t) => set(t, limit + 1)))).toContain(`error: (topology): ${message}`);
  });
});
