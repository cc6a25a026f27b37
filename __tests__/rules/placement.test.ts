import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { collectTopology, Topology, VpnGateway, VpnGatewayAttributes } from '../../constructs';
import { checkTopology } from '../../rules';
import { articleGateway, articleNetwork } from '../support/fixtures';
import { loadTopology, synthScope } from '../support/synth';
import { findingsOf, seedInput, seedWith } from '../support/topologies';

const SUB = '0d5c7d6e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
const OTHER = '11111111-2222-3333-4444-555555555555';
const HUB_ID = `/subscriptions/${SUB}/resourceGroups/HubRG/providers/Microsoft.Network/virtualNetworkGateways/HubGW`;
const GATEWAY_ID_FORM =
  '/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworkGateways/<name> (segments in that case)';

/** Findings of a stack whose VNet1 connects to a gateway that exists already (HubGW in HubRG, westus2). */
function withExistingGateway(attrs: Partial<VpnGatewayAttributes>) {
  const stack = new TerraformStack(Testing.app(), 'test');
  const hub = VpnGateway.fromGatewayAttributes(stack, 'Hub', {
    gatewayId: HUB_ID,
    name: 'HubGW',
    resourceGroupName: 'HubRG',
    location: 'westus2',
    ...attrs,
  });
  articleGateway(stack, 'VNet1', 1).connectTo(hub);
  return checkTopology(collectTopology(stack));
}

const at = (message: string, severity = 'error') => ({ severity, path: 'test/Hub', message });

describe('an existing gateway, from code', () => {
  it('takes a gateway whose id agrees with its subscription, group and name', () => {
    expect(withExistingGateway({ subscriptionId: SUB })).toEqual([]);
  });

  it('reads the subscription from the id when subscriptionId is left out', () => {
    expect(withExistingGateway({})).toEqual([]);
  });

  it('compares the id with the attributes without case, as Azure does', () => {
    expect(
      withExistingGateway({ subscriptionId: SUB.toUpperCase(), resourceGroupName: 'hubrg', name: 'HUBGW' }),
    ).toEqual([]);
    expect(
      withExistingGateway({
        gatewayId: HUB_ID.replace('HubRG', 'HUBRG').replace(/HubGW$/, 'hubgw'),
        resourceGroupName: 'HubRG',
        name: 'HubGW',
      }),
    ).toEqual([]);
  });

  it("warns of a location that is not a known region, by the gateway's name", () => {
    expect(withExistingGateway({ location: 'westus22' })).toEqual([
      at(
        'existing gateway "HubGW": location "westus22" is not a known Azure public-cloud region; did you mean "westus2"?',
        'warning',
      ),
    ]);
  });

  it("refuses a subscriptionId that is not a GUID, once, by the gateway's name", () => {
    expect(withExistingGateway({ gatewayId: HUB_ID.replace(SUB, 'my-sub'), subscriptionId: 'my-sub' })).toEqual([
      at(
        'existing gateway "HubGW": subscriptionId "my-sub" is not a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000); copy it from `az account show --query id`',
      ),
    ]);
  });

  it.each([
    [
      'a subscription other than subscriptionId',
      { subscriptionId: OTHER },
      `existing gateway "HubGW": gatewayId names subscription "${SUB}" but subscriptionId is "${OTHER}"; make them the same, or leave subscriptionId out (it is read from gatewayId)`,
    ],
    [
      'a subscription that is not a GUID, without subscriptionId',
      { gatewayId: HUB_ID.replace(SUB, 'my-sub') },
      'existing gateway "HubGW": gatewayId names subscription "my-sub", which is not a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000); copy the id from `az network vnet-gateway show --query id`',
    ],
    [
      'another resource group',
      { resourceGroupName: 'SpokeRG' },
      'existing gateway "HubGW": gatewayId names resource group "HubRG" but resourceGroupName is "SpokeRG"; make them the same',
    ],
    [
      'another gateway name',
      { name: 'HubGW2' },
      'existing gateway "HubGW2": gatewayId names gateway "HubGW" but name is "HubGW2"; make them the same',
    ],
    [
      'a form the provider refuses (resourcegroups in lower case)',
      { gatewayId: HUB_ID.replace('resourceGroups', 'resourcegroups') },
      `existing gateway "HubGW": gatewayId "${HUB_ID.replace('resourceGroups', 'resourcegroups')}" is not a VPN gateway's resource id; write it as ${GATEWAY_ID_FORM}, as \`az network vnet-gateway show --query id\` prints it`,
    ],
  ])('refuses a gatewayId that names %s', (_title, attrs, message) => {
    expect(withExistingGateway(attrs)).toEqual([at(message)]);
  });

  it('says each way the id disagrees with the attributes', () => {
    expect(withExistingGateway({ subscriptionId: OTHER, resourceGroupName: 'SpokeRG', name: 'HubGW2' })).toEqual([
      at(
        `existing gateway "HubGW2": gatewayId names subscription "${SUB}" but subscriptionId is "${OTHER}"; make them the same, or leave subscriptionId out (it is read from gatewayId)`,
      ),
      at(
        'existing gateway "HubGW2": gatewayId names resource group "HubRG" but resourceGroupName is "SpokeRG"; make them the same',
      ),
      at('existing gateway "HubGW2": gatewayId names gateway "HubGW" but name is "HubGW2"; make them the same'),
    ]);
  });
});

