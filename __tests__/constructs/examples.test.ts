import { readdirSync } from 'node:fs';
import { Testing } from 'cdktf';
import { TopologyStack } from '../../constructs';
import { join } from 'node:path';
import { addresses, loadTopology, readTopology, resourcesOf, ROOT, synthJson, synthTopology } from '../support/synth';

const connectionsOf = (json: ReturnType<typeof synthJson>) =>
  Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway_connection'));

describe('topologies/ examples', () => {
  it.each(readdirSync(join(ROOT, 'topologies')).filter((f) => f.endsWith('.json')))(
    '%s matches its snapshot',
    (file) => {
      expect(synthTopology(readTopology(file))).toMatchSnapshot();
    },
  );

  it('mesh.json: 4 networks, 6 pairs, 12 connections, a key per pair', () => {
    const json = synthJson(readTopology('mesh.json'));
    expect(Object.keys(resourcesOf(json, 'azurerm_virtual_network_gateway'))).toHaveLength(4);
    expect(connectionsOf(json)).toHaveLength(12);
    const keys = connectionsOf(json).map((c) => c.shared_key);
    expect(new Set(keys).size).toBe(6);
    expect(Object.keys(resourcesOf(json, 'random_password'))).toHaveLength(6);
  });

  it('hub-and-spoke.json: 3 spokes, 6 connections, BGP on every one, an ASN on every gateway', () => {
    const json = synthJson(readTopology('hub-and-spoke.json'));
    expect(connectionsOf(json)).toHaveLength(6);
    for (const c of connectionsOf(json)) expect(c.enable_bgp).toBe(true);
    const asns = Object.values(resourcesOf(json, 'azurerm_virtual_network_gateway')).map(
      (g) => (g.bgp_settings as { asn: number }).asn,
    );
    expect(asns.sort()).toEqual([65010, 65011, 65012, 65013]);
  });

  it('site-to-site.json: a local network gateway and an IPsec connection keyed by a sensitive variable', () => {
    const json = synthJson(readTopology('site-to-site.json'));
    expect(Object.values(resourcesOf(json, 'azurerm_local_network_gateway'))).toEqual([
      expect.objectContaining({ name: 'OnPrem1', gateway_address: '203.0.113.10', address_space: ['192.168.0.0/16'] }),
    ]);
    expect(connectionsOf(json)).toEqual([
      expect.objectContaining({ type: 'IPsec', shared_key: '${var.onprem1_shared_key}' }),
    ]);
    expect(json.variable?.onprem1_shared_key).toMatchObject({ sensitive: true });
  });

  it("cross-subscription.json: one provider per subscription, every resource on its network's provider", () => {
    const json = synthJson(readTopology('cross-subscription.json'));
    const aliases = Object.fromEntries(
      (json.provider?.azurerm ?? []).filter((p) => p.alias).map((p) => [p.subscription_id, `azurerm.${p.alias}`]),
    );
    expect(Object.keys(aliases).sort()).toEqual([
      '11111111-1111-1111-1111-111111111111',
      '22222222-2222-2222-2222-222222222222',
    ]);
    const [subA, subB] = Object.values(aliases);
    for (const [type, byName] of Object.entries(json.resource)) {
      if (!type.startsWith('azurerm_')) continue;
      for (const [address, body] of Object.entries(byName)) {
        // VNet1's side is in eastus (TestRG1); VNet5's in westeurope (TestRG5). Subnets have only their group.
        const onA = body.location ? body.location === 'eastus' : String(body.resource_group_name).includes('TestRG1');
        expect([address, body.provider]).toEqual([address, onA ? subA : subB]);
      }
    }
    const byName = Object.fromEntries(connectionsOf(json).map((c) => [c.name, c]));
    expect(byName['VNet1-to-VNet5'].provider).toBe(subA);
    expect(byName['VNet5-to-VNet1'].provider).toBe(subB);
  });
});

/** A network with a default gateway on 10.<second>.0.0/16, in a resource group of its own. */
const network = (name: string, second: number) => ({
  name,
  resourceGroup: `${name}RG`,
  location: 'eastus',
  addressSpace: [`10.${second}.0.0/16`],
  gatewaySubnetPrefix: `10.${second}.255.0/27`,
  gateway: {},
});

