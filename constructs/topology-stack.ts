import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { canonicalLocation } from '../azure/regions';
import type { NetworkModel, TopologyModel } from '../topology/model';
import { Network } from './network';
import { SharedKey } from './shared-key';
import { VnetToVnetConnection } from './vnet-to-vnet-connection';
import { VpnGateway } from './vpn-gateway';

export interface TopologyStackProps {
  /** The resolved topology (`resolveTopology()` of a topology file, or built in code). */
  readonly topology: TopologyModel;
  /** Tags on every resource, merged under each network's own. @default - none */
  readonly tags?: Record<string, string>;
  /**
   * Local state file, relative to the stack's working directory (`cdktf.out/stacks/<name>`).
   * @default - `<name>.tfstate` at the project root
   */
  readonly localStatePath?: string;
}

/**
 * A whole topology in one stack: providers, resource groups, networks, gateways, keys and connections, with outputs
 * for each gateway's public IPs and each connection's id. Every construct id comes from a name in the topology.
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
    const { topology } = props;
    // The state file sits at the project root, three levels above cdktf.out/stacks/<name>: a relative path keeps the
    // synthesized JSON identical on every machine.
    new LocalBackend(this, { path: props.localStatePath ?? `../../../${name}.tfstate` });
    new AzurermProvider(this, 'azurerm', { features: [{}] });

    const providers = new Map<string, AzurermProvider>();
    const providerFor = (subscriptionId?: string) => {
      if (subscriptionId === undefined) return undefined;
      let provider = providers.get(subscriptionId);
      if (!provider) {
        provider = new AzurermProvider(this, `azurerm-${subscriptionId}`, {
          alias: `subscription_${subscriptionId.replace(/[^A-Za-z0-9]/g, '_')}`,
          subscriptionId,
          features: [{}],
        });
        providers.set(subscriptionId, provider);
      }
      return provider;
    };

    const resourceGroups = new Map<string, ResourceGroup>();
    const resourceGroupFor = (network: NetworkModel, tags?: Record<string, string>) => {
      if (!network.createResourceGroup) return undefined;
      const key = `${network.subscriptionId ?? ''}/${network.resourceGroup}`;
      let group = resourceGroups.get(key);
      if (!group) {
        const id = network.subscriptionId
          ? `ResourceGroup-${network.subscriptionId}-${network.resourceGroup}`
          : `ResourceGroup-${network.resourceGroup}`;
        group = new ResourceGroup(this, id, {
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
      const network = new Network(this, model.name, {
        name: model.name,
        location: model.location,
        resourceGroup: resourceGroupFor(model, tags),
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
        const vpnGateway = new VpnGateway(network, 'Gateway', {
          network,
          name: gateway.name,
          sku: gateway.sku,
          generation: gateway.generation,
          activeActive: gateway.activeActive,
          vpnType: gateway.vpnType,
          publicIpNames: [...gateway.publicIpNames],
          zones: [...gateway.zones],
          bgp: gateway.bgp && {
            asn: gateway.bgp.asn,
            peeringAddresses: gateway.bgp.peeringAddresses.map((p) => ({
              ...p,
              apipaAddresses: [...p.apipaAddresses],
            })),
          },
        });
        gateways.set(model.name, vpnGateway);
        new TerraformOutput(this, outputId(`${model.name}-gateway-public-ips`), {
          description: `Public IP addresses of ${gateway.name}`,
          value: vpnGateway.publicIpAddresses,
        });
      }
    }

    const connections = new Map<string, VnetToVnetConnection>();
    for (const model of topology.connections) {
      if (model.kind !== 'vnet') continue;
      const id = `${model.from}-${model.to}`;
      const from = gateways.get(model.from);
      const to = gateways.get(model.to);
      if (!from || !to) {
        throw new Error(
          `${model.path}: connection "${model.names[0]}" joins a network without a gateway; add "gateway" to both networks`,
        );
      }
      const connection = new VnetToVnetConnection(this, `Connection-${id}`, {
        from,
        to,
        bidirectional: model.bidirectional,
        names: [...model.names],
        protocol: model.protocol,
        // The key lives under the pair's construct, so each pair has a key of its own.
        sharedKey: new SharedKey(this, `SharedKey-${id}`, {
          source:
            model.sharedKey.kind === 'variable'
              ? { variable: model.sharedKey.variable }
              : model.sharedKey.kind === 'keyVault'
                ? { keyVaultSecretId: model.sharedKey.keyVaultSecretId }
                : { generate: true, length: model.sharedKey.kind === 'generate' ? model.sharedKey.length : undefined },
        }),
        enableBgp: model.enableBgp,
        ipsecPolicy: model.ipsecPolicy,
        dpdTimeoutSeconds: model.dpdTimeoutSeconds,
      });
      connections.set(id, connection);
      for (const resource of [connection.forward, connection.reverse]) {
        if (!resource) continue;
        new TerraformOutput(this, outputId(`${resource.nameInput}-id`), {
          description: `Id of connection ${resource.nameInput}`,
          value: resource.id,
        });
      }
    }

    this.networks = networks;
    this.gateways = gateways;
    this.connections = connections;
  }
}

function mergeTags(...sets: (Record<string, string> | undefined)[]): Record<string, string> | undefined {
  const merged = Object.assign({}, ...sets.filter(Boolean)) as Record<string, string>;
  return Object.keys(merged).length > 0 ? merged : undefined;
}

/** Output names are Terraform identifiers: letters, digits, `_` and `-`, starting with a letter or `_`. */
function outputId(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
}