const MESSAGE =
  'network "VNet4": resource group "TestRG1" is created in eastus for network "VNet1", but this network is in westus2; a created group has one location: give this network a resource group of its own, or create the group yourself and set createResourceGroup to false for every network in it';

/** The seed with VNet4 (westus2) in VNet1's group TestRG1 (eastus), which the stack creates where VNet1 is. */
const sharedAcrossRegions = () => seedWith((t) => (t.networks[1].resourceGroup = 'TestRG1'));

describe('the location of a created resource group, in a topology file', () => {
  it('refuses networks in two regions sharing one, at the field of the network that is not where the group is', () => {
    expect(findingsOf(sharedAcrossRegions())).toEqual([
      { severity: 'error', path: 'networks[1].resourceGroup', message: MESSAGE },
    ]);
  });

  it('takes them in a model that says the location of the group was chosen, which only code can say', () => {
    const { model } = loadTopology(sharedAcrossRegions());
    const chosen = { ...model, networks: model.networks.map((n) => ({ ...n, resourceGroupLocationChosen: true })) };
    expect(checkTopology(chosen)).toEqual([]);
  });
});

describe('the location of a created resource group, from code', () => {
  /** The seed's VNet1, in `first`, and VNet4 in TestRG1, which a Topology creates where VNet1 is. */
  const sharing = (first: (stack: TerraformStack) => string) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const { model } = loadTopology(sharedAcrossRegions());
    const networks = model.networks.map((n, i) => (i === 0 ? { ...n, location: first(stack) } : n));
    new Topology(stack, 'Net', { topology: { ...model, networks } });
    return checkTopology(collectTopology(stack));
  };

  it('refuses networks in two regions in a group the topology creates', () => {
    expect(sharing(() => 'eastus')).toEqual([{ severity: 'error', path: 'test/Net/VNet4', message: MESSAGE }]);
  });

  it("refuses nothing when the first network's location is known only at apply time", () => {
    // Its gateway's zones get a warning of their own (rules/gateway.ts).
    const findings = sharing((stack) => new TerraformVariable(stack, 'location', { type: 'string' }).stringValue);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('takes networks in two regions in a group created in code with a location of its own', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const group = new ResourceGroup(stack, 'Shared', { name: 'SharedRG', location: 'westus2' });
    articleNetwork(stack, 'VNet1', 1, { resourceGroup: group });
    articleNetwork(stack, 'VNet2', 2, { resourceGroup: group, location: 'westus2' });
    expect(checkTopology(collectTopology(stack))).toEqual([]);
  });
});

