import { error, Finding, formatFinding, formatFindings, MAX_FINDING_LENGTH, warning } from '../../rules';

describe('formatFinding', () => {
  it('writes severity, path and message on one line', () => {
    expect(formatFinding(error('networks[0].name', 'network "VNet1": bad'))).toBe(
      'error: networks[0].name: network "VNet1": bad',
    );
  });

  it('writes each control character as \\u and four hex digits', () => {
    expect(formatFinding(warning('tags.a', 'x\ny\u0000z\u001b\u2028'))).toBe(
      'warning: tags.a: x\\u000ay\\u0000z\\u001b\\u2028',
    );
  });

  it('keeps a line of 1,000 characters whole and cuts one of 1,001', () => {
    const prefix = 'error: p: ';
    const exactly = error('p', 'x'.repeat(MAX_FINDING_LENGTH - prefix.length));
    expect(formatFinding(exactly)).toBe(`${prefix}${'x'.repeat(990)}`);
    expect(formatFinding(exactly)).toHaveLength(1000);
    const longer = error('p', 'x'.repeat(MAX_FINDING_LENGTH - prefix.length + 1));
    expect(formatFinding(longer)).toBe(`${prefix}${'x'.repeat(990)}…`);
  });
});

describe('formatFindings', () => {
  const numbered = (count: number, make = error) =>
    Array.from({ length: count }, (_, i) => make(`networks[${i}]`, `finding ${i}`));

  it('puts errors before warnings, each in the order found', () => {
    const findings: Finding[] = [
      warning('a', 'first warning'),
      error('b', 'first error'),
      warning('c', 'second warning'),
      error('d', 'second error'),
    ];
    expect(formatFindings(findings)).toEqual([
      'error: b: first error',
      'error: d: second error',
      'warning: a: first warning',
      'warning: c: second warning',
    ]);
  });

  it("puts the file's name before each path when given one", () => {
    expect(formatFindings([warning('a', 'w'), error('b', 'e')], 'topologies/x.json')).toEqual([
      'error: topologies/x.json: b: e',
      'warning: topologies/x.json: a: w',
    ]);
  });

  it('prints 50 findings in full', () => {
    expect(formatFindings(numbered(50))).toEqual(numbered(50).map(formatFinding));
  });

  it('prints the first 50 of 51, then says one more is left out', () => {
    expect(formatFindings(numbered(51))).toEqual([...numbered(50).map(formatFinding), '… and 1 more finding']);
  });

  it('prints the first 50 of 52, then says two more are left out', () => {
    expect(formatFindings(numbered(52))).toEqual([...numbered(50).map(formatFinding), '… and 2 more findings']);
  });

  it('leaves out warnings before errors', () => {
    const findings = [...numbered(3, warning), ...numbered(50)];
    expect(formatFindings(findings)).toEqual([...numbered(50).map(formatFinding), '… and 3 more findings']);
  });

  it('prints nothing for no findings', () => {
    expect(formatFindings([])).toEqual([]);
  });
});
