import { z } from 'zod';
import { quoteText } from '../rules/text';
import { CONNECTION_PROTOCOLS, VPN_GATEWAY_GENERATIONS, VPN_GATEWAY_SKUS } from '../azure/skus';

/**
 * The topology file, version 1: the user-facing contract. Fields may be added; none may be renamed.
 * Shape only: whether the values make sense to Azure is the rules' job (rules/), so that the same checks serve
 * topologies built from TypeScript.
 */

const name = z.string().min(1);

/** A value as a message quotes it: one line, of a readable length. */
export function quoteValue(value: unknown): string {
  if (typeof value === 'string') return quoteText(value);
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 64 ? `${json.slice(0, 64)}…` : json;
}

/** `"VpnGw9" is not a VPN gateway SKU; use one of Basic, VpnGw1AZ, …` */
function oneOf<const T extends readonly [string, ...string[]]>(what: string, values: T) {
  return z.enum(values, {
    error: (issue) => `${quoteValue(issue.input)} is not ${what}; use one of ${values.join(', ')}`,
  });
}
/**
 * A stack name is a folder name under `cdktf.out/stacks/` and part of the state blob's name: 64 characters keep it far
 * inside every file system's 255-byte name limit.
 */
export const MAX_STACK_NAME = 64;
export const STACK_NAME = new RegExp(`^[A-Za-z][A-Za-z0-9_-]{0,${MAX_STACK_NAME - 1}}$`);

const cidr = z.string().min(1).describe('An IPv4 prefix in CIDR notation, e.g. 10.1.0.0/16');

/**
 * Bounds on how many of each a file holds, so that any file is checked and synthesized in seconds. Azure's own limits
 * where Microsoft publishes one ("Azure subscription and service limits", networking limits: 3,000 subnets per
 * virtual network; Azure Resource Manager: 50 tags per resource), bounds of this project's elsewhere.
 */
export const LIMITS = {
  /** Networks in one file: a full mesh of 100 is 4,950 links, beyond any gateway's 100 tunnels (rule 10). */
  networks: 100,
  sites: 100,
  /** Explicit connections: more than a full mesh of `networks` (4,950). */
  connections: 5000,
  /** Azure: subnets per virtual network. */
  subnets: 3000,
  /** Prefixes of one address space; Azure publishes no limit of its own. */
  addressPrefixes: 500,
  /** Azure: tag name/value pairs per resource. */
  tags: 50,
} as const;

const tags = z
  .record(z.string(), z.string())
  .refine((t) => Object.keys(t).length <= LIMITS.tags, {
    error: `takes at most ${LIMITS.tags} tags (Azure's limit per resource); remove some`,
  })
  .describe('Azure tags');

export const sharedKeySchema = z
  .union(
    [
      z.strictObject({
        generate: z.literal(true),
        length: z.int().optional().describe('Length of the generated key. @default 64'),
      }),
      z.strictObject({ variable: name.describe('Name of a sensitive Terraform variable that holds the key') }),
      z.strictObject({
        keyVaultSecretId: name.describe(
          'Azure resource id of a Key Vault secret: /subscriptions/…/providers/Microsoft.KeyVault/vaults/<vault>/secrets/<name>',
        ),
      }),
    ],
    {
      error: 'a shared key is one of {"generate": true}, {"variable": "<name>"} or {"keyVaultSecretId": "<id>"}',
    },
  )
  .describe('Where the pre-shared key comes from; the file never holds a key itself');

const subnetSchema = z.strictObject({
  name,
  addressPrefix: cidr,
  networkSecurityGroupId: z.string().min(1).optional().describe('Associate an existing network security group'),
  routeTableId: z.string().min(1).optional().describe('Associate an existing route table'),
});

const bgpPeeringAddressSchema = z.strictObject({
  ipConfigurationName: z.string().min(1).optional(),
  apipaAddresses: z.array(z.string().min(1)).min(1),
});

const gatewaySchema = z.strictObject({
  name: name.optional().describe('Gateway name. @default <network>GW'),
  sku: oneOf('a VPN gateway SKU', VPN_GATEWAY_SKUS).default('VpnGw2AZ'),
  generation: oneOf('a gateway generation', VPN_GATEWAY_GENERATIONS).default('Generation2'),
  activeActive: z.boolean().default(true),
  vpnType: oneOf('a VPN type', ['RouteBased', 'PolicyBased']).default('RouteBased'),
  publicIpNames: z.array(name).min(1).optional().describe('@default <gateway>pip1, <gateway>pip2'),
  zones: z
    .array(z.enum(['1', '2', '3']))
    .optional()
    .describe(
      'Zones of the public IPs. @default ["1","2","3"] for AZ SKUs in a region with availability zones, none otherwise',
    ),
  bgp: z
    .strictObject({
      asn: z.int(),
      peeringAddresses: z.array(bgpPeeringAddressSchema).optional().describe('Custom APIPA addresses'),
    })
    .optional(),
  deleteProtection: z
    .enum(['lock', 'preventDestroy'])
    .optional()
    .describe('An Azure CanNotDelete lock, or Terraform prevent_destroy'),
});

