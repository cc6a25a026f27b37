import { parseTopology, TopologyFileError } from '../../topology/load';
import { findingsOfWhatParses } from '../../topology/partial';
import type { TopologyFileInput } from '../../topology/schema';
import type { Finding } from '../../rules';
import { network, seedWith } from '../support/topologies';

/** Every finding a file of the wrong shape reports. */
function findingsOfBadFile(input: unknown): readonly Finding[] {
  try {
    parseTopology(JSON.stringify(input), 'test');
  } catch (e) {
    if (e instanceof TopologyFileError) return e.findings;
    throw e;
  }
  throw new Error('the file parsed');
}

const badSku = (t: TopologyFileInput) => ((t.networks[0].gateway as { sku: string }).sku = 'VpnGw9');
const skuFinding: Finding = {
  severity: 'error',
  path: 'networks[0].gateway.sku',
  message:
    '"VpnGw9" is not a VPN gateway SKU; use one of Basic, VpnGw1, VpnGw2, VpnGw3, VpnGw4, VpnGw5, VpnGw1AZ, VpnGw2AZ, VpnGw3AZ, VpnGw4AZ, VpnGw5AZ',
};
/** The seed with VNet1 (networks[0]) of the wrong shape, and VNet2 and VNet3 after VNet4. */
const vnet1LeftOut = (t: TopologyFileInput) => {
  badSku(t);
  t.networks.push(network(2), network(3));
};

describe('one run lists every mistake, across shape and rules', () => {
  it('an unknown SKU in one network does not hide a /33 prefix in another', () => {
    const findings = findingsOfBadFile(
      seedWith((t) => {
        badSku(t);
        t.networks[1].addressSpace = ['10.41.0.0/33'];
      }),
    );
    expect(findings.map((f) => f.path)).toEqual(['networks[0].gateway.sku', 'networks[1].addressSpace[0]']);
    expect(findings[1].message).toBe(
      'network "VNet4": address space "10.41.0.0/33" is not an IPv4 prefix in CIDR notation; write it as a.b.c.d/n, e.g. 10.1.0.0/16',
    );
  });

  it('points at items as written in the file when one before them is left out', () => {
    const findings = findingsOfBadFile(
      seedWith((t) => {
        t.networks.unshift({
          name: 'Broken',
          resourceGroup: 'RG',
          location: 'eastus',
          addressSpace: 'not a list',
        } as never);
        t.sites = [
          { name: 'Bad', gatewayAddress: '203.0.113.1', addressSpace: ['192.168.0.0/16'], extra: 1 } as never,
          { name: 'OnPrem', gatewayAddress: '999.1.2.3', addressSpace: ['192.168.0.0/16'] },
        ];
        t.connections!.push({ from: 'VNet1', toSite: 'OnPrem' });
      }),
    );
    expect(findings).toContainEqual(expect.objectContaining({ path: 'networks[0].addressSpace', severity: 'error' }));
    expect(findings).toContainEqual(expect.objectContaining({ path: 'sites[0]', severity: 'error' }));
    expect(findings).toContainEqual(
      expect.objectContaining({
        path: 'sites[1].gatewayAddress',
        message: expect.stringContaining('gatewayAddress "999.1.2.3" is not an IPv4 address') as string,
      }),
    );
  });

  it('leaves out what names an item of the wrong shape, so that no finding is about what is not there', () => {
    const findings = findingsOfBadFile(
      seedWith((t) => {
        badSku(t);
        t.mesh = ['VNet1', 'VNet4'];
      }),
    );
    // Without VNet1, the connection and the mesh would report an unknown network; they are left out instead.
    expect(findings.map((f) => f.path)).toEqual(['networks[0].gateway.sku']);
  });

  it('reports rule findings of the top level too: a tag name Azure refuses beside an unknown key', () => {
    const findings = findingsOfBadFile({ ...seedWith((t) => (t.tags = { 'a/b': 'c' })), colour: 'blue' });
    expect(findings.map((f) => f.path)).toEqual(['(top level)', 'tags.a/b']);
  });

  it('reports the shape alone when nothing has the right shape', () => {
    expect(findingsOfBadFile({ networks: 'none' }).map((f) => f.path)).toEqual(['networks']);
    expect(findingsOfBadFile([1, 2]).map((f) => f.path)).toEqual(['(top level)']);
  });
});

