import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { collectTopology, Network, SharedKey, VnetToVnetConnection, VpnGateway } from '../../constructs';
import { checkTopology, formatFinding } from '../../rules';
import {
  controlCharacterFindings,
  describeControlCharacter,
  hasControlCharacter,
  oneLineValues,
  quoteText,
} from '../../rules/text';
import { parseTopology, TopologyFileError } from '../../topology/load';
import type { TopologyFileInput } from '../../topology/schema';
import { findingsOf, seedWith } from '../support/topologies';

const model = (input: TopologyFileInput) => parseTopology(JSON.stringify(input), 'test').model;

describe('control characters', () => {
  it.each([
    ['a\nb', 'U+000A (newline)'],
    ['a\rb', 'U+000D (carriage return)'],
    ['a\tb', 'U+0009 (tab)'],
    ['a\u0000b', 'U+0000 (NUL)'],
    ['a\u001b[2Jb', 'U+001B (escape)'],
    ['a\u007fb', 'U+007F'],
    ['a\u0085b', 'U+0085'],
    ['a\u2028b', 'U+2028 (line separator)'],
    ['a\u202eb', 'U+202E'],
    ['a\u2066b', 'U+2066'],
  ])('%j holds %s', (text, described) => {
    expect(hasControlCharacter(text)).toBe(true);
    expect(describeControlCharacter(text)).toBe(described);
  });

  it.each(['VNet1', 'East US', 'a${b}', 'émoji 🚀', '\u00a0nbsp'])('%j holds none', (text) => {
    expect(hasControlCharacter(text)).toBe(false);
  });
});

describe('quoteText', () => {
  it.each([
    ['plain', '"plain"'],
    ['a\nb', '"a\\nb"'],
    ['a\u001bb', '"a\\u001bb"'],
    ['a\u2028b', '"a\\u2028b"'],
    ['x'.repeat(70), `"${'x'.repeat(64)}…"`],
    // The cut at its edge: 64 characters are kept whole, 65 are cut to 64 and an ellipsis.
    ['y'.repeat(64), `"${'y'.repeat(64)}"`],
    ['y'.repeat(65), `"${'y'.repeat(64)}…"`],
  ])('%j -> %s', (text, quoted) => {
    expect(quoteText(text)).toBe(quoted);
  });
});

describe('oneLineValues', () => {
  it.each<[string, (t: TopologyFileInput) => void, string]>([
    ['a network name', (t) => (t.networks[1].name = 'VNet4\n'), 'networks[1].name'],
    ['a subnet name', (t) => (t.networks[0].subnets![0].name = 'Front\rEnd'), 'networks[0].subnets[0].name'],
    ['a gateway name', (t) => (t.networks[0].gateway!.name = 'GW\u0000'), 'networks[0].gateway.name'],
    ['a tag value', (t) => (t.networks[0].tags = { owner: 'me\tyou' }), 'networks[0].tags.owner'],
    ['a tag key', (t) => (t.networks[0].tags = { 'own\ner': 'me' }), 'networks[0].tags["own\\ner"]'],
    ['a connection name', (t) => (t.connections![0].names = ['a\u202eb', 'c']), 'connections[0].names[0]'],
  ])('refuses %s, at its path', (_, mutate, path) => {
    const findings = oneLineValues(model(seedWith(mutate)));
    expect(findings.map((f) => f.path)).toContain(path);
    for (const f of findings) expect(formatFinding(f)).not.toMatch(/[\n\r\t\u0000\u001b\u202e]/);
  });

  it('finds nothing in the seed', () => {
    expect(oneLineValues(model(seedWith(() => undefined)))).toEqual([]);
  });

  it('says which value, which character, and the fix', () => {
    expect(findingsOf(seedWith((t) => (t.networks[0].subnets![0].name = 'Front\rEnd')))).toEqual([
      {
        severity: 'error',
        path: 'networks[0].subnets[0].name',
        message:
          '"Front\\rEnd" holds the control character U+000D (carriage return); names and other values are one line of printable text; remove it',
      },
    ]);
  });

  it('points at a tag whose name holds a "/" in the file, not at the whole list of networks', () => {
    expect(findingsOf(seedWith((t) => (t.networks[0].tags = { 'cost/\ncentre': 'v' })))).toEqual([
      {
        severity: 'error',
        path: 'networks[0].tags["cost/\\ncentre"]',
        message:
          '"cost/\\ncentre" holds the control character U+000A (newline); names and other values are one line of printable text; remove it',
      },
    ]);
  });

  it("refuses a control character in the file's top-level tags as the file is read, at its path", () => {
    const input = seedWith((t) => (t.tags = { 'own\ner': 'me', team: 'a\tb' }));
    let thrown: unknown;
    try {
      parseTopology(JSON.stringify(input), 'test');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TopologyFileError);
    expect((thrown as TopologyFileError).findings).toEqual([
      {
        severity: 'error',
        path: 'tags["own\\ner"]',
        message:
          '"own\\ner" holds the control character U+000A (newline); names and other values are one line of printable text; remove it',
      },
      {
        severity: 'error',
        path: 'tags.team',
        message:
          '"a\\tb" holds the control character U+0009 (tab); names and other values are one line of printable text; remove it',
      },
    ]);
  });

  it('passes over a null without failing', () => {
    expect(controlCharacterFindings({ path: 'x', a: null, b: ['c', 'd\n'] }, '')).toEqual([
      expect.objectContaining({ path: 'x.b[1]' }),
    ]);
  });
});

