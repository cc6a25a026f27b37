import { parseGatewayId, parseResourceId } from '../../azure/resource-id';

const GATEWAY =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw1';

/** What the provider's parser takes (go-azure-sdk `ParseVirtualNetworkGatewayID`, case-sensitive). */
describe('parseGatewayId', () => {
  it('splits a gateway id into its subscription, resource group and name', () => {
    expect(parseGatewayId(GATEWAY)).toEqual({
      id: GATEWAY,
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      resourceGroup: 'rg',
      name: 'gw1',
      rest: '',
    });
  });

  it.each([
    ['resourcegroups in lower case', GATEWAY.replace('resourceGroups', 'resourcegroups')],
    ['Subscriptions capitalised', GATEWAY.replace('subscriptions', 'Subscriptions')],
    ['microsoft.network in lower case', GATEWAY.replace('Microsoft.Network', 'microsoft.network')],
    ['another resource type', GATEWAY.replace('virtualNetworkGateways', 'localNetworkGateways')],
    ['a child resource after the name', `${GATEWAY}/ipConfigurations/default`],
    ['a trailing slash', `${GATEWAY}/`],
    ['an empty resource group', GATEWAY.replace('/resourceGroups/rg/', '/resourceGroups//')],
    ['an empty name', GATEWAY.replace(/gw1$/, '')],
    ['a name only', 'gw1'],
  ])('refuses %s', (_, id) => {
    expect(parseGatewayId(id)).toBeUndefined();
  });
});

describe('parseResourceId', () => {
  it('returns what follows the name, for a child resource', () => {
    expect(parseResourceId(`${GATEWAY}/x/y`, 'Microsoft.Network/virtualNetworkGateways')?.rest).toBe('/x/y');
  });

  it('reads the resource type literally, not as a pattern', () => {
    expect(
      parseResourceId(
        GATEWAY.replace('Microsoft.Network', 'MicrosoftXNetwork'),
        'Microsoft.Network/virtualNetworkGateways',
      ),
    ).toBeUndefined();
  });
});
