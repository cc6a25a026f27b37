import { TerraformVariable } from 'cdktf';
import { canonicalLocation } from '../../azure/regions';
import { LocalSite, Topology } from '../../constructs';
import { articleNetwork } from '../support/fixtures';
import { loadTopology, synthScope, TerraformJson } from '../support/synth';
import { seedInput } from '../support/topologies';

/** The `location` of every resource that has one, by address. */
const locationsOf = (json: TerraformJson): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(json.resource).flatMap(([type, byName]) =>
      Object.entries(byName)
        .filter(([, body]) => 'location' in body)
        .map(([name, body]) => [`${type}.${name}`, body.location]),
    ),
  );

describe('canonicalLocation', () => {
  it.each([
    ['East US', 'eastus'],
    ['eastus', 'eastus'],
    ['EastUS', 'eastus'],
    [' West  Europe ', 'westeurope'],
    ['Australia Central 2', 'australiacentral2'],
  ])('%j becomes %j', (written, canonical) => {
    expect(canonicalLocation(written)).toBe(canonical);
  });

  it('a region known only at apply time stays the reference it is, in every resource that has a location', () => {
    const json = synthScope((scope) => {
      const region = new TerraformVariable(scope, 'Region', { type: 'string' }).stringValue;
      const gateway = articleNetwork(scope, 'VNet1', 1, {
        location: region,
        resourceGroupName: undefined,
      }).addVpnGateway();
      const site = new LocalSite(scope, 'OnPrem1', {
        location: region,
        resourceGroupName: 'VNet1-rg',
        gatewayAddress: '203.0.113.10',
        addressSpace: ['192.168.0.0/16'],
      });
      gateway.connectToSite(site);
      const seed = loadTopology(seedInput()).model;
      const topology = { ...seed, networks: seed.networks.map((n) => ({ ...n, location: region })) };
      new Topology(scope, 'FromModel', { topology });
    });
    // Network, gateway, site and connection from code; the seed's two networks, gateways and connections by model.
    const locations = Object.values(locationsOf(json));
    expect(locations).toHaveLength(19);
    expect(new Set(locations)).toEqual(new Set(['${var.Region}']));
  });
});
