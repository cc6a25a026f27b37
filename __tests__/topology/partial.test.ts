import { parseTopology, TopologyFileError } from '../../topology/load';
import type { TopologyFileInput } from '../../topology/schema';
import type { Finding } from '../../rules';
import { seedWith } from '../support/topologies';

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
