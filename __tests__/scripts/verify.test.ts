import { connectionChecks, gatewayAddresses, shellQuote, verifyReport } from '../../scripts/verify';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTopology, readTopology, ROOT } from '../support/synth';
import { seedWith } from '../support/topologies';

const seed = readTopology('vnet1-vnet4.json').model;
const QUERY = '--query "{status: connectionStatus, in: ingressBytesTransferred, out: egressBytesTransferred}"';

describe('connectionChecks', () => {
  it('checks both connections of the article pair, each in its own side resource group', () => {
    expect(connectionChecks(seed).map((c) => c.command)).toEqual([
      `az network vpn-connection show --name VNet1-to-VNet4 --resource-group TestRG1 ${QUERY}`,
      `az network vpn-connection show --name VNet4-to-VNet1 --resource-group TestRG4 ${QUERY}`,
    ]);
  });

  it("checks a site-to-site connection in its network's resource group", () => {
    expect(connectionChecks(readTopology('site-to-site.json').model).map((c) => c.command)).toEqual([
      `az network vpn-connection show --name VNet1-to-OnPrem1 --resource-group TestRG1 ${QUERY}`,
    ]);
  });

  it('passes --subscription for a network in another subscription, through the topology file', () => {
    expect(connectionChecks(readTopology('cross-subscription.json').model).map((c) => c.command)).toEqual([
      `az network vpn-connection show --name VNet1-to-VNet5 --resource-group TestRG1 --subscription 11111111-1111-1111-1111-111111111111 ${QUERY}`,
      `az network vpn-connection show --name VNet5-to-VNet1 --resource-group TestRG5 --subscription 22222222-2222-2222-2222-222222222222 ${QUERY}`,
    ]);
  });

  it('checks one resource for a one-way connection, and every pair of a mesh', () => {
    const network = (name: string, octet: number) => ({
      name,
      resourceGroup: `rg ${name}`,
      location: 'westeurope',
      addressSpace: [`10.${octet}.0.0/16`],
      gatewaySubnetPrefix: `10.${octet}.255.0/27`,
      gateway: {},
    });
    const oneWay = loadTopology({
      networks: [network('A', 1), network('B', 2)],
      connections: [{ from: 'A', to: 'B', bidirectional: false, names: ['A to B'] }],
    }).model;
    expect(connectionChecks(oneWay)).toEqual([
      {
        name: 'A to B',
        resourceGroup: 'rg A',
        command: `az network vpn-connection show --name 'A to B' --resource-group 'rg A' ${QUERY}`,
      },
    ]);
    const mesh = loadTopology({
      networks: [network('A', 1), network('B', 2), network('C', 3)],
      mesh: ['A', 'B', 'C'],
    }).model;
    expect(connectionChecks(mesh).map((c) => `${c.resourceGroup}: ${c.name}`)).toEqual([
      'rg A: A-to-B',
      'rg B: B-to-A',
      'rg A: A-to-C',
      'rg C: C-to-A',
      'rg B: B-to-C',
      'rg C: C-to-B',
    ]);
  });
});

describe('shellQuote', () => {
  it.each([
    ['VNet1-to-VNet4', 'VNet1-to-VNet4'],
    ['a b', `'a b'`],
    [`it's`, `'it'\\''s'`],
    ['$(rm -rf /)', `'$(rm -rf /)'`],
  ])('%s -> %s', (word, quoted) => expect(shellQuote(word)).toBe(quoted));
});

