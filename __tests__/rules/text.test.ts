import { formatFinding } from '../../rules';
import { describeControlCharacter, hasControlCharacter, oneLineValues, quoteText } from '../../rules/text';
import { parseTopology } from '../../topology/load';
import type { TopologyFileInput } from '../../topology/schema';
import { seedWith } from '../support/topologies';

const model = (input: TopologyFileInput) => parseTopology(JSON.stringify(input), 'test').model;

describe('control characters', () => {
  it.each([
    ['a\nb', 'U+000A (newline)'],
    ['a\rb', 'U+000D (carriage return)'],
    ['a\tb', 'U+0009 (tab)'],
    ['a\u0000b', 'U+0000 (NUL)'],
    ['a\u001b[2Jb', 'U+001B (escape)'],
    ['a\u007fb', 'U+007F'],
    ['a\u0085b', 'U+0085'],
    ['a\u2028b', 'U+2028 (line separator)'],
    ['a\u202eb', 'U+202E'],
    ['a\u2066b', 'U+2066'],
  ])('%j holds %s', (text, described) => {
    expect(hasControlCharacter(text)).toBe(true);
    expect(describeControlCharacter(text)).toBe(described);
  });

  it.each(['VNet1', 'East US', 'a${b}', 'émoji 🚀', '\u00a0nbsp'])('%j holds none', (text) => {
    expect(hasControlCharacter(text)).toBe(false);
  });
});

describe('quoteText', () => {
  it.each([
    ['plain', '"plain"'],
    ['a\nb', '"a\\nb"'],
    ['a\u001bb', '"a\\u001bb"'],
    ['a\u2028b', '"a\\u2028b"'],
    ['x'.repeat(70), `"${'x'.repeat(64)}…"`],
  ])('%j -> %s', (text, quoted) => {
    expect(quoteText(text)).toBe(quoted);
  });
});

describe('oneLineValues', () => {
  it.each<[string, (t: TopologyFileInput) => void, string]>([
    ['a network name', (t) => (t.networks[1].name = 'VNet4\n'), 'networks[1].name'],
    ['a subnet name', (t) => (t.networks[0].subnets![0].name = 'Front\rEnd'), 'networks[0].subnets[0].name'],
    ['a gateway name', (t) => (t.networks[0].gateway!.name = 'GW\u0000'), 'networks[0].gateway.name'],
    ['a tag value', (t) => (t.networks[0].tags = { owner: 'me\tyou' }), 'networks[0].tags.owner'],
    ['a tag key', (t) => (t.networks[0].tags = { 'own\ner': 'me' }), 'networks[0].tags["own\\ner"]'],
    ['a connection name', (t) => (t.connections![0].names = ['a\u202eb', 'c']), 'connections[0].names[0]'],
  ])('refuses %s, at its path', (_, mutate, path) => {
    const findings = oneLineValues(model(seedWith(mutate)));
    expect(findings.map((f) => f.path)).toContain(path);
    for (const f of findings) expect(formatFinding(f)).not.toMatch(/[\n\r\t\u0000\u001b\u202e]/);
  });

  it('finds nothing in the seed', () => {
    expect(oneLineValues(model(seedWith(() => undefined)))).toEqual([]);
  });
});

describe('formatFinding', () => {
  it('cuts a line at 1,000 characters, however long the value it quotes', () => {
    const line = formatFinding({
      severity: 'error',
      path: 'networks[0].name',
      message: `network "${'x'.repeat(5000)}"`,
    });
    expect(line).toHaveLength(1001);
    expect(line.endsWith('…')).toBe(true);
  });
});
