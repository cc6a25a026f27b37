import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { collectTopology, Network, SharedKey, VnetToVnetConnection, VpnGateway } from '../../constructs';
import type { TopologyFileInput } from '../../topology/schema';
import { checkTopology } from '../../rules';
import type { ConnectionModel, ExistingGatewayModel, TopologyModel } from '../../topology/model';
import { parseTopology } from '../../topology/load';
import { findingsOf, network, seedInput, seedWith } from '../support/topologies';

type Row = [string, (t: TopologyFileInput) => void, 'error' | 'warning', string, string];

const onPrem = (name: string) => ({ name, gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'] });

const policy = {
  dhGroup: 'DHGroup14',
  ikeEncryption: 'AES256',
  ikeIntegrity: 'SHA256',
  ipsecEncryption: 'GCMAES256',
  ipsecIntegrity: 'GCMAES256',
  pfsGroup: 'PFS2048',
};

/** Rules of connection.ts, shared-key.ts, names.ts and placement.ts. */
describe('connection, key, name and placement rules, through the topology file', () => {
  it.each<Row>([
    [
      'unknown network',
      (t) => (t.connections![0].to = 'VNet5'),
      'error',
      'connections[0].to',
      'connection "VNet1-to-VNet4": unknown network "VNet5"; name a network declared under "networks"',
    ],
    [
      'unknown site',
      (t) => t.connections!.push({ from: 'VNet1', toSite: 'Nowhere' }),
      'error',
      'connections[1].toSite',
      'connection "VNet1-to-Nowhere": unknown site "Nowhere"; name a site declared under "sites"',
    ],
    [
      'a network without a gateway',
      (t) => delete t.networks[1].gateway,
      'error',
      'connections[0].to',
      'connection "VNet1-to-VNet4": network "VNet4" has no gateway; add "gateway" to network "VNet4"',
    ],
    [
      'a connection to itself',
      (t) => t.connections!.push({ from: 'VNet1', to: 'VNet1' }),
      'error',
      'connections[1].to',
      'connection "VNet1-to-VNet1": connects network "VNet1" to itself; name two different networks',
    ],
    [
      'the same pair twice, the other way round',
      (t) => t.connections!.push({ from: 'VNet4', to: 'VNet1', names: ['B1', 'B2'] }),
      'error',
      'connections[1]',
      'connection "B1": joins VNet4 and VNet1, which connections[0] already joins; declare each pair once (bidirectional: true creates both directions)',
    ],
    [
      'a pair in connections and in the mesh',
      (t) => (t.mesh = ['VNet1', 'VNet4']),
      'error',
      'mesh',
      'connection "VNet1-to-VNet4": joins VNet1 and VNet4, which connections[0] already joins; declare each pair once (bidirectional: true creates both directions)',
    ],
    [
      'an ipsecPolicy value the provider refuses',
      (t) => (t.connections![0].ipsecPolicy = { ...policy, dhGroup: 'DHGroup5' }),
      'error',
      'connections[0].ipsecPolicy.dhGroup',
      'connection "VNet1-to-VNet4": ipsecPolicy.dhGroup "DHGroup5" is not one Azure takes; use one of DHGroup1, DHGroup14, DHGroup2, DHGroup2048, DHGroup24, ECP256, ECP384, None',
    ],
    [
      'an SA lifetime below 300 s',
      (t) => (t.connections![0].ipsecPolicy = { ...policy, saLifetime: 299 }),
      'error',
      'connections[0].ipsecPolicy.saLifetime',
      'connection "VNet1-to-VNet4": ipsecPolicy.saLifetime 299 is below the 300 seconds Azure requires; use 300 or more (Azure\'s default is 27000)',
    ],
    [
      'a DPD timeout out of range',
      (t) => (t.connections![0].dpdTimeoutSeconds = 8),
      'error',
      'connections[0].dpdTimeoutSeconds',
      'connection "VNet1-to-VNet4": dpdTimeoutSeconds 8 is outside 9-3600; choose a timeout in that range (Azure\'s default is 45)',
    ],
    [
      'IKEv1 on VNet-to-VNet',
      (t) => (t.connections![0].protocol = 'IKEv1'),
      'warning',
      'connections[0].protocol',
      'connection "VNet1-to-VNet4": protocol IKEv1 on a VNet-to-VNet connection; VNet-to-VNet connections run over IKEv2; set protocol to IKEv2',
    ],
    [
      'a generated key longer than 128',
      (t) => (t.connections![0].sharedKey = { generate: true, length: 129 }),
      'error',
      'connections[0].sharedKey.length',
      'connection "VNet1-to-VNet4": sharedKey.length 129 is outside 3-128 (Azure takes keys of up to 128 characters; a generated key holds a lower-case letter, an upper-case letter and a digit); choose a length in that range, e.g. 64',
    ],
    [
      'a Key Vault id that is not a secret id',
      (t) => (t.connections![0].sharedKey = { keyVaultSecretId: 'https://vault.vault.azure.net/secrets/psk' }),
      'error',
      'connections[0].sharedKey.keyVaultSecretId',
      'connection "VNet1-to-VNet4": sharedKey.keyVaultSecretId "https://vault.vault.azure.net/secrets/psk" is not a Key Vault secret\'s resource id; write it as /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault>/secrets/<name> (segments in that case; a name of 1-127 letters, digits and hyphens)',
    ],
    [
      'a variable name Terraform refuses',
      (t) => (t.connections![0].sharedKey = { variable: 'vpn key' }),
      'error',
      'connections[0].sharedKey.variable',
      'connection "VNet1-to-VNet4": sharedKey.variable "vpn key" is not a name Terraform takes for a variable; use letters, digits, _ and - starting with a letter, e.g. vpn_shared_key',
    ],
    [
      'duplicate network names',
      (t) => t.networks.push(network(9, { name: 'VNet1' })),
      'error',
      'networks[2].name',
      'network "VNet1" is declared twice (also networks[0]); give each network a name of its own',
    ],
    [
      'duplicate site names',
      (t) =>
        (t.sites = [
          { name: 'OnPrem', gatewayAddress: '203.0.113.10' },
          { name: 'OnPrem', gatewayAddress: '203.0.113.11' },
        ]),
      'error',
      'sites[1].name',
      'site "OnPrem" is declared twice (also sites[0]); give each site a name of its own',
    ],
    [
      'duplicate gateway names in a resource group',
      (t) => t.networks.push(network(5, { resourceGroup: 'TestRG1', gateway: { name: 'VNet1GW' } })),
      'error',
      'networks[2].gateway.name',
      'network "VNet5": gateway name "VNet1GW" is used also by network "VNet1" in resource group "TestRG1"; give each gateway a name of its own',
    ],
    [
      'duplicate public IP names',
      (t) => (t.networks[0].gateway!.publicIpNames = ['pip', 'PIP']),
      'error',
      'networks[0].gateway.publicIpNames[1]',
      'network "VNet1": gateway "VNet1GW": public IP name "PIP" is used twice in resource group "TestRG1"; give each public IP a name of its own',
    ],
    [
      'duplicate connection names in a resource group',
      (t) => {
        t.networks.push(network(5, { resourceGroup: 'TestRG1' }));
        t.connections!.push({ from: 'VNet5', to: 'VNet4', names: ['VNet1-to-VNet4', 'VNet4-to-VNet5'] });
      },
      'error',
      'connections[1].names[0]',
      'connection "VNet1-to-VNet4" (connections[1]): connection name "VNet1-to-VNet4" is used also by connection "VNet1-to-VNet4" (connections[0]) in resource group "TestRG1"; give each connection a name of its own',
    ],
    [
      'a created resource group shared across regions',
      (t) => (t.networks[1].resourceGroup = 'TestRG1'),
      'error',
      'networks[1].resourceGroup',
      'network "VNet4": resource group "TestRG1" is created in eastus for network "VNet1", but this network is in westus2; a created group has one location: give this network a resource group of its own, or create the group yourself and set createResourceGroup to false for every network in it',
    ],
    [
      'a subscription id that is not a GUID',
      (t) => (t.networks[0].subscriptionId = 'my-subscription'),
      'error',
      'networks[0].subscriptionId',
      'network "VNet1": subscriptionId "my-subscription" is not a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000); copy it from `az account show --query id`',
    ],
    [
      'an unknown region',
      (t) => (t.networks[0].location = 'East US 3'),
      'warning',
      'networks[0].location',
      'network "VNet1": location "East US 3" is not a known Azure public-cloud region; did you mean "eastus"?',
    ],
  ])('%s', (_, mutate, severity, path, message) => {
    expect(findingsOf(seedWith(mutate))).toContainEqual({ severity, path, message });
  });

  it.each([8, 3601, 0])('a DPD timeout of %d s is refused', (seconds) => {
    expect(findingsOf(seedWith((t) => (t.connections![0].dpdTimeoutSeconds = seconds)))).toEqual([
      {
        severity: 'error',
        path: 'connections[0].dpdTimeoutSeconds',
        message: `connection "VNet1-to-VNet4": dpdTimeoutSeconds ${seconds} is outside 9-3600; choose a timeout in that range (Azure's default is 45)`,
      },
    ]);
  });

  it.each([9, 45, 3600])('a DPD timeout of %d s is taken', (seconds) => {
    expect(findingsOf(seedWith((t) => (t.connections![0].dpdTimeoutSeconds = seconds)))).toEqual([]);
  });

  it.each<[string, Partial<typeof policy> & { saLifetime?: number; saDatasize?: number }, string[]]>([
    ['an SA lifetime of 299 s', { saLifetime: 299 }, ['saLifetime']],
    ['an SA lifetime of 300 s', { saLifetime: 300 }, []],
    ['an SA data size of 1023 KB', { saDatasize: 1023 }, ['saDatasize']],
    ['an SA data size of 1024 KB', { saDatasize: 1024 }, []],
  ])('a custom policy with %s', (_, extra, refused) => {
    const findings = findingsOf(seedWith((t) => (t.connections![0].ipsecPolicy = { ...policy, ...extra })));
    expect(findings.map((f) => f.path)).toEqual(refused.map((field) => `connections[0].ipsecPolicy.${field}`));
  });

  it.each<[string, (t: TopologyFileInput) => void, { severity: string; path: string; message: string }[]]>([
    [
      'an unknown network on the from side',
      (t) => (t.connections![0].from = 'VNet9'),
      [
        {
          severity: 'error',
          path: 'connections[0].from',
          message: 'connection "VNet1-to-VNet4": unknown network "VNet9"; name a network declared under "networks"',
        },
      ],
    ],
    [
      'a site joined twice',
      (t) => {
        t.sites = [{ name: 'OnPrem', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'] }];
        t.connections!.push({ from: 'VNet1', toSite: 'OnPrem' }, { from: 'VNet1', toSite: 'OnPrem', names: ['Again'] });
      },
      [
        {
          severity: 'error',
          path: 'connections[2]',
          message:
            'connection "Again": joins VNet1 and site OnPrem, which connections[1] already joins; declare each pair once',
        },
      ],
    ],
    [
      'IKEv1 to a site',
      (t) => {
        t.sites = [{ name: 'OnPrem', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'] }];
        t.connections!.push({ from: 'VNet1', toSite: 'OnPrem', protocol: 'IKEv1' });
      },
      [],
    ],
    [
      'a custom policy on a Basic gateway',
      (t) => {
        t.networks[1].gateway = { sku: 'Basic', generation: 'Generation1', activeActive: false };
        t.connections![0].ipsecPolicy = policy;
      },
      [
        {
          severity: 'error',
          path: 'connections[0].ipsecPolicy',
          message:
            'connection "VNet1-to-VNet4": gateway "VNet4GW" of network "VNet4" is Basic, which takes no custom ipsecPolicy; remove ipsecPolicy or use VpnGw1AZ or larger',
        },
      ],
    ],
    [
      'a site-to-site connection from an unknown network',
      (t) => {
        t.sites = [onPrem('OnPrem')];
        t.connections!.push({ from: 'VNet9', toSite: 'OnPrem' });
      },
      [
        {
          severity: 'error',
          path: 'connections[1].from',
          message: 'connection "VNet9-to-OnPrem": unknown network "VNet9"; name a network declared under "networks"',
        },
      ],
    ],
    [
      'a site named as the network at the other end of a VNet-to-VNet connection',
      (t) => {
        t.sites = [onPrem('VNet4')];
        t.connections!.push({ from: 'VNet1', toSite: 'VNet4', names: ['VNet1-to-site-VNet4'] });
      },
      [],
    ],
    [
      'a site named as the network it is joined from, joined twice',
      (t) => {
        t.sites = [onPrem('VNet1')];
        t.connections!.push({ from: 'VNet1', toSite: 'VNet1' }, { from: 'VNet1', toSite: 'VNet1', names: ['Again'] });
      },
      [
        {
          severity: 'error',
          path: 'connections[2]',
          message:
            'connection "Again": joins VNet1 and site VNet1, which connections[1] already joins; declare each pair once',
        },
      ],
    ],
    [
      'a network connected to itself twice',
      (t) =>
        t.connections!.push(
          { from: 'VNet1', to: 'VNet1', names: ['A1', 'A2'] },
          { from: 'VNet1', to: 'VNet1', names: ['B1', 'B2'] },
        ),
      [
        {
          severity: 'error',
          path: 'connections[1].to',
          message: 'connection "A1": connects network "VNet1" to itself; name two different networks',
        },
        {
          severity: 'error',
          path: 'connections[2].to',
          message: 'connection "B1": connects network "VNet1" to itself; name two different networks',
        },
      ],
    ],
    [
      'two pairs whose names run together alike (Hub + Spoke, HubS + poke)',
      (t) => {
        t.networks = [
          network(1, { name: 'Hub' }),
          network(2, { name: 'Spoke' }),
          network(3, { name: 'HubS' }),
          network(4, { name: 'poke' }),
        ];
        t.connections = [
          { from: 'Hub', to: 'Spoke' },
          { from: 'HubS', to: 'poke' },
        ];
      },
      [],
    ],
    [
      'one network joined to two sites',
      (t) => {
        t.sites = [onPrem('A'), { name: 'B', gatewayAddress: '203.0.113.11', addressSpace: ['192.169.0.0/16'] }];
        t.connections!.push({ from: 'VNet1', toSite: 'A' }, { from: 'VNet1', toSite: 'B' });
      },
      [],
    ],
    [
      'a Basic gateway without a custom policy',
      (t) => (t.networks[1].gateway = { sku: 'Basic', generation: 'Generation1', activeActive: false }),
      [],
    ],
    [
      'a custom policy on a site-to-site connection from a Basic gateway',
      (t) => {
        t.networks[0].gateway = { sku: 'Basic', generation: 'Generation1', activeActive: false };
        t.sites = [onPrem('OnPrem')];
        t.connections = [{ from: 'VNet1', toSite: 'OnPrem', ipsecPolicy: policy }];
      },
      [
        {
          severity: 'error',
          path: 'connections[0].ipsecPolicy',
          message:
            'connection "VNet1-to-OnPrem": gateway "VNet1GW" of network "VNet1" is Basic, which takes no custom ipsecPolicy; remove ipsecPolicy or use VpnGw1AZ or larger',
        },
      ],
    ],
    [
      'a custom policy to a site named as a network with a Basic gateway',
      (t) => {
        t.networks[1].gateway = { sku: 'Basic', generation: 'Generation1', activeActive: false };
        t.sites = [onPrem('VNet4')];
        t.connections!.push({ from: 'VNet1', toSite: 'VNet4', names: ['VNet1-to-site-VNet4'], ipsecPolicy: policy });
      },
      [],
    ],
    [
      'a custom policy between two Basic gateways: one finding, naming the from side',
      (t) => {
        t.networks[0].gateway = { sku: 'Basic', generation: 'Generation1', activeActive: false };
        t.networks[1].gateway = { sku: 'Basic', generation: 'Generation1', activeActive: false };
        t.connections![0].ipsecPolicy = policy;
      },
      [
        {
          severity: 'error',
          path: 'connections[0].ipsecPolicy',
          message:
            'connection "VNet1-to-VNet4": gateway "VNet1GW" of network "VNet1" is Basic, which takes no custom ipsecPolicy; remove ipsecPolicy or use VpnGw1AZ or larger',
        },
      ],
    ],
    [
      'an SA data size of 1023 KB',
      (t) => (t.connections![0].ipsecPolicy = { ...policy, saDatasize: 1023 }),
      [
        {
          severity: 'error',
          path: 'connections[0].ipsecPolicy.saDatasize',
          message:
            'connection "VNet1-to-VNet4": ipsecPolicy.saDatasize 1023 is below the 1024 KB Azure requires; use 1024 or more (Azure\'s default is 102400000)',
        },
      ],
    ],
  ])('%s', (_, change, expected) => {
    expect(findingsOf(seedWith(change))).toEqual(expected);
  });

  it('the seed has no findings at all', () => {
    expect(findingsOf(seedInput())).toEqual([]);
  });
});

/** What code can build and a topology file cannot: a gateway outside the topology, a policy with a field left out. */
describe('connection rules, on a model built in code', () => {
  const seed = (): TopologyModel => parseTopology(JSON.stringify(seedInput()), 'test').model;
  const hub: ExistingGatewayModel = {
    path: 'test/Hub',
    name: 'HubGW',
    networkName: 'HubNet',
    resourceGroup: 'HubRG',
    location: 'westus2',
  };
  const withConnection = (change: Partial<ConnectionModel>): TopologyModel => {
    const model = seed();
    return { ...model, connections: [{ ...model.connections[0], ...change }], existingGateways: [hub] };
  };

  it('takes a connection to an existing gateway', () => {
    const model = withConnection({ to: 'test/Hub', bidirectional: false, names: ['VNet1-to-HubNet'] });
    expect(checkTopology(model)).toEqual([]);
  });

  it('refuses a connection from an existing gateway: only its owner connects from it', () => {
    const model = withConnection({ from: 'test/Hub', to: 'VNet4', bidirectional: false, names: ['HubNet-to-VNet4'] });
    expect(checkTopology(model)).toEqual([
      {
        severity: 'error',
        path: 'connections[0].from',
        message: 'connection "HubNet-to-VNet4": unknown network "test/Hub"; name a network declared under "networks"',
      },
    ]);
  });

  it('refuses a custom policy with a field left out, and names every value the field takes', () => {
    const { pfsGroup: _, ...withoutPfs } = policy;
    const model = withConnection({ ipsecPolicy: withoutPfs as ConnectionModel['ipsecPolicy'] });
    expect(checkTopology(model)).toEqual([
      {
        severity: 'error',
        path: 'connections[0].ipsecPolicy.pfsGroup',
        message:
          'connection "VNet1-to-VNet4": ipsecPolicy.pfsGroup is not set; a custom policy sets every field; use one of ECP256, ECP384, None, PFS1, PFS14, PFS2, PFS2048, PFS24, PFSMM',
      },
    ]);
  });
});

describe('connection and key rules, through the constructs', () => {
  const pair = (build: (stack: TerraformStack, from: VpnGateway, to: VpnGateway) => void) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const gateway = (n: number) =>
      new VpnGateway(stack, `VNet${n}GW`, {
        network: new Network(stack, `VNet${n}`, {
          location: 'eastus',
          addressSpace: [`10.${n}.0.0/16`],
          gatewaySubnetPrefix: `10.${n}.255.0/27`,
        }),
      });
    build(stack, gateway(1), gateway(4));
    return stack;
  };

  it.each<[string, (stack: TerraformStack, from: VpnGateway, to: VpnGateway) => void, string]>([
    [
      'a DPD timeout out of range',
      (stack, from, to) => new VnetToVnetConnection(stack, 'Link', { from, to, dpdTimeoutSeconds: 4000 }),
      'test/Link: connection "VNet1-to-VNet4": dpdTimeoutSeconds 4000 is outside 9-3600; choose a timeout in that range (Azure\'s default is 45)',
    ],
    [
      'a variable with a default, which would write the key into cdk.tf.json',
      (stack, from, to) => {
        new TerraformVariable(stack, 'psk', { type: 'string', default: 'a b~c' });
        new VnetToVnetConnection(stack, 'Link', {
          from,
          to,
          sharedKey: new SharedKey(stack, 'Key', { source: { variable: 'psk' } }),
        });
      },
      'test/Link: connection "VNet1-to-VNet4": variable "psk" has a default, which Terraform would write into cdk.tf.json as it is; remove the default and give the key at plan time (TF_VAR_psk) or from a Key Vault secret',
    ],
    [
      'a Key Vault id that is not a secret id',
      (stack, from, to) =>
        new VnetToVnetConnection(stack, 'Link', {
          from,
          to,
          sharedKey: new SharedKey(stack, 'Key', { source: { keyVaultSecretId: 'psk' } }),
        }),
      'test/Link: connection "VNet1-to-VNet4": sharedKey.keyVaultSecretId "psk" is not a Key Vault secret\'s resource id',
    ],
  ])('%s refuses to synthesize', (_, build, message) => {
    expect(() => Testing.synth(pair(build), true)).toThrow(message);
  });

  it('takes a custom policy field set to the empty text as not set', () => {
    const stack = pair((scope, from, to) => {
      new VnetToVnetConnection(scope, 'Link', { from, to, ipsecPolicy: { ...policy, ikeIntegrity: '' } });
    });
    expect(checkTopology(collectTopology(stack))).toEqual([
      {
        severity: 'error',
        path: 'test/Link',
        message:
          'connection "VNet1-to-VNet4": ipsecPolicy.ikeIntegrity is not set; a custom policy sets every field; use one of GCMAES128, GCMAES256, MD5, SHA1, SHA256, SHA384',
      },
    ]);
  });
});
