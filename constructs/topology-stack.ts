import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AzurermBackend, ISynthesisSession, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
// cdktf's hook for writing extra files into a stack's output; public in the library, not re-exported by its root.
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct } from 'constructs';
import { keepTextLiteral } from './literal-text';
import { canonicalLocation } from '../azure/regions';
import { topologyDiagram } from '../diagram/mermaid';
import type {
  ConnectionModel,
  NetworkModel,
  RemoteStateSettings,
  SharedKeyModel,
  SiteModel,
  TopologyModel,
} from '../topology/model';
import { LocalSite } from './local-site';
import { azurermProviderFor, ensureAzurermProvider } from './providers';
import { Network } from './network';
import { SharedKey, SharedKeySource } from './shared-key';
import { SiteToSiteConnection } from './site-to-site-connection';
import { registerTopologyRules } from './topology-rules';
import { VnetToVnetConnection } from './vnet-to-vnet-connection';
import { VpnGateway } from './vpn-gateway';

/** The Terraform versions the synthesized configuration accepts: `terraform { required_version }`. */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.0';

/** The Markdown file, beside `cdk.tf.json`, that holds the topology's Mermaid diagram. */
export const TOPOLOGY_DIAGRAM_FILE = 'topology.md';

/** A resolved topology and the tags on all of it: what {@link Topology} and {@link TopologyStack} build. */
export interface TopologyProps {
  /** The resolved topology (`loadTopologyFile(path).model`, `resolveTopology(file)`, or built in code). */
  readonly topology: TopologyModel;
  /** Tags on every resource, merged under each network's own. @default - none */
  readonly tags?: Record<string, string>;
}

/** A topology in a stack of its own, with its state backend and providers. */
export interface TopologyStackProps extends TopologyProps {
  /**
   * Remote state in an Azure storage account, with Azure AD auth (no keys in any file).
   * @default - local state, see `localStatePath`
   */
  readonly backend?: RemoteStateSettings;
  /**
   * Local state file, relative to the stack's working directory (`cdktf.out/stacks/<name>`).
   * @default - `<name>.tfstate` at the project root
   */
  readonly localStatePath?: string;
}

/**
 * A whole topology in one stack: state backend, providers, resource groups, networks, gateways, keys and connections,
 * with outputs for each gateway's public IPs and each connection's id, and the topology's Mermaid diagram beside the
 * stack's Terraform (`topology.md`). Every construct id comes from a name in the topology. To put a topology into a
 * stack of your own, beside other resources or other topologies, use {@link Topology}.
 */
export class TopologyStack extends TerraformStack {
  /** Networks by name. */
  public readonly networks: ReadonlyMap<string, Network>;
  /** Gateways by network name. */
  public readonly gateways: ReadonlyMap<string, VpnGateway>;
  /** VNet-to-VNet links by `<from>-<to>`. */
  public readonly connections: ReadonlyMap<string, VnetToVnetConnection>;

  constructor(scope: Construct, name: string, props: TopologyStackProps) {
    super(scope, name);
    if (props.backend) {
      // Azure AD auth: the backend holds no access key or SAS token, so no secret reaches the synthesized JSON.
      new AzurermBackend(this, { ...props.backend, key: props.backend.key ?? `${name}.tfstate`, useAzureadAuth: true });
    } else {
      // The state file sits at the project root, three levels above cdktf.out/stacks/<name>: a relative path keeps
      // the synthesized JSON identical on every machine.
      new LocalBackend(this, { path: props.localStatePath ?? `../../../${name}.tfstate` });
    }
    // azurerm 4.x requires Terraform 1.0 or later (the provider's 3.0 upgrade guide, v4.55.0:
    // website/docs/guides/3.0-upgrade-guide.html.markdown: "the next major release of the AzureRM Provider (v4.0) will
    // require Terraform 1.0 or later"); say so in the configuration, so an older Terraform stops with a clear message.
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
    // The topology's constructs go straight into the stack, so that their Terraform addresses are the topology's names.
    const built = buildTopology(this, props);
    this.networks = built.networks;
    this.gateways = built.gateways;
    this.connections = built.connections;

    // Every synth also writes the topology as a Mermaid diagram beside the stack's Terraform, for reviewers.
    addCustomSynthesis(this, {
      onSynthesize: (session: ISynthesisSession) => {
        const manifest = session.manifest.forStack(this);
        const directory = join(session.outdir, manifest.workingDirectory);
        writeFileSync(join(directory, TOPOLOGY_DIAGRAM_FILE), topologyDiagram(props.topology, name));
        // cdktf writes cdk.tf (`synth --hcl`) or cdk.tf.json and never removes the other: Terraform would then read
        // both and fail on duplicate outputs. Leave only the format this synth writes (metadata.json goes with HCL).
        const hcl = manifest.synthesizedStackPath.endsWith('cdk.tf');
        for (const stale of hcl ? ['cdk.tf.json'] : ['cdk.tf', 'metadata.json']) {
          rmSync(join(directory, stale), { force: true });
        }
      },
    });
  }
}

