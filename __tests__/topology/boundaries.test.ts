import type { TopologyFileInput } from '../../topology/schema';
import { findingsOf, seedWith } from '../support/topologies';

/**
 * Every numeric and length limit the rules keep, at the limit and one past it on both sides, through the topology
 * file. Names, tags and Key Vault ids have their own files (rules/azure-names, rules/tags, azure/key-vault) with the
 * same shape; a Key Vault secret name is here because it is written inside an id.
 */
type Set<T> = (t: TopologyFileInput, value: T) => void;

const policy = {
  dhGroup: 'DHGroup14',
  ikeEncryption: 'AES256',
  ikeIntegrity: 'SHA256',
  ipsecEncryption: 'GCMAES256',
  ipsecIntegrity: 'GCMAES256',
  pfsGroup: 'PFS2048',
};
const VAULT =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/kv/providers/Microsoft.KeyVault/vaults/kv1';

const LIMITS: [string, Set<number>, string, number[], number[]][] = [
  [
    'dpdTimeoutSeconds 9-3600',
    (t, v) => (t.connections![0].dpdTimeoutSeconds = v),
    'connections[0].dpdTimeoutSeconds',
    [9, 3600],
    [8, 3601],
  ],
  [
    'generated key length 3-128',
    (t, v) => (t.connections![0].sharedKey = { generate: true, length: v }),
    'connections[0].sharedKey.length',
    [3, 128],
    [2, 129],
  ],
  [
    'gateway BGP ASN 1-4294967295',
    (t, v) => (t.networks[0].gateway!.bgp = { asn: v }),
    'networks[0].gateway.bgp.asn',
    [1, 4294967295],
    [0, 4294967296],
  ],
  [
    'site BGP ASN 1-4294967295',
    (t, v) => {
      t.sites = [{ name: 'OnPrem', gatewayAddress: '203.0.113.10', bgp: { asn: v, peeringAddress: '192.168.255.1' } }];
      t.connections!.push({ from: 'VNet1', toSite: 'OnPrem', enableBgp: false });
    },
    'sites[0].bgp.asn',
    [1, 4294967295],
    [0, 4294967296],
  ],
  [
    'GatewaySubnet /29 at the smallest',
    (t, v) => (t.networks[0].gatewaySubnetPrefix = `10.1.255.0/${v}`),
    'networks[0].gatewaySubnetPrefix',
    [29],
    [30],
  ],
  [
    'ipsecPolicy.saLifetime at least 300 s',
    (t, v) => (t.connections![0].ipsecPolicy = { ...policy, saLifetime: v }),
    'connections[0].ipsecPolicy.saLifetime',
    [300],
    [299],
  ],
  [
    'ipsecPolicy.saDatasize at least 1024 KB',
    (t, v) => (t.connections![0].ipsecPolicy = { ...policy, saDatasize: v }),
    'connections[0].ipsecPolicy.saDatasize',
    [1024],
    [1023],
  ],
  [
    'Key Vault secret name 1-127 characters',
    (t, v) => (t.connections![0].sharedKey = { keyVaultSecretId: `${VAULT}/secrets/${'s'.repeat(v)}` }),
    'connections[0].sharedKey.keyVaultSecretId',
    [1, 127],
    [0, 128],
  ],
];

const errorsAt = (input: TopologyFileInput, path: string) =>
  findingsOf(input).filter((f) => f.severity === 'error' && f.path === path);

describe('limits at the value and one past it, through the topology file', () => {
  describe.each(LIMITS)('%s', (_, set, path, accepted, refused) => {
    it.each(accepted)('takes %d', (value) => {
      expect(
        errorsAt(
          seedWith((t) => set(t, value)),
          path,
        ),
      ).toEqual([]);
    });
    it.each(refused)('refuses %d', (value) => {
      expect(
        errorsAt(
          seedWith((t) => set(t, value)),
          path,
        ),
      ).toHaveLength(1);
    });
  });

  it('a /29 GatewaySubnet is a warning, a /30 an error, with the sizes in the message', () => {
    const at = (prefix: number) =>
      findingsOf(seedWith((t) => (t.networks[0].gatewaySubnetPrefix = `10.1.255.0/${prefix}`))).filter(
        (f) => f.path === 'networks[0].gatewaySubnetPrefix',
      );
    expect(at(29)).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('/29') as string }),
    ]);
    expect(at(30)).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: expect.stringContaining('is a /30, smaller than the /29 Azure requires for GatewaySubnet') as string,
      }),
    ]);
  });
});
