import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
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
} from '../support/synth';

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
