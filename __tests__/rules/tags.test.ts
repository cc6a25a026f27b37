import { LocalSite } from '../../constructs';
import type { TopologyFileInput } from '../../topology/schema';
import { articleNetwork } from '../support/fixtures';
import { loadTopology, resourcesOf, synthJson, synthScope } from '../support/synth';
import { findingsOf, seedWith } from '../support/topologies';

const tagSet = (count: number, prefix = 't') =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, 'v']));
const errors = (input: TopologyFileInput) => findingsOf(input).filter((f) => f.severity === 'error');

describe("Azure's tag limits, through the topology file", () => {
  it('takes 50 tags on a network; 51 in one object are refused as the file is read', () => {
    expect(errors(seedWith((t) => (t.networks[0].tags = tagSet(50))))).toEqual([]);
    expect(() => findingsOf(seedWith((t) => (t.networks[0].tags = tagSet(51))))).toThrow(
      'networks[0].tags: takes at most 50 tags',
    );
  });

  it("counts the topology's tags and the network's own together, a name in both once", () => {
    const split = (own: number) =>
      seedWith((t) => {
        t.tags = tagSet(30, 'common');
        t.networks[0].tags = { ...tagSet(own, 'own'), common0: 'overridden' };
      });
    expect(errors(split(20))).toEqual([]);
    expect(errors(split(21))).toEqual([
      {
        severity: 'error',
        path: 'networks[0].tags',
        message:
          'network "VNet1": 51 tags after merging the topology\'s tags with its own; Azure takes at most 50 on a resource; remove 1',
      },
    ]);
  });

  it('counts the tags of a site', () => {
    const input = seedWith((t) => {
      t.tags = tagSet(50);
      t.sites = [
        { name: 'OnPrem', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'], tags: { x: 'y' } },
      ];
      t.connections!.push({ from: 'VNet1', toSite: 'OnPrem' });
    });
    expect(errors(input)).toContainEqual(expect.objectContaining({ path: 'sites[0].tags' }));
  });

  it('takes a tag name of 512 characters and refuses 513', () => {
    expect(errors(seedWith((t) => (t.networks[0].tags = { ['k'.repeat(512)]: 'v' })))).toEqual([]);
    expect(errors(seedWith((t) => (t.networks[0].tags = { ['k'.repeat(513)]: 'v' })))).toEqual([
      {
        severity: 'error',
        path: `networks[0].tags.${'k'.repeat(513)}`,
        message:
          'network "VNet1": tag name is 513 characters long; Azure takes tag names of 1-512 characters; shorten it',
      },
    ]);
  });

  it('takes a tag value of 256 characters and refuses 257', () => {
    expect(errors(seedWith((t) => (t.tags = { owner: 'v'.repeat(256) })))).toEqual([]);
    expect(errors(seedWith((t) => (t.tags = { owner: 'v'.repeat(257) })))).toEqual([
      {
        severity: 'error',
        path: 'tags.owner',
        message:
          'the topology: the value of tag "owner" is 257 characters long; Azure takes tag values of up to 256 characters; shorten it',
      },
    ]);
  });

  it.each(['<', '>', '%', '&', '\\', '?', '/'])('refuses %s in a tag name', (c) => {
    expect(errors(seedWith((t) => (t.networks[1].tags = { [`cost${c}centre`]: 'v' })))).toEqual([
      {
        severity: 'error',
        path: `networks[1].tags.cost${c}centre`,
        message: `network "VNet4": tag name ${JSON.stringify(`cost${c}centre`)} contains "${c}", which Azure does not take in a tag name (< > % & \\ ? /); remove it`,
      },
    ]);
  });

  it('refuses two characters in one tag name at once', () => {
    expect(errors(seedWith((t) => (t.networks[0].tags = { '<cost>': 'v' })))).toEqual([
      {
        severity: 'error',
        path: 'networks[0].tags.<cost>',
        message:
          'network "VNet1": tag name "<cost>" contains "<", ">", which Azure does not take in a tag name (< > % & \\ ? /); remove them',
      },
    ]);
  });

  it('leaves a tag name with a control character to the one-line rule: one finding, however else it is wrong', () => {
    expect(errors(seedWith((t) => (t.networks[0].tags = { 'cost/\ncentre': 'v' })))).toEqual([
      {
        severity: 'error',
        path: 'networks[0].tags["cost/\\ncentre"]',
        message:
          '"cost/\\ncentre" holds the control character U+000A (newline); names and other values are one line of printable text; remove it',
      },
    ]);
  });

  it('refuses an empty tag name', () => {
    expect(errors(seedWith((t) => (t.tags = { '': 'v' })))).toEqual([
      {
        severity: 'error',
        path: 'tags.',
        message: 'the topology: tag name is empty; Azure takes tag names of 1-512 characters; name the tag',
      },
    ]);
  });

  it("puts the merged tags on the resources, the network's own winning", () => {
    const json = synthJson(
      loadTopology(
        seedWith((t) => {
          t.tags = { env: 'prod', owner: 'net' };
          t.networks[0].tags = { env: 'test' };
        }),
      ),
    );
    const vnet = Object.values(resourcesOf(json, 'azurerm_virtual_network')).find((v) => v.name === 'VNet1');
    expect(vnet?.tags).toEqual({ env: 'test', owner: 'net' });
  });
});

describe('tag limits from code', () => {
  it('checks the tags of a network and of a site built with the constructs', () => {
    expect(() =>
      synthScope((scope) => {
        articleNetwork(scope, 'VNet1', 1, { tags: tagSet(51) });
        new LocalSite(scope, 'OnPrem', {
          location: 'eastus',
          resourceGroupName: 'rg',
          gatewayAddress: '203.0.113.10',
          addressSpace: ['192.168.0.0/16'],
          tags: { 'a?b': 'c' },
        });
      }),
    ).toThrow(/network "VNet1": 51 tags; Azure takes at most 50[\s\S]*site "OnPrem": tag name "a\?b" contains "\?"/);
  });
});