describe('gatewayAddresses', () => {
  const outputs = {
    'VNet1-gateway-public-ips': {
      sensitive: false,
      type: ['tuple', ['string', 'string']],
      value: ['20.1.2.3', '20.1.2.4'],
    },
    'VNet1-to-VNet4-id': { sensitive: false, type: 'string', value: '/subscriptions/x' },
  };

  it('reads the gateways public IPs from `terraform output -json`, leaving out gateways without them', () => {
    expect(gatewayAddresses(seed, outputs)).toEqual([
      { network: 'VNet1', gateway: 'VNet1GW', addresses: ['20.1.2.3', '20.1.2.4'] },
    ]);
  });

  it('refuses something that is not a JSON object', () => {
    expect(() => gatewayAddresses(seed, [1])).toThrow(
      'the outputs file is not a JSON object; save it with `terraform output -json > outputs.json`',
    );
  });

  it('prints the IPs above the commands', () => {
    const report = verifyReport(seed, outputs).split('\n');
    expect(report.slice(0, 3)).toEqual(['# Gateway public IPs', '#   VNet1GW (VNet1): 20.1.2.3, 20.1.2.4', '']);
    expect(report.filter((l) => l.startsWith('az '))).toHaveLength(2);
  });
});

describe('verify with an output marked sensitive', () => {
  const outputs = {
    'VNet1-gateway-public-ips': { sensitive: false, type: ['tuple', ['string']], value: ['20.1.2.3'] },
    'VNet4-gateway-public-ips': { sensitive: true, type: ['tuple', ['string']], value: ['SENSITIVEIP'] },
  };

  it('keeps the value out of what it reads', () => {
    expect(gatewayAddresses(seed, outputs)).toEqual([
      { network: 'VNet1', gateway: 'VNet1GW', addresses: ['20.1.2.3'] },
      { network: 'VNet4', gateway: 'VNet4GW', addresses: [], sensitive: true },
    ]);
  });

  it('says (sensitive) for a value of any shape, and never prints it', () => {
    const report = verifyReport(seed, {
      ...outputs,
      'VNet1-gateway-public-ips': { sensitive: true, type: 'string', value: 'SENSITIVESTRING' },
    });
    expect(report.split('\n').slice(0, 4)).toEqual([
      '# Gateway public IPs',
      '#   VNet1GW (VNet1): (sensitive)',
      '#   VNet4GW (VNet4): (sensitive)',
      '',
    ]);
    expect(report).not.toMatch(/SENSITIVE(IP|STRING)/);
  });

  it('npm run verify -- --outputs <file>: (sensitive) on stdout, the value nowhere', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-'));
    const file = join(dir, 'outputs.json');
    writeFileSync(file, JSON.stringify(outputs));
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'scripts', 'run-ts.mjs'), 'scripts/verify.ts', '--outputs', file],
      { cwd: ROOT, env: { ...process.env, TOPOLOGY: '' }, encoding: 'utf8' },
    );
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout.split('\n').slice(0, 4)).toEqual([
      '# Gateway public IPs',
      '#   VNet1GW (VNet1): 20.1.2.3',
      '#   VNet4GW (VNet4): (sensitive)',
      '',
    ]);
    expect(run.stdout).not.toContain('SENSITIVEIP');
  });
});

describe('verify on hostile text', () => {
  it('a value from the outputs file cannot start a line of its own', () => {
    const model = readTopology('vnet1-vnet4.json').model;
    const report = verifyReport(model, {
      'VNet1-gateway-public-ips': { value: ['1.2.3.4\naz group delete --name TestRG1 --yes'] },
    }).split('\n');
    expect(report.filter((l) => l.startsWith('az group'))).toEqual([]);
    expect(report[1]).toBe('#   VNet1GW (VNet1): "1.2.3.4\\naz group delete --name TestRG1 --yes"');
  });

  it.each([
    ["it's", `'it'\\''s'`],
    ['$(reboot)', `'$(reboot)'`],
    ['a;b', `'a;b'`],
    ['`x`', "'`x`'"],
  ])('shell-quotes %j as %s', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });
});

describe('npm run verify on a topology that fails the rules', () => {
  it('prints no command, says why, exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(seedWith((t) => (t.networks[1].addressSpace = ['10.1.0.0/16']))));
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'run-ts.mjs'), 'scripts/verify.ts'], {
      cwd: ROOT,
      env: { ...process.env, TOPOLOGY: file },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: .*bad\.json: networks\[1\]\./);
    expect(run.stderr.trimEnd().split('\n').pop()).toBe(
      'verify: the topology fails the rules above; fix it before printing commands for it',
    );
  });
});
