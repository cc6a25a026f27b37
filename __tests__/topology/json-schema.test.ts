import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { topologyJsonSchema } from '../../topology/json-schema';
import { ROOT } from '../support/root';

describe('schema/topology.schema.json', () => {
  const committed = JSON.parse(readFileSync(join(ROOT, 'schema', 'topology.schema.json'), 'utf8'));

  it('is what the zod schema generates (run `npm run schema` after changing topology/schema.ts)', () => {
    expect(committed).toEqual(topologyJsonSchema());
  });

  it('lets editors complete the version 1 fields', () => {
    const network = committed.properties.networks.items;
    expect(Object.keys(network.properties)).toEqual(
      expect.arrayContaining([
        'name',
        'resourceGroup',
        'location',
        'addressSpace',
        'subnets',
        'gatewaySubnetPrefix',
        'gateway',
      ]),
    );
    expect(network.additionalProperties).toBe(false);
    expect(network.properties.gateway.properties.sku.enum).toContain('VpnGw2AZ');
  });
});