const networkSchema = z.strictObject({
  name,
  resourceGroup: name,
  createResourceGroup: z.boolean().default(true).describe('false: use an existing resource group of that name'),
  location: name.describe('Azure region, e.g. eastus or "East US"'),
  subscriptionId: z.string().min(1).optional().describe('@default the ambient ARM_SUBSCRIPTION_ID'),
  addressSpace: z.array(cidr).min(1).max(LIMITS.addressPrefixes),
  subnets: z.array(subnetSchema).max(LIMITS.subnets).default([]),
  gatewaySubnetPrefix: cidr.optional(),
  gateway: gatewaySchema.optional(),
  tags: tags.optional(),
});

const ipsecPolicySchema = z.strictObject({
  dhGroup: z.string().min(1),
  ikeEncryption: z.string().min(1),
  ikeIntegrity: z.string().min(1),
  ipsecEncryption: z.string().min(1),
  ipsecIntegrity: z.string().min(1),
  pfsGroup: z.string().min(1),
  saLifetime: z.int().optional().describe('Seconds. @default 27000'),
  saDatasize: z.int().optional().describe('Kilobytes. @default 102400000'),
});

const connectionOptions = {
  bidirectional: z.boolean().default(true),
  names: z.array(name).min(1).max(2).optional().describe('@default ["<from>-to-<to>", "<to>-to-<from>"]'),
  protocol: oneOf('a connection protocol', CONNECTION_PROTOCOLS).default('IKEv2'),
  sharedKey: sharedKeySchema.default({ generate: true }),
  enableBgp: z.boolean().optional().describe('@default true when both gateways have BGP settings'),
  ipsecPolicy: ipsecPolicySchema.optional(),
  dpdTimeoutSeconds: z.int().optional(),
};

const connectionSchema = z
  .strictObject({
    from: name,
    to: name.optional().describe('A network name: a VNet-to-VNet connection'),
    toSite: name.optional().describe('A site name: a site-to-site (IPsec) connection'),
    ...connectionOptions,
  })
  .refine((c) => (c.to === undefined) !== (c.toSite === undefined), {
    message: 'a connection names exactly one of "to" (a network) or "toSite" (a site)',
  });

const siteSchema = z
  .strictObject({
    name,
    gatewayAddress: z.string().min(1).optional().describe('Public IPv4 address of the on-premises VPN device'),
    gatewayFqdn: z.string().min(1).optional(),
    addressSpace: z.array(cidr).max(LIMITS.addressPrefixes).default([]),
    bgp: z.strictObject({ asn: z.int(), peeringAddress: z.string().min(1) }).optional(),
    resourceGroup: name
      .optional()
      .describe(
        'With location: one local network gateway there. @default the group of each network that connects to it',
      ),
    location: name
      .optional()
      .describe(
        'With resourceGroup: the region of that one gateway. @default the region of each network that connects',
      ),
    tags: tags.optional(),
  })
  .refine((s) => (s.gatewayAddress === undefined) !== (s.gatewayFqdn === undefined), {
    message: 'a site names exactly one of "gatewayAddress" or "gatewayFqdn"',
  });

const meshSchema = z.union(
  [
    z.array(name).min(2).max(LIMITS.networks),
    z.strictObject({
      networks: z.array(name).min(2).max(LIMITS.networks),
      protocol: connectionOptions.protocol,
      enableBgp: connectionOptions.enableBgp,
      sharedKey: connectionOptions.sharedKey.describe('Each pair gets a key of its own from this source'),
    }),
  ],
  {
    error:
      'a mesh is a list of at least two network names, or {"networks": [...], "protocol", "enableBgp", "sharedKey"}',
  },
);

const hubAndSpokeSchema = z.strictObject({
  hub: name,
  spokes: z.array(name).min(1).max(LIMITS.networks),
  bgp: z.boolean().default(false).describe('Enable BGP on every hub-spoke connection (spoke-to-spoke transit)'),
  protocol: connectionOptions.protocol,
});

const backendSchema = z.strictObject({
  type: z.literal('azurerm'),
  resourceGroupName: name,
  storageAccountName: name,
  containerName: name,
  key: name.optional().describe('Blob name. @default <stack name>.tfstate'),
  subscriptionId: z.string().min(1).optional().describe("The storage account's subscription"),
});

export const topologySchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1).default(1),
    name: z
      .string()
      .regex(STACK_NAME, {
        error: (issue) =>
          `${quoteValue(issue.input)} is not a stack name; start with a letter and use letters, digits, _ and -, at most ${MAX_STACK_NAME} in all`,
      })
      .optional()
      .describe('Stack name. @default the file name without .json'),
    tags: tags.optional().describe('Tags on every resource'),
    networks: z.array(networkSchema).min(1).max(LIMITS.networks),
    sites: z.array(siteSchema).max(LIMITS.sites).default([]),
    connections: z.array(connectionSchema).max(LIMITS.connections).default([]),
    mesh: meshSchema.optional(),
    hubAndSpoke: hubAndSpokeSchema.optional(),
    backend: backendSchema.optional(),
  })
  .describe('A VNet-to-VNet VPN topology');

export type TopologyFile = z.output<typeof topologySchema>;
export type TopologyFileInput = z.input<typeof topologySchema>;
export type SharedKeySource = z.output<typeof sharedKeySchema>;
export type IpsecPolicy = z.output<typeof ipsecPolicySchema>;
