import { regionWithoutZones } from './regions';

/** VPN gateway SKUs the provider accepts for `type = "Vpn"`, and the facts about each that the rules need. */
export const VPN_GATEWAY_SKUS = [
  'Basic',
  'VpnGw1',
  'VpnGw2',
  'VpnGw3',
  'VpnGw4',
  'VpnGw5',
  'VpnGw1AZ',
  'VpnGw2AZ',
  'VpnGw3AZ',
  'VpnGw4AZ',
  'VpnGw5AZ',
] as const;
export type VpnGatewaySku = (typeof VPN_GATEWAY_SKUS)[number];

export const VPN_GATEWAY_GENERATIONS = ['Generation1', 'Generation2'] as const;
export type VpnGatewayGeneration = (typeof VPN_GATEWAY_GENERATIONS)[number];

export const CONNECTION_PROTOCOLS = ['IKEv2', 'IKEv1'] as const;
export type ConnectionProtocol = (typeof CONNECTION_PROTOCOLS)[number];

/** Availability-zone SKUs take zoned Standard public IPs. */
/** Whether a value is one of Azure's VPN gateway SKUs: own entries only, so `constructor` or `toString` are not. */
export function isVpnGatewaySku(value: unknown): value is VpnGatewaySku {
  return (VPN_GATEWAY_SKUS as readonly unknown[]).includes(value);
}

export function isZoneRedundantSku(sku: VpnGatewaySku): boolean {
  return sku.endsWith('AZ');
}

/** Generations each SKU supports (provider `virtual_network_gateway.go`, Azure's SKU table). */
export const GENERATIONS_BY_SKU: Readonly<Record<VpnGatewaySku, readonly VpnGatewayGeneration[]>> = {
  Basic: ['Generation1'],
  VpnGw1: ['Generation1'],
  VpnGw1AZ: ['Generation1'],
  VpnGw2: ['Generation1', 'Generation2'],
  VpnGw2AZ: ['Generation1', 'Generation2'],
  VpnGw3: ['Generation1', 'Generation2'],
  VpnGw3AZ: ['Generation1', 'Generation2'],
  VpnGw4: ['Generation2'],
  VpnGw4AZ: ['Generation2'],
  VpnGw5: ['Generation2'],
  VpnGw5AZ: ['Generation2'],
};

/** Site-to-site and VNet-to-VNet tunnels a gateway of each SKU holds (Azure's SKU table). */
export const MAX_TUNNELS_BY_SKU: Readonly<Record<VpnGatewaySku, number>> = {
  Basic: 10,
  VpnGw1: 30,
  VpnGw1AZ: 30,
  VpnGw2: 30,
  VpnGw2AZ: 30,
  VpnGw3: 30,
  VpnGw3AZ: 30,
  VpnGw4: 100,
  VpnGw4AZ: 100,
  VpnGw5: 100,
  VpnGw5AZ: 100,
};

/** Zones a zone-redundant gateway's public IPs span. */
export const ZONE_REDUNDANT = ['1', '2', '3'] as const;

/**
 * Zones of a gateway's public IPs when none are given: zone-redundant for an AZ SKU, except in a region without
 * availability zones, where Azure refuses zoned public IPs and deploys an AZ SKU as a regional gateway (gateway SKU
 * consolidation); none for the other SKUs.
 */
export function defaultZones(sku: VpnGatewaySku, location: string): string[] {
  return isZoneRedundantSku(sku) && !regionWithoutZones(location) ? [...ZONE_REDUNDANT] : [];
}
