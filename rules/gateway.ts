import { canonicalLocation, REGIONS_WITHOUT_ZONES, regionWithoutZones } from '../azure/regions';
import {
  GENERATIONS_BY_SKU,
  isVpnGatewaySku,
  isZoneRedundantSku,
  VPN_GATEWAY_SKUS,
  VpnGatewaySku,
} from '../azure/skus';
import type { GatewayModel, NetworkModel, TopologyModel } from '../topology/model';
import { error, Finding, warning } from './finding';
import { fieldPath, isKnown, networkLabel, refOf, Rule } from './rule';

/** Rules 7-9, 11, 13 and 14 of AZURE-RULES.md: what a gateway's SKU allows. */

export interface GatewayOf {
  readonly network: NetworkModel;
  readonly gateway: GatewayModel;
}

/** Every network with a gateway. */
export function gatewaysOf(topology: TopologyModel): GatewayOf[] {
  return topology.networks.flatMap((network) => (network.gateway ? [{ network, gateway: network.gateway }] : []));
}

/** `network "VNet1": gateway "VNet1GW"` */
export const gatewayLabel = ({ network, gateway }: GatewayOf) => `${networkLabel(network)}: gateway "${gateway.name}"`;

const FIRST_FULL_SKU = 'VpnGw1AZ or larger';

function gatewayRule(check: (g: GatewayOf) => Finding[]): Rule {
  return (topology) => gatewaysOf(topology).flatMap(check);
}

/**
 * The SKU is one of Azure's. A topology file's schema refuses any other; from code, TypeScript does, but JavaScript
 * or a cast gets this far, and the other gateway rules then leave the SKU alone.
 */
export const knownSku = gatewayRule((g) => {
  const { sku } = g.gateway;
  if (!isKnown(sku) || isVpnGatewaySku(sku)) return [];
  return [
    error(
      fieldPath(g.gateway, 'sku'),
      `${gatewayLabel(g)}: "${sku}" is not a VPN gateway SKU; use one of ${VPN_GATEWAY_SKUS.join(', ')}`,
    ),
  ];
});

/** Rule 8: each SKU comes in the generations it comes in. */
export const skuGeneration = gatewayRule((g) => {
  const { sku, generation } = g.gateway;
  if (!isVpnGatewaySku(sku) || !isKnown(generation)) return [];
  const generations = GENERATIONS_BY_SKU[sku];
  if (generations.includes(generation)) return [];
  return [
    error(
      fieldPath(g.gateway, 'generation'),
      `${gatewayLabel(g)}: SKU ${sku} comes only in ${generations.join(' and ')}, not ${generation}; set generation to ${generations.join(' or ')}`,
    ),
  ];
});

/** Rule 9: since 1 November 2025 Azure creates VpnGw1-5 gateways only with availability-zone support. */
export const azSkuForNewGateways = gatewayRule((g) => {
  const { sku } = g.gateway;
  if (!isKnown(sku) || !/^VpnGw[1-5]$/.test(sku)) return [];
  return [
    error(
      fieldPath(g.gateway, 'sku'),
      `${gatewayLabel(g)}: SKU ${sku} is no longer created for new gateways (Azure creates only the AZ VpnGw SKUs since 1 November 2025); use ${sku}AZ`,
    ),
  ];
});

/**
 * Rule 13: AZ SKUs take zoned public IPs; the others take none. Rule 28: a region without availability zones takes no
 * zoned resource at all, and an AZ SKU there is a regional gateway.
 */
