import fc from 'fast-check';
import { Testing } from 'cdktf';
import { RULES_CHECKED_CONTEXT, TopologyStack } from '../../constructs';
import { checkTopology, formatFinding } from '../../rules';
import { parseTopology, TopologyFileError } from '../../topology/load';
import type { TopologyFileInput } from '../../topology/schema';
import { seedWith } from '../support/topologies';

/**
 * For arbitrary text in every free-text field of a topology file: the run is refused cleanly (one-line findings), or
 * the synthesized JSON holds the text only in a form Terraform reads literally: every interpolation in it is a
 * reference cdktf wrote, and there is no template directive at all.
 */

/** Where the text goes: each free-text field of the seed (names kept consistent where a name is referred to). */
const FIELDS: [string, (t: TopologyFileInput, s: string) => void][] = [
  [
    'networks[].name',
    (t, s) => {
      t.networks[0].name = s;
      t.connections![0].from = s;
      delete t.connections![0].names;
      delete t.networks[0].gateway!.name;
      delete t.networks[0].gateway!.publicIpNames;
    },
  ],
  ['networks[].resourceGroup', (t, s) => (t.networks[0].resourceGroup = s)],
  ['networks[].location', (t, s) => (t.networks[1].location = s)],
  ['networks[].subscriptionId', (t, s) => (t.networks[1].subscriptionId = s)],
  ['networks[].subnets[].name', (t, s) => (t.networks[0].subnets![0].name = s)],
  ['networks[].subnets[].networkSecurityGroupId', (t, s) => (t.networks[0].subnets![0].networkSecurityGroupId = s)],
  ['networks[].gateway.name', (t, s) => (t.networks[0].gateway!.name = s)],
  ['networks[].gateway.publicIpNames[]', (t, s) => (t.networks[0].gateway!.publicIpNames = [s, 'pip2'])],
  ['networks[].tags (key and value)', (t, s) => (t.networks[0].tags = { [s]: s })],
  ['tags (key and value)', (t, s) => (t.tags = { [s]: s })],
  ['connections[].names[]', (t, s) => (t.connections![0].names = [s, 'back'])],
  ['connections[].sharedKey.variable', (t, s) => (t.connections![0].sharedKey = { variable: s })],
  ['connections[].sharedKey.keyVaultSecretId', (t, s) => (t.connections![0].sharedKey = { keyVaultSecretId: s })],
];

/** Text rich in what Terraform and terminals read specially. */
const hostileText = fc
  .array(
    fc.constantFrom('${', '%{', '$${', '%%{', '}', '$', '%', '{', 'a', 'Z', '-', '"', '\\', '\n', '\u001b', ' ', 'x}'),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(''));

/** The interpolations and directives of a Terraform template string (`$${` and `%%{` are literal text). */
function templateSequences(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const pair = text.slice(i, i + 2);
    if ((pair === '$$' || pair === '%%') && text[i + 2] === '{') {
      i += 2;
      continue;
    }
    if (pair === '${' || pair === '%{') found.push(text.slice(i, text.indexOf('}', i) + 1));
  }
  return found;
}

/** Every string and object key of a JSON document. */
function* textsOf(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* textsOf(v);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      yield k;
      yield* textsOf(v);
    }
  }
}

const REFERENCE = /^\$\{(azurerm_|random_|data\.|var\.)[A-Za-z0-9_.-]+(\[\d+\])?(\.[A-Za-z0-9_]+)*\}$/;

describe.each(FIELDS)('arbitrary text in %s', (_, place) => {
  it('is refused in one-line findings, or reaches the JSON as literal text only', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        let loaded;
        try {
          loaded = parseTopology(JSON.stringify(seedWith((t) => place(t, text))), 'test');
        } catch (e) {
          if (!(e instanceof TopologyFileError)) throw e;
          for (const line of e.message.split('\n'))
            expect(line).toMatch(/^(error|warning): |^… and \d+ more findings?$/);
          return;
        }
        const errors = checkTopology(loaded.model).filter((f) => f.severity === 'error');
        if (errors.length > 0) {
          for (const f of errors) expect(formatFinding(f)).not.toMatch(/[\n\r\u001b]/);
          return;
        }
        const app = Testing.app({ context: { [RULES_CHECKED_CONTEXT]: true } });
        const stack = new TopologyStack(app, 'test', { topology: loaded.model, tags: loaded.file.tags });
        const json: unknown = JSON.parse(Testing.synth(stack, true));
        for (const s of textsOf(json)) {
          for (const sequence of templateSequences(s)) expect(sequence).toMatch(REFERENCE);
        }
      }),
      { numRuns: 12 },
    );
  });
});
