import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_TOPOLOGY_FILE_BYTES } from '../topology/load';
import type { TopologyFileInput } from '../topology/schema';
import { AppRun, runApp, started, WAIT_FOR_RUNS } from './support/app-run';
import { ROOT } from './support/root';
import { seedWith } from './support/topologies';

/**
 * Hostile topology files, run the way `cdktf synth` runs the app (node scripts/app.mjs with CDKTF_OUTDIR). For each:
 * the exit code, one-line `error:` findings, no stack trace, the output folder exactly as it was before a failure, and
 * for text that is accepted, none of it unescaped in the JSON.
 */

const dir = mkdtempSync(join(tmpdir(), 'vnet2vnet-hostile-'));

function write(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const json = (input: TopologyFileInput) => JSON.stringify(input);

/** Every file under a folder with its content: what "exactly as it was" compares. */
function snapshotOf(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files[path.slice(folder.length)] = readFileSync(path, 'utf8');
    }
  };
  walk(folder);
  return files;
}

/** An output folder holding an earlier, good synth of the seed. */
async function previousOutput(): Promise<string> {
  const outdir = join(mkdtempSync(join(tmpdir(), 'vnet2vnet-out-')), 'cdktf.out');
  const seed = write('seed-for-output.json', readFileSync(join(ROOT, 'topologies', 'vnet1-vnet4.json')));
  expect((await runApp(seed, outdir)).status).toBe(0);
  return outdir;
}

const huge = seedWith((t) => (t.tags = { filler: 'x'.repeat(MAX_TOPOLOGY_FILE_BYTES) }));
const manySubnets = seedWith(
  (t) =>
    (t.networks[0].subnets = Array.from({ length: 2000 }, (_, i) => ({ name: `S${i}`, addressPrefix: '10.1.0.0/24' }))),
);

/** A hostile file, made when its run starts, and the one-line findings the app must print for it. */
const refused: [string, () => string, RegExp[]][] = [
  [
    'a name with a newline that would forge a finding',
    () => write('newline.json', json(seedWith((t) => (t.networks[0].resourceGroup = 'RG\nerror: forged')))),
    [/^error: .*: networks\[0\]\.resourceGroup: "RG\\nerror: forged" holds the control character U\+000A \(newline\);/],
  ],
  [
    'a tag key with an escape character',
    () => write('escape.json', json(seedWith((t) => (t.tags = { 'a\u001b[2J': 'v' })))),
    [/^error: .*: tags\["a\\u001b\[2J"\]: "a\\u001b\[2J" holds the control character U\+001B \(escape\);/],
  ],
  [
    'a key written twice',
    () => write('duplicate.json', '{"networks": [], "networks": []}'),
    [/^error: .*: networks: the key "networks" is written twice in one object \(JSON keeps only the last\); keep one$/],
  ],
  [
    'a __proto__ key',
    () => write('proto.json', json(seedWith(() => undefined)).replace('"networks"', '"__proto__": {}, "networks"')),
    [/^error: .*: __proto__: the key "__proto__" is not allowed in a topology file; remove it$/],
  ],
  [
    'a constructor key inside tags',
    () => write('ctor-key.json', json(seedWith((t) => (t.tags = { constructor: 'x' })))),
    [/^error: .*: tags\.constructor: the key "constructor" is not allowed in a topology file; remove it$/],
  ],
  [
    'a file over 1 MiB',
    () => write('huge.json', json(huge)),
    [
      /^error: .*: \(file\): cannot read the topology file \(it holds \d+ bytes, more than the 1048576 \(1 MiB\) a topology file may hold\); split it into several stacks$/,
    ],
  ],
  [
    '/dev/zero',
    () => '/dev/zero',
    [
      /^error: \/dev\/zero: \(file\): cannot read the topology file \(it is not a regular file\); give the path of a \.json file$/,
    ],
  ],
  [
    'a directory',
    () => {
      const path = join(dir, 'a-directory.json');
      mkdirSync(path, { recursive: true });
      return path;
    },
    [/^error: .*: \(file\): cannot read the topology file \(it is a directory\); give the path of a \.json file$/],
  ],
  [
    'a FIFO (opening it must not wait for a writer)',
    () => {
      const path = join(dir, 'fifo.json');
      spawnSync('mkfifo', [path]);
      return path;
    },
    [
      /^error: .*: \(file\): cannot read the topology file \(it is not a regular file\); give the path of a \.json file$/,
    ],
  ],
  [
    'more networks than a file may hold',
    () =>
      write(
        'many-networks.json',
        json(
          seedWith((t) => {
            t.networks = Array.from({ length: 101 }, (_, i) => ({ ...t.networks[0], name: `N${i}` }));
            t.connections = [];
          }),
        ),
      ),
    [
      /^error: .*: networks: takes at most 100 items but has 101; remove 1 or split the topology into several files \(limits: docs\/security\.md\)$/,
    ],
  ],
  [
    'a tag value holding a byte that is not UTF-8 (0xFF), which must not become U+FFFD',
    () => write('not-utf8.json', Buffer.from(json(seedWith((t) => (t.tags = { env: 'PROD\u00ff' }))), 'latin1')),
    [
      /^error: .*: \(file\): not UTF-8 \(an invalid byte 0xFF at byte \d+, line 1 column \d+\); save the file as UTF-8$/,
    ],
  ],
  [
    'a syntax error near text with control characters',
    () => write('syntax.json', '{"networks": [\u001b[2J'),
    [/^error: .*: \(file\): not valid JSON \(.*\); fix the syntax$/],
  ],
];

