import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { RULES_CHECKED_CONTEXT, TopologyStack } from '../../constructs';
import { checkTopology, formatFinding } from '../../rules';
import { parseTopology } from '../../topology/load';
import { remoteState } from '../../topology/remote-state';
import type { TopologyFileInput } from '../../topology/schema';
import { ROOT } from '../support/root';
import { network, seedInput } from '../support/topologies';

/**
 * Every field of the topology file reaches the Terraform: for each field of the JSON Schema, a valid value other than
 * the default, written into a topology that is otherwise the same, changes the synthesized JSON. A field added to the
 * schema without an entry here fails the first test; one whose value is dropped fails the second.
 */

type Edit = (t: TopologyFileInput) => void;
interface Case {
  /** The topology the field is written into. @default the seed */
  readonly base?: Edit;
  /** Writes the field, and nothing else. */
  readonly change: Edit;
}

const synthesized = new Map<string, string>();

/** What main.ts does with a file: rules, remote state from the file, the stack. Returns the stack's JSON text. */
function synth(input: TopologyFileInput): string {
  const text = JSON.stringify(input);
  const known = synthesized.get(text);
  if (known !== undefined) return known;
  const json = synthUncached(text);
  synthesized.set(text, json);
  return json;
}

function synthUncached(text: string): string {
  const topology = parseTopology(text, 'every-field');
  const errors = checkTopology(topology.model).filter((f) => f.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map(formatFinding).join('\n'));
  const app = Testing.app({ context: { [RULES_CHECKED_CONTEXT]: true } });
  const stack = new TopologyStack(app, topology.name, {
    topology: topology.model,
    tags: topology.file.tags,
    backend: remoteState(topology.file, {}),
  });
  return Testing.synth(stack, true);
}

const vnet1 = (t: TopologyFileInput) => t.networks[0];
const gw1 = (t: TopologyFileInput) => t.networks[0].gateway!;
const link = (t: TopologyFileInput) => t.connections![0];
const withVNet5: Edit = (t) => t.networks.push(network(5));
const noLinks: Edit = (t) => (t.connections = []);
const bgpEverywhere: Edit = (t) => t.networks.forEach((n, i) => (n.gateway!.bgp = { asn: 65010 + i }));
const withSite: Edit = (t) => {
  t.sites = [
    { name: 'OnPrem', gatewayAddress: '203.0.113.10', addressSpace: ['192.168.0.0/16'] },
    { name: 'OnPrem2', gatewayAddress: '203.0.113.20', addressSpace: ['192.169.0.0/16'] },
  ];
  t.connections!.push({ from: 'VNet1', toSite: 'OnPrem' });
};
const site = (t: TopologyFileInput) => t.sites![0];
const siteBgp: Edit = (t) => {
  withSite(t);
  bgpEverywhere(t);
  site(t).bgp = { asn: 65050, peeringAddress: '192.168.255.1' };
};
const policy = {
  dhGroup: 'DHGroup14',
  ikeEncryption: 'AES256',
  ikeIntegrity: 'SHA256',
  ipsecEncryption: 'GCMAES256',
  ipsecIntegrity: 'GCMAES256',
  pfsGroup: 'PFS2048',
};
const withPolicy: Edit = (t) => (link(t).ipsecPolicy = { ...policy });
const meshObject: Edit = (t) => {
  noLinks(t);
  t.mesh = { networks: ['VNet1', 'VNet4'] };
};
const mesh = (t: TopologyFileInput) => t.mesh as Exclude<TopologyFileInput['mesh'], string[] | undefined>;
const hub: Edit = (t) => {
  noLinks(t);
  withVNet5(t);
  t.hubAndSpoke = { hub: 'VNet1', spokes: ['VNet4'] };
};
const backend: Edit = (t) =>
  (t.backend = {
    type: 'azurerm',
    resourceGroupName: 'state-rg',
    storageAccountName: 'statesa',
    containerName: 'tfstate',
  });
const VAULT =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/kv/providers/Microsoft.KeyVault/vaults/kv1';
const SUBSCRIPTION = '11111111-1111-1111-1111-111111111111';

