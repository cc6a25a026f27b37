import { IPv4, IPv6 } from 'ipaddr.js';

/**
 * Strict IPv4 CIDR math. Addresses are compared as unsigned 32-bit integers, never as strings. Parsing is strict:
 * four decimal octets without leading zeros (`10.01.0.0/16` and `1a.2.3.4/8` are refused), a prefix length 0-32
 * without leading zeros, nothing else.
 */
export interface Cidr {
  /** The network address as an unsigned 32-bit integer (host bits cleared). */
  readonly network: number;
  /** Prefix length, 0-32. */
  readonly prefix: number;
}

export type CidrParse =
  | { readonly ok: true; readonly cidr: Cidr; /** Whether the text had host bits set. */ readonly hostBitsSet: boolean }
  | { readonly ok: false; readonly reason: 'ipv6' | 'malformed' };

const PREFIX = /^(0|[1-9]\d?)$/;

/** Parses `a.b.c.d/n`. Host bits set still parse (with `hostBitsSet`), so a caller can suggest the canonical form. */
export function parseCidr(text: string): CidrParse {
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, reason: isIpv6(text) ? 'ipv6' : 'malformed' };
  const address = text.slice(0, slash);
  const length = text.slice(slash + 1);
  if (isIpv6(address)) return { ok: false, reason: 'ipv6' };
  if (!IPv4.isValidFourPartDecimal(address) || !PREFIX.test(length)) return { ok: false, reason: 'malformed' };
  const prefix = Number(length);
  if (prefix > 32) return { ok: false, reason: 'malformed' };
  const value = ipv4ToNumber(address);
  const network = (value & mask(prefix)) >>> 0;
  return { ok: true, cidr: { network, prefix }, hostBitsSet: network !== value };
}

/** A strict dotted-quad IPv4 address as an unsigned 32-bit integer, or undefined. */
export function parseIpv4(text: string): number | undefined {
  return IPv4.isValidFourPartDecimal(text) ? ipv4ToNumber(text) : undefined;
}

/** `10.1.0.0/16` */
export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefix}`;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

/** The canonical text of a CIDR (host bits cleared), or undefined when it does not parse. */
export function canonicalCidr(text: string): string | undefined {
  const parsed = parseCidr(text);
  return parsed.ok ? formatCidr(parsed.cidr) : undefined;
}

/** First address of the range. */
export function firstAddress(cidr: Cidr): number {
  return cidr.network;
}

/** Last address of the range. */
export function lastAddress(cidr: Cidr): number {
  return (cidr.network | ~mask(cidr.prefix)) >>> 0;
}

/** Whether `outer` contains every address of `inner`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.prefix <= inner.prefix &&
    firstAddress(outer) <= firstAddress(inner) &&
    lastAddress(inner) <= lastAddress(outer)
  );
}

/** Whether two ranges share at least one address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return firstAddress(a) <= lastAddress(b) && firstAddress(b) <= lastAddress(a);
}

/** Whether an address lies in the range. */
export function containsAddress(cidr: Cidr, address: number): boolean {
  return firstAddress(cidr) <= address && address <= lastAddress(cidr);
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function ipv4ToNumber(address: string): number {
  return IPv4.parse(address)
    .toByteArray()
    .reduce((value, octet) => value * 256 + octet, 0);
}

function isIpv6(text: string): boolean {
  return text.includes(':') && IPv6.isValid(text.split('/')[0]);
}
