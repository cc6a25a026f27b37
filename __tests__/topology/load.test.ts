import fs, { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTopologyFile, MAX_TOPOLOGY_FILE_BYTES, readTopologyText, TopologyFileError } from '../../topology/load';
import { LIMITS, TopologyFileInput } from '../../topology/schema';
import { seedInput, seedWith, shapeErrors } from '../support/topologies';

const dir = mkdtempSync(join(tmpdir(), 'load-'));

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

  it('names the size the file has, not the cap plus one', () => {
    const path = join(dir, 'big.json');
    writeFileSync(path, ' '.repeat(MAX_TOPOLOGY_FILE_BYTES + 2));
    expect(() => readTopologyText(path)).toThrow('(it holds 1048578 bytes, more than the 1048576 (1 MiB)');
  });
});

/** What `readTopologyText` throws, as main.ts prints it. */
const readError = (path: string): string[] => {
  try {
    readTopologyText(path);
  } catch (e) {
    if (e instanceof TopologyFileError) return e.message.split('\n');
    throw e;
  }
  throw new Error(`${path} was read`);
};

describe('readTopologyText: a file that changes or fails while it is read', () => {
  afterEach(() => jest.restoreAllMocks());
  /** `fstat` as it was before the file grew to its present size. */
  const statBeforeGrowth = (size: number) => {
    const fstat = fs.fstatSync;
    jest.spyOn(fs, 'fstatSync').mockImplementation((fd: number) => Object.assign(fstat(fd), { size }));
  };
  const path = join(dir, 'grows.json');

  it('a file that grows past the cap after its size was taken is refused at the cap plus one byte', () => {
    writeFileSync(path, ' '.repeat(MAX_TOPOLOGY_FILE_BYTES + 5));
    statBeforeGrowth(MAX_TOPOLOGY_FILE_BYTES);
    expect(readError(path)).toEqual([
      `error: ${path}: (file): cannot read the topology file (it holds 1048577 bytes, more than the 1048576 (1 MiB) a topology file may hold); split it into several stacks`,
    ]);
  });

  it('a file that grows after its size was taken is read to that size and one byte, not to the cap', () => {
    writeFileSync(path, '0123456789');
    statBeforeGrowth(2);
    expect(readTopologyText(path)).toBe('012');
  });

  it.each([
    [Object.assign(new Error('i/o'), { code: 'EIO' }), 'EIO'],
    [new Error('no code'), 'read error'],
  ])('a failed read is named by its code: %s', (failure, reason) => {
    writeFileSync(path, '{}');
    jest.spyOn(fs, 'readSync').mockImplementation(() => {
      throw failure;
    });
    expect(readError(path)).toEqual([
      `error: ${path}: (file): cannot read the topology file (${reason}); check the file`,
    ]);
  });

  it('a file that cannot be opened, for a reason without a code', () => {
    jest.spyOn(fs, 'openSync').mockImplementation(() => {
      throw new Error('no code');
    });
    expect(readError(path)).toEqual([
      `error: ${path}: (file): cannot read the topology file (error); check the path given in TOPOLOGY`,
    ]);
  });

  it('closes the file it opened, whether read, refused or failed', () => {
    const open = jest.spyOn(fs, 'openSync');
    const close = jest.spyOn(fs, 'closeSync');
    writeFileSync(path, '{}');
    readTopologyText(path);
    readError(folder);
    const big = join(dir, 'too-big.json');
    writeFileSync(big, ' '.repeat(MAX_TOPOLOGY_FILE_BYTES + 1));
    readError(big);
    jest.spyOn(fs, 'readSync').mockImplementation(() => {
      throw new Error('no code');
    });
    readError(path);
    const opened = open.mock.results.map((r) => r.value as number);
    expect(opened).toHaveLength(4);
    expect(close.mock.calls).toEqual(opened.map((fd) => [fd]));
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

const write = (name: string, text: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const folder = join(dir, 'folder.json');
mkdirSync(folder);
write('file.json', '{}');
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

  it('malformed JSON names the syntax error', () => {
    const path = write('broken.json', '{"networks": [');
    expect(messagesFor(path)).toEqual([
      `error: ${path}: (file): not valid JSON (Unexpected end of JSON input); fix the syntax`,
    ]);
  });

  it('the error is a TopologyFileError by name, as an uncaught one prints', () => {
    const path = write('empty-named.json', '');
    let thrown: unknown;
    try {
      loadTopologyFile(path);
    } catch (e) {
      thrown = e;
    }
    expect(String(thrown)).toBe(
      `TopologyFileError: error: ${path}: (file): the topology file is empty; start from topologies/vnet1-vnet4.json`,
    );
  });

  it.each([
    ['absent.json', 'no such file', 'check the path given in TOPOLOGY'],
    ['folder.json', 'it is a directory', 'give the path of a .json file'],
    ['file.json/inside.json', 'ENOTDIR', 'check the path given in TOPOLOGY'],
  ])('%s cannot be read', (name, reason, fix) => {
    const path = join(dir, name);
    expect(messagesFor(path)).toEqual([`error: ${path}: (file): cannot read the topology file (${reason}); ${fix}`]);
  });

  it('a device cannot be read', () => {
    expect(messagesFor('/dev/null')).toEqual([
      'error: /dev/null: (file): cannot read the topology file (it is not a regular file); give the path of a .json file',
    ]);
  });
});

/** `text` as UTF-8 with each `%s` replaced by the next of `raw`: bytes as they are, UTF-8 or not. */
const bytesOf = (text: string, ...raw: number[][]): Buffer =>
  Buffer.concat(
    text.split('%s').flatMap((part, i) => (i === 0 ? [] : [Buffer.from(raw[i - 1])]).concat(Buffer.from(part))),
  );
/** The seed as one line of JSON. */
const seedText = () => JSON.stringify(seedInput());
/** Text as UTF-16, as Windows PowerShell's `>` and `Out-File` write it (little-endian), and big-endian. */
const utf16le = (text: string) => Buffer.from(text, 'utf16le');
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

describe('loadTopologyFile: a file that is not UTF-8 is refused, never changed', () => {
  it('an invalid byte in a tag value, which would have become U+FFFD in the Terraform', () => {
    // Line 1 is "{\n"; on line 2, 24 characters come before the byte.
    const path = write('tag-ff.json', bytesOf(`{\n  "tags": { "env": "PROD%s" },\n  ${seedText().slice(1)}`, [0xff]));
    expect(messagesFor(path)).toEqual([
      `error: ${path}: (file): not UTF-8 (an invalid byte 0xFF at byte 27, line 2 column 25); save the file as UTF-8`,
    ]);
  });

  it('an invalid byte in a name: the file is not UTF-8, rather than the name holding U+FFFD', () => {
    // {"$schema":"../schema/topology.schema.json","networks":[{"name":"VNet: 69 characters before the byte.
    const path = write('name-ff.json', bytesOf(seedText().replace('"VNet1"', '"VNet%s1"'), [0xff]));
    expect(messagesFor(path)).toEqual([
      `error: ${path}: (file): not UTF-8 (an invalid byte 0xFF at byte 70, line 1 column 70); save the file as UTF-8`,
    ]);
  });

  it('a multi-byte sequence cut short by the end of the file', () => {
    const text = `${seedText()}\n`;
    const path = write('truncated.json', bytesOf(`${text}%s`, [0xe2, 0x82]));
    expect(messagesFor(path)).toEqual([
      `error: ${path}: (file): not UTF-8 (an incomplete sequence 0xE2 0x82 at the end of the file, byte ${text.length + 1}, line 2 column 1); save the file as UTF-8`,
    ]);
  });

  it.each<[string, number[], string]>([
    ['an overlong "/" (C0 AF)', [0xc0, 0xaf], 'an invalid byte 0xC0'],
    ['a lone surrogate, U+D800 (ED A0 80)', [0xed, 0xa0, 0x80], 'an invalid sequence 0xED 0xA0'],
  ])('%s in a tag value', (_, raw, what) => {
    const path = write(`tag-${raw[0]}.json`, bytesOf(`{"tags": {"k": "%s"}, ${seedText().slice(1)}`, raw));
    expect(messagesFor(path)).toEqual([
      `error: ${path}: (file): not UTF-8 (${what} at byte 17, line 1 column 17); save the file as UTF-8`,
    ]);
  });

  it.each<[string, Buffer, string]>([
    [
      'UTF-16 little-endian with a byte-order mark',
      utf16le(`\ufeff${seedText()}`),
      'little-endian, by its byte-order mark 0xFF 0xFE',
    ],
    [
      'UTF-16 big-endian with a byte-order mark',
      utf16be(`\ufeff${seedText()}`),
      'big-endian, by its byte-order mark 0xFE 0xFF',
    ],
    ['UTF-16 little-endian without one', utf16le(seedText()), 'little-endian: every other byte of its start is NUL'],
    ['UTF-16 big-endian without one', utf16be(seedText()), 'big-endian: every other byte of its start is NUL'],
    [
      // Only the first 32 bytes are looked at: 東 (0x6771) is two bytes, neither NUL, from byte 33 on.
      'UTF-16 little-endian without one, with text beyond ASCII after its start',
      utf16le(`{"tags": {"a": "東京"}, ${seedText().slice(1)}`),
      'little-endian: every other byte of its start is NUL',
    ],
  ])('%s is named as UTF-16', (_, bytes, how) => {
    const path = write('utf16.json', bytes);
    expect(messagesFor(path)).toEqual([
      `error: ${path}: (file): not UTF-8 (it is UTF-16 ${how}); save it as UTF-8 (PowerShell: Out-File -Encoding utf8)`,
    ]);
  });
});

describe('readTopologyText: UTF-8, byte by byte', () => {
  // Each sequence in the file "a<bytes>b": its first byte is byte 3, column 3.
  it.each<[string, number[], string]>([
    ['a byte never in UTF-8', [0xff], 'an invalid byte 0xFF'],
    ['a continuation byte without a lead byte', [0x80], 'an invalid byte 0x80'],
    ['an overlong two-byte form', [0xc1, 0xbf], 'an invalid byte 0xC1'],
    ['an overlong three-byte form', [0xe0, 0x9f, 0xbf], 'an invalid sequence 0xE0 0x9F'],
    ['an overlong four-byte form', [0xf0, 0x8f, 0xbf, 0xbf], 'an invalid sequence 0xF0 0x8F'],
    ['the last surrogate, U+DFFF', [0xed, 0xbf, 0xbf], 'an invalid sequence 0xED 0xBF'],
    ['U+110000, past the last code point', [0xf4, 0x90, 0x80, 0x80], 'an invalid sequence 0xF4 0x90'],
    ['a lead byte of a code point past U+10FFFF', [0xf5, 0x80, 0x80, 0x80], 'an invalid byte 0xF5'],
    ['a two-byte sequence cut short', [0xc3, 0x22], 'an invalid sequence 0xC3 0x22'],
    ['a three-byte sequence cut short', [0xe2, 0x82, 0x22], 'an invalid sequence 0xE2 0x82 0x22'],
    ['a four-byte sequence cut short', [0xf0, 0x9f, 0x9a, 0x22], 'an invalid sequence 0xF0 0x9F 0x9A 0x22'],
    ['a bad second continuation byte', [0xe2, 0xc0, 0x80], 'an invalid sequence 0xE2 0xC0'],
    ['a third byte above the continuation bytes', [0xe2, 0x82, 0xc0], 'an invalid sequence 0xE2 0x82 0xC0'],
    ['a sequence broken by a line feed, in two hex digits', [0xe2, 0x0a], 'an invalid sequence 0xE2 0x0A'],
  ])('%s is refused', (_, raw, what) => {
    const path = write('bytes.json', bytesOf('"a%sb"', raw));
    expect(readError(path)).toEqual([
      `error: ${path}: (file): not UTF-8 (${what} at byte 3, line 1 column 3); save the file as UTF-8`,
    ]);
  });

  it.each<[string, number[], string]>([
    ['U+0080', [0xc2, 0x80], '\u0080'],
    ['U+07FF', [0xdf, 0xbf], '\u07ff'],
    ['U+0800', [0xe0, 0xa0, 0x80], '\u0800'],
    ['U+D7FF, before the surrogates', [0xed, 0x9f, 0xbf], '\ud7ff'],
    ['U+E000, after them', [0xee, 0x80, 0x80], '\ue000'],
    ['U+FFFD written as itself', [0xef, 0xbf, 0xbd], '\ufffd'],
    ['U+1000, the first of lead byte E1', [0xe1, 0x80, 0x80], '\u1000'],
    ['U+10000', [0xf0, 0x90, 0x80, 0x80], '\u{10000}'],
    ['U+C0000, of lead byte F3', [0xf3, 0x80, 0x80, 0x80], '\u{c0000}'],
    ['U+40000', [0xf1, 0x80, 0x80, 0x80], '\u{40000}'],
    ['U+10FFFF', [0xf4, 0x8f, 0xbf, 0xbf], '\u{10ffff}'],
  ])('%s is read as it is', (_, raw, text) => {
    expect(readTopologyText(write('valid.json', bytesOf('"a%sb"', raw)))).toBe(`"a${text}b"`);
  });

  it.each<[string, number[], number]>([
    ['0xFF not followed by 0xFE', [0xff, 0x7b], 1],
    ['0xFE after another byte', [0x7b, 0xfe], 2],
    ['0xFE not followed by 0xFF', [0xfe, 0x7b], 1],
    ['0xFF after another byte', [0x7b, 0xff], 2],
  ])('a file that starts with %s is not UTF-16 but has an invalid byte', (_, raw, at) => {
    const path = write('not-a-bom.json', bytesOf('%s}', raw));
    const byte = `0x${raw[at - 1].toString(16).toUpperCase()}`;
    expect(readError(path)).toEqual([
      `error: ${path}: (file): not UTF-8 (an invalid byte ${byte} at byte ${at}, line 1 column ${at}); save the file as UTF-8`,
    ]);
  });

  it('counts bytes from 1, lines, and columns in characters: ß is two bytes and one column, 🚀 four and one', () => {
    const path = write('where.json', bytesOf('{\r\n"tags": {"a": "Straße 🚀 %s"}}', [0xff]));
    expect(readError(path)).toEqual([
      `error: ${path}: (file): not UTF-8 (an invalid byte 0xFF at byte 32, line 2 column 25); save the file as UTF-8`,
    ]);
  });

  it('counts a UTF-8 byte-order mark as bytes, not as a column', () => {
    const path = write('where-bom.json', bytesOf('%s"%s"', [0xef, 0xbb, 0xbf], [0xff]));
    expect(readError(path)).toEqual([
      `error: ${path}: (file): not UTF-8 (an invalid byte 0xFF at byte 5, line 1 column 2); save the file as UTF-8`,
    ]);
  });

  it('a UTF-8 byte-order mark is accepted, and is not part of the text', () => {
    const path = write('bom.json', `\ufeff${seedText()}`);
    expect(readTopologyText(path)).toBe(seedText());
    expect(loadTopologyFile(path).model.networks.map((n) => n.name)).toEqual(['VNet1', 'VNet4']);
  });

  it('text beyond ASCII is taken unchanged', () => {
    const tags = { owner: 'Straße', note: 'launch 🚀', ключ: '東京' };
    const path = write('unicode.json', JSON.stringify(seedWith((t) => (t.tags = tags))));
    expect(loadTopologyFile(path).file.tags).toEqual(tags);
  });

  it('a file whose start only has NUL bytes is not taken for UTF-16', () => {
    const path = write('nul.json', bytesOf('%s', [0, 0, 0, 0]));
    expect(readTopologyText(path)).toBe('\0\0\0\0');
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

describe('the message of each shape error', () => {
  it('names one unknown key, and several, in full', () => {
    expect(
      shapeErrors(
        seedWith((t) => {
          Object.assign(t.networks[0], { zone: 1 });
          Object.assign(t.networks[1], { zone: 1, sla: 2 });
        }),
      ),
    ).toEqual([
      'error: (topology): networks[0]: unknown key "zone"; remove it or check the spelling',
      'error: (topology): networks[1]: unknown keys "zone", "sla"; remove them or check the spelling',
    ]);
  });

  it('a value of a fixed list names each value it takes', () => {
    expect(shapeErrors(seedWith((t) => (t.networks[0].gateway!.zones = ['4' as '1'])))).toEqual([
      'error: (topology): networks[0].gateway.zones[0]: "4" is not allowed here; use "1" or "2" or "3"',
    ]);
  });

  it('a whole number past what JSON numbers hold exactly gets the schema library’s message', () => {
    const asn = (value: number) => shapeErrors(seedWith((t) => (t.networks[0].gateway!.bgp = { asn: value })));
    expect(asn(-1e20)).toEqual([
      'error: (topology): networks[0].gateway.bgp.asn: Too small: expected int to be >=-9007199254740991',
    ]);
    expect(asn(1e20)).toEqual([
      'error: (topology): networks[0].gateway.bgp.asn: Too big: expected int to be <=9007199254740991',
    ]);
  });

  it('a key that is not a plain word of at most 64 characters is shown as a JSON string', () => {
    const key64 = 'k'.repeat(64);
    const key65 = 'k'.repeat(65);
    expect(
      shapeErrors(
        seedWith(
          (t) => (t.tags = { '1abc': 5, 'a b': 5, [key64]: 5, [key65]: 5 } as unknown as Record<string, string>),
        ),
      ),
    ).toEqual([
      'error: (topology): tags["1abc"]: expected a string, got number 5',
      'error: (topology): tags["a b"]: expected a string, got number 5',
      `error: (topology): tags.${key64}: expected a string, got number 5`,
      `error: (topology): tags["${key64}…"]: expected a string, got number 5`,
    ]);
  });
});

describe('loadTopologyFile: control characters outside the model', () => {
  it("in the backend's subscription id, named by its field", () => {
    const path = write(
      'backend-control.json',
      JSON.stringify(
        seedWith(
          (t) =>
            (t.backend = {
              type: 'azurerm',
              resourceGroupName: 'state-rg',
              storageAccountName: 'statesa',
              containerName: 'tfstate',
              subscriptionId: 'sub\u0007',
            }),
        ),
      ),
    );
    expect(messagesFor(path)).toEqual([
      expect.stringMatching(/^error: .*: backend\.subscriptionId: "sub\\u0007" holds/),
    ]);
  });
});
