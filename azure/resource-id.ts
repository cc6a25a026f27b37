/** An Azure Resource Manager id of a resource, split into where it lives and its name. */
export interface ResourceId {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly name: string;
  /** The id up to the resource's name: `/subscriptions/…/<type>/<name>`. */
  readonly id: string;
  /** What follows the name (a child resource, `/secrets/<name>`), or `''`. */
  readonly rest: string;
}

/**
 * Splits `/subscriptions/<id>/resourceGroups/<group>/providers/<namespace>/<type>/<name>[/<child path>]` for one
 * resource type (`Microsoft.Network/virtualNetworkGateways`); undefined when the id is not written that way. As the
 * azurerm provider (4.55.0) validates ids, with go-azure-sdk's `resourceids` parser not told to be insensitive
 * (`ParseVirtualNetworkGatewayID`, `commonids.ParseKeyVaultID`): the fixed segments in exactly that case, each other
 * segment non-empty.
 */
export function parseResourceId(id: string, resourceType: string): ResourceId | undefined {
  const type = resourceType.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^(/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/${type}/([^/]+))(.*)$`).exec(id);
  if (!match || (match[5] !== '' && !match[5].startsWith('/'))) return undefined;
  return { id: match[1], subscriptionId: match[2], resourceGroup: match[3], name: match[4], rest: match[5] };
}

/** How a VPN gateway's id is written, for messages. */
export const GATEWAY_ID_FORM =
  '/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworkGateways/<name> (segments in that case)';

/**
 * A VPN gateway's id, split. The connection's `peer_virtual_network_gateway_id` is checked by
 * `virtualnetworkgateways.ValidateVirtualNetworkGatewayID` (go-azure-sdk network 2025-01-01, vendored in azurerm
 * 4.55.0), which parses it case-sensitively: `/subscriptions/…/providers/Microsoft.Network/virtualNetworkGateways/<name>`
 * and nothing after the name.
 */
export function parseGatewayId(id: string): ResourceId | undefined {
  const parsed = parseResourceId(id, 'Microsoft.Network/virtualNetworkGateways');
  return parsed && parsed.rest === '' ? parsed : undefined;
}
