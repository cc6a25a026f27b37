import { isVpnGatewaySku, MAX_TUNNELS_BY_SKU } from '../azure/skus';
import { error } from './finding';
import { AZ_SKUS, gatewayLabel, gatewaysOf } from './gateway';
import { fieldPath, refOf, Rule } from './rule';

/**
 * Rule 10 of AZURE-RULES.md: a gateway holds a limited number of S2S / VNet-to-VNet tunnels. One tunnel per distinct
 * remote endpoint (peer gateway or site) the gateway is connected with, whichever side declared the connection: the
 * two resources of a bidirectional pair are one tunnel on each gateway.
 */
export const tunnelsPerGateway: Rule = (topology) => {
  const remotes = new Map<string, Set<string>>();
  const add = (network: string, remote: string) =>
    remotes.set(network, (remotes.get(network) ?? new Set()).add(remote));
  for (const c of topology.connections) {
    if (c.kind === 'vnet') {
      if (c.from === c.to) continue;
      add(c.from, `network:${c.to}`);
      add(c.to, `network:${c.from}`);
    } else {
      add(c.from, `site:${c.to}`);
    }
  }
  return gatewaysOf(topology).flatMap((g) => {
    const { sku } = g.gateway;
    const count = remotes.get(refOf(g.network))?.size ?? 0;
    if (!isVpnGatewaySku(sku) || count <= MAX_TUNNELS_BY_SKU[sku]) return [];
    const bigger = AZ_SKUS.find((candidate) => MAX_TUNNELS_BY_SKU[candidate] >= count);
    const fix = bigger
      ? `use ${bigger}, which holds ${MAX_TUNNELS_BY_SKU[bigger]}`
      : `no SKU holds that many; split the topology (hub-and-spoke instead of a mesh)`;
    return [
      error(
        fieldPath(g.gateway, 'sku'),
        `${gatewayLabel(g)}: needs ${count} tunnels (one per connected gateway or site) but SKU ${sku} holds ${MAX_TUNNELS_BY_SKU[sku]}; ${fix}`,
      ),
    ];
  });
};

export const tunnelRules: readonly Rule[] = [tunnelsPerGateway];
