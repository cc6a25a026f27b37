import type { TopologyFileInput } from '../../topology/schema';
import { findingsOf, seedWith } from '../support/topologies';

type Site = NonNullable<TopologyFileInput['sites']>[number];
const withSite = (site: Partial<Site>) =>
  seedWith((t) => {
    t.sites = [{ name: 'OnPrem', gatewayAddress: '203.0.113.10', ...site }];
    t.connections!.push({ from: 'VNet1', toSite: 'OnPrem' });
  });
const errors = (input: TopologyFileInput) => findingsOf(input).filter((f) => f.severity === 'error');

describe('a site routes something, through the topology file', () => {
  it('refuses a site with neither addressSpace nor bgp', () => {
    expect(errors(withSite({}))).toEqual([
      {
        severity: 'error',
        path: 'sites[0].addressSpace',
        message:
          'site "OnPrem": has neither addressSpace nor bgp, so its tunnel would route nothing; list the on-premises prefixes in addressSpace, or give the site bgp settings (asn and peeringAddress)',
      },
    ]);
    expect(errors(withSite({ addressSpace: [] }))).toHaveLength(1);
  });

  it('takes a site with an address space, or with BGP only', () => {
    expect(errors(withSite({ addressSpace: ['192.168.0.0/16'] }))).toEqual([]);
    const bgpOnly = withSite({ bgp: { asn: 65050, peeringAddress: '192.168.255.1' } });
    bgpOnly.networks[0].gateway!.bgp = { asn: 65010 };
    expect(errors(bgpOnly)).toEqual([]);
  });
});

describe("a site's own resource group and region come together, through the topology file", () => {
  it.each([
    [
      { resourceGroup: 'OnPremRG' },
      'sites[0].resourceGroup',
      'resourceGroup is given without location',
      'add location, or remove resourceGroup',
    ],
    [
      { location: 'eastus' },
      'sites[0].location',
      'location is given without resourceGroup',
      'add resourceGroup, or remove location',
    ],
  ])('refuses %j', (placement, path, problem, fix) => {
    expect(errors(withSite({ addressSpace: ['192.168.0.0/16'], ...placement }))).toEqual([
      expect.objectContaining({
        path,
        message: expect.stringMatching(new RegExp(`^site "OnPrem": ${problem};.*; ${fix}$`)) as string,
      }),
    ]);
  });

  it('takes both, or neither', () => {
    expect(
      errors(withSite({ addressSpace: ['192.168.0.0/16'], resourceGroup: 'OnPremRG', location: 'eastus' })),
    ).toEqual([]);
    expect(errors(withSite({ addressSpace: ['192.168.0.0/16'] }))).toEqual([]);
  });
});