/** The message for a group created by `creator` for network `name`, and also by `firstCreator` for VNet1. */
const twiceMessage = (name: string, group: string, creator: string, firstCreator: string, spelled = '') =>
  `network "${name}": resource group "${group}" is created by ${creator} and also${spelled} by ${firstCreator} for network "VNet1"; a subscription holds one group of a name, compared without case, and azurerm refuses to create one that exists, so the apply fails; pass network "VNet1"'s resourceGroup to this network, so that one construct creates the group, or give this network a group of another name`;

describe('one creator of a resource group, from code', () => {
  /** Findings of a stack that `build` fills. */
  const findingsOfStack = (build: (stack: TerraformStack) => void) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    build(stack);
    return checkTopology(collectTopology(stack));
  };
  const errorsOfStack = (build: (stack: TerraformStack) => void) =>
    findingsOfStack(build).filter((f) => f.severity === 'error');
  /** An aliased azurerm provider, for a subscription when given one. */
  const aliased = (stack: TerraformStack, alias: string, subscriptionId?: string) =>
    new AzurermProvider(stack, alias, { alias, subscriptionId, features: [{}] });
  const shared = (stack: TerraformStack, id = 'Shared', name = 'Shared') =>
    new ResourceGroup(stack, id, { name, location: 'eastus' });

  it('refuses two networks that each create their group, written Shared and shared, at the second', () => {
    expect(
      findingsOfStack((stack) => {
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared' });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'shared' });
      }),
    ).toEqual([
      {
        severity: 'warning',
        path: 'test/VNet2',
        message:
          'network "VNet2": resource group "shared" is written "Shared" by network "VNet1"; Azure compares them without case, so they are one; write it one way',
      },
      {
        severity: 'error',
        path: 'test/VNet2',
        message: twiceMessage(
          'VNet2',
          'shared',
          'test/VNet2/ResourceGroup',
          'test/VNet1/ResourceGroup',
          ', as "Shared",',
        ),
      },
    ]);
  });

  it('fails the synth of the stack that holds them', () => {
    expect(() =>
      synthScope((stack) => {
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared' });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'Shared' });
      }),
    ).toThrow(
      `error: test/VNet2: ${twiceMessage('VNet2', 'Shared', 'test/VNet2/ResourceGroup', 'test/VNet1/ResourceGroup')}`,
    );
  });

  it.each([
    [
      'a ResourceGroup passed to one network, and a group of its name that another network creates',
      (stack: TerraformStack) => {
        articleNetwork(stack, 'VNet1', 1, { resourceGroup: shared(stack) });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'Shared' });
      },
      twiceMessage('VNet2', 'Shared', 'test/VNet2/ResourceGroup', 'test/Shared'),
    ],
    [
      'a network that creates its group, and a ResourceGroup of its name passed to another',
      (stack: TerraformStack) => {
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared' });
        articleNetwork(stack, 'VNet2', 2, { resourceGroup: shared(stack) });
      },
      twiceMessage('VNet2', 'Shared', 'test/Shared', 'test/VNet1/ResourceGroup'),
    ],
    [
      'two ResourceGroups of one name, each passed to a network',
      (stack: TerraformStack) => {
        articleNetwork(stack, 'VNet1', 1, { resourceGroup: shared(stack, 'One') });
        articleNetwork(stack, 'VNet2', 2, { resourceGroup: shared(stack, 'Two', 'SHARED') });
      },
      twiceMessage('VNet2', 'SHARED', 'test/Two', 'test/One', ', as "Shared",'),
    ],
    [
      'two networks with one aliased provider and no subscription ids',
      (stack: TerraformStack) => {
        const provider = aliased(stack, 'other');
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared', provider });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'Shared', provider });
      },
      twiceMessage('VNet2', 'Shared', 'test/VNet2/ResourceGroup', 'test/VNet1/ResourceGroup'),
    ],
    [
      'a network with a subscription id and one without, with one provider',
      (stack: TerraformStack) => {
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared' });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'Shared', subscriptionId: SUB });
      },
      twiceMessage('VNet2', 'Shared', 'test/VNet2/ResourceGroup', 'test/VNet1/ResourceGroup'),
    ],
    [
      'a network with a subscription id, and after it one without, with one provider',
      (stack: TerraformStack) => {
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared', subscriptionId: SUB });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'Shared' });
      },
      twiceMessage('VNet2', 'Shared', 'test/VNet2/ResourceGroup', 'test/VNet1/ResourceGroup'),
    ],
    [
      'two networks that give one subscription id, in two cases, with a provider each',
      (stack: TerraformStack) => {
        const [one, two] = [aliased(stack, 'one', SUB), aliased(stack, 'two', SUB.toUpperCase())];
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared', subscriptionId: SUB, provider: one });
        articleNetwork(stack, 'VNet2', 2, {
          resourceGroupName: 'Shared',
          subscriptionId: SUB.toUpperCase(),
          provider: two,
        });
      },
      twiceMessage('VNet2', 'Shared', 'test/VNet2/ResourceGroup', 'test/VNet1/ResourceGroup'),
    ],
  ])('refuses %s', (_title, build, message) => {
    expect(errorsOfStack(build)).toEqual([{ severity: 'error', path: 'test/VNet2', message }]);
  });

  it('refuses each further creator once, against the first, and not the networks that share one', () => {
    const findings = errorsOfStack((stack) => {
      articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared' });
      const group = shared(stack);
      articleNetwork(stack, 'VNet2', 2, { resourceGroup: group });
      articleNetwork(stack, 'VNet3', 3, { resourceGroup: group });
      articleNetwork(stack, 'VNet4', 4, { resourceGroupName: 'shared' });
    });
    expect(findings).toEqual([
      {
        severity: 'error',
        path: 'test/VNet2',
        message: twiceMessage('VNet2', 'Shared', 'test/Shared', 'test/VNet1/ResourceGroup'),
      },
      {
        severity: 'error',
        path: 'test/VNet4',
        message: twiceMessage(
          'VNet4',
          'shared',
          'test/VNet4/ResourceGroup',
          'test/VNet1/ResourceGroup',
          ', as "Shared",',
        ),
      },
    ]);
  });

  it.each([
    [
      'one ResourceGroup passed to two networks',
      (stack: TerraformStack) => {
        const group = shared(stack);
        articleNetwork(stack, 'VNet1', 1, { resourceGroup: group });
        articleNetwork(stack, 'VNet2', 2, { resourceGroup: group });
      },
    ],
    [
      "one network's own group passed to another",
      (stack: TerraformStack) => {
        const vnet1 = articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared' });
        articleNetwork(stack, 'VNet2', 2, { resourceGroup: vnet1.resourceGroup });
      },
    ],
    [
      "groups of one name in two subscriptions, by the networks' subscription ids",
      (stack: TerraformStack) => {
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared', subscriptionId: SUB });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'Shared', subscriptionId: OTHER });
      },
    ],
    [
      "groups of one name in two subscriptions, by the networks' providers",
      (stack: TerraformStack) => {
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared' });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'Shared', provider: aliased(stack, 'other', OTHER) });
      },
    ],
    [
      "groups of one name in two subscriptions, by the networks' subscription ids and providers",
      (stack: TerraformStack) => {
        articleNetwork(stack, 'VNet1', 1, {
          resourceGroupName: 'Shared',
          subscriptionId: SUB,
          provider: aliased(stack, 'one', SUB),
        });
        articleNetwork(stack, 'VNet2', 2, {
          resourceGroupName: 'Shared',
          subscriptionId: OTHER,
          provider: aliased(stack, 'two', OTHER),
        });
      },
    ],
    [
      // Compared lower-cased, as every name rule compares them (rules/names.ts): upper-cased, ß would become SS.
      'groups Straße and STRASSE, which are two',
      (stack: TerraformStack) => {
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Straße' });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'STRASSE' });
      },
    ],
    [
      'a group name known only at apply time',
      (stack: TerraformStack) => {
        const name = new TerraformVariable(stack, 'group', { type: 'string' }).stringValue;
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: name });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: name });
      },
    ],
    [
      'a subscription id known only at apply time',
      (stack: TerraformStack) => {
        const subscriptionId = new TerraformVariable(stack, 'subscription', { type: 'string' }).stringValue;
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared', subscriptionId });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'Shared', subscriptionId });
      },
    ],
  ])('takes %s', (_title, build) => {
    expect(findingsOfStack(build)).toEqual([]);
  });

  it.each([
    ['the seed', seedInput()],
    [
      'two networks in one group',
      seedWith((t) => (t.networks[1] = { ...t.networks[1], resourceGroup: 'TestRG1', location: 'eastus' })),
    ],
  ])('takes %s built by a Topology, which creates each group once', (_title, input) => {
    expect(findingsOfStack((stack) => new Topology(stack, 'Net', { topology: loadTopology(input).model }))).toEqual([]);
  });
});