describe('what is checked of a file with shape errors', () => {
  it('a top-level value of the wrong shape is left out, and the rest checked', () => {
    const findings = findingsOfBadFile(
      seedWith((t) => {
        t.mesh = 'VNet1' as never;
        t.networks[1].addressSpace = ['10.41.0.0/33'];
      }),
    );
    expect(findings).toEqual([
      {
        severity: 'error',
        path: 'mesh',
        message:
          'a mesh is a list of at least two network names, or {"networks": [...], "protocol", "enableBgp", "sharedKey"}',
      },
      {
        severity: 'error',
        path: 'networks[1].addressSpace[0]',
        message:
          'network "VNet4": address space "10.41.0.0/33" is not an IPv4 prefix in CIDR notation; write it as a.b.c.d/n, e.g. 10.1.0.0/16',
      },
    ]);
  });

  it('a connection between networks that are kept is checked, at its place in the file', () => {
    // connections[0] joins VNet1, which is left out: the one checked first is connections[1] of the file.
    const findings = findingsOfBadFile(
      seedWith((t) => {
        vnet1LeftOut(t);
        t.connections!.push({ from: 'VNet2', to: 'VNet3' }, { from: 'VNet3', to: 'VNet2' });
      }),
    );
    expect(findings).toEqual([
      skuFinding,
      {
        severity: 'error',
        path: 'connections[2].names[0]',
        message:
          'connection "VNet3-to-VNet2" (connections[2]): connection name "VNet3-to-VNet2" is used also by connection "VNet2-to-VNet3" (connections[1]) in resource group "TestRG3"; give each connection a name of its own',
      },
      {
        severity: 'error',
        path: 'connections[2].names[1]',
        message:
          'connection "VNet3-to-VNet2" (connections[2]): connection name "VNet2-to-VNet3" is used also by connection "VNet2-to-VNet3" (connections[1]) in resource group "TestRG2"; give each connection a name of its own',
      },
      {
        severity: 'error',
        path: 'connections[2]',
        message:
          'connection "VNet3-to-VNet2": joins VNet3 and VNet2, which connections[1] already joins; declare each pair once (bidirectional: true creates both directions)',
      },
    ]);
  });

  it.each<[string, (t: TopologyFileInput) => void, string]>([
    ['a mesh', (t) => (t.mesh = ['VNet3', 'VNet2']), 'mesh'],
    ['a hub and spoke', (t) => (t.hubAndSpoke = { hub: 'VNet3', spokes: ['VNet2'] }), 'hubAndSpoke.spokes[0]'],
  ])('%s of networks that are kept is checked', (_, group, path) => {
    const findings = findingsOfBadFile(
      seedWith((t) => {
        vnet1LeftOut(t);
        t.connections!.push({ from: 'VNet2', to: 'VNet3' });
        group(t);
      }),
    );
    // The pair VNet2-VNet3 is declared twice: by connections[1] and by the group.
    expect(findings.map((f) => f.path)).toEqual([
      'networks[0].gateway.sku',
      `${path}.names[0]`,
      `${path}.names[1]`,
      path,
    ]);
    expect(findings[3].message).toMatch(/, which connections\[1\] already joins; declare each pair once/);
  });

  it.each<[string, (t: TopologyFileInput) => void]>([
    ['a mesh object that lists it', (t) => (t.mesh = { networks: ['VNet2', 'VNet1'] })],
    ['a hub and spoke with it as the hub', (t) => (t.hubAndSpoke = { hub: 'VNet1', spokes: ['VNet2'] })],
    ['a hub and spoke with it as a spoke', (t) => (t.hubAndSpoke = { hub: 'VNet2', spokes: ['VNet3', 'VNet1'] })],
  ])('with VNet1 left out, %s is left out too', (_, group) => {
    expect(findingsOfBadFile(seedWith((t) => (vnet1LeftOut(t), group(t))))).toEqual([skuFinding]);
  });

  it('with a site left out, a connection to it is left out too', () => {
    const findings = findingsOfBadFile(
      seedWith((t) => {
        t.sites = [{ name: 'OnPrem', gatewayAddress: '203.0.113.1', addressSpace: 'none' } as never];
        t.connections!.push({ from: 'VNet1', toSite: 'OnPrem' });
      }),
    );
    expect(findings).toEqual([
      { severity: 'error', path: 'sites[0].addressSpace', message: 'expected a list, got string "none"' },
    ]);
  });

  it('points at the tenth item and beyond as written in the file', () => {
    const findings = findingsOfBadFile(
      seedWith((t) => {
        badSku(t);
        t.connections = [];
        for (const n of [2, 3, 5, 6, 7, 8, 9, 10, 11, 12]) t.networks.push(network(n));
        t.networks[11].addressSpace = ['10.12.0.0/33'];
      }),
    );
    expect(findings).toEqual([
      skuFinding,
      {
        severity: 'error',
        path: 'networks[11].addressSpace[0]',
        message:
          'network "VNet12": address space "10.12.0.0/33" is not an IPv4 prefix in CIDR notation; write it as a.b.c.d/n, e.g. 10.1.0.0/16',
      },
    ]);
  });

  it.each(['sites[0]', 'sites[7]'])('quotes a name that reads like a path, %s, as written', (name) => {
    const findings = findingsOfBadFile(
      seedWith((t) => {
        t.sites = [
          { name: 'Bad', gatewayAddress: '203.0.113.1', addressSpace: ['192.168.0.0/16'], extra: 1 } as never,
          { name, gatewayAddress: '999.1.2.3', addressSpace: ['192.168.0.0/16'] },
        ];
      }),
    );
    // sites[1] of the file is sites[0] of the part checked: the path moves, the name does not.
    expect(findings.slice(1)).toEqual([
      {
        severity: 'error',
        path: 'sites[1].name',
        message: `site "${name}": local network gateway name "${name}" contains "[", "]", but Azure takes only letters, digits, underscores, periods and hyphens (Microsoft.Network/localNetworkGateways); remove or replace them`,
      },
      {
        severity: 'error',
        path: 'sites[1].gatewayAddress',
        message: `site "${name}": gatewayAddress "999.1.2.3" is not an IPv4 address (four decimal numbers 0-255 without leading zeros); write the public IPv4 address of the on-premises VPN device, e.g. 203.0.113.10, or give gatewayFqdn instead`,
      },
    ]);
  });

  it('adds nothing for a file without shape errors: the ordinary run checks it', () => {
    const withRuleFinding = seedWith((t) => (t.networks[1].addressSpace = ['10.41.0.0/33']));
    expect(findingsOfWhatParses(withRuleFinding, [])).toEqual([]);
  });
});