describe('the app refuses hostile input cleanly', () => {
  let outdir: string;
  let before: Record<string, string>;
  /** Each run's outcome with the output folder as it was right after that run: all start in beforeAll. */
  const runs = new Map<string, Promise<AppRun & { after: Record<string, string> }>>();
  // Simulates a failure while the stack's JSON is written: the diagram's custom synthesis has run by then.
  const throwInSynth = write(
    'throw-in-synth.js',
    `const { TerraformStack } = require(${JSON.stringify(join(ROOT, 'node_modules', 'cdktf'))});
     TerraformStack.prototype.toTerraform = function () { throw new Error('boom\\n    at somewhere'); };`,
  );
  const changed = write(
    'changed.json',
    json(seedWith((t) => (t.networks[0].subnets = [{ name: 'Other', addressPrefix: '10.1.1.0/24' }]))),
  );
  const startRun = (name: string, topology: () => string, extraEnv?: Record<string, string>) =>
    runs.set(
      name,
      started(async () => ({ ...(await runApp(topology(), outdir, extraEnv)), after: snapshotOf(outdir) })),
    );

  beforeAll(async () => {
    outdir = await previousOutput();
    before = snapshotOf(outdir);
    for (const [name, make] of refused) startRun(name, make);
    startRun('many subnets', () => write('many-subnets.json', json(manySubnets)));
    startRun('throw in synthesis', () => changed, { NODE_OPTIONS: `--require ${throwInSynth}` });
  }, WAIT_FOR_RUNS);

  it.each(refused)(
    '%s: exit 1, one-line findings, no stack trace, output folder untouched',
    async (name, _, expected) => {
      const { status, stderr, after } = await runs.get(name)!;
      expect(status).toBe(1);
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(expected.length);
      lines.forEach((line, i) => expect(line).toMatch(expected[i]));
      expect(stderr).not.toMatch(/^ {4}at /m);
      expect(after).toEqual(before);
    },
    WAIT_FOR_RUNS,
  );

  it(
    '2,000 copies of one subnet: at most 50 findings, then a count',
    async () => {
      const { status, stderr, after } = await runs.get('many subnets')!;
      expect(status).toBe(1);
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(51);
      expect(lines[0]).toMatch(
        /^error: .*: networks\[0\]\.subnets\[1\]\.addressPrefix: network "VNet1": subnet "S1" 10\.1\.0\.0\/24 overlaps subnet "S0" 10\.1\.0\.0\/24;/,
      );
      expect(lines[50]).toBe('… and 1949 more findings');
      expect(after).toEqual(before);
    },
    WAIT_FOR_RUNS,
  );

  it(
    'an exception inside synthesis, after the diagram was rendered, leaves the output folder as it was',
    async () => {
      const { status, stderr, after } = await runs.get('throw in synthesis')!;
      expect(status).toBe(1);
      expect(stderr.trimEnd().split('\n')).toEqual([`error: ${changed}: (synthesis): boom`]);
      expect(after).toEqual(before);
    },
    WAIT_FOR_RUNS,
  );
});

/** Names Azure accepts but JavaScript or the stack use: A.B beside A_B, constructor, subnets App and App-Nsg, key variables. */
const namesAzureAccepts = seedWith((t) => {
  t.networks[0].name = 'A.B';
  t.networks[1].name = 'A_B';
  for (const n of t.networks) n.gateway = {};
  t.networks.push({
    ...t.networks[0],
    name: 'constructor',
    resourceGroup: 'RG3',
    addressSpace: ['10.3.0.0/16'],
    subnets: [],
    gatewaySubnetPrefix: '10.3.255.0/27',
  });
  const nsg =
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg';
  t.networks[1].subnets = [
    { name: 'App', addressPrefix: '10.41.1.0/24', networkSecurityGroupId: nsg },
    { name: 'App-Nsg', addressPrefix: '10.41.2.0/24' },
  ];
  t.connections = [
    { from: 'A.B', to: 'A_B', sharedKey: { variable: 'A_B' } },
    { from: 'constructor', to: 'A_B', sharedKey: { variable: 'azurerm' } },
  ];
});

