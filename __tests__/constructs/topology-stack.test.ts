import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing } from 'cdktf';
import { RULES_CHECKED_CONTEXT, TOPOLOGY_DIAGRAM_FILE, TopologyStack } from '../../constructs';
import { topologyDiagram } from '../../diagram/mermaid';
import {
  addressOf,
  addresses,
  loadTopology,
  ref,
  readTopology,
  resourcesOf,
  synthJson,
  synthTopology,
  TerraformJson,
} from '../support/synth';
import { findingsOf, network, seedWith } from '../support/topologies';
import type { TopologyFileInput } from '../../topology/schema';

const seed = readTopology('vnet1-vnet4.json');

describe('the article topology (topologies/vnet1-vnet4.json)', () => {
  const json = synthJson(seed);
  const byName = (type: string) =>
    Object.fromEntries(Object.values(resourcesOf(json, type)).map((r) => [r.name as string, r]));

  it('matches the snapshot', () => {
    expect(synthTopology(seed)).toMatchSnapshot();
  });

  it('creates TestRG1 in eastus and TestRG4 in westus2', () => {
    expect(byName('azurerm_resource_group')).toEqual({
      TestRG1: expect.objectContaining({ location: 'eastus' }),
      TestRG4: expect.objectContaining({ location: 'westus2' }),
    });
  });

  it.each([
    ['VNet1', 'eastus', '10.1.0.0/16', '10.1.0.0/24', '10.1.255.0/27', 'TestRG1'],
    ['VNet4', 'westus2', '10.41.0.0/16', '10.41.0.0/24', '10.41.255.0/27', 'TestRG4'],
  ])('%s: %s, %s, FrontEnd %s, GatewaySubnet %s', (vnet, location, space, frontEnd, gatewaySubnet, group) => {
    expect(byName('azurerm_virtual_network')[vnet]).toMatchObject({ location, address_space: [space] });
    expect(byName('azurerm_virtual_network')[vnet].resource_group_name).toContain(`ResourceGroup-${group}`);
    const subnets = Object.values(resourcesOf(json, 'azurerm_subnet')).filter((s) =>
      String(s.virtual_network_name).includes(`${vnet}_VirtualNetwork`),
    );
    expect(Object.fromEntries(subnets.map((s) => [s.name, s.address_prefixes]))).toEqual({
      FrontEnd: [frontEnd],
      GatewaySubnet: [gatewaySubnet],
    });
  });

  it.each(['VNet1GWpip1', 'VNet1GWpip2', 'VNet4GWpip1', 'VNet4GWpip2'])(
    'public IP %s is Standard, Static, zones 1-3',
    (name) => {
      expect(byName('azurerm_public_ip')[name]).toMatchObject({
        sku: 'Standard',
        allocation_method: 'Static',
        zones: ['1', '2', '3'],
      });
    },
  );

  it.each([
    ['VNet1GW', 'eastus', 'VNet1'],
    ['VNet4GW', 'westus2', 'VNet4'],
  ])('%s is an active-active VpnGw2AZ Generation2 route-based VPN gateway in %s', (name, location, vnet) => {
    const gateway = byName('azurerm_virtual_network_gateway')[name];
    expect(gateway).toMatchObject({
      location,
      type: 'Vpn',
      vpn_type: 'RouteBased',
      sku: 'VpnGw2AZ',
      generation: 'Generation2',
      active_active: true,
      enable_bgp: false,
    });
    const configurations = gateway.ip_configuration as Record<string, string>[];
    expect(configurations).toHaveLength(2);
    expect(configurations.map((c) => c.public_ip_address_id)).toEqual([
      ref(addressOf(json, 'azurerm_public_ip', `${name}pip1`), 'id'),
      ref(addressOf(json, 'azurerm_public_ip', `${name}pip2`), 'id'),
    ]);
    const gatewaySubnets = Object.entries(resourcesOf(json, 'azurerm_subnet')).filter(
      ([, s]) => s.name === 'GatewaySubnet' && String(s.virtual_network_name).includes(`${vnet}_VirtualNetwork`),
    );
    expect(gatewaySubnets).toHaveLength(1);
    for (const c of configurations) expect(c.subnet_id).toBe(ref(`azurerm_subnet.${gatewaySubnets[0][0]}`, 'id'));
    expect(configurations.map((c) => c.private_ip_address_allocation)).toEqual(['Dynamic', 'Dynamic']);
  });

  it.each([
    ['VNet1-to-VNet4', 'TestRG1', 'eastus', 'VNet1', 'VNet4'],
    ['VNet4-to-VNet1', 'TestRG4', 'westus2', 'VNet4', 'VNet1'],
  ])('connection %s lives in %s/%s and joins %sGW to %sGW over IKEv2', (name, group, location, local, peer) => {
    const connection = byName('azurerm_virtual_network_gateway_connection')[name];
    expect(connection).toMatchObject({ type: 'Vnet2Vnet', connection_protocol: 'IKEv2', location });
    expect(connection.resource_group_name).toContain(`ResourceGroup-${group}`);
    expect(connection.virtual_network_gateway_id).toBe(
      ref(addressOf(json, 'azurerm_virtual_network_gateway', `${local}GW`), 'id'),
    );
    expect(connection.peer_virtual_network_gateway_id).toBe(
      ref(addressOf(json, 'azurerm_virtual_network_gateway', `${peer}GW`), 'id'),
    );
  });

  it('both connections read one generated key, which is a reference and never a literal', () => {
    const keys = Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway_connection')).map(
      (c) => c.shared_key,
    );
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^\$\{random_password\.SharedKey-VNet1-VNet4_Generated_[0-9A-F]+\.result\}$/);
    expect(Object.keys(resourcesOf(json, 'random_password'))).toHaveLength(1);
  });

  it("outputs each gateway's public IPs and each connection's id", () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual([
      'VNet1-gateway-public-ips',
      'VNet1-to-VNet4-id',
      'VNet4-gateway-public-ips',
      'VNet4-to-VNet1-id',
    ]);
  });

  it('keeps local state at the project root through a relative path', () => {
    expect(json.terraform).toMatchObject({ backend: { local: { path: '../../../vnet1-vnet4.tfstate' } } });
  });

  it('declares the Terraform version azurerm 4.x needs, 1.0 or later', () => {
    expect(json.terraform).toMatchObject({ required_version: '>= 1.0' });
  });

  it('pins every Terraform address', () => {
    expect(addresses(json).sort()).toMatchSnapshot();
  });
});