/** What {@link buildTopology} made, by the topology's names. */
export interface BuiltTopology {
  /** Networks by name. */
  readonly networks: ReadonlyMap<string, Network>;
  /** Gateways by network name. */
  readonly gateways: ReadonlyMap<string, VpnGateway>;
  /** VNet-to-VNet links by `<from>-<to>`. */
  readonly connections: ReadonlyMap<string, VnetToVnetConnection>;
}

/**
 * Builds a topology's constructs into `scope`, with ids from the topology's names: the one code path of
 * {@link Topology} and {@link TopologyStack}. The stack's own azurerm providers are used (found by provider type), one
 * added only when the stack has none for a subscription.
 * @internal
 */
export function buildTopology(scope: Construct, props: TopologyProps): BuiltTopology {
  const { topology } = props;
  keepTextLiteral(scope);
  ensureAzurermProvider(scope);
  const providerFor = (subscriptionId?: string) =>
    subscriptionId === undefined ? undefined : azurermProviderFor(scope, subscriptionId);

  const resourceGroups = new Map<string, ResourceGroup>();
  const groupId = resourceGroupIds(topology.networks);
  const resourceGroupFor = (network: NetworkModel, tags?: Record<string, string>) => {
    if (!network.createResourceGroup) return undefined;
    const key = groupKey(network.subscriptionId, network.resourceGroup);
    let group = resourceGroups.get(key);
    if (!group) {
      group = new ResourceGroup(scope, groupId(key), {
        provider: providerFor(network.subscriptionId),
        name: network.resourceGroup,
        location: canonicalLocation(network.location),
        tags,
      });
      resourceGroups.set(key, group);
    }
    return group;
  };

  const networks = new Map<string, Network>();
  const gateways = new Map<string, VpnGateway>();
  for (const model of topology.networks) {
    const tags = mergeTags(props.tags, model.tags);
    const network = new Network(scope, networkId(model.name), {
      name: model.name,
      location: model.location,
      resourceGroup: resourceGroupFor(model, tags),
      // The group is where its first network is, whatever the model says: the rules check the others are there too.
      resourceGroupLocationChosen: false,
      resourceGroupName: model.resourceGroup,
      createResourceGroup: model.createResourceGroup,
      addressSpace: [...model.addressSpace],
      subnets: model.subnets.map(({ path, ...subnet }) => subnet),
      gatewaySubnetPrefix: model.gatewaySubnetPrefix,
      subscriptionId: model.subscriptionId,
      provider: providerFor(model.subscriptionId),
      tags,
    });
    networks.set(model.name, network);
    if (model.gateway) {
      const { gateway } = model;
      const vpnGateway = network.addVpnGateway({
        name: gateway.name,
        sku: gateway.sku,
        generation: gateway.generation,
        activeActive: gateway.activeActive,
        vpnType: gateway.vpnType,
        publicIpNames: [...gateway.publicIpNames],
        zones: [...gateway.zones],
        deleteProtection: gateway.deleteProtection,
        bgp: gateway.bgp && {
          asn: gateway.bgp.asn,
          peeringAddresses: gateway.bgp.peeringAddresses.map((p) => ({
            ...p,
            apipaAddresses: [...p.apipaAddresses],
          })),
        },
      });
      gateways.set(model.name, vpnGateway);
      new TerraformOutput(scope, gatewayOutputName(model.name), {
        description: `Public IP addresses of ${gateway.name}`,
        value: vpnGateway.publicIpAddresses,
      });
    }
  }

  const gatewayOf = (network: string, connection: ConnectionModel) => {
    const gateway = gateways.get(network);
    if (!gateway) {
      throw new Error(
        `${connection.path}: connection "${connection.names[0]}" starts or ends at network "${network}", which has no ` +
          'gateway; add "gateway" to that network',
      );
    }
    return gateway;
  };
  const outputConnectionId = (resource: { nameInput?: string; id: string }) =>
    new TerraformOutput(scope, outputId(`${resource.nameInput}-id`), {
      description: `Id of connection ${resource.nameInput}`,
      value: resource.id,
    });

  /**
   * The local network gateway a network's connection to a site uses. A site with its own resource group and region
   * has one, shared; otherwise each network that connects to it gets one beside its own gateway, so that no network's
   * resources depend on which network happens to be listed first.
   */
  const sites = new Map<string, LocalSite>();
  const siteId = siteIds(topology);
  const siteFor = (name: string, network: Network): LocalSite => {
    const model = topology.sites.find((s) => s.name === name)!;
    const pinned = isPinned(model);
    // A pinned site is shared by the networks of one subscription: its resources live where its connections do.
    const subscription = network.subscriptionId;
    const id = siteId(name, pinned ? subscription : network.name);
    let site = sites.get(id);
    if (!site) {
      site = new LocalSite(scope, id, {
        name,
        location: pinned ? model.location! : network.location,
        // A group the stack creates is passed as a reference, so that Terraform creates it before the site.
        ...(pinned
          ? {
              resourceGroup: resourceGroups.get(groupKey(subscription, model.resourceGroup!)),
              resourceGroupName: model.resourceGroup,
            }
          : { resourceGroup: network.resourceGroup, resourceGroupName: network.resourceGroupName }),
        provider: network.provider,
        gatewayAddress: model.gatewayAddress,
        gatewayFqdn: model.gatewayFqdn,
        addressSpace: [...model.addressSpace],
        bgp: model.bgp,
        tags: mergeTags(props.tags, model.tags),
      });
      sites.set(id, site);
    }
    return site;
  };

  const connections = new Map<string, VnetToVnetConnection>();
  const pairIds = linkIds(topology.connections);
  for (const model of topology.connections) {
    const id = pairIds(model);
    // Each link has a key of its own, keyed like the link. A Key Vault secret is read in the subscription of the
    // network whose connection reads it.
    const sharedKey = new SharedKey(scope, `SharedKey-${id}`, {
      source: sharedKeySource(model.sharedKey),
      provider: networks.get(model.from)?.provider,
    });
    const options = {
      protocol: model.protocol,
      sharedKey,
      enableBgp: model.enableBgp,
      ipsecPolicy: model.ipsecPolicy,
      dpdTimeoutSeconds: model.dpdTimeoutSeconds,
    };
    if (model.kind === 'site') {
      const site = siteFor(model.to, networks.get(model.from)!);
      const connection = new SiteToSiteConnection(scope, `SiteConnection-${id}`, {
        ...options,
        from: gatewayOf(model.from, model),
        site,
        name: model.names[0],
      });
      outputConnectionId(connection.connection);
      continue;
    }
    const connection = new VnetToVnetConnection(scope, `Connection-${id}`, {
      ...options,
      from: gatewayOf(model.from, model),
      to: gatewayOf(model.to, model),
      bidirectional: model.bidirectional,
      names: [...model.names],
    });
    connections.set(id, connection);
    outputConnectionId(connection.forward);
    if (connection.reverse) outputConnectionId(connection.reverse);
  }
  // The file's groups name networks; the constructs' model refers to them by construct path.
  const refOf = (name: string) => networks.get(name)?.node.path ?? name;
  registerTopologyRules(scope, (draft) =>
    draft.groups.push(
      ...topology.groups.map((g) => ({
        ...g,
        hub: g.hub === undefined ? undefined : refOf(g.hub),
        networks: g.networks.map(refOf),
      })),
    ),
  );
  return { networks, gateways, connections };
}