/** Text Terraform would evaluate, the change that puts it in the seed, and the fragments to look for. */
const literal: [string, (t: TopologyFileInput) => void, string[]][] = [
  [
    'tags from the file',
    (t) => (t.tags = { 'k${var.a}': '${file("/etc/passwd")}', note: '%{if true}x%{endif}' }),
    ['${var.a}', '${file(', '%{if', '%{endif'],
  ],
  [
    // Azure's names take no `$`, `{` or `}` (the naming rules refuse them); an id from the user is free text.
    "a network tag and a subnet's network security group id",
    (t) => {
      t.networks[1].tags = { owner: 'a${b}c' };
      t.networks[1].subnets![0].networkSecurityGroupId =
        '/subscriptions/x/resourceGroups/rg${x}/providers/Microsoft.Network/networkSecurityGroups/nsg';
    },
    ['a${b}c', 'rg${x}'],
  ],
];

describe('accepted text stays literal', () => {
  /** Each run's outcome and its output folder: all start in beforeAll. */
  const runs = new Map<string, Promise<AppRun & { outdir: string }>>();
  const startRun = (name: string, folderPrefix: string, topology: () => string) =>
    runs.set(
      name,
      started(async () => {
        const outdir = join(mkdtempSync(join(tmpdir(), folderPrefix)), 'out');
        return { ...(await runApp(topology(), outdir)), outdir };
      }),
    );

  beforeAll(() => {
    for (const [name, mutate, fragments] of literal)
      startRun(name, 'vnet2vnet-ok-', () => write(`accepted-${fragments.length}.json`, json(seedWith(mutate))));
    startRun('bom', 'vnet2vnet-bom-', () =>
      write('bom.json', `\ufeff${readFileSync(join(ROOT, 'topologies', 'vnet1-vnet4.json'), 'utf8')}`),
    );
    startRun('names', 'vnet2vnet-names-', () => write('names.json', json(namesAzureAccepts)));
  }, WAIT_FOR_RUNS);

  it.each(literal)(
    '%s: exit 0, the text only escaped in cdk.tf.json',
    async (name, _, fragments) => {
      const { status, stderr, outdir } = await runs.get(name)!;
      expect(stderr).toBe('');
      expect(status).toBe(0);
      const stackDir = join(outdir, 'stacks', readdirSync(join(outdir, 'stacks'))[0]);
      const text = readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8');
      for (const fragment of fragments) {
        const escaped = fragment.replace(/([$%])\{/g, '$1$1{');
        // Present, escaped; never as written, where Terraform would evaluate it.
        expect(text).toContain(JSON.stringify(escaped).slice(1, -1));
        expect(unescapedTemplates(text, fragment)).toBe(0);
      }
    },
    WAIT_FOR_RUNS,
  );

  it(
    'a UTF-8 byte-order mark is accepted',
    async () => {
      const { status, stderr } = await runs.get('bom')!;
      expect(stderr).toBe('');
      expect(status).toBe(0);
    },
    WAIT_FOR_RUNS,
  );

  it(
    'names Azure accepts but JavaScript or the stack use (A.B beside A_B, constructor, subnets App and App-Nsg, a key variable named like a network or azurerm) synthesize',
    async () => {
      const { status, stderr, outdir } = await runs.get('names')!;
      expect(stderr).toBe('');
      expect(status).toBe(0);
      const stack = JSON.parse(readFileSync(join(outdir, 'stacks', 'names', 'cdk.tf.json'), 'utf8')) as {
        output: Record<string, unknown>;
        variable: Record<string, unknown>;
      };
      expect(Object.keys(stack.variable).sort()).toEqual(['A_B', 'azurerm']);
      expect(Object.keys(stack.output).filter((o) => o.includes('gateway-public-ips'))).toHaveLength(3);
    },
    WAIT_FOR_RUNS,
  );
});

/** Occurrences of the user's `fragment` as written, not escaped, once every escaped occurrence is taken out. */
function unescapedTemplates(text: string, fragment: string): number {
  const inJson = (t: string) => JSON.stringify(t).slice(1, -1);
  const escaped = inJson(fragment.replace(/([$%])\{/g, '$1$1{'));
  return text.split(escaped).join('').split(inJson(fragment)).length - 1;
}
