import fc from 'fast-check';
import { canonicalCidr, contains, containsAddress, Cidr, overlaps, parseCidr, parseIpv4 } from '../../net/cidr';

const cidr = (text: string): Cidr => {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`${text} does not parse`);
  return parsed.cidr;
};

describe('parseCidr', () => {
  it.each([
    ['10.1.0.0/16', '10.1.0.0/16', false],
    ['10.1.0.1/16', '10.1.0.0/16', true],
    ['10.1.255.7/27', '10.1.255.0/27', true],
    ['0.0.0.0/0', '0.0.0.0/0', false],
    ['255.255.255.255/32', '255.255.255.255/32', false],
    ['192.168.1.1/0', '0.0.0.0/0', true],
  ])('%s parses, canonical %s, host bits set: %s', (text, canonical, hostBitsSet) => {
    const parsed = parseCidr(text);
    expect(parsed).toMatchObject({ ok: true, hostBitsSet });
    expect(canonicalCidr(text)).toBe(canonical);
  });

  it.each([
    ['1a.2.3.4/8', 'malformed'],
    ['10.01.0.0/16', 'malformed'],
    ['010.1.0.0/16', 'malformed'],
    ['10.1.0.0/016', 'malformed'],
    ['10.1.0.0/33', 'malformed'],
    ['10.1.0.0/', 'malformed'],
    ['10.1.0.0', 'malformed'],
    ['10.1.0/16', 'malformed'],
    ['256.1.0.0/16', 'malformed'],
    [' 10.1.0.0/16', 'malformed'],
    ['10.1.0.0/16 ', 'malformed'],
    ['0x0a.1.0.0/16', 'malformed'],
    ['10.1.0.0/-1', 'malformed'],
    ['', 'malformed'],
    ['10.1.0.0:16', 'malformed'],
    ['1:2:3/16', 'malformed'],
    ['fd00::/48', 'ipv6'],
    ['fd00::', 'ipv6'],
    ['2001:db8::1', 'ipv6'],
  ])('%s is refused (%s)', (text, reason) => {
    expect(parseCidr(text)).toEqual({ ok: false, reason });
  });

  it.each([
    ['10.1.0.0/16', '10.1.0.0/24', true],
    ['10.1.0.0/24', '10.1.0.0/16', false],
    ['10.1.0.0/16', '10.1.0.0/16', true],
    ['10.1.0.0/16', '10.2.0.0/24', false],
    ['0.0.0.0/0', '255.255.255.255/32', true],
  ])('%s contains %s: %s', (outer, inner, expected) => {
    expect(contains(cidr(outer), cidr(inner))).toBe(expected);
  });

  it.each([
    ['10.1.0.0/16', '10.1.128.0/17', true],
    ['10.1.0.0/16', '10.2.0.0/16', false],
    ['10.1.0.0/24', '10.1.1.0/24', false],
    ['10.1.0.0/23', '10.1.1.0/24', true],
    // Ranges that share exactly one address, at either end: the comparisons include their bounds.
    ['10.1.0.0/16', '10.1.0.0/32', true],
    ['10.1.0.0/16', '10.1.255.255/32', true],
    ['10.1.0.0/16', '10.0.255.255/32', false],
    ['10.1.0.0/16', '10.2.0.0/32', false],
    ['0.0.0.0/0', '0.0.0.0/32', true],
    // '10.10.0.0/16' < '10.9.0.0/16' as strings; as numbers they are apart.
    ['10.9.0.0/16', '10.10.0.0/16', false],
  ])('%s overlaps %s: %s', (a, b, expected) => {
    expect(overlaps(cidr(a), cidr(b))).toBe(expected);
    expect(overlaps(cidr(b), cidr(a))).toBe(expected);
  });

  it.each([
    ['10.1.0.0/16', '10.1.0.0', true],
    ['10.1.0.0/16', '10.1.255.255', true],
    ['10.1.0.0/16', '10.0.255.255', false],
    ['10.1.0.0/16', '10.2.0.0', false],
    ['10.1.2.3/32', '10.1.2.3', true],
    ['0.0.0.0/0', '255.255.255.255', true],
  ])('%s contains address %s: %s', (range, address, expected) => {
    expect(containsAddress(cidr(range), parseIpv4(address) as number)).toBe(expected);
  });

  it.each([
    ['169.254.21.1', 0xa9fe1501],
    ['1.2.3', undefined],
    ['01.2.3.4', undefined],
  ])('parseIpv4(%s) is %s', (text, expected) => {
    expect(parseIpv4(text)).toBe(expected);
  });
});

describe('CIDR math against a brute-force reference', () => {
  // The reference works on plain arithmetic over the octets, sharing nothing with the module but the text.
  const prefix = fc.record({
    octets: fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)),
    length: fc.nat(32),
  });
  const text = (p: { octets: number[]; length: number }) => `${p.octets.join('.')}/${p.length}`;
  const range = (p: { octets: number[]; length: number }) => {
    const value = p.octets.reduce((v, o) => v * 256 + o, 0);
    const size = 2 ** (32 - p.length);
    const first = Math.floor(value / size) * size;
    return { value, first, last: first + size - 1 };
  };

  it('canonical form clears exactly the host bits', () => {
    fc.assert(
      fc.property(prefix, (p) => {
        const { value, first } = range(p);
        const parsed = parseCidr(text(p));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.hostBitsSet).toBe(value !== first);
        const canonical = [24, 16, 8, 0].map((s) => Math.floor(first / 2 ** s) % 256).join('.');
        expect(canonicalCidr(text(p))).toBe(`${canonical}/${p.length}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('overlaps and contains agree with integer ranges', () => {
    fc.assert(
      fc.property(prefix, prefix, (a, b) => {
        const ra = range(a);
        const rb = range(b);
        expect(overlaps(cidr(text(a)), cidr(text(b)))).toBe(ra.first <= rb.last && rb.first <= ra.last);
        expect(contains(cidr(text(a)), cidr(text(b)))).toBe(ra.first <= rb.first && rb.last <= ra.last);
      }),
      { numRuns: 1000 },
    );
  });

  it('overlaps close prefixes correctly (nearby ranges, where mistakes hide)', () => {
    const near = fc.record({
      octets: fc.tuple(fc.constant(10), fc.nat(3), fc.nat(3), fc.nat(255)),
      length: fc.integer({ min: 14, max: 32 }),
    });
    fc.assert(
      fc.property(near, near, (a, b) => {
        const ra = range(a);
        const rb = range(b);
        expect(overlaps(cidr(text(a)), cidr(text(b)))).toBe(ra.first <= rb.last && rb.first <= ra.last);
      }),
      { numRuns: 2000 },
    );
  });
});
