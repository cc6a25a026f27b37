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

/** A key's own text could reach the stack only from code, as a variable's default: that is refused. */
describe('a shared key from a variable or generated, through the constructs', () => {
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
  /** The message a synthesis fails with. */
  const failure = (build: () => unknown): string => {
    try {
      build();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('it synthesized');
  };

  it.each(['Secret-Key-9f2k', 'Zq8!vP#'])(
    'a variable with the default %j refuses to synthesize, without printing it',
    (value) => {
      const message = failure(link({ variable: 'psk' }, value));
      expect(message).toContain(
        'test/Link: connection "VNet1-to-VNet4": variable "psk" has a default, which Terraform would write into cdk.tf.json as it is; remove the default and give the key at plan time (TF_VAR_psk) or from a Key Vault secret',
      );
      expect(message).not.toContain(value);
    },
  );

  it('a variable without a default synthesizes', () => {
    expect(link({ variable: 'psk' })).not.toThrow();
  });

  it.each([64.5, 2, 129])('a generated key of length %d refuses to synthesize', (length) => {
    expect(link({ generate: true, length })).toThrow(
      `test/Link: ${lengthMessage('connection "VNet1-to-VNet4"', length)}`,
    );
  });
});