describe('one creator of a resource group, in a topology file', () => {
  it('says nothing of the seed', () => {
    expect(findingsOf(seedInput())).toEqual([]);
  });

  it('says nothing of two networks in one group, which the stack creates once, and names no creator', () => {
    const sharing = seedWith(
      (t) => (t.networks[1] = { ...t.networks[1], resourceGroup: 'TestRG1', location: 'eastus' }),
    );
    expect(findingsOf(sharing)).toEqual([]);
    expect(loadTopology(sharing).model.networks.map((n) => n.resourceGroupCreator)).toEqual([undefined, undefined]);
  });
});

/** The message for network `name`, which says group `group` exists, created`spelled` `by` another network. */
const existingMessage = (name: string, group: string, by: string, fix: string, spelled = '') =>
  `network "${name}": resource group "${group}" is created${spelled} by ${by}, but createResourceGroup is false here, so nothing makes this network wait for the group and the first apply can fail; ${fix}`;
const SET_TRUE = 'set createResourceGroup to true (the group is created once, for both)';

describe('a resource group said to exist that the topology creates, in a topology file', () => {
  /** The seed with VNet4 in VNet1's TestRG1 (written `group`), which it says exists, in `location`. */
  const saidToExist = (location = 'eastus', group = 'TestRG1') =>
    seedWith((t) => (t.networks[1] = { ...t.networks[1], resourceGroup: group, createResourceGroup: false, location }));
  const errors = (input: ReturnType<typeof seedInput>) => findingsOf(input).filter((f) => f.severity === 'error');

  it('refuses it at createResourceGroup, with the fix of setting it to true', () => {
    expect(findingsOf(saidToExist())).toEqual([
      {
        severity: 'error',
        path: 'networks[1].createResourceGroup',
        message: existingMessage('VNet4', 'TestRG1', 'network "VNet1" in this topology', SET_TRUE),
      },
    ]);
  });

  it('takes the fix: both networks create the group, which the stack then creates once', () => {
    expect(
      findingsOf(seedWith((t) => (t.networks[1] = { ...t.networks[1], resourceGroup: 'TestRG1', location: 'eastus' }))),
    ).toEqual([]);
  });

  it('in another region than the group, gives the fixes the location of a created group leaves', () => {
    expect(findingsOf(saidToExist('West US 2'))).toEqual([
      {
        severity: 'error',
        path: 'networks[1].createResourceGroup',
        message: existingMessage(
          'VNet4',
          'TestRG1',
          'network "VNet1" in this topology',
          'a created group has one location, and it is created in eastus: give this network a resource group of its own, or create the group outside this topology and set createResourceGroup to false for network "VNet1" too',
        ),
      },
    ]);
    // The second of those fixes.
    const outside = saidToExist('West US 2');
    outside.networks[0].createResourceGroup = false;
    expect(findingsOf(outside)).toEqual([]);
  });

  it('refuses it with the network that says the group exists listed first', () => {
    const input = seedWith((t) => {
      t.networks[0] = { ...t.networks[0], resourceGroup: 'TestRG4', createResourceGroup: false, location: 'westus2' };
    });
    expect(findingsOf(input)).toEqual([
      {
        severity: 'error',
        path: 'networks[0].createResourceGroup',
        message: existingMessage('VNet1', 'TestRG4', 'network "VNet4" in this topology', SET_TRUE),
      },
    ]);
  });

  it('compares group names without case: testrg1 is TestRG1', () => {
    expect(errors(saidToExist('eastus', 'testrg1'))).toEqual([
      {
        severity: 'error',
        path: 'networks[1].createResourceGroup',
        message: existingMessage('VNet4', 'testrg1', 'network "VNet1" in this topology', SET_TRUE, ', as "TestRG1",'),
      },
    ]);
  });

  it('compares subscription ids without case', () => {
    const input = saidToExist();
    input.networks[0].subscriptionId = SUB;
    input.networks[1].subscriptionId = SUB.toUpperCase();
    expect(errors(input)).toEqual([
      {
        severity: 'error',
        path: 'networks[1].createResourceGroup',
        message: existingMessage('VNet4', 'TestRG1', 'network "VNet1" in this topology', SET_TRUE),
      },
    ]);
  });

  it('takes a group of that name in another subscription', () => {
    const input = saidToExist();
    input.networks[0].subscriptionId = SUB;
    input.networks[1].subscriptionId = OTHER;
    expect(findingsOf(input)).toEqual([]);
  });

  it('takes the seed', () => {
    expect(findingsOf(seedInput())).toEqual([]);
  });
});