describe('oneLineValues from code', () => {
  const found = (build: (stack: TerraformStack) => void) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    build(stack);
    return checkTopology(collectTopology(stack));
  };
  const vnet = (stack: TerraformStack, id: string, props: Partial<ConstructorParameters<typeof Network>[2]> = {}) =>
    new Network(stack, id, { location: 'eastus', addressSpace: ['10.1.0.0/16'], ...props });

  it("names the construct that holds the value, whatever its id holds (here a '.')", () => {
    expect(found((stack) => vnet(stack, 'VNet1.prod', { name: 'VNet1', tags: { owner: 'me\nyou' } }))).toEqual([
      {
        severity: 'error',
        path: 'test/VNet1.prod',
        message:
          '"me\\nyou" holds the control character U+000A (newline); names and other values are one line of printable text; remove it',
      },
    ]);
  });

  it('refuses a control character written beside a token (known only at apply)', () => {
    const findings = found((stack) => {
      const team = new TerraformVariable(stack, 'team', { type: 'string' }).stringValue;
      vnet(stack, 'VNet1', { tags: { owner: `${team}\n` } });
    });
    expect(findings).toEqual([
      {
        severity: 'error',
        path: 'test/VNet1',
        message: expect.stringMatching(
          /^"\$\{TfToken\[TOKEN\.\d+\]\}\\n" holds the control character U\+000A \(newline\);/,
        ) as string,
      },
    ]);
  });

  it("never quotes a shared key variable's default, whatever it holds", () => {
    const findings = found((stack) => {
      new TerraformVariable(stack, 'psk', { type: 'string', default: 'Secret\nKey', sensitive: true });
      const gateway = (n: number) =>
        new VpnGateway(stack, `VNet${n}GW`, {
          network: vnet(stack, `VNet${n}`, {
            addressSpace: [`10.${n}.0.0/16`],
            gatewaySubnetPrefix: `10.${n}.255.0/27`,
          }),
        });
      new VnetToVnetConnection(stack, 'Link', {
        from: gateway(1),
        to: gateway(4),
        sharedKey: new SharedKey(stack, 'Key', { source: { variable: 'psk' } }),
      });
    });
    expect(findings).toEqual([
      {
        severity: 'error',
        path: 'test/Link',
        message:
          'connection "VNet1-to-VNet4": variable "psk" has a default, which Terraform would write into cdk.tf.json as it is; remove the default and give the key at plan time (TF_VAR_psk) or from a Key Vault secret',
      },
    ]);
  });
});

describe('formatFinding', () => {
  it('cuts a line at 1,000 characters, however long the value it quotes', () => {
    const line = formatFinding({
      severity: 'error',
      path: 'networks[0].name',
      message: `network "${'x'.repeat(5000)}"`,
    });
    expect(line).toHaveLength(1001);
    expect(line.endsWith('…')).toBe(true);
  });
});