/** Resource groups keyed as Azure compares them, without case: one group written two ways is one resource. */
const groupKey = (subscriptionId: string | undefined, group: string) =>
  `${subscriptionId ?? ''}/${group}`.toLowerCase();

/**
 * Each created resource group's id: `ResourceGroup-<group>` (`ResourceGroup-<subscription>-<group>` when its network
 * names a subscription), under the first spelling of the group. cdktf gives a resource directly in a stack the id
 * without the characters a Terraform address cannot hold, so that `Test.RG` and `TestRG` would be one address and one
 * group would be lost; groups that would share an address take a hash of their id too. Decided from all the created
 * groups at once, never their order.
 */
function resourceGroupIds(networks: readonly NetworkModel[]): (key: string) => string {
  const ids = new Map<string, string>();
  for (const n of networks) {
    const key = groupKey(n.subscriptionId, n.resourceGroup);
    if (!n.createResourceGroup || ids.has(key)) continue;
    ids.set(
      key,
      n.subscriptionId ? `ResourceGroup-${n.subscriptionId}-${n.resourceGroup}` : `ResourceGroup-${n.resourceGroup}`,
    );
  }
  const address = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '');
  const sharing = new Map<string, number>();
  for (const id of ids.values()) sharing.set(address(id), (sharing.get(address(id)) ?? 0) + 1);
  return (key) => {
    const id = ids.get(key)!;
    return sharing.get(address(id))! > 1 ? `${id}_${shortHash(id)}` : id;
  };
}