const CHANGES: Record<string, Case> = {
  name: { change: (t) => (t.name = 'renamed') },
  tags: { change: (t) => (t.tags = { env: 'prod' }) },
  'networks[].name': {
    change: (t) => {
      vnet1(t).name = 'VNet9';
      link(t).from = 'VNet9';
    },
  },
  'networks[].resourceGroup': { change: (t) => (vnet1(t).resourceGroup = 'OtherRG') },
  'networks[].createResourceGroup': { change: (t) => (vnet1(t).createResourceGroup = false) },
  'networks[].location': { change: (t) => (vnet1(t).location = 'eastus2') },
  'networks[].subscriptionId': { change: (t) => (vnet1(t).subscriptionId = SUBSCRIPTION) },
  'networks[].addressSpace[]': { change: (t) => vnet1(t).addressSpace.push('10.100.0.0/16') },
  'networks[].subnets[].name': { change: (t) => (vnet1(t).subnets![0].name = 'BackEnd') },
  'networks[].subnets[].addressPrefix': { change: (t) => (vnet1(t).subnets![0].addressPrefix = '10.1.1.0/24') },
  'networks[].subnets[].networkSecurityGroupId': {
    change: (t) =>
      (vnet1(t).subnets![0].networkSecurityGroupId =
        `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg`),
  },
  'networks[].subnets[].routeTableId': {
    change: (t) =>
      (vnet1(t).subnets![0].routeTableId =
        `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt`),
  },
  'networks[].gatewaySubnetPrefix': { change: (t) => (vnet1(t).gatewaySubnetPrefix = '10.1.254.0/27') },
  'networks[].gateway.name': { change: (t) => (gw1(t).name = 'Gateway1') },
  'networks[].gateway.sku': { change: (t) => (gw1(t).sku = 'VpnGw3AZ') },
  'networks[].gateway.generation': { change: (t) => (gw1(t).generation = 'Generation1') },
  'networks[].gateway.activeActive': {
    base: (t) => delete gw1(t).publicIpNames,
    change: (t) => (gw1(t).activeActive = false),
  },
  'networks[].gateway.vpnType': {
    base: (t) => {
      noLinks(t);
      vnet1(t).gateway = { sku: 'Basic', generation: 'Generation1', activeActive: false };
    },
    change: (t) => (gw1(t).vpnType = 'PolicyBased'),
  },
  'networks[].gateway.publicIpNames[]': { change: (t) => (gw1(t).publicIpNames = ['ip-a', 'ip-b']) },
  'networks[].gateway.zones[]': { change: (t) => (gw1(t).zones = ['1']) },
  'networks[].gateway.bgp.asn': { change: (t) => (gw1(t).bgp = { asn: 65010 }) },
  'networks[].gateway.bgp.peeringAddresses[].ipConfigurationName': {
    base: (t) =>
      (gw1(t).bgp = {
        asn: 65010,
        peeringAddresses: [{ apipaAddresses: ['169.254.21.1'] }, { apipaAddresses: ['169.254.22.1'] }],
      }),
    change: (t) => {
      const [a, b] = gw1(t).bgp!.peeringAddresses!;
      a.ipConfigurationName = 'ipconfig2';
      b.ipConfigurationName = 'ipconfig1';
    },
  },
  'networks[].gateway.bgp.peeringAddresses[].apipaAddresses[]': {
    base: (t) => (gw1(t).bgp = { asn: 65010 }),
    change: (t) =>
      (gw1(t).bgp!.peeringAddresses = [{ apipaAddresses: ['169.254.21.1'] }, { apipaAddresses: ['169.254.22.1'] }]),
  },
  'networks[].gateway.deleteProtection': { change: (t) => (gw1(t).deleteProtection = 'lock') },
  'networks[].tags': { change: (t) => (vnet1(t).tags = { owner: 'net' }) },
  'sites[].name': {
    base: withSite,
    change: (t) => {
      site(t).name = 'Branch';
      t.connections![1].toSite = 'Branch';
    },
  },
  'sites[].gatewayAddress': { base: withSite, change: (t) => (site(t).gatewayAddress = '198.51.100.7') },
  'sites[].gatewayFqdn': {
    base: withSite,
    change: (t) => {
      delete site(t).gatewayAddress;
      site(t).gatewayFqdn = 'vpn.example.com';
    },
  },
  'sites[].addressSpace[]': { base: withSite, change: (t) => site(t).addressSpace!.push('172.16.0.0/16') },
  'sites[].bgp.asn': { base: siteBgp, change: (t) => (site(t).bgp!.asn = 65051) },
  'sites[].bgp.peeringAddress': { base: siteBgp, change: (t) => (site(t).bgp!.peeringAddress = '192.168.255.2') },
  'sites[].resourceGroup': {
    base: (t) => {
      withSite(t);
      Object.assign(site(t), { resourceGroup: 'TestRG1', location: 'eastus' });
    },
    change: (t) => (site(t).resourceGroup = 'OnPremRG'),
  },
  'sites[].location': {
    base: (t) => {
      withSite(t);
      Object.assign(site(t), { resourceGroup: 'TestRG1', location: 'eastus' });
    },
    change: (t) => (site(t).location = 'westus2'),
  },
  'sites[].tags': { base: withSite, change: (t) => (site(t).tags = { owner: 'branch' }) },
  'connections[].from': {
    change: (t) => {
      link(t).from = 'VNet4';
      link(t).to = 'VNet1';
    },
  },
  'connections[].to': {
    base: withVNet5,
    change: (t) => {
      link(t).to = 'VNet5';
      delete link(t).names;
    },
  },
  'connections[].toSite': { base: withSite, change: (t) => (t.connections![1].toSite = 'OnPrem2') },
  'connections[].bidirectional': {
    base: (t) => delete link(t).names,
    change: (t) => (link(t).bidirectional = false),
  },
  'connections[].names[]': { change: (t) => (link(t).names = ['A', 'B']) },
  'connections[].protocol': { change: (t) => (link(t).protocol = 'IKEv1') },
  'connections[].sharedKey.generate': {
    base: (t) => (link(t).sharedKey = { variable: 'psk' }),
    change: (t) => (link(t).sharedKey = { generate: true }),
  },
  'connections[].sharedKey.length': { change: (t) => (link(t).sharedKey = { generate: true, length: 32 }) },
  'connections[].sharedKey.variable': { change: (t) => (link(t).sharedKey = { variable: 'psk' }) },
  'connections[].sharedKey.keyVaultSecretId': {
    change: (t) => (link(t).sharedKey = { keyVaultSecretId: `${VAULT}/secrets/psk` }),
  },
  'connections[].enableBgp': { base: bgpEverywhere, change: (t) => (link(t).enableBgp = false) },
  'connections[].ipsecPolicy.dhGroup': {
    base: withPolicy,
    change: (t) => (link(t).ipsecPolicy!.dhGroup = 'DHGroup24'),
  },
  'connections[].ipsecPolicy.ikeEncryption': {
    base: withPolicy,
    change: (t) => (link(t).ipsecPolicy!.ikeEncryption = 'AES128'),
  },
  'connections[].ipsecPolicy.ikeIntegrity': {
    base: withPolicy,
    change: (t) => (link(t).ipsecPolicy!.ikeIntegrity = 'SHA384'),
  },
  'connections[].ipsecPolicy.ipsecEncryption': {
    base: withPolicy,
    change: (t) => (link(t).ipsecPolicy!.ipsecEncryption = 'AES256'),
  },
  'connections[].ipsecPolicy.ipsecIntegrity': {
    base: withPolicy,
    change: (t) => (link(t).ipsecPolicy!.ipsecIntegrity = 'SHA256'),
  },
  'connections[].ipsecPolicy.pfsGroup': { base: withPolicy, change: (t) => (link(t).ipsecPolicy!.pfsGroup = 'PFS24') },
  'connections[].ipsecPolicy.saLifetime': { base: withPolicy, change: (t) => (link(t).ipsecPolicy!.saLifetime = 3600) },
  'connections[].ipsecPolicy.saDatasize': { base: withPolicy, change: (t) => (link(t).ipsecPolicy!.saDatasize = 2048) },
  'connections[].dpdTimeoutSeconds': { change: (t) => (link(t).dpdTimeoutSeconds = 30) },
  'mesh[]': { base: noLinks, change: (t) => (t.mesh = ['VNet1', 'VNet4']) },
  'mesh.networks[]': {
    base: (t) => (meshObject(t), withVNet5(t)),
    change: (t) => mesh(t).networks.push('VNet5'),
  },
  'mesh.protocol': { base: meshObject, change: (t) => (mesh(t).protocol = 'IKEv1') },
  'mesh.enableBgp': { base: (t) => (meshObject(t), bgpEverywhere(t)), change: (t) => (mesh(t).enableBgp = false) },
  'mesh.sharedKey.generate': {
    base: (t) => (meshObject(t), (mesh(t).sharedKey = { variable: 'psk' })),
    change: (t) => (mesh(t).sharedKey = { generate: true }),
  },
  'mesh.sharedKey.length': { base: meshObject, change: (t) => (mesh(t).sharedKey = { generate: true, length: 32 }) },
  'mesh.sharedKey.variable': { base: meshObject, change: (t) => (mesh(t).sharedKey = { variable: 'psk' }) },
  'mesh.sharedKey.keyVaultSecretId': {
    base: meshObject,
    change: (t) => (mesh(t).sharedKey = { keyVaultSecretId: `${VAULT}/secrets/psk` }),
  },
  'hubAndSpoke.hub': { base: hub, change: (t) => (t.hubAndSpoke!.hub = 'VNet5') },
  'hubAndSpoke.spokes[]': { base: hub, change: (t) => t.hubAndSpoke!.spokes.push('VNet5') },
  'hubAndSpoke.bgp': { base: (t) => (hub(t), bgpEverywhere(t)), change: (t) => (t.hubAndSpoke!.bgp = true) },
  'hubAndSpoke.protocol': { base: hub, change: (t) => (t.hubAndSpoke!.protocol = 'IKEv1') },
  'backend.resourceGroupName': { base: backend, change: (t) => (t.backend!.resourceGroupName = 'other-rg') },
  'backend.storageAccountName': { base: backend, change: (t) => (t.backend!.storageAccountName = 'othersa') },
  'backend.containerName': { base: backend, change: (t) => (t.backend!.containerName = 'other') },
  'backend.key': { base: backend, change: (t) => (t.backend!.key = 'vpn.tfstate') },
  'backend.subscriptionId': { base: backend, change: (t) => (t.backend!.subscriptionId = SUBSCRIPTION) },
};