export const zonesMatchSku = gatewayRule((g) => {
  const { sku, zones } = g.gateway;
  if (!isVpnGatewaySku(sku) || !isKnown(zones)) return [];
  const location = g.network.location;
  if (isZoneRedundantSku(sku) && !isKnown(location)) {
    // Only code can give a region known only at apply time (a variable): neither choice of zones is safe for every one.
    return [
      warning(
        fieldPath(g.gateway, 'zones'),
        `${gatewayLabel(g)}: the region is known only at apply time, so zones cannot be checked: SKU ${sku} needs zoned public IPs in a region with availability zones and takes none in a region without them (${REGIONS_WITHOUT_ZONES.size} regions, westus and northcentralus among them), and zones is ${JSON.stringify(zones)}; make sure it matches the region, or give the region as text`,
      ),
    ];
  }
  if (zones.length > 0 && isKnown(location) && regionWithoutZones(location)) {
    return [
      error(
        fieldPath(g.gateway, 'zones'),
        `${gatewayLabel(g)}: region ${canonicalLocation(location)} has no availability zones, so Azure refuses zoned public IPs there, but zones is ${JSON.stringify(zones)}; remove zones (${sku} then deploys as a regional gateway) or choose a region with zones`,
      ),
    ];
  }
  if (isZoneRedundantSku(sku) && zones.length === 0 && !(isKnown(location) && regionWithoutZones(location))) {
    return [
      error(
        fieldPath(g.gateway, 'zones'),
        `${gatewayLabel(g)}: SKU ${sku} needs zoned public IPs but zones is empty; set zones to ["1","2","3"] or leave zones out`,
      ),
    ];
  }
  if (!isZoneRedundantSku(sku) && zones.length > 0) {
    const fix = sku === 'Basic' ? 'remove zones' : `remove zones or use ${sku}AZ`;
    return [
      error(
        fieldPath(g.gateway, 'zones'),
        `${gatewayLabel(g)}: SKU ${sku} takes public IPs without zones, but zones is ${JSON.stringify(zones)}; ${fix}`,
      ),
    ];
  }
  return [];
});

/** Rule 14: an active-active gateway has two public IPs, one per instance; otherwise one. */
export const publicIpCount = gatewayRule((g) => {
  const { activeActive, publicIpNames } = g.gateway;
  if (!isKnown(publicIpNames) || !isKnown(activeActive)) return [];
  const expected = activeActive ? 2 : 1;
  if (publicIpNames.length === expected) return [];
  const what = activeActive
    ? 'is active-active and needs exactly two public IPs'
    : 'is not active-active and takes exactly one public IP';
  return [
    error(
      fieldPath(g.gateway, 'publicIpNames'),
      `${gatewayLabel(g)}: ${what}, but publicIpNames has ${publicIpNames.length} (${publicIpNames.join(', ')}); name ${expected === 2 ? 'two' : 'one'}`,
    ),
  ];
});

/** Rule 11: Basic has no active-active and no BGP. */
export const basicLimits = gatewayRule((g) => {
  if (g.gateway.sku !== 'Basic') return [];
  const findings: Finding[] = [];
  if (g.gateway.activeActive === true) {
    findings.push(
      error(
        fieldPath(g.gateway, 'activeActive'),
        `${gatewayLabel(g)}: SKU Basic does not support active-active; set activeActive to false or use ${FIRST_FULL_SKU}`,
      ),
    );
  }
  if (g.gateway.bgp) {
    findings.push(
      error(
        fieldPath(g.gateway, 'bgp'),
        `${gatewayLabel(g)}: SKU Basic does not support BGP; remove bgp or use ${FIRST_FULL_SKU}`,
      ),
    );
  }
  return findings;
});

/** Rule 7: policy-based gateways are Basic only, and never take a VNet-to-VNet connection. */
export const routeBasedForVnetToVnet: Rule = (topology) =>
  gatewaysOf(topology).flatMap((g) => {
    if (g.gateway.vpnType !== 'PolicyBased') return [];
    const findings: Finding[] = [];
    if (g.gateway.sku !== 'Basic') {
      findings.push(
        error(
          fieldPath(g.gateway, 'vpnType'),
          `${gatewayLabel(g)}: vpnType PolicyBased exists only on the Basic SKU, not ${g.gateway.sku}; set vpnType to RouteBased`,
        ),
      );
    }
    const connection = topology.connections.find(
      (c) => c.kind === 'vnet' && (c.from === refOf(g.network) || c.to === refOf(g.network)),
    );
    if (connection) {
      findings.push(
        error(
          fieldPath(g.gateway, 'vpnType'),
          `${gatewayLabel(g)}: vpnType PolicyBased cannot take a VNet-to-VNet connection (connection "${connection.names[0]}"); set vpnType to RouteBased`,
        ),
      );
    }
    return findings;
  });

/** The smallest AZ SKU, for "use …" hints. */
export const AZ_SKUS: readonly VpnGatewaySku[] = ['VpnGw1AZ', 'VpnGw2AZ', 'VpnGw3AZ', 'VpnGw4AZ', 'VpnGw5AZ'];

export const gatewayRules: readonly Rule[] = [
  knownSku,
  skuGeneration,
  azSkuForNewGateways,
  zonesMatchSku,
  publicIpCount,
  basicLimits,
  routeBasedForVnetToVnet,
];
