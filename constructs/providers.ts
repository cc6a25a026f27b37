import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformProvider, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';

/**
 * The providers a stack already configures, found by their Terraform provider type (`azurerm`, `random`) rather than
 * by `instanceof`: the app may hold another copy of the provider packages than this library, and a second provider
 * block of one type would clash. A provider is added only when the stack has none of that kind.
 */

/** Every provider of a Terraform type in the stack of `scope`. */
function providersOfType(scope: IConstruct, type: string): TerraformProvider[] {
  return TerraformStack.of(scope)
    .node.findAll()
    .filter(
      (c): c is TerraformProvider => TerraformProvider.isTerraformProvider(c) && c.terraformResourceType === type,
    );
}

/** The stack's default (unaliased) provider of a type, if it configures one. */
export function findDefaultProvider(scope: IConstruct, type: 'azurerm' | 'random'): TerraformProvider | undefined {
  return providersOfType(scope, type).find((p) => p.alias === undefined);
}

/** Found once per stack: a mesh asks for it once per key, and finding walks the whole tree. */
const randomProviders = new WeakMap<TerraformStack, TerraformProvider>();

/** The stack's default `random` provider, configured once when the stack has none. */
export function ensureRandomProvider(scope: IConstruct): TerraformProvider {
  const stack = TerraformStack.of(scope);
  let provider = randomProviders.get(stack);
  if (!provider) {
    provider = findDefaultProvider(stack, 'random') ?? new RandomProvider(stack, 'random');
    randomProviders.set(stack, provider);
  }
  return provider;
}

/** The stack's default `azurerm` provider, configured (with an empty `features` block) when the stack has none. */
export function ensureAzurermProvider(scope: IConstruct): TerraformProvider {
  return (
    findDefaultProvider(scope, 'azurerm') ??
    new AzurermProvider(TerraformStack.of(scope), 'azurerm', { features: [{}] })
  );
}

/**
 * The `azurerm` provider for a subscription: one the stack already configures for it (compared case-insensitively,
 * as Azure compares subscription ids), else an aliased one added to the stack.
 */
export function azurermProviderFor(scope: IConstruct, subscriptionId: string): TerraformProvider {
  const wanted = subscriptionId.toLowerCase();
  const existing = providersOfType(scope, 'azurerm').find(
    (p) => p.alias !== undefined && subscriptionOf(p)?.toLowerCase() === wanted,
  );
  if (existing) return existing;
  return new AzurermProvider(TerraformStack.of(scope), `azurerm-${subscriptionId}`, {
    alias: `subscription_${subscriptionId.replace(/[^A-Za-z0-9]/g, '_')}`,
    subscriptionId,
    features: [{}],
  });
}

/** The subscription id an azurerm provider was configured with, read from its synthesized attributes. */
function subscriptionOf(provider: TerraformProvider): string | undefined {
  const value = (provider as unknown as { subscriptionIdInput?: unknown }).subscriptionIdInput;
  return typeof value === 'string' ? value : undefined;
}
