import { formatCidr, lastAddress } from '../net/cidr';
import type { NetworkModel } from '../topology/model';
import { error, warning } from './finding';
import { addressSpaceRanges, fieldPath, isKnown, networkLabel, Rule, subnetRanges } from './rule';

/** Rules 4-6 of AZURE-RULES.md: the subnet that holds a gateway. */

const GATEWAY_SUBNET = 'GatewaySubnet';

/** The top /27 of the network's first range, a suggestion for `gatewaySubnetPrefix`. */
function suggestedGatewaySubnet(network: NetworkModel): string {
  const first = addressSpaceRanges(network)[0];
  if (!first || first.cidr.prefix > 27) return 'a /27 inside the address space';
  const top = (lastAddress(first.cidr) - 31) >>> 0;
  return `a /27 inside the address space, e.g. ${formatCidr({ network: top, prefix: 27 })}`;
}

/** Rule 4: a gateway lives in GatewaySubnet, which the network declares with `gatewaySubnetPrefix`. */
export const gatewayNeedsGatewaySubnet: Rule = (topology) =>
  topology.networks
    .filter((n) => n.gateway && n.gatewaySubnetPrefix === undefined)
    .map((n) =>
      error(
        fieldPath(n, 'gatewaySubnetPrefix'),
        `${networkLabel(n)}: gateway "${n.gateway?.name}" needs a GatewaySubnet but the network has no gatewaySubnetPrefix; set gatewaySubnetPrefix to ${suggestedGatewaySubnet(n)}`,
      ),
    );

/** Rule 4: GatewaySubnet comes from `gatewaySubnetPrefix`, never from the workload subnets. */
export const gatewaySubnetNotInSubnets: Rule = (topology) =>
  topology.networks.flatMap((n) =>
    n.subnets
      .filter((s) => isKnown(s.name) && s.name.toLowerCase() === GATEWAY_SUBNET.toLowerCase())
      .map((s) =>
        error(
          fieldPath(s, 'name'),
          `${networkLabel(n)}: subnet "${s.name}" in subnets is the gateway's subnet, which the network creates itself; remove it from subnets and set gatewaySubnetPrefix to ${s.addressPrefix}`,
        ),
      ),
  );

/** Rule 5: /29 is the smallest GatewaySubnet Azure takes; /27 or larger is recommended. */
export const gatewaySubnetSize: Rule = (topology) =>
  topology.networks.flatMap((n) => {
    const gatewaySubnet = subnetRanges(n).find((r) => r.label === 'gatewaySubnetPrefix');
    if (!gatewaySubnet) return [];
    const { prefix } = gatewaySubnet.cidr;
    if (prefix > 29) {
      return [
        error(
          gatewaySubnet.path,
          `${networkLabel(n)}: gatewaySubnetPrefix ${gatewaySubnet.text} is a /${prefix}, smaller than the /29 Azure requires for GatewaySubnet; use a /27 or larger`,
        ),
      ];
    }
    if (prefix > 27) {
      return [
        warning(
          gatewaySubnet.path,
          `${networkLabel(n)}: gatewaySubnetPrefix ${gatewaySubnet.text} is a /${prefix}, which Azure accepts but leaves no room for more gateway instances or features; use a /27 or larger`,
        ),
      ];
    }
    return [];
  });

/** Rule 6: no network security group, and no route table with a 0.0.0.0/0 route, on GatewaySubnet. */
export const gatewaySubnetAttachments: Rule = (topology) =>
  topology.networks.flatMap((n) => [
    ...(n.gatewaySubnetAttachments?.networkSecurityGroups ?? []).map((path) =>
      error(
        path,
        `${networkLabel(n)}: a network security group is associated with GatewaySubnet; Azure blocks gateways in a subnet with an NSG; remove the association`,
      ),
    ),
    ...(n.gatewaySubnetAttachments?.defaultRoutes ?? []).map((path) =>
      error(
        path,
        `${networkLabel(n)}: a route table with a 0.0.0.0/0 route is associated with GatewaySubnet; Azure blocks creating a gateway with that route; remove the 0.0.0.0/0 route or the association`,
      ),
    ),
  ]);

export const gatewaySubnetRules: readonly Rule[] = [
  gatewayNeedsGatewaySubnet,
  gatewaySubnetNotInSubnets,
  gatewaySubnetSize,
  gatewaySubnetAttachments,
];
