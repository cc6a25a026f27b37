import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { App, TerraformProvider, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { SharedKey, Topology } from '../../constructs';
import { loadTopology, resourcesOf, TerraformJson } from '../support/synth';
import { seedInput } from '../support/topologies';

const synth = (stack: TerraformStack) => JSON.parse(Testing.synth(stack, true)) as TerraformJson;

/** A random provider from another copy of the provider package: a class this library has never seen. */
class RandomProviderOfAnotherCopy extends TerraformProvider {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      terraformResourceType: 'random',
      terraformProviderSource: 'hashicorp/random',
      terraformGeneratorMetadata: { providerName: 'random' },
    });
  }
  protected synthesizeAttributes(): Record<string, unknown> {
    return {};
  }
}

describe('providers, found by their Terraform type', () => {
  it.each([
    ['the app configures none: one is added', (_: TerraformStack) => undefined, 1],
    [
      'the app configures its own under another id: it is used',
      (s: TerraformStack) => new RandomProvider(s, 'mine'),
      1,
    ],
    [
      'the app has it from another copy of the package (no instanceof): it is used',
      (s: TerraformStack) => new RandomProviderOfAnotherCopy(s, 'mine'),
      1,
    ],
    [
      'the app configures only an aliased one: a default one is added beside it',
      (s: TerraformStack) => new RandomProvider(s, 'mine', { alias: 'other' }),
      2,
    ],
  ])('random: %s', (_title, configure, blocks) => {
    const stack = new TerraformStack(new App(), 'test');
    configure(stack);
    new SharedKey(stack, 'A');
    new SharedKey(stack, 'B');
    expect(synth(stack).provider?.random).toHaveLength(blocks);
  });

  it("a topology in an app's stack uses the stack's azurerm provider, and adds none", () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AzurermProvider(stack, 'team', { features: [{}], skipProviderRegistration: true });
    new Topology(stack, 'Prod', { topology: loadTopology(seedInput()).model });
    const providers = synth(stack).provider?.azurerm ?? [];
    expect(providers).toEqual([expect.objectContaining({ skip_provider_registration: true })]);
  });

  it("a network's subscription has a provider alias of its own, even when the stack's default provider names it", () => {
    const sub = '0d5c7d6e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
    const input = seedInput();
    input.networks[0] = { ...input.networks[0], subscriptionId: sub };
    const stack = new TerraformStack(Testing.app(), 'test');
    new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: sub });
    new Topology(stack, 'Prod', { topology: loadTopology(input).model });
    const json = synth(stack);
    const alias = `subscription_${sub.replace(/-/g, '_')}`;
    expect((json.provider?.azurerm ?? []).map((p) => [p.alias, p.subscription_id])).toEqual([
      [undefined, sub],
      [alias, sub],
    ]);
    const networks = Object.values(resourcesOf(json, 'azurerm_virtual_network'));
    expect(networks.find((n) => n.name === input.networks[0].name)?.provider).toBe(`azurerm.${alias}`);
  });

  it('one subscription written in two cases is one aliased provider', () => {
    const sub = '0d5c7d6e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
    const input = seedInput();
    input.networks[0] = { ...input.networks[0], subscriptionId: sub };
    input.networks[1] = { ...input.networks[1], subscriptionId: sub.toUpperCase() };
    const stack = new TerraformStack(Testing.app(), 'test');
    new Topology(stack, 'Prod', { topology: loadTopology(input).model });
    const providers = synth(stack).provider?.azurerm ?? [];
    expect(providers.map((p) => p.alias)).toEqual([undefined, `subscription_${sub.replace(/-/g, '_')}`]);
  });
});
