import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { RULES_CHECKED_CONTEXT, TopologyStack } from '../../constructs';
import { checkTopology } from '../../rules';
import { LoadedTopology, parseTopology } from '../../topology/load';
import type { TopologyFileInput } from '../../topology/schema';
import { ROOT } from './root';

export { ROOT };

/** Synthesized Terraform JSON, parsed. */
export interface TerraformJson {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { value: unknown }>;
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly variable?: Record<string, Record<string, unknown>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly terraform?: Record<string, unknown>;
}

export function readTopology(file: string): LoadedTopology {
  return parseTopology(readFileSync(join(ROOT, 'topologies', file), 'utf8'), file.replace(/\.json$/, ''));
}

export function loadTopology(input: TopologyFileInput, name = 'test'): LoadedTopology {
  return parseTopology(JSON.stringify(input), name);
}

/** The same path main.ts takes: rules first, then the stack; returns the stack's JSON text. */
export function synthTopology(topology: LoadedTopology): string {
  const errors = checkTopology(topology.model).filter((f) => f.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  const app = Testing.app({ context: { [RULES_CHECKED_CONTEXT]: true } });
  const stack = new TopologyStack(app, topology.name, { topology: topology.model, tags: topology.file.tags });
  return Testing.synth(stack, true);
}

export function synthJson(topology: LoadedTopology): TerraformJson {
  return JSON.parse(synthTopology(topology)) as TerraformJson;
}

/** Synthesizes whatever `build` puts in a fresh stack (with a default azurerm provider), running its validations. */
export function synthScope(build: (scope: Construct) => void): TerraformJson {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  build(stack);
  return JSON.parse(Testing.synth(stack, true)) as TerraformJson;
}

/** Resource bodies of one type, by address. */
export function resourcesOf(json: TerraformJson, type: string): Record<string, Record<string, unknown>> {
  return json.resource[type] ?? {};
}

/** Every Terraform address (`type.name`) in a stack. */
export function addresses(json: TerraformJson): string[] {
  return Object.entries(json.resource).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name}`),
  );
}

/** The address of the resource of a type whose Azure `name` is given. */
export function addressOf(json: TerraformJson, type: string, name: string): string {
  const match = Object.entries(resourcesOf(json, type)).find(([, body]) => body.name === name);
  if (!match) throw new Error(`no ${type} named ${name}`);
  return `${type}.${match[0]}`;
}

/** `${<address>.<attribute>}`: how a reference to another resource reads in the JSON. */
export const ref = (address: string, attribute: string) => `\${${address}.${attribute}}`;