describe('a resource group said to exist that the stack creates, from code', () => {
  const findingsOfStack = (build: (stack: TerraformStack) => void) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    build(stack);
    return checkTopology(collectTopology(stack));
  };
  const PASS_GROUP =
    'pass network "VNet1"\'s resourceGroup to this network, so that it refers to the group and Terraform creates the group first';
  const at = (path: string, message: string) => [{ severity: 'error', path, message }];

  it('refuses a network that says Shared exists beside one that creates it', () => {
    expect(
      findingsOfStack((stack) => {
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared' });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'Shared', createResourceGroup: false });
      }),
    ).toEqual(
      at('test/VNet2', existingMessage('VNet2', 'Shared', 'test/VNet1/ResourceGroup for network "VNet1"', PASS_GROUP)),
    );
  });

  it('refuses it with the network that says the group exists first, and a group passed to the creator', () => {
    expect(
      findingsOfStack((stack) => {
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'Shared', createResourceGroup: false });
        articleNetwork(stack, 'VNet1', 1, {
          resourceGroup: new ResourceGroup(stack, 'Group', { name: 'Shared', location: 'westus2' }),
        });
      }),
    ).toEqual(at('test/VNet2', existingMessage('VNet2', 'Shared', 'test/Group for network "VNet1"', PASS_GROUP)));
  });

  it('compares group names without case', () => {
    const findings = findingsOfStack((stack) => {
      articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared' });
      articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'shared', createResourceGroup: false });
    });
    expect(findings.filter((f) => f.severity === 'error')).toEqual(
      at(
        'test/VNet2',
        existingMessage(
          'VNet2',
          'shared',
          'test/VNet1/ResourceGroup for network "VNet1"',
          PASS_GROUP,
          ', as "Shared",',
        ),
      ),
    );
  });

  it('refuses it for two networks with one aliased provider and no subscription ids', () => {
    expect(
      findingsOfStack((stack) => {
        const provider = new AzurermProvider(stack, 'other', { alias: 'other', features: [{}] });
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared', provider });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'Shared', createResourceGroup: false, provider });
      }),
    ).toEqual(
      at('test/VNet2', existingMessage('VNet2', 'Shared', 'test/VNet1/ResourceGroup for network "VNet1"', PASS_GROUP)),
    );
  });

  it('refuses it for two networks that give one subscription id, with a provider each', () => {
    expect(
      findingsOfStack((stack) => {
        const one = new AzurermProvider(stack, 'one', { alias: 'one', subscriptionId: SUB, features: [{}] });
        const two = new AzurermProvider(stack, 'two', { alias: 'two', subscriptionId: SUB, features: [{}] });
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared', subscriptionId: SUB, provider: one });
        articleNetwork(stack, 'VNet2', 2, {
          resourceGroupName: 'Shared',
          createResourceGroup: false,
          subscriptionId: SUB,
          provider: two,
        });
      }),
    ).toEqual(
      at('test/VNet2', existingMessage('VNet2', 'Shared', 'test/VNet1/ResourceGroup for network "VNet1"', PASS_GROUP)),
    );
  });

  it('fails the synth of the stack that holds them', () => {
    expect(() =>
      synthScope((stack) => {
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared' });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'Shared', createResourceGroup: false });
      }),
    ).toThrow(
      `error: test/VNet2: ${existingMessage('VNet2', 'Shared', 'test/VNet1/ResourceGroup for network "VNet1"', PASS_GROUP)}`,
    );
  });

  it.each([
    [
      "the fix: the creator's resourceGroup passed to the other network",
      (stack: TerraformStack) => {
        const vnet1 = articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared' });
        articleNetwork(stack, 'VNet2', 2, { resourceGroup: vnet1.resourceGroup });
      },
    ],
    [
      "the creator's group name, a reference, which Terraform waits for",
      (stack: TerraformStack) => {
        const vnet1 = articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared' });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: vnet1.resourceGroupName, createResourceGroup: false });
      },
    ],
    [
      'a group of that name in another subscription',
      (stack: TerraformStack) => {
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared', subscriptionId: SUB });
        articleNetwork(stack, 'VNet2', 2, {
          resourceGroupName: 'Shared',
          createResourceGroup: false,
          subscriptionId: OTHER,
        });
      },
    ],
    [
      'a group created with an aliased provider, whose subscription the rules cannot tell',
      (stack: TerraformStack) => {
        const provider = new AzurermProvider(stack, 'other', { alias: 'other', features: [{}] });
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared', provider });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'Shared', createResourceGroup: false });
      },
    ],
    [
      'a network with an aliased provider, whose subscription the rules cannot tell, beside a group created without',
      (stack: TerraformStack) => {
        const provider = new AzurermProvider(stack, 'other', { alias: 'other', features: [{}] });
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared' });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'Shared', createResourceGroup: false, provider });
      },
    ],
    [
      'a subscription id known only at apply time',
      (stack: TerraformStack) => {
        const subscriptionId = new TerraformVariable(stack, 'subscription', { type: 'string' }).stringValue;
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared', subscriptionId });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'Shared', createResourceGroup: false, subscriptionId });
      },
    ],
    [
      'two networks that both say the group exists',
      (stack: TerraformStack) => {
        articleNetwork(stack, 'VNet1', 1, { resourceGroupName: 'Shared', createResourceGroup: false });
        articleNetwork(stack, 'VNet2', 2, { resourceGroupName: 'Shared', createResourceGroup: false });
      },
    ],
    [
      'the seed, built by a Topology',
      (stack: TerraformStack) => new Topology(stack, 'Net', { topology: loadTopology(seedInput()).model }),
    ],
  ])('takes %s', (_title, build) => {
    expect(findingsOfStack(build)).toEqual([]);
  });
});
