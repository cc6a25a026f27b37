import type { TopologyModel } from '../topology/model';
import { error, Finding } from './finding';

/** Every rule a topology can break, checked at once so that a user sees all findings of a file in one run. */
export function checkTopology(topology: TopologyModel): Finding[] {
  const findings: Finding[] = [];
  const networks = new Set(topology.networks.map((n) => n.name));
  const sites = new Set(topology.sites.map((s) => s.name));
  for (const connection of topology.connections) {
    if (!networks.has(connection.from)) {
      findings.push(
        error(
          `${connection.path}.from`,
          `connection "${connection.names[0]}": unknown network "${connection.from}"; name a network declared under "networks"`,
        ),
      );
    }
    const known = connection.kind === 'vnet' ? networks : sites;
    if (!known.has(connection.to)) {
      findings.push(
        error(
          `${connection.path}.${connection.kind === 'vnet' ? 'to' : 'toSite'}`,
          `connection "${connection.names[0]}": unknown ${connection.kind === 'vnet' ? 'network' : 'site'} "${connection.to}"; name one declared under "${connection.kind === 'vnet' ? 'networks' : 'sites'}"`,
        ),
      );
    }
  }
  return findings;
}
