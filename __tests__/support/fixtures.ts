import { Construct } from 'constructs';
import { Network, NetworkProps, VpnGateway, VpnGatewayOptions } from '../../constructs';

/** A network shaped like the article's: /16, a FrontEnd /24 and the top /27 as GatewaySubnet. */
export function articleNetwork(
  scope: Construct,
  name: string,
  second: number,
  props: Partial<NetworkProps> = {},
): Network {
  return new Network(scope, name, {
    location: 'eastus',
    resourceGroupName: `${name}-rg`,
    addressSpace: [`10.${second}.0.0/16`],
    subnets: [{ name: 'FrontEnd', addressPrefix: `10.${second}.0.0/24` }],
    gatewaySubnetPrefix: `10.${second}.255.0/27`,
    ...props,
  });
}

/** An article network with its default gateway. */
export function articleGateway(
  scope: Construct,
  name: string,
  second: number,
  props: VpnGatewayOptions = {},
): VpnGateway {
  return articleNetwork(scope, name, second).addVpnGateway(props);
}
