import { defaultZones } from '../azure/skus';
import {
  bgpByDefault,
  ConnectionModel,
  defaultNames,
  GatewayModel,
  GroupModel,
  NetworkModel,
  sharedKeyModel,
  TopologyModel,
} from './model';
import type { TopologyFile } from './schema';

/** Applies the file's defaults and expands meshes and hubs: the model the rules check and the stack builds. */
export function resolveTopology(file: TopologyFile): TopologyModel {
  const networks = file.networks.map((network, i): NetworkModel => {
    const path = `networks[${i}]`;
    return {
      path,
      name: network.name,
      resourceGroup: network.resourceGroup,
      createResourceGroup: network.createResourceGroup,
      location: network.location,
      subscriptionId: network.subscriptionId,
      addressSpace: network.addressSpace,
      subnets: network.subnets.map((subnet, j) => ({ path: `${path}.subnets[${j}]`, ...subnet })),
      gatewaySubnetPrefix: network.gatewaySubnetPrefix,
      gateway: network.gateway && resolveGateway(network, `${path}.gateway`, network.gateway),
      tags: network.tags,
    };
  });
  const gatewaysWithBgp = new Set(networks.filter((n) => n.gateway?.bgp).map((n) => n.name));
  const sitesWithBgp = new Set(file.sites.filter((s) => s.bgp).map((s) => s.name));
  const bothBgp = (from: string, to: string, kind: 'vnet' | 'site' = 'vnet') =>
    bgpByDefault(gatewaysWithBgp.has(from), (kind === 'site' ? sitesWithBgp : gatewaysWithBgp).has(to));

  const connections: ConnectionModel[] = file.connections.map((c, i) => {
    const kind = c.toSite !== undefined ? 'site' : 'vnet';
    const to = (c.toSite ?? c.to) as string;
    return {
      path: `connections[${i}]`,
      kind,
      from: c.from,
      to,
      bidirectional: kind === 'vnet' && c.bidirectional,
      names: connectionNames(c.from, to, kind === 'vnet' && c.bidirectional, c.names),
      protocol: c.protocol,
      sharedKey: sharedKeyModel(c.sharedKey),
      enableBgp: c.enableBgp ?? bothBgp(c.from, to, kind),
      ipsecPolicy: c.ipsecPolicy,
      dpdTimeoutSeconds: c.dpdTimeoutSeconds,
    };
  });

  const groups: GroupModel[] = [];
  if (file.mesh) {
    const mesh = Array.isArray(file.mesh) ? { networks: file.mesh, protocol: 'IKEv2' as const } : file.mesh;
    const sharedKey = sharedKeyModel(Array.isArray(file.mesh) ? { generate: true } : file.mesh.sharedKey);
    const enableBgp = Array.isArray(file.mesh) ? undefined : file.mesh.enableBgp;
    groups.push({ path: 'mesh', kind: 'mesh', networks: mesh.networks, bgp: enableBgp ?? false });
    // Pairs in sorted order, as the Mesh construct makes them: reordering the list changes no address. A string sort
    // compares UTF-16 code units, as the construct's `<` does.
    const members = [...mesh.networks].sort();
    members.forEach((from, i) =>
      members.slice(i + 1).forEach((to) =>
        connections.push({
          path: 'mesh',
          kind: 'vnet',
          from,
          to,
          bidirectional: true,
          names: connectionNames(from, to, true),
          protocol: mesh.protocol,
          sharedKey,
          enableBgp: enableBgp ?? bothBgp(from, to),
        }),
      ),
    );
  }
  if (file.hubAndSpoke) {
    const { hub, spokes, bgp, protocol } = file.hubAndSpoke;
    groups.push({ path: 'hubAndSpoke', kind: 'hubAndSpoke', hub, networks: [hub, ...spokes], bgp });
    spokes.forEach((spoke, i) =>
      connections.push({
        path: `hubAndSpoke.spokes[${i}]`,
        kind: 'vnet',
        from: hub,
        to: spoke,
        bidirectional: true,
        names: connectionNames(hub, spoke, true),
        protocol,
        sharedKey: sharedKeyModel({ generate: true }),
        enableBgp: bgp,
      }),
    );
  }

  const sites = file.sites.map((site, i) => ({ path: `sites[${i}]`, ...site }));
  return { networks, sites, connections, groups, tags: file.tags };
}

type NetworkInput = TopologyFile['networks'][number];
type GatewayInput = NonNullable<NetworkInput['gateway']>;

function resolveGateway(network: NetworkInput, path: string, gateway: GatewayInput): GatewayModel {
  const name = gateway.name ?? defaultNames.gateway(network.name);
  const ipCount = gateway.activeActive ? 2 : 1;
  const publicIpNames = gateway.publicIpNames ?? defaultNames.publicIps(name, ipCount);
  const ipConfigurationNames = publicIpNames.map((_, i) => defaultNames.ipConfiguration(i));
  return {
    path,
    name,
    sku: gateway.sku,
    generation: gateway.generation,
    activeActive: gateway.activeActive,
    vpnType: gateway.vpnType,
    publicIpNames,
    zones: gateway.zones ?? defaultZones(gateway.sku, network.location),
    ipConfigurationNames,
    deleteProtection: gateway.deleteProtection,
    bgp: gateway.bgp && {
      asn: gateway.bgp.asn,
      peeringAddresses: (gateway.bgp.peeringAddresses ?? []).map((p, i) => ({
        ipConfigurationName: p.ipConfigurationName ?? ipConfigurationNames[i],
        apipaAddresses: p.apipaAddresses,
      })),
    },
  };
}

/** The Azure names of a link's connections, the given ones first: one per connection resource. */
function connectionNames(from: string, to: string, bidirectional: boolean, given: readonly string[] = []): string[] {
  const forward = given[0] ?? defaultNames.connection(from, to);
  return bidirectional ? [forward, given[1] ?? defaultNames.connection(to, from)] : [forward];
}