describe('the diagram written with every synth', () => {
  it('stands beside cdk.tf.json and is the diagram of the topology', () => {
    const app = Testing.app({ context: { [RULES_CHECKED_CONTEXT]: true } });
    const stack = new TopologyStack(app, 'vnet1-vnet4', { topology: seed.model });
    const outdir = Testing.fullSynth(stack);
    const diagram = readFileSync(join(outdir, 'stacks', 'vnet1-vnet4', TOPOLOGY_DIAGRAM_FILE), 'utf8');
    expect(diagram).toBe(topologyDiagram(seed.model, 'vnet1-vnet4'));
    expect(diagram).toContain('gw_VNet1 <-->');
  });

  it('is in the README', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(topologyDiagram(seed.model, 'vnet1-vnet4').replace(/^### .*\n\n/, ''));
  });
});

describe('tags', () => {
  it('puts the topology tags, and each network its own on top, on every resource that takes tags', () => {
    const tagged = loadTopology({
      ...seed.file,
      tags: { owner: 'network-team', env: 'prod' },
      networks: seed.file.networks.map((n) => (n.name === 'VNet4' ? { ...n, tags: { env: 'dr' } } : n)),
    });
    const json = synthJson(tagged);
    // Subnets and random passwords take no tags in their providers.
    const untaggable = new Set(['azurerm_subnet', 'random_password']);
    let checked = 0;
    for (const [type, byAddress] of Object.entries(json.resource)) {
      if (untaggable.has(type)) continue;
      for (const [address, body] of Object.entries(byAddress)) {
        const vnet4Side = body.location === 'westus2'; // every taggable resource here has a location
        expect([address, body.tags]).toEqual([address, { owner: 'network-team', env: vnet4Side ? 'dr' : 'prod' }]);
        checked++;
      }
    }
    expect(checked).toBe(12); // 2 resource groups, 2 networks, 4 public IPs, 2 gateways, 2 connections
  });
});

describe('output that can be trusted', () => {
  it('is the same on every synth and names no path of this machine', () => {
    const first = synthTopology(seed);
    expect(synthTopology(readTopology('vnet1-vnet4.json'))).toBe(first);
    expect(first).not.toContain(join(__dirname, '..', '..'));
    expect(first).not.toMatch(/"\/(home|root|tmp|work|Users)\//);
  });
});

describe('gateway deleteProtection from the topology file', () => {
  const seedInput = JSON.parse(readFileSync(join(__dirname, '..', '..', 'topologies', 'vnet1-vnet4.json'), 'utf8')) as {
    networks: { gateway: Record<string, unknown> }[];
  };
  const withProtection = (deleteProtection?: string) => {
    const input = structuredClone(seedInput);
    if (deleteProtection) input.networks[0].gateway.deleteProtection = deleteProtection;
    return synthJson(loadTopology(input as never, 'vnet1-vnet4'));
  };
  const gateway = (json: ReturnType<typeof synthJson>) =>
    Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway')).find((g) => g.name === 'VNet1GW');

  it('"lock" puts a CanNotDelete lock on the gateway', () => {
    expect(Object.values(resourcesOf(withProtection('lock'), 'azurerm_management_lock'))).toEqual([
      expect.objectContaining({
        lock_level: 'CanNotDelete',
        scope: expect.stringContaining('azurerm_virtual_network_gateway.'),
      }),
    ]);
  });

  it('"preventDestroy" sets prevent_destroy on the gateway', () => {
    expect(gateway(withProtection('preventDestroy'))?.lifecycle).toEqual({ prevent_destroy: true });
  });

  it('none: no lock and no lifecycle', () => {
    const json = withProtection();
    expect(resourcesOf(json, 'azurerm_management_lock')).toEqual({});
    expect(gateway(json)?.lifecycle).toBeUndefined();
  });
});

describe('what the file says reaches the Terraform', () => {
  const SUB = '11111111-1111-1111-1111-111111111111';
  const PROVIDER = `azurerm.subscription_${SUB.replace(/-/g, '_')}`;
  const VAULT = `/subscriptions/${SUB}/resourceGroups/kv-rg/providers/Microsoft.KeyVault/vaults/kv1`;

  const siteInput = (extra: (t: TopologyFileInput) => void = () => undefined) =>
    seedWith((t) => {
      t.networks[0].subscriptionId = SUB;
      t.sites = [{ name: 'OnPrem', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'] }];
      t.connections!.push({ from: 'VNet1', toSite: 'OnPrem', sharedKey: { keyVaultSecretId: `${VAULT}/secrets/psk` } });
      extra(t);
    });

  it("creates a site's local network gateway with the provider of the network in another subscription", () => {
    const json = synthJson(loadTopology(siteInput()));
    const [lng] = Object.values(resourcesOf(json, 'azurerm_local_network_gateway'));
    const [connection] = Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway_connection')).filter(
      (c) => c.type === 'IPsec',
    );
    expect(lng.provider).toBe(PROVIDER);
    expect(connection.provider).toBe(PROVIDER);
    expect(lng.resource_group_name).toBe(ref(addressOf(json, 'azurerm_resource_group', 'TestRG1'), 'name'));
  });

  it('reads a Key Vault secret with the provider of the network whose connection reads it', () => {
    const json = synthJson(loadTopology(siteInput()));
    expect(Object.values(json.data?.azurerm_key_vault_secret ?? {})).toEqual([
      expect.objectContaining({ key_vault_id: VAULT, name: 'psk', provider: PROVIDER }),
    ]);
  });

  it('gives a pinned site in a created group a reference to that group, so Terraform orders it after the group', () => {
    const json = synthJson(
      loadTopology(
        siteInput((t) => {
          t.sites![0].resourceGroup = 'TestRG1';
          t.sites![0].location = 'eastus';
        }),
      ),
    );
    const [lng] = Object.values(resourcesOf(json, 'azurerm_local_network_gateway'));
    expect(lng.resource_group_name).toBe(ref(addressOf(json, 'azurerm_resource_group', 'TestRG1'), 'name'));
    expect(lng.provider).toBe(PROVIDER);
  });

  describe('BGP on a link: on when both ends have BGP settings, off otherwise, from the file', () => {
    const bgpOf = (mutate: (t: TopologyFileInput) => void) => {
      const json = synthJson(
        loadTopology(
          seedWith((t) => {
            t.sites = [{ name: 'OnPrem', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'] }];
            t.connections!.push({ from: 'VNet1', toSite: 'OnPrem' });
            mutate(t);
          }),
        ),
      );
      return Object.fromEntries(
        Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway_connection')).map((c) => [
          c.name,
          c.enable_bgp,
        ]),
      );
    };
    const gatewayBgp = (t: TopologyFileInput, i: number, asn: number) => (t.networks[i].gateway!.bgp = { asn });
    const siteBgp = (t: TopologyFileInput) => (t.sites![0].bgp = { asn: 65050, peeringAddress: '192.168.255.1' });

    it('a site link with BGP on the gateway and the site', () => {
      expect(bgpOf((t) => (gatewayBgp(t, 0, 65010), siteBgp(t)))['VNet1-to-OnPrem']).toBe(true);
    });
    it('no BGP on a site link when only one end has it', () => {
      expect(bgpOf((t) => gatewayBgp(t, 0, 65010))['VNet1-to-OnPrem']).toBe(false);
      expect(bgpOf((t) => siteBgp(t))['VNet1-to-OnPrem']).toBe(false);
    });
    it('a VNet-to-VNet link with BGP on both gateways, and not with one', () => {
      expect(bgpOf((t) => (gatewayBgp(t, 0, 65010), gatewayBgp(t, 1, 65040)))).toMatchObject({
        'VNet1-to-VNet4': true,
        'VNet4-to-VNet1': true,
      });
      expect(bgpOf((t) => gatewayBgp(t, 0, 65010))).toMatchObject({ 'VNet1-to-VNet4': false });
    });
    it('enableBgp false wins over the default', () => {
      expect(
        bgpOf((t) => {
          gatewayBgp(t, 0, 65010);
          siteBgp(t);
          t.connections![1].enableBgp = false;
        })['VNet1-to-OnPrem'],
      ).toBe(false);
    });
  });

  it('gives an active-standby gateway one public IP and one ip_configuration', () => {
    const json = synthJson(
      loadTopology(
        seedWith((t) => {
          t.networks[0].gateway = { activeActive: false };
        }),
      ),
    );
    const ips = Object.values(resourcesOf(json, 'azurerm_public_ip')).filter((ip) =>
      String(ip.name).startsWith('VNet1'),
    );
    expect(ips.map((ip) => ip.name)).toEqual(['VNet1GWpip1']);
    const gateway = Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway')).find(
      (g) => g.name === 'VNet1GW',
    );
    expect(gateway).toMatchObject({ active_active: false });
    expect(gateway?.ip_configuration).toHaveLength(1);
  });

  describe('zones only where the region has availability zones', () => {
    const zonesIn = (location: string, zones?: ('1' | '2' | '3')[]) => {
      const json = synthJson(
        loadTopology(
          seedWith((t) => {
            t.networks[0].location = location;
            t.networks[0].gateway!.zones = zones;
          }),
        ),
      );
      return Object.values(resourcesOf(json, 'azurerm_public_ip'))
        .filter((ip) => String(ip.name).startsWith('VNet1'))
        .map((ip) => ip.zones);
    };
    it('zone-redundant public IPs for an AZ SKU in eastus', () => {
      expect(zonesIn('eastus')).toEqual([
        ['1', '2', '3'],
        ['1', '2', '3'],
      ]);
    });
    it.each(['westus', 'North Central US', 'ukwest'])('no zones for an AZ SKU in %s, which has none', (location) => {
      expect(zonesIn(location)).toEqual([undefined, undefined]);
    });
    it('refuses zones written for a region without availability zones', () => {
      expect(
        findingsOf(
          seedWith((t) => {
            t.networks[0].location = 'westus';
            t.networks[0].gateway!.zones = ['1'];
          }),
        ),
      ).toContainEqual({
        severity: 'error',
        path: 'networks[0].gateway.zones',
        message:
          'network "VNet1": gateway "VNet1GW": region westus has no availability zones, so Azure refuses zoned public IPs there, but zones is ["1"]; remove zones (VpnGw2AZ then deploys as a regional gateway) or choose a region with zones',
      });
    });
  });
});

describe('the file and the stack options, as the stack synthesizes them', () => {
  // Each test synthesizes for itself: what a test checks must come from its own run.
  const synthOptions = () =>
    synthJson(
      loadTopology(
        seedWith((t) => {
          t.networks[0].createResourceGroup = false;
          t.networks[0].gateway = {
            bgp: {
              asn: 65010,
              peeringAddresses: [
                // Listed in the other order than the gateway's ip configurations.
                { ipConfigurationName: 'ipconfig2', apipaAddresses: ['169.254.22.1', '169.254.22.5'] },
                { ipConfigurationName: 'ipconfig1', apipaAddresses: ['169.254.21.1'] },
              ],
            },
          };
          t.networks.push(
            network(5, { name: 'VNet.5' }),
            network(6, { name: 'azurerm' }),
            network(7, { name: 'constructor' }),
          );
        }),
      ),
    );

  it('a network whose group is not created names it; the others refer to the group the stack creates', () => {
    const json = synthOptions();
    expect(Object.values(resourcesOf(json, 'azurerm_virtual_network')).map((n) => n.resource_group_name)).toEqual([
      'TestRG1',
      '${azurerm_resource_group.ResourceGroup-TestRG4.name}',
      '${azurerm_resource_group.ResourceGroup-TestRG5.name}',
      '${azurerm_resource_group.ResourceGroup-TestRG6.name}',
      '${azurerm_resource_group.ResourceGroup-TestRG7.name}',
    ]);
    expect(Object.values(resourcesOf(json, 'azurerm_resource_group')).map((g) => g.name)).toEqual([
      'TestRG4',
      'TestRG5',
      'TestRG6',
      'TestRG7',
    ]);
  });

  it("a gateway's BGP peering addresses, each with its ip configuration", () => {
    const json = synthOptions();
    expect(Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway')).map((g) => g.bgp_settings)).toEqual([
      {
        asn: 65010,
        peering_addresses: [
          { apipa_addresses: ['169.254.22.1', '169.254.22.5'], ip_configuration_name: 'ipconfig2' },
          { apipa_addresses: ['169.254.21.1'], ip_configuration_name: 'ipconfig1' },
        ],
      },
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('an output name that needed a character replaced gets a hash of the name; a taken network id gets a prefix', () => {
    const json = synthOptions();
    expect(Object.keys(json.output ?? {})).toEqual([
      'VNet1-gateway-public-ips',
      'VNet1-to-VNet4-id',
      'VNet4-gateway-public-ips',
      'VNet4-to-VNet1-id',
      'VNet_5-gateway-public-ips_CE5E8B81',
      'azurerm-gateway-public-ips',
      'constructor-gateway-public-ips',
    ]);
    expect(addresses(json).filter((a) => a.startsWith('azurerm_virtual_network.'))).toEqual([
      expect.stringMatching(/^azurerm_virtual_network\.VNet1_VirtualNetwork_[0-9A-F]{8}$/),
      expect.stringMatching(/^azurerm_virtual_network\.VNet4_VirtualNetwork_[0-9A-F]{8}$/),
      expect.stringMatching(/^azurerm_virtual_network\.VNet5_VirtualNetwork_[0-9A-F]{8}$/),
      expect.stringMatching(/^azurerm_virtual_network\.networkazurerm_VirtualNetwork_[0-9A-F]{8}$/),
      expect.stringMatching(/^azurerm_virtual_network\.networkconstructor_VirtualNetwork_[0-9A-F]{8}$/),
    ]);
  });

  it('a network named with a leading digit or like an id of the stack takes a prefix, so Terraform takes its address', () => {
    const json = synthJson(
      loadTopology(
        seedWith((t) => {
          t.networks.push(
            network(5, { name: '5Net' }),
            network(6, { name: 'Site-Edge' }),
            network(7, { name: 'Edge-id' }),
          );
        }),
      ),
    );
    expect(addresses(json).filter((a) => a.startsWith('azurerm_virtual_network.'))).toEqual([
      'azurerm_virtual_network.VNet1_VirtualNetwork_C7B17EF8',
      'azurerm_virtual_network.VNet4_VirtualNetwork_811A49EB',
      'azurerm_virtual_network.network5Net_VirtualNetwork_4ED71FC9',
      'azurerm_virtual_network.networkEdge-id_VirtualNetwork_46B0DFBA',
      'azurerm_virtual_network.networkSite-Edge_VirtualNetwork_F98B5D85',
    ]);
    expect(Object.keys(json.output ?? {})).toEqual([
      'Edge-id-gateway-public-ips',
      'Site-Edge-gateway-public-ips',
      'VNet1-gateway-public-ips',
      'VNet1-to-VNet4-id',
      'VNet4-gateway-public-ips',
      'VNet4-to-VNet1-id',
      '_5Net-gateway-public-ips_CE387C13',
    ]);
  });

  it("a link's names from the file name its two connections and their outputs; its addresses stay", () => {
    const json = synthJson(loadTopology(seedWith((t) => (t.connections![0].names = ['East-to-West', 'West-to-East']))));
    expect(
      Object.entries(resourcesOf(json, 'azurerm_virtual_network_gateway_connection')).map(([address, c]) => [
        address,
        c.name,
      ]),
    ).toEqual([
      ['Connection-VNet1-VNet4_VNet1-to-VNet4_AE83D595', 'East-to-West'],
      ['Connection-VNet1-VNet4_VNet4-to-VNet1_770477C0', 'West-to-East'],
    ]);
    expect(Object.keys(json.output ?? {})).toEqual([
      'East-to-West-id',
      'VNet1-gateway-public-ips',
      'VNet4-gateway-public-ips',
      'West-to-East-id',
    ]);
  });

  it('a connection to a network without a gateway is refused when the stack is built', () => {
    const topology = loadTopology(seedWith((t) => delete t.networks[1].gateway)).model;
    const app = Testing.app({ context: { [RULES_CHECKED_CONTEXT]: true } });
    expect(() => new TopologyStack(app, 'test', { topology })).toThrow(
      new Error(
        'connections[0]: connection "VNet1-to-VNet4" starts or ends at network "VNet4", which has no gateway; add "gateway" to that network',
      ),
    );
  });

  describe('remote state', () => {
    const backend = (key?: string) => {
      const stack = new TopologyStack(Testing.app({ context: { [RULES_CHECKED_CONTEXT]: true } }), 'vnet1-vnet4', {
        topology: seed.model,
        backend: { resourceGroupName: 'state-rg', storageAccountName: 'statesa', containerName: 'tfstate', key },
      });
      return (JSON.parse(Testing.synth(stack, true)) as { terraform: { backend: unknown } }).terraform.backend;
    };

    it('an azurerm backend with Azure AD auth, its key named after the stack by default', () => {
      expect(backend()).toEqual({
        azurerm: {
          resource_group_name: 'state-rg',
          storage_account_name: 'statesa',
          container_name: 'tfstate',
          key: 'vnet1-vnet4.tfstate',
          use_azuread_auth: true,
        },
      });
    });

    it('the key given', () => {
      expect(backend('vpn/prod.tfstate')).toEqual({
        azurerm: {
          resource_group_name: 'state-rg',
          storage_account_name: 'statesa',
          container_name: 'tfstate',
          key: 'vpn/prod.tfstate',
          use_azuread_auth: true,
        },
      });
    });
  });
});

describe('resource groups, one for each group Azure tells apart', () => {
  it('one group for two spellings of one name; two for names that differ, or for one name in two subscriptions', () => {
    const SUB = '11111111-1111-1111-1111-111111111111';
    const SUB2 = '22222222-2222-2222-2222-222222222222';
    const json = synthJson(
      loadTopology({
        networks: [
          network(1),
          network(2, { resourceGroup: 'testrg1' }),
          // Azure compares names case by case: 'ß' is not 'SS' to it, nor to the rules.
          network(3, { resourceGroup: 'Straße' }),
          network(4, { resourceGroup: 'STRASSE' }),
          network(5, { resourceGroup: 'TestRG1', subscriptionId: SUB }),
          network(6, { resourceGroup: 'TestRG1', subscriptionId: SUB2 }),
        ],
      }),
    );
    expect(
      Object.entries(resourcesOf(json, 'azurerm_resource_group')).map(([address, g]) => [address, g.name, g.provider]),
    ).toEqual([
      [`ResourceGroup-${SUB}-TestRG1`, 'TestRG1', `azurerm.subscription_${SUB.replace(/-/g, '_')}`],
      [`ResourceGroup-${SUB2}-TestRG1`, 'TestRG1', `azurerm.subscription_${SUB2.replace(/-/g, '_')}`],
      ['ResourceGroup-STRASSE', 'STRASSE', undefined],
      ['ResourceGroup-Strae', 'Straße', undefined],
      ['ResourceGroup-TestRG1', 'TestRG1', undefined],
    ]);
    expect(
      Object.values(resourcesOf(json, 'azurerm_virtual_network')).map((n) => [n.name, n.resource_group_name]),
    ).toEqual([
      ['VNet1', ref('azurerm_resource_group.ResourceGroup-TestRG1', 'name')],
      ['VNet2', ref('azurerm_resource_group.ResourceGroup-TestRG1', 'name')],
      ['VNet3', ref('azurerm_resource_group.ResourceGroup-Strae', 'name')],
      ['VNet4', ref('azurerm_resource_group.ResourceGroup-STRASSE', 'name')],
      ['VNet5', ref(`azurerm_resource_group.ResourceGroup-${SUB}-TestRG1`, 'name')],
      ['VNet6', ref(`azurerm_resource_group.ResourceGroup-${SUB2}-TestRG1`, 'name')],
    ]);
  });

  it('two groups that one Terraform address would hold (Test.RG and TestRG) each get an address of their own', () => {
    const json = synthJson(
      loadTopology({
        networks: [
          network(1, { resourceGroup: 'Test.RG' }),
          network(2, { resourceGroup: 'TestRG' }),
          // A group the stack does not create takes no address.
          network(3, { resourceGroup: 'Prod.RG', createResourceGroup: false }),
          network(4, { resourceGroup: 'ProdRG' }),
        ],
      }),
    );
    expect(
      Object.entries(resourcesOf(json, 'azurerm_resource_group')).map(([address, g]) => [address, g.name]),
    ).toEqual([
      ['ResourceGroup-ProdRG', 'ProdRG'],
      ['ResourceGroup-TestRG_3D1B4951', 'TestRG'],
      ['ResourceGroup-TestRG_CA4DA755', 'Test.RG'],
    ]);
    expect(
      Object.values(resourcesOf(json, 'azurerm_virtual_network')).map((n) => [n.name, n.resource_group_name]),
    ).toEqual([
      ['VNet1', ref('azurerm_resource_group.ResourceGroup-TestRG_CA4DA755', 'name')],
      ['VNet2', ref('azurerm_resource_group.ResourceGroup-TestRG_3D1B4951', 'name')],
      ['VNet3', 'Prod.RG'],
      ['VNet4', ref('azurerm_resource_group.ResourceGroup-ProdRG', 'name')],
    ]);
  });
});

describe("a site's local network gateways", () => {
  it('a site with its own group and region has one, shared by its networks; any other site one beside each network', () => {
    const json = synthJson(
      loadTopology(
        seedWith((t) => {
          t.networks.push(network(5));
          t.sites = [
            { name: 'Branch', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.1.0/24'] },
            {
              name: 'Datacenter',
              gatewayAddress: '203.0.113.20',
              addressSpace: ['192.168.2.0/24'],
              resourceGroup: 'TestRG4',
              location: 'westus2',
            },
          ];
          t.connections!.push(
            { from: 'VNet1', toSite: 'Datacenter' },
            { from: 'VNet5', toSite: 'Datacenter' },
            { from: 'VNet5', toSite: 'Branch' },
          );
        }),
      ),
    );
    expect(
      Object.entries(resourcesOf(json, 'azurerm_local_network_gateway')).map(([address, g]) => [
        address,
        g.name,
        g.gateway_address,
        g.resource_group_name,
        g.location,
      ]),
    ).toEqual([
      [
        'Site-Branch-VNet5_LocalNetworkGateway_FA602727',
        'Branch',
        '203.0.113.10',
        '${azurerm_resource_group.ResourceGroup-TestRG5.name}',
        'eastus',
      ],
      [
        'Site-Datacenter_LocalNetworkGateway_777AB2A5',
        'Datacenter',
        '203.0.113.20',
        '${azurerm_resource_group.ResourceGroup-TestRG4.name}',
        'westus2',
      ],
    ]);
    expect(
      Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway_connection'))
        .filter((c) => c.type === 'IPsec')
        .map((c) => [c.name, c.local_network_gateway_id]),
    ).toEqual([
      ['VNet1-to-Datacenter', ref('azurerm_local_network_gateway.Site-Datacenter_LocalNetworkGateway_777AB2A5', 'id')],
      ['VNet5-to-Branch', ref('azurerm_local_network_gateway.Site-Branch-VNet5_LocalNetworkGateway_FA602727', 'id')],
      ['VNet5-to-Datacenter', ref('azurerm_local_network_gateway.Site-Datacenter_LocalNetworkGateway_777AB2A5', 'id')],
    ]);
  });

  it('a resource group without a region, or a region without a group, is dropped: one beside each network', () => {
    // The rules refuse either alone in a file (sitePlacement); the stack's own check sees only the gateways it built.
    const lngs = (extra: { resourceGroup?: string; location?: string }) => {
      const topology = loadTopology(
        seedWith((t) => {
          t.sites = [{ name: 'OnPrem', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'], ...extra }];
          t.connections!.push({ from: 'VNet4', toSite: 'OnPrem' });
        }),
      ).model;
      const stack = new TopologyStack(Testing.app(), 'test', { topology });
      const json = JSON.parse(Testing.synth(stack, true)) as TerraformJson;
      return Object.entries(resourcesOf(json, 'azurerm_local_network_gateway')).map(([address, g]) => [
        address,
        g.resource_group_name,
        g.location,
      ]);
    };
    const besideVNet4 = [
      [
        'Site-OnPrem-VNet4_LocalNetworkGateway_07AF9B5B',
        '${azurerm_resource_group.ResourceGroup-TestRG4.name}',
        'westus2',
      ],
    ];
    expect(lngs({ resourceGroup: 'SitesRG' })).toEqual(besideVNet4);
    expect(lngs({ location: 'eastus' })).toEqual(besideVNet4);
  });
});

describe('ids that two links would share', () => {
  // Names chosen so that joining them with "-" gives one text twice: each such pair takes ids with ":" instead.
  const SUB = '11111111-1111-1111-1111-111111111111';
  const pinned = { resourceGroup: 'SitesRG', location: 'eastus' };

  it('links and local network gateways keep addresses of their own', () => {
    const json = synthJson(
      loadTopology({
        networks: [
          network(1, { name: 'Hub' }),
          network(2, { name: 'Hub-East' }),
          network(3, { name: 'East-West' }),
          network(4, { name: 'West' }),
          network(5, { name: 'Remote', subscriptionId: SUB }),
        ],
        sites: [
          { name: 'Lab', gatewayAddress: '203.0.113.1', addressSpace: ['192.168.1.0/24'] },
          { name: 'Lab-East', gatewayAddress: '203.0.113.2', addressSpace: ['192.168.2.0/24'] },
          { name: 'Depot-West', gatewayAddress: '203.0.113.3', addressSpace: ['192.168.3.0/24'], ...pinned },
          { name: 'Depot', gatewayAddress: '203.0.113.4', addressSpace: ['192.168.4.0/24'] },
          { name: 'Vault', gatewayAddress: '203.0.113.5', addressSpace: ['192.168.5.0/24'], ...pinned },
          { name: `Vault-${SUB}`, gatewayAddress: '203.0.113.6', addressSpace: ['192.168.6.0/24'], ...pinned },
          { name: 'West-Hub-East', gatewayAddress: '203.0.113.7', addressSpace: ['192.168.7.0/24'], ...pinned },
        ],
        connections: [
          // Hub-East-West twice.
          { from: 'Hub-East', to: 'West' },
          { from: 'Hub', to: 'East-West' },
          // Site-Lab-East-West twice: a site beside each network.
          { from: 'East-West', toSite: 'Lab' },
          { from: 'West', toSite: 'Lab-East' },
          // Site-Depot-West twice: a site of its own group and region, and a site beside its network.
          { from: 'Hub', toSite: 'Depot-West' },
          { from: 'West', toSite: 'Depot' },
          // Site-Vault-<subscription> twice: two sites of their own groups, one reached from another subscription.
          { from: 'Remote', toSite: 'Vault' },
          { from: 'Hub', toSite: `Vault-${SUB}` },
          // Site-West-Hub-East once: a link between networks (Hub-East to West) has no local network gateway.
          { from: 'Hub', toSite: 'West-Hub-East' },
        ],
      }),
    );
    expect(
      Object.entries(resourcesOf(json, 'azurerm_local_network_gateway')).map(([address, g]) => [address, g.name]),
    ).toEqual([
      ['Site-West-Hub-East_LocalNetworkGateway_0B7566B4', 'West-Hub-East'],
      ['SiteDepot-West_LocalNetworkGateway_58A1B214', 'Depot-West'],
      ['SiteDepotWest_LocalNetworkGateway_E47EB28B', 'Depot'],
      ['SiteLab-EastWest_LocalNetworkGateway_0FF9CFC8', 'Lab-East'],
      ['SiteLabEast-West_LocalNetworkGateway_10617FB7', 'Lab'],
      [`SiteVault-${SUB}_LocalNetworkGateway_38F66B1A`, `Vault-${SUB}`],
      [`SiteVault${SUB}_LocalNetworkGateway_5C36FE94`, 'Vault'],
    ]);
    expect(
      Object.entries(resourcesOf(json, 'azurerm_virtual_network_gateway_connection'))
        .filter(([, c]) => c.type === 'Vnet2Vnet')
        .map(([address, c]) => [address, c.name]),
    ).toEqual([
      ['Connection-Hub-EastWest_Hub-East-to-West_2F605D2D', 'Hub-East-to-West'],
      ['Connection-Hub-EastWest_West-to-Hub-East_0565895A', 'West-to-Hub-East'],
      ['Connection-HubEast-West_East-West-to-Hub_8ADC79FF', 'East-West-to-Hub'],
      ['Connection-HubEast-West_Hub-to-East-West_698E9EC5', 'Hub-to-East-West'],
    ]);
  });
});

describe('the stack checking itself', () => {
  it("sees the file's hub-and-spoke, by the networks' construct paths", () => {
    const topology = loadTopology(
      seedWith((t) => {
        t.networks.push(network(5));
        t.connections = [];
        t.hubAndSpoke = { hub: 'VNet1', spokes: ['VNet4', 'VNet5'] };
      }),
    );
    const stack = new TopologyStack(Testing.app(), 'hub', { topology: topology.model });
    Testing.synth(stack, true);
    const annotations = stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type.startsWith('@cdktf/')).map((m) => [c.node.path, m.data]));
    expect(annotations).toEqual([
      [
        'hub',
        'warning: hubAndSpoke.bgp: hub-and-spoke around "VNet1": bgp is false, so spokes will not reach each other through the hub (transit needs BGP on every connection of the path); set bgp to true and give every gateway bgp settings, or connect spokes that must talk directly',
      ],
    ]);
  });
});

describe('the resource groups the stack creates, where their first network is', () => {
  /** The seed with VNet4 (westus2) in VNet1's group TestRG1 (eastus): the stack creates TestRG1 in eastus. */
  const sharedAcrossRegions = () => loadTopology(seedWith((t) => (t.networks[1].resourceGroup = 'TestRG1'))).model;
  const errorLines = (stack: TopologyStack) => {
    try {
      Testing.synth(stack, true);
      return [];
    } catch (e) {
      // cdktf lists each failed validation as `[<construct path>] <error>`.
      return (e as Error).message.split('\n').filter((line) => line.startsWith('  ['));
    }
  };

  it.each([
    ['as the file resolves it', sharedAcrossRegions],
    [
      // A model collected from a stack of groups created in code says so; the stack still places its own group.
      'with networks that say the location of their group was chosen',
      () => {
        const model = sharedAcrossRegions();
        return { ...model, networks: model.networks.map((n) => ({ ...n, resourceGroupLocationChosen: true })) };
      },
    ],
  ])('refuses networks in two regions sharing one, from a model %s', (_title, topology) => {
    const stack = new TopologyStack(Testing.app(), 'test', { topology: topology() });
    expect(errorLines(stack)).toEqual([
      '  [test] error: test/VNet4: network "VNet4": resource group "TestRG1" is created in eastus for network "VNet1", but this network is in westus2; a created group has one location: give this network a resource group of its own, or create the group yourself and set createResourceGroup to false for every network in it',
    ]);
  });
});

describe('the stack directory of a synth', () => {
  it('holds only the Terraform of the format last written: cdk.tf.json, or cdk.tf and its metadata.json', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'stack-formats-'));
    const directory = join(outdir, 'stacks', seed.name);
    const synth = (hclOutput: boolean) => {
      const saved = process.env.SYNTH_HCL_OUTPUT;
      process.env.SYNTH_HCL_OUTPUT = String(hclOutput);
      try {
        const app = new App({ hclOutput, outdir, context: { [RULES_CHECKED_CONTEXT]: true } });
        new TopologyStack(app, seed.name, { topology: seed.model });
        app.synth();
      } finally {
        if (saved === undefined) delete process.env.SYNTH_HCL_OUTPUT;
        else process.env.SYNTH_HCL_OUTPUT = saved;
      }
      return readdirSync(directory).sort();
    };
    try {
      // What an earlier `cdktf synth --hcl` left.
      mkdirSync(directory, { recursive: true });
      writeFileSync(join(directory, 'cdk.tf'), '');
      writeFileSync(join(directory, 'metadata.json'), '{}');
      expect(synth(false)).toEqual(['cdk.tf.json', TOPOLOGY_DIAGRAM_FILE]);
      expect(synth(true)).toEqual(['cdk.tf', 'metadata.json', TOPOLOGY_DIAGRAM_FILE]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
