/**
 * After deploy: prints the article's "Verify your connections" commands for every connection resource of a topology
 * (TOPOLOGY, default topologies/vnet1-vnet4.json), and, given `terraform output -json` saved to a file, the gateways'
 * public IPs. Prints commands; runs nothing, needs no credentials.
 *   npm run verify [-- --outputs <file>]
 */
import { readFileSync } from 'node:fs';
import { gatewayOutputName } from '../constructs/topology-stack';
import { checkTopology, formatFindings } from '../rules';
import { quoteText } from '../rules/text';
import { loadTopologyFile, TopologyFileError } from '../topology/load';
import type { TopologyModel } from '../topology/model';

export const DEFAULT_TOPOLOGY = 'topologies/vnet1-vnet4.json';

const QUERY = '{status: connectionStatus, in: ingressBytesTransferred, out: egressBytesTransferred}';

export interface ConnectionCheck {
  /** Azure name of the connection resource. */
  readonly name: string;
  readonly resourceGroup: string;
  /** The network's own subscription, when it is not the provider's default. */
  readonly subscriptionId?: string;
  readonly command: string;
}

/**
 * One check per connection resource the stack creates: the forward connection lives in the `from` network's resource
 * group, the reverse one in the `to` network's; a site-to-site connection, like a forward one, in its network's. A
 * network in another subscription gets `--subscription`.
 */
export function connectionChecks(model: TopologyModel): ConnectionCheck[] {
  const networkOf = new Map(model.networks.map((n) => [n.name, n]));
  const checks: ConnectionCheck[] = [];
  for (const connection of model.connections) {
    const sides: [string, string | undefined][] = [[connection.names[0], connection.from]];
    if (connection.bidirectional) sides.push([connection.names[1], connection.to]);
    for (const [name, networkName] of sides) {
      const network = networkOf.get(networkName ?? '');
      if (!name || !network) continue;
      // A network in another subscription: the CLI looks in its default subscription unless told otherwise.
      const subscription = network.subscriptionId ? ` --subscription ${shellQuote(network.subscriptionId)}` : '';
      checks.push({
        name,
        resourceGroup: network.resourceGroup,
        ...(network.subscriptionId ? { subscriptionId: network.subscriptionId } : {}),
        command:
          `az network vpn-connection show --name ${shellQuote(name)} --resource-group ` +
          `${shellQuote(network.resourceGroup)}${subscription} --query "${QUERY}"`,
      });
    }
  }
  return checks;
}

/** A word for sh: bare when it is safe, else in single quotes (a quote inside closes, escapes and reopens). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface GatewayAddresses {
  readonly network: string;
  readonly gateway: string;
  /** Empty when the output is sensitive. */
  readonly addresses: readonly string[];
  /** The output is marked `"sensitive": true`: its value is never read, and the report says `(sensitive)`. */
  readonly sensitive?: true;
}

/**
 * The gateways' public IPs from `terraform output -json` (`{"VNet1-gateway-public-ips": {"value": [...]}}`); the
 * stack names that output `<network>-gateway-public-ips`. Gateways without the output are left out. An output marked
 * `"sensitive": true` (https://developer.hashicorp.com/terraform/cli/commands/output: `-json` prints sensitive values
 * in plain text) keeps its value to itself.
 */
export function gatewayAddresses(model: TopologyModel, outputs: unknown): GatewayAddresses[] {
  if (typeof outputs !== 'object' || outputs === null || Array.isArray(outputs)) {
    throw new Error('the outputs file is not a JSON object; save it with `terraform output -json > outputs.json`');
  }
  const found: GatewayAddresses[] = [];
  for (const network of model.networks) {
    if (!network.gateway) continue;
    const key = gatewayOutputName(network.name);
    const entry = (outputs as Record<string, unknown>)[key];
    if (typeof entry !== 'object' || entry === null || !('value' in entry)) continue;
    if ('sensitive' in entry && entry.sensitive === true) {
      found.push({ network: network.name, gateway: network.gateway.name, addresses: [], sensitive: true });
      continue;
    }
    const value = entry.value;
    if (!Array.isArray(value)) continue;
    found.push({ network: network.name, gateway: network.gateway.name, addresses: value.map(String) });
  }
  return found;
}

/** A value in a comment line: as it is when it is a plain word, else quoted with its control characters escaped. */
function commentText(text: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(text) ? text : quoteText(text);
}

/** The whole report, as printed. */
export function verifyReport(model: TopologyModel, outputs?: unknown): string {
  const lines: string[] = [];
  if (outputs !== undefined) {
    const gateways = gatewayAddresses(model, outputs);
    lines.push('# Gateway public IPs');
    if (gateways.length === 0) lines.push('#   (none in the outputs file: is it from this topology, after apply?)');
    // Comment lines hold only escaped text: a value from the outputs file cannot start a line of its own.
    for (const g of gateways) {
      const addresses = g.sensitive ? '(sensitive)' : g.addresses.map(commentText).join(', ');
      lines.push(`#   ${commentText(g.gateway)} (${commentText(g.network)}): ${addresses}`);
    }
    lines.push('');
  }
  const checks = connectionChecks(model);
  lines.push(
    '# Verify each connection (the article\'s "Verify your connections"): status should be "Connected", and the byte',
    '# counters should grow once traffic flows. A new connection can take a few minutes to connect.',
  );
  if (checks.length === 0) lines.push('#   (this topology has no VNet-to-VNet connections)');
  for (const check of checks) lines.push(check.command);
  return `${lines.join('\n')}\n`;
}

function parseArgs(args: readonly string[]): { outputs?: string } {
  if (args.length === 0) return {};
  if (args[0] === '--outputs' && args.length === 2) return { outputs: args[1] };
  throw new Error('usage: npm run verify [-- --outputs <terraform output -json file>]');
}

function main(): number {
  const { outputs } = parseArgs(process.argv.slice(2));
  const path = process.env.TOPOLOGY || DEFAULT_TOPOLOGY;
  const topology = loadTopologyFile(path);
  // Commands are printed only for a topology that passes the rules: its names are what the stack deploys.
  const errors = checkTopology(topology.model).filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    for (const line of formatFindings(errors, path)) process.stderr.write(`${line}\n`);
    process.stderr.write('verify: the topology fails the rules above; fix it before printing commands for it\n');
    return 1;
  }
  let outputsJson: unknown;
  if (outputs !== undefined) {
    let text: string;
    try {
      text = readFileSync(outputs, 'utf8');
    } catch {
      throw new Error(`${outputs}: cannot read the outputs file; save it with \`terraform output -json > ${outputs}\``);
    }
    try {
      outputsJson = JSON.parse(text);
    } catch (e) {
      throw new Error(`${outputs}: not valid JSON (${(e as Error).message})`);
    }
  }
  process.stdout.write(verifyReport(topology.model, outputsJson));
  return 0;
}

// Run when it is the entry point (run-ts.mjs puts the entry in argv[1]), not when a test imports it.
if (/(^|[\\/])scripts[\\/]verify\.ts$/.test(process.argv[1] ?? '')) {
  try {
    process.exitCode = main();
  } catch (e) {
    if (e instanceof TopologyFileError) process.stderr.write(`${e.message}\n`);
    else process.stderr.write(`verify: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
