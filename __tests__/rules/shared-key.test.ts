import { TerraformVariable } from 'cdktf';
import { Network, SharedKey, VnetToVnetConnection, VpnGateway } from '../../constructs';
import type { SharedKeySource } from '../../constructs/shared-key';
import type { TopologyFileInput } from '../../topology/schema';
import { synthScope } from '../support/synth';
import { findingsOf, network, seedWith } from '../support/topologies';

type Change = (t: TopologyFileInput) => void;

const lengthMessage = (label: string, length: number) =>
  `${label}: sharedKey.length ${length} is outside 3-128 (Azure takes keys of up to 128 characters; a generated key holds a lower-case letter, an upper-case letter and a digit); choose a length in that range, e.g. 64`;

/** Rule 16, through the topology file: where a key comes from and how long a generated one is. */
describe('shared key sources in a topology file', () => {
  const generated =
    (length: number): Change =>
    (t) =>
      (t.connections![0].sharedKey = { generate: true, length });

  it.each([2, 129, 0, -64])('a generated key of length %d is refused', (length) => {
    expect(findingsOf(seedWith(generated(length)))).toEqual([
      {
        severity: 'error',
        path: 'connections[0].sharedKey.length',
        message: lengthMessage('connection "VNet1-to-VNet4"', length),
      },
    ]);
  });

  it.each([3, 64, 128])('a generated key of length %d is taken', (length) => {
    expect(findingsOf(seedWith(generated(length)))).toEqual([]);
  });

  it("a mesh's key is reported once, at the mesh", () => {
    const input = seedWith((t) => {
      t.networks.push(network(5));
      t.connections = [];
      t.mesh = { networks: ['VNet1', 'VNet4', 'VNet5'], sharedKey: { generate: true, length: 129 } };
    });
    expect(findingsOf(input)).toEqual([
      { severity: 'error', path: 'mesh.sharedKey.length', message: lengthMessage('connection "VNet1-to-VNet4"', 129) },
    ]);
  });

  it.each<[string, Change]>([
    ['a variable name', (t) => (t.connections![0].sharedKey = { variable: 'vpn_shared_key' })],
    ['a variable name with a hyphen', (t) => (t.connections![0].sharedKey = { variable: '_vpn-key2' })],
    [
      "a Key Vault secret's id",
      (t) =>
        (t.connections![0].sharedKey = {
          keyVaultSecretId:
            '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/kv/providers/Microsoft.KeyVault/vaults/vault/secrets/psk',
        }),
    ],
  ])('%s is taken', (_, change) => {
    expect(findingsOf(seedWith(change))).toEqual([]);
  });

  it.each([
    '2key',
    'vpn key',
    'count',
    'for_each',
    'depends_on',
    'locals',
    'source',
    'version',
    'providers',
    'lifecycle',
  ])('variable "%s" is refused', (variable) => {
    expect(findingsOf(seedWith((t) => (t.connections![0].sharedKey = { variable })))).toEqual([
      {
        severity: 'error',
        path: 'connections[0].sharedKey.variable',
        message: `connection "VNet1-to-VNet4": sharedKey.variable "${variable}" is not a name Terraform takes for a variable; use letters, digits, _ and - starting with a letter, e.g. vpn_shared_key`,
      },
    ]);
  });
});

/** A key's own text reaches the rules only from code: a variable's default (the file never holds a key). */
describe('a shared key with a known value, through the constructs', () => {
  /** A VNet1-VNet4 link in a fresh stack, its key from `source`; synthesizing it runs the rules. */
  const link = (source: SharedKeySource, variableDefault?: string) => () =>
    synthScope((stack) => {
      const gateway = (n: number) =>
        new VpnGateway(stack, `VNet${n}GW`, {
          network: new Network(stack, `VNet${n}`, {
            location: 'eastus',
            addressSpace: [`10.${n}.0.0/16`],
            gatewaySubnetPrefix: `10.${n}.255.0/27`,
          }),
        });
      if (variableDefault !== undefined) {
        new TerraformVariable(stack, 'psk', { type: 'string', default: variableDefault, sensitive: true });
      }
      new VnetToVnetConnection(stack, 'Link', {
        from: gateway(1),
        to: gateway(4),
        sharedKey: new SharedKey(stack, 'Key', { source }),
      });
    });
  const synth = (value: string) => link({ variable: 'psk' }, value);
  const prefix = 'test/Link: connection "VNet1-to-VNet4": the default of variable "psk"';

  it.each([
    ['', `${prefix} is 0 characters long; Azure takes 1-128; use a key of that length`],
    ['k'.repeat(129), `${prefix} is 129 characters long; Azure takes 1-128; use a key of that length`],
    [
      'a b',
      `${prefix} contains space, which Azure does not take in a shared key; use printable ASCII other than space, "-" and "~"`,
    ],
    ['a-b', `${prefix} contains "-", which Azure does not take`],
    ['a~b', `${prefix} contains "~", which Azure does not take`],
    ['a\u001fb', `${prefix} contains U+001F, which Azure does not take`],
    ['a\u007fb', `${prefix} contains U+007F, which Azure does not take`],
    ['caf\u00e9', `${prefix} contains U+00E9, which Azure does not take`],
    ['a b-c~d', `${prefix} contains space, "-", "~", which Azure does not take`],
  ])('%j is refused', (value, message) => {
    expect(synth(value)).toThrow(message);
  });

  it.each([64.5, 2, 129])('a generated key of length %d refuses to synthesize', (length) => {
    expect(link({ generate: true, length })).toThrow(
      `test/Link: ${lengthMessage('connection "VNet1-to-VNet4"', length)}`,
    );
  });

  it.each(['k', 'k'.repeat(128), '!#$%&()*+,./:;<=>?@[]^_`{|}', 'Aa0'])('%j is taken', (value) => {
    expect(synth(value)).not.toThrow();
  });
});