describe('addresses', () => {
  it('two independent pairs in one stack do not collide', () => {
    const json = synthJson(
      loadTopology({
        networks: [network('A1', 1), network('A2', 2), network('B1', 3), network('B2', 4)],
        connections: [
          { from: 'A1', to: 'A2' },
          { from: 'B1', to: 'B2' },
        ],
      }),
    );
    expect(
      connectionsOf(json)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['A1-to-A2', 'A2-to-A1', 'B1-to-B2', 'B2-to-B1']);
    expect(Object.keys(resourcesOf(json, 'random_password'))).toHaveLength(2);
    expect(new Set(connectionsOf(json).map((c) => c.shared_key)).size).toBe(2);
  });

  it('adding a third network and connection leaves every existing address unchanged', () => {
    const before = addresses(
      synthJson(
        loadTopology({
          networks: [network('VNet1', 1), network('VNet4', 41)],
          connections: [{ from: 'VNet1', to: 'VNet4' }],
        }),
      ),
    );
    const after = addresses(
      synthJson(
        loadTopology({
          networks: [network('VNet7', 7), network('VNet1', 1), network('VNet4', 41)],
          connections: [
            { from: 'VNet7', to: 'VNet1' },
            { from: 'VNet1', to: 'VNet4' },
          ],
        }),
      ),
    );
    expect(after).toEqual(expect.arrayContaining(before));
    expect(after.length).toBeGreaterThan(before.length);
  });

  it('adding a spoke to an existing hub leaves every existing address unchanged', () => {
    const hub = (spokes: string[]) =>
      addresses(
        synthJson(
          loadTopology({
            networks: [network('Hub', 0), ...spokes.map((s, i) => network(s, 11 + i))],
            hubAndSpoke: { hub: 'Hub', spokes },
          }),
        ),
      );
    const before = hub(['Spoke1', 'Spoke2']);
    expect(hub(['Spoke1', 'Spoke2', 'Spoke3'])).toEqual(expect.arrayContaining(before));
  });
});

describe('secrets', () => {
  it.each(readdirSync(join(ROOT, 'topologies')).filter((f) => f.endsWith('.json')))(
    '%s: every shared_key is a reference, never a literal',
    (file) => {
      const json = synthJson(readTopology(file));
      const keys = connectionsOf(json).map((c) => c.shared_key as string);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys)
        expect(key).toMatch(
          /^\$\{(random_password\.[^.]+\.result|var\.[A-Za-z_][\w-]*|data\.azurerm_key_vault_secret\.[^.]+\.value)\}$/,
        );
      const text = synthTopology(readTopology(file));
      expect(text).not.toMatch(/"shared_key": *"[^$]/);
      for (const variable of Object.values(json.variable ?? {})) expect(variable.default).toBeUndefined();
    },
  );
});

describe('the rules over the constructs', () => {
  it.each(readdirSync(join(ROOT, 'topologies')).filter((f) => f.endsWith('.json')))(
    '%s: the stack, checking itself, finds nothing wrong',
    (file) => {
      const topology = readTopology(file);
      const app = Testing.app();
      const stack = new TopologyStack(app, topology.name, { topology: topology.model });
      expect(() => Testing.synth(stack, true)).not.toThrow();
      expect(Annotations(stack)).toEqual([]);
    },
  );

  it('a site that two networks connect to, with a local network gateway beside each, is not a duplicate', () => {
    const topology = loadTopology({
      networks: [network('VNet1', 1), network('VNet2', 2)],
      sites: [{ name: 'OnPrem1', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'] }],
      connections: [
        { from: 'VNet1', toSite: 'OnPrem1' },
        { from: 'VNet2', toSite: 'OnPrem1' },
      ],
    });
    const stack = new TopologyStack(Testing.app(), 'sites', { topology: topology.model });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(Object.values(json.resource.azurerm_local_network_gateway).map((g) => (g as { name: string }).name)).toEqual(
      ['OnPrem1', 'OnPrem1'],
    );
  });
});

function Annotations(stack: TopologyStack): unknown[] {
  return stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type.startsWith('@cdktf/')));
}