/** Fields with no Terraform of their own, and why. */
const NO_EFFECT: Record<string, string> = {
  $schema: "the editor's pointer to the JSON Schema, for completion and checking while typing",
  version: 'the version of the file format; 1 is its only value',
  'backend.type': 'azurerm is its only value; the backend it selects is tested through the other backend fields',
};

interface JsonSchema {
  readonly properties?: Record<string, JsonSchema>;
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
}

/** `networks[].gateway.sku`: every leaf of the schema, a union's branches merged, a map (tags) a leaf itself. */
function fieldsOf(schema: JsonSchema, path = ''): string[] {
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (branches.length > 0) return [...new Set(branches.flatMap((b) => fieldsOf(b, path)))];
  if (schema.properties) {
    return Object.entries(schema.properties).flatMap(([key, child]) => fieldsOf(child, path ? `${path}.${key}` : key));
  }
  if (schema.items) return fieldsOf(schema.items, `${path}[]`);
  return [path];
}

const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'topology.schema.json'), 'utf8')) as JsonSchema;
const FIELDS = fieldsOf(schema);

describe('every field of the topology file reaches the Terraform', () => {
  it('has a case for every field of the schema, and none for a field it does not have', () => {
    expect([...Object.keys(CHANGES), ...Object.keys(NO_EFFECT)].sort()).toEqual([...FIELDS].sort());
  });

  it.each(Object.entries(CHANGES))('%s', (_, { base = () => undefined, change }) => {
    const before = seedInput();
    base(before);
    const after = JSON.parse(JSON.stringify(before)) as TopologyFileInput;
    change(after);
    expect(after).not.toEqual(before);
    expect(synth(after)).not.toEqual(synth(before));
  });
});