const isPinned = (site: SiteModel) => site.resourceGroup !== undefined && site.location !== undefined;

/**
 * Each local network gateway's id: `Site-<site>` for a pinned site (`Site-<site>-<subscription>` when its networks
 * name a subscription), `Site-<site>-<network>` otherwise, as the examples have it, unless two gateways would share
 * one (site `A` from network `B-C`, site `A-B` from network `C`); those take
 * `Site:<site>:<network>`. Decided from all the topology's site links at once, never their order.
 */
function siteIds(topology: TopologyModel): (site: string, network?: string) => string {
  const plain = (site: string, network?: string) =>
    network === undefined ? `Site-${site}` : `Site-${site}-${network}`;
  // The sites that would take each id. An id and a site fix the network (or subscription) the id names, so two
  // links of one site under one id share one gateway: only two sites under one id clash.
  const owners = new Map<string, Set<string>>();
  for (const c of topology.connections) {
    if (c.kind !== 'site') continue;
    const site = topology.sites.find((s) => s.name === c.to);
    const network = site && isPinned(site) ? topology.networks.find((n) => n.name === c.from)?.subscriptionId : c.from;
    const id = plain(c.to, network);
    owners.set(id, (owners.get(id) ?? new Set()).add(c.to));
  }
  return (site, network) => {
    const id = plain(site, network);
    return (owners.get(id)?.size ?? 0) > 1 ? `Site:${site}:${network ?? ''}` : id;
  };
}

function sharedKeySource(key: SharedKeyModel): SharedKeySource {
  if (key.kind === 'variable') return { variable: key.variable };
  if (key.kind === 'keyVault') return { keyVaultSecretId: key.keyVaultSecretId };
  return { generate: true, length: key.length };
}

function mergeTags(...sets: (Record<string, string> | undefined)[]): Record<string, string> | undefined {
  const merged = Object.assign({}, ...sets.filter(Boolean)) as Record<string, string>;
  return Object.keys(merged).length > 0 ? merged : undefined;
}

/**
 * Output names are Terraform identifiers: letters, digits, `_` and `-`, starting with a letter or `_`. A name that
 * needed a character replaced gets a short hash of itself, so that `A.B` and `A_B` give two outputs.
 */
function outputId(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_-]/g, '_');
  const safe = /^[A-Za-z_]/.test(id) ? id : `_${id}`;
  return safe === name ? safe : `${safe}_${shortHash(name)}`;
}

/** The output that holds a network's gateway public IPs (`VNet1-gateway-public-ips`). */
export function gatewayOutputName(network: string): string {
  return outputId(`${network}-gateway-public-ips`);
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8).toUpperCase();
}

/**
 * Construct ids the stack gives its own children. A network takes its name as its id (its resources' Terraform
 * addresses derive from it), unless the name is one of these, or starts or ends like one, or is a property every
 * JavaScript object has (`constructor`, `__proto__`), or starts with a digit (which Azure takes but a Terraform address
 * does not): then `network:<name>`, which no other id can be, since no Azure name holds a colon.
 */
const STACK_IDS = ['azurerm', 'random', 'backend'];
const STACK_ID_PREFIXES = ['azurerm-', 'ResourceGroup-', 'SharedKey-', 'Connection-', 'SiteConnection-', 'Site-'];
const STACK_ID_SUFFIXES = ['-gateway-public-ips', '-id'];

/** A network's construct id in the stack: its name, or `network:<name>` when the name is taken (see above). */
export function networkId(name: string): string {
  const taken =
    STACK_IDS.includes(name) ||
    name in Object.prototype ||
    /^[0-9]/.test(name) ||
    STACK_ID_PREFIXES.some((p) => name.startsWith(p)) ||
    STACK_ID_SUFFIXES.some((p) => name.endsWith(p));
  return taken ? `network:${name}` : name;
}

/**
 * Each link's id: `<from>-<to>`, as the examples have it, unless two links of the topology would share it (`A-B` to
 * `C` and `A` to `B-C`); those take `<from>:<to>`. Decided from the names of all links at once, never their order.
 */
function linkIds(connections: readonly ConnectionModel[]): (model: ConnectionModel) => string {
  const count = new Map<string, number>();
  for (const c of connections) count.set(`${c.from}-${c.to}`, (count.get(`${c.from}-${c.to}`) ?? 0) + 1);
  return (c) => {
    const id = `${c.from}-${c.to}`;
    return (count.get(id) ?? 0) > 1 ? `${c.from}:${c.to}` : id;
  };
}
