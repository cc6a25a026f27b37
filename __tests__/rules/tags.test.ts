import { TerraformStack, Testing } from 'cdktf';
import { collectTopology, LocalSite, Topology } from '../../constructs';
import { checkTopology } from '../../rules';
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

const ONE_TAG =
  'Azure compares tag names without case and keeps one of them, so Terraform would plan to change the tags on every run; keep one spelling';
const clash = (path: string, owner: string, a: string, b: string) => ({
  severity: 'error',
  path,
  message: `${owner}: tag names "${a}" and "${b}" differ only in case; ${ONE_TAG}`,
});
const mergedClash = (path: string, owner: string, own: string, common: string) => ({
  severity: 'error',
  path,
  message: `${owner}: tag "${own}" and the topology's tag "${common}" differ only in case, and the stack puts both on its resources; ${ONE_TAG}`,
});

describe('tag names that differ only in case, through the topology file', () => {
  it.each([
    ['Env, env', { Env: 'a', env: 'b' }, 'Env', 'env'],
    ['env, Env', { env: 'a', Env: 'b' }, 'env', 'Env'],
  ])("refuses the topology's tags %s, at the second", (_title, tags, first, second) => {
    expect(errors(seedWith((t) => (t.tags = tags)))).toEqual([clash(`tags.${second}`, 'the topology', first, second)]);
  });

  it("refuses a network's own tags Env and ENV", () => {
    expect(errors(seedWith((t) => (t.networks[1].tags = { Env: 'a', ENV: 'b' })))).toEqual([
      clash('networks[1].tags.ENV', 'network "VNet4"', 'Env', 'ENV'),
    ]);
  });

  it.each([
    ['Env in the topology, env on the network', 'Env', 'env'],
    ['env in the topology, Env on the network', 'env', 'Env'],
  ])('refuses %s, which the stack merges into one set, at the network', (_title, common, own) => {
    expect(
      errors(
        seedWith((t) => {
          t.tags = { [common]: 'a' };
          t.networks[0].tags = { [own]: 'b' };
        }),
      ),
    ).toEqual([mergedClash(`networks[0].tags.${own}`, 'network "VNet1"', own, common)]);
  });

  it("refuses a site's own tag against the topology's", () => {
    const input = seedWith((t) => {
      t.tags = { Env: 'a' };
      t.sites = [
        { name: 'OnPrem', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'], tags: { ENV: 'b' } },
      ];
      t.connections!.push({ from: 'VNet1', toSite: 'OnPrem' });
    });
    expect(errors(input)).toEqual([mergedClash('sites[0].tags.ENV', 'site "OnPrem"', 'ENV', 'Env')]);
  });

  it("reports a clash in the topology's tags once, not again at each network", () => {
    const input = seedWith((t) => {
      t.tags = { Env: 'a', env: 'b' };
      t.networks[0].tags = { owner: 'net' };
    });
    expect(errors(input)).toEqual([clash('tags.env', 'the topology', 'Env', 'env')]);
  });

  it("reports a network's own Env and env once, over the topology's Env", () => {
    const input = seedWith((t) => {
      t.tags = { Env: 'a' };
      t.networks[0].tags = { Env: 'b', env: 'c' };
    });
    expect(errors(input)).toEqual([clash('networks[0].tags.env', 'network "VNet1"', 'Env', 'env')]);
  });

  it.each([
    ['Env and Environment, names of their own', { Env: 'a' }, { Environment: 'b' }],
    ['Env and Environment in one set', { Env: 'a', Environment: 'b' }, { owner: 'c' }],
    ["one name, written alike in the topology's and the network's", { Env: 'a' }, { Env: 'b' }],
    ["a network that overrides the topology's Env", { Env: 'a' }, { Env: 'b', owner: 'c' }],
  ])('takes %s', (_title, common, own) => {
    expect(
      errors(
        seedWith((t) => {
          t.tags = common;
          t.networks[0].tags = own;
        }),
      ),
    ).toEqual([]);
  });
});

describe('tag names that differ only in case, from code', () => {
  const findingsOfStack = (build: (stack: TerraformStack) => void) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    build(stack);
    return checkTopology(collectTopology(stack)).filter((f) => f.severity === 'error');
  };

  it.each([
    ['Env, env', { Env: 'a', env: 'b' }, 'Env', 'env'],
    ['env, Env', { env: 'a', Env: 'b' }, 'env', 'Env'],
  ])("refuses a network's tags %s", (_title, tags, first, second) => {
    expect(findingsOfStack((stack) => articleNetwork(stack, 'VNet1', 1, { tags }))).toEqual([
      clash('test/VNet1', 'network "VNet1"', first, second),
    ]);
  });

  it("refuses the tags of a Topology and a network's own, which it merges", () => {
    const { model } = loadTopology(seedWith((t) => (t.networks[0].tags = { env: 'b' })));
    expect(findingsOfStack((stack) => new Topology(stack, 'Net', { topology: model, tags: { Env: 'a' } }))).toEqual([
      clash('test/Net/VNet1', 'network "VNet1"', 'Env', 'env'),
    ]);
  });

  it('takes Env and Environment', () => {
    expect(
      findingsOfStack((stack) => articleNetwork(stack, 'VNet1', 1, { tags: { Env: 'a', Environment: 'b' } })),
    ).toEqual([]);
  });

  it('fails the synth of the stack that holds them', () => {
    expect(() => synthScope((scope) => articleNetwork(scope, 'VNet1', 1, { tags: { Env: 'a', env: 'b' } }))).toThrow(
      `error: test/VNet1: network "VNet1": tag names "Env" and "env" differ only in case; ${ONE_TAG}`,
    );
  });
});
