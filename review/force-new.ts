/**
 * Arguments whose change makes Terraform destroy a resource and create it again (`ForceNew` in the provider schema),
 * by resource type, for the providers this project pins: azurerm 4.55.0 and random 3.7.2. Top-level argument names;
 * a listed block (`ip_configuration`) replaces the resource when anything inside it changes.
 *
 * Sources, to check again when the provider is upgraded:
 * - azurerm `internal/services/network/virtual_network_gateway_resource.go`: `name`, `type`, `vpn_type`, `edge_zone`,
 *   `private_ip_address_enabled`, `generation`; `resource_group_name` and `location` through `commonschema`; and
 *   `ip_configuration` since provider PR #27828 (4.x: "changing `ip_configuration` forces new"; Azure refuses to
 *   overwrite or remove a gateway's ip configurations, issue #27756). `active_active` is not ForceNew itself, but turning
 *   it on or off changes the number of `ip_configuration` blocks.
 * - azurerm `virtual_network_gateway_connection_resource.go`: `name`, `type`, `virtual_network_gateway_id`,
 *   `peer_virtual_network_gateway_id`, `express_route_circuit_id`, `local_azure_ip_address_enabled`,
 *   `dpd_timeout_seconds`, `connection_protocol`, `connection_mode`, plus `resource_group_name` and `location`.
 *   `shared_key` is updated in place (the provider calls SetSharedKey), which is why a key change is reported apart.
 * - azurerm `public_ip_resource.go`, `subnet_resource.go`, `virtual_network_resource.go`,
 *   `local_network_gateway_resource.go`, `resource_group_resource.go`: names, resource group and location; public IP
 *   `sku`, `zones`, `ip_version`, `sku_tier`, `edge_zone`, `public_ip_prefix_id`, `ip_tags`; subnet
 *   `virtual_network_name`. Public IP `domain_name_label_scope` is not ForceNew in the schema but in the resource's
 *   CustomizeDiff, `ForceNewIfChange("domain_name_label_scope", old != "" || new == "")`: only setting it where it was
 *   unset is in place (`forcesReplacement` below).
 * - azurerm `subnet_network_security_group_association_resource.go` and `subnet_route_table_association_resource.go`:
 *   every argument (`subnet_id` and `network_security_group_id`, `subnet_id` and `route_table_id`) is ForceNew.
 * - random `password`: every argument (a new key is generated whenever its recipe or `keepers` change).
 */
export const FORCE_NEW: Readonly<Record<string, readonly string[]>> = {
  azurerm_resource_group: ['name', 'location'],
  azurerm_virtual_network: ['name', 'resource_group_name', 'location', 'edge_zone'],
  azurerm_subnet: ['name', 'resource_group_name', 'virtual_network_name'],
  azurerm_public_ip: [
    'ip_tags',
    'name',
    'resource_group_name',
    'location',
    'sku',
    'sku_tier',
    'zones',
    'ip_version',
    'edge_zone',
    'public_ip_prefix_id',
  ],
  azurerm_virtual_network_gateway: [
    'name',
    'resource_group_name',
    'location',
    'type',
    'vpn_type',
    'edge_zone',
    'generation',
    'ip_configuration',
    'private_ip_address_enabled',
  ],
  azurerm_virtual_network_gateway_connection: [
    'name',
    'resource_group_name',
    'location',
    'type',
    'virtual_network_gateway_id',
    'peer_virtual_network_gateway_id',
    'express_route_circuit_id',
    'local_azure_ip_address_enabled',
    'connection_protocol',
    'connection_mode',
    'dpd_timeout_seconds',
  ],
  azurerm_local_network_gateway: ['name', 'resource_group_name', 'location'],
  azurerm_management_lock: ['name', 'scope', 'lock_level', 'notes'],
  azurerm_subnet_network_security_group_association: ['subnet_id', 'network_security_group_id'],
  azurerm_subnet_route_table_association: ['subnet_id', 'route_table_id'],
  random_password: [
    'length',
    'keepers',
    'lower',
    'upper',
    'numeric',
    'number',
    'special',
    'min_lower',
    'min_upper',
    'min_numeric',
    'min_special',
    'override_special',
  ],
};

/** Whether changing `attribute` of a `type` from `before` to `after` replaces the resource (values as configured). */
export function forcesReplacement(type: string, attribute: string, before: unknown, after: unknown): boolean {
  if (type === 'azurerm_public_ip' && attribute === 'domain_name_label_scope') {
    const unset = (v: unknown) => v === undefined || v === null || v === '';
    return !(unset(before) && !unset(after));
  }
  return Object.hasOwn(FORCE_NEW, type) && FORCE_NEW[type].includes(attribute);
}

/** Resource types whose result is a connection's pre-shared key: replacing one rotates the key. */
export const KEY_RESOURCE_TYPES: readonly string[] = ['random_password'];

export const GATEWAY_TYPE = 'azurerm_virtual_network_gateway';
export const CONNECTION_TYPE = 'azurerm_virtual_network_gateway_connection';

/** Arguments that say how Terraform handles a resource rather than what it is: not compared as arguments. */
export const META_ARGUMENTS: readonly string[] = [
  '//',
  'depends_on',
  'lifecycle',
  'count',
  'for_each',
  'provider',
  'timeouts',
];

/** An Azure management lock: removing one lets the resource it protects be deleted. */
export const DELETE_LOCK_TYPE = 'azurerm_management_lock';

/**
 * Arguments whose values are secret wherever they appear: a connection's pre-shared key and authorization key, a
 * generated password's `result`, a Key Vault secret's `value`. The review prints that they change, never the value.
 */
export const SECRET_ATTRIBUTES: readonly string[] = [
  'shared_key',
  'authorization_key',
  'result',
  'bcrypt_hash',
  'value',
];
