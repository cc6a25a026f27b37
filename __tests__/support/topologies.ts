import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTopology, Finding } from '../../rules';
import { parseTopology, TopologyFileError } from '../../topology/load';
import type { TopologyFileInput } from '../../topology/schema';
import { ROOT } from './root';

/** The seed topology file as JSON, a fresh copy each call. */
export function seedInput(): TopologyFileInput {
  return JSON.parse(readFileSync(join(ROOT, 'topologies', 'vnet1-vnet4.json'), 'utf8')) as TopologyFileInput;
}

/** The seed, changed by `mutate`: what a user would write. */
export function seedWith(mutate: (topology: TopologyFileInput) => void): TopologyFileInput {
  const input = seedInput();
  mutate(input);
  return input;
}

/** Findings of a topology file: parsed, resolved, checked. */
export function findingsOf(input: TopologyFileInput): Finding[] {
  return checkTopology(parseTopology(JSON.stringify(input), 'test').model);
}

export type NetworkInput = TopologyFileInput['networks'][number];

/** The message lines of parsing a file that is refused as it is read (its shape), or [] when it parses. */
export function shapeErrors(input: TopologyFileInput): string[] {
  try {
    parseTopology(JSON.stringify(input), 'test');
    return [];
  } catch (e) {
    if (!(e instanceof TopologyFileError)) throw e;
    return e.message.split('\n');
  }
}

/** A network in the seed's style: `VNet<n>` on 10.<n>.0.0/16 with a default gateway. */
export function network(n: number, extra: Partial<NetworkInput> = {}): NetworkInput {
  return {
    name: `VNet${n}`,
    resourceGroup: `TestRG${n}`,
    location: 'eastus',
    addressSpace: [`10.${n}.0.0/16`],
    gatewaySubnetPrefix: `10.${n}.255.0/27`,
    gateway: {},
    ...extra,
  };
}
