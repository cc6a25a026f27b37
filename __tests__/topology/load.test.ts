import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadTopologyFile,
  MAX_TOPOLOGY_FILE_BYTES,
  parseTopology,
  readTopologyText,
  TopologyFileError,
} from '../../topology/load';
import { LIMITS, TopologyFileInput } from '../../topology/schema';
import { seedInput, seedWith } from '../support/topologies';

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
    'networks: takes at most 100 items but has 101; remove 1 or split the topology into several files (limits: docs/security.md)',
  ],
  [
    'sites',
    LIMITS.sites,
    (t, n) => (t.sites = Array.from({ length: n }, (_, i) => ({ name: `S${i}`, gatewayAddress: '1.2.3.4' }))),
    'sites: takes at most 100 items but has 101; remove 1 or split the topology into several files (limits: docs/security.md)',
  ],
  [
    'connections',
    LIMITS.connections,
    (t, n) => (t.connections = Array.from({ length: n }, () => ({ from: 'VNet1', to: 'VNet4' }))),
    'connections: takes at most 5000 items but has 5001; remove 1 or split the topology into several files (limits: docs/security.md)',
  ],
  [
    'subnets',
    LIMITS.subnets,
    (t, n) => (t.networks[0].subnets = subnets(n)),
    'networks[0].subnets: takes at most 3000 items but has 3001; remove 1 or split the topology into several files (limits: docs/security.md)',
  ],
  [
    'address space prefixes',
    LIMITS.addressPrefixes,
    (t, n) => (t.networks[0].addressSpace = prefixes(n)),
    'networks[0].addressSpace: takes at most 500 items but has 501; remove 1 or split the topology into several files (limits: docs/security.md)',
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

const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const folder = join(dir, 'folder.json');
mkdirSync(folder);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The one-line messages a user sees for a file, as main.ts prints them. */
const messagesFor = (path: string): string[] => {
  try {
    loadTopologyFile(path);
  } catch (e) {
    if (e instanceof TopologyFileError) return e.message.split('\n');
    throw e;
  }
  throw new Error(`${path} loaded`);
};

describe('loadTopologyFile: the stack is named after the file', () => {
  it.each([
    ['vnet1-vnet4.json', 'vnet1-vnet4'],
    ['Prod_VPN.json', 'Prod_VPN'],
    ['1.json', 'topology-1'],
    ['_hub.json', 'topology-_hub'],
    ['my topology.json', 'my-topology'],
    ['hub.v2.json', 'hub-v2'],
    ['mesh', 'mesh'],
  ])('%s gives stack %s', (file, stack) => {
    expect(loadTopologyFile(write(file, JSON.stringify(seedInput()))).name).toBe(stack);
  });

  it('a "name" in the file wins over the file name', () => {
    const path = write('1-named.json', JSON.stringify(seedWith((t) => (t.name = 'prod'))));
    expect(loadTopologyFile(path).name).toBe('prod');
  });
});

describe('loadTopologyFile: a file that is not a topology', () => {
  it.each<[string, string, (path: string) => string[]]>([
    [
      'empty.json',
      '',
      (p) => [`error: ${p}: (file): the topology file is empty; start from topologies/vnet1-vnet4.json`],
    ],
    [
      'blank.json',
      ' \n\t',
      (p) => [`error: ${p}: (file): the topology file is empty; start from topologies/vnet1-vnet4.json`],
    ],
    ['list.json', '[]', (p) => [`error: ${p}: (top level): expected an object, got a list`]],
    ['null.json', 'null', (p) => [`error: ${p}: (top level): expected an object, got null`]],
    [
      'shapes.json',
      JSON.stringify({
        networks: [
          {
            name: 5,
            resourceGroup: '',
            location: 'eastus',
            addressSpace: [],
            gatewaySubnetPrefix: true,
            zone: 1,
            sla: 2,
          },
        ],
        connections: [{ from: 'a', to: 'b', names: ['a', 'b', 'c'], bidirectional: 'yes', sharedKey: [] }],
        mesh: ['a'],
        backend: { type: 's3', storageAccountName: 'sa', containerName: 'c', resourceGroupName: 'g' },
        tags: { owner: {} },
      }),
      (p) =>
        [
          'networks[0].name: expected a string, got number 5',
          'networks[0].resourceGroup: must not be empty',
          'networks[0].addressSpace: needs at least 1 item',
          'networks[0].gatewaySubnetPrefix: expected a string, got boolean true',
          'connections[0].bidirectional: expected true or false, got string "yes"',
          'connections[0].names: takes at most 2 items but has 3; remove 1 or split the topology into several files (limits: docs/security.md)',
          'mesh: needs at least 2 items',
          'backend.type: "s3" is not allowed here; use "azurerm"',
          'tags.owner: expected a string, got an object',
        ].map((m) => `error: ${p}: ${m}`),
    ],
  ])('%s', (file, text, expected) => {
    const path = write(file, text);
    expect(messagesFor(path)).toEqual(expect.arrayContaining(expected(path)));
  });

  it('a missing key, and a list that needs an item', () => {
    const path = write('missing.json', JSON.stringify({ networks: [{ name: 'VNet1' }] }));
    expect(messagesFor(path)).toContain(`error: ${path}: networks[0].resourceGroup: missing; add it (a string)`);
    const empty = write('no-networks.json', JSON.stringify({ networks: [] }));
    expect(messagesFor(empty)).toEqual([`error: ${empty}: networks: needs at least 1 item`]);
  });

  it('an unknown key is named, and so is each of several', () => {
    const errors = shapeErrors(
      seedWith((t) => {
        Object.assign(t.networks[0], { zone: 1 });
        Object.assign(t.networks[1], { zone: 1, sla: 2 });
      }),
    );
    expect(errors).toEqual([
      'error: (topology): networks[0]: unknown key "zone"; remove it or check the spelling',
      'error: (topology): networks[1]: unknown keys "zone", "sla"; remove them or check the spelling',
    ]);
  });

  it('malformed JSON names the syntax error', () => {
    const path = write('broken.json', '{"networks": [');
    expect(messagesFor(path)).toEqual([
      expect.stringMatching(
        new RegExp(`^error: ${escape(path)}: \\(file\\): not valid JSON \\(.+\\); fix the syntax$`),
      ),
    ]);
  });

  it.each([
    ['absent.json', 'no such file', 'check the path given in TOPOLOGY'],
    ['folder.json', 'it is a directory', 'give the path of a .json file'],
  ])('%s cannot be read', (name, reason, fix) => {
    const path = join(dir, name);
    expect(messagesFor(path)).toEqual([`error: ${path}: (file): cannot read the topology file (${reason}); ${fix}`]);
  });
});

describe('the stack name', () => {
  const named = (name: string) => shapeErrors(seedWith((t) => (t.name = name)));
  it('takes 64 characters', () => {
    expect(named('s'.repeat(64))).toEqual([]);
  });
  it('refuses 65, naming the value and the rule', () => {
    expect(named('s'.repeat(65))).toEqual([
      `error: (topology): name: "${'s'.repeat(64)}…" is not a stack name; start with a letter and use letters, digits, _ and -, at most 64 in all`,
    ]);
  });
  it('from a file name: 64 characters are the stack name, 65 are refused with the fix', () => {
    const seed = JSON.stringify(seedInput());
    expect(loadTopologyFile(write(`${'f'.repeat(64)}.json`, seed)).name).toBe('f'.repeat(64));
    expect(() => loadTopologyFile(write(`${'f'.repeat(65)}.json`, seed))).toThrow(
      `(file): the file name gives the stack name "${'f'.repeat(65)}", longer than the 64 characters a stack name may have; rename the file or set "name" in it`,
    );
  });
  it('a long file name is no matter when the file names its stack', () => {
    const seed = JSON.stringify({ ...seedInput(), name: 'short' });
    expect(loadTopologyFile(write(`${'g'.repeat(65)}.json`, seed)).name).toBe('short');
  });
});
