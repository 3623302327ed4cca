// Address and CIDR parsing over ip-num. All address math (masking, containment, overlap, stepping) is ip-num's;
// this module adds plain-word reasons for bad input, Docker-style canonical text and Docker's reserved addresses.
import {
  AbstractIPNum,
  IPv4,
  IPv4CidrRange,
  IPv4Prefix,
  IPv6,
  IPv6CidrRange,
  IPv6Prefix,
  RangedSet,
  Validator,
  collapseIPv6Number,
  isIPv4,
} from 'ip-num';

/** The one way the product names an address family: `--ip` takes IPv4, `--ip6` IPv6; subnets and addresses are one or the other. */
export type AddressFamily = 'ipv4' | 'ipv6';
export type IpAddress = IPv4 | IPv6;
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export interface ParsedAddress {
  readonly family: AddressFamily;
  readonly ip: IpAddress;
  /** Canonical text: dotted decimal, or compressed IPv6 as `docker network inspect` prints it. */
  readonly text: string;
}

export interface ParsedCidr {
  readonly family: AddressFamily;
  readonly prefix: number;
  /** The address written before the slash (`10.1.2.3` of `10.1.2.3/24`), and its canonical text. */
  readonly ip: IpAddress;
  readonly address: string;
  /** The block's first address. */
  readonly network: string;
  /** Canonical network CIDR: `10.1.2.0/24` for `10.1.2.3/24`. */
  readonly cidr: string;
  readonly hostBitsSet: boolean;
  readonly first: IpAddress;
  readonly last: IpAddress;
  /** first..last as an ip-num interval: IPv4CidrRange rebuilds its mask on every call, RangedSet compares cheaply. */
  readonly set: RangedSet<AbstractIPNum>;
}

/** Why an address of a subnet cannot be handed out; the rules of moby's default IPAM (defaultipam newPoolData). */
export type ReservedRole = 'network address' | 'broadcast address' | 'subnet-router anycast address';

export const MAX_PREFIX: Readonly<Record<AddressFamily, number>> = { ipv4: 32, ipv6: 128 };

export function familyName(family: AddressFamily): string {
  return family === 'ipv4' ? 'IPv4' : 'IPv6';
}

/**
 * The family of a parsed address, or of an address or CIDR block as text. Text is IPv6 exactly when it has a colon:
 * that holds for every form the engine prints and users type (`::ffff:10.0.0.1` included) and needs no parsing, so
 * it also sorts subnets that would not parse.
 */
export function familyOf(address: AbstractIPNum | string): AddressFamily {
  if (typeof address === 'string') return address.includes(':') ? 'ipv6' : 'ipv4';
  return isIPv4(address) ? 'ipv4' : 'ipv6';
}

/** ip-num prints IPv6 uncompressed (`2001:db8:0:0:0:0:0:1`); Docker and users write `2001:db8::1`. */
export function formatAddress(ip: AbstractIPNum): string {
  return isIPv4(ip) ? ip.toString() : collapseIPv6Number(ip.toString());
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

function attempt<T>(build: () => T): T | undefined {
  try {
    return build();
  } catch {
    return undefined;
  }
}

export function addressOf(ip: IpAddress): ParsedAddress {
  return { family: familyOf(ip), ip, text: formatAddress(ip) };
}

export function parseAddress(text: string): Parsed<ParsedAddress> {
  const problem = addressShapeProblem(text);
  if (problem) return fail(problem);
  const ip: IpAddress | undefined = Validator.isValidIPv4String(text)[0]
    ? attempt(() => IPv4.fromString(text))
    : Validator.isValidIPv6String(text)[0]
      ? attempt(() => IPv6.fromString(text))
      : undefined;
  return ip ? ok(addressOf(ip)) : fail(`"${text}" is not an IPv4 or IPv6 address`);
}

// Checked before ip-num, which accepts zone indexes and would only say "invalid" for the rest.
function addressShapeProblem(text: string): string | undefined {
  if (text.trim() === '') return 'it is empty';
  if (/\s/.test(text)) return `"${text}" contains spaces`;
  if (text.includes('/')) return `"${text}" is a CIDR block, not a single address`;
  if (text.includes('%')) return `"${text}" has a zone index (%…), which Docker does not accept`;
  return undefined;
}

/**
 * Parses `address/prefix`, IPv4 or IPv6. The address goes through ip-num's address parser rather than
 * IPv6CidrRange.fromCidr, whose pattern rejects valid forms such as `::ffff:10.0.0.0/104` and lets zones through.
 */
export function parseCidr(text: string): Parsed<ParsedCidr> {
  if (text.trim() === '') return fail('it is empty');
  const parts = text.split('/');
  if (parts.length === 1) return fail(`"${text}" has no prefix length (write it as address/length, e.g. 172.30.0.0/16 or fd00:1::/64)`);
  if (parts.length > 2) return fail(`"${text}" has more than one "/"`);
  const [addressText, prefixText] = parts;
  if (addressText === '') return fail(`"${text}" has no address before the "/"`);
  const address = parseAddress(addressText);
  if (!address.ok) return fail(address.reason);
  const prefix = parsePrefixLength(prefixText, address.value.family);
  return prefix.ok ? ok(cidrOf(address.value.ip, prefix.value)) : fail(prefix.reason);
}

function parsePrefixLength(text: string, family: AddressFamily): Parsed<number> {
  // Leading zeros ("/024") are refused because Go's netip, which newer engines parse with, refuses them.
  if (!/^(0|[1-9][0-9]{0,2})$/.test(text)) return fail(`the prefix length "/${text}" is not a whole number`);
  const prefix = Number(text);
  const max = MAX_PREFIX[family];
  return prefix <= max
    ? ok(prefix)
    : fail(`the prefix length /${prefix} is longer than /${max}, the whole of an ${familyName(family)} address`);
}

/** The block of length `prefix` that holds `ip`; ip-num does the masking. */
export function cidrOf(ip: IpAddress, prefix: number): ParsedCidr {
  const range = isIPv4(ip)
    ? new IPv4CidrRange(ip, IPv4Prefix.fromNumber(BigInt(prefix)))
    : new IPv6CidrRange(ip, IPv6Prefix.fromNumber(BigInt(prefix)));
  const first = range.getFirst();
  const last = range.getLast();
  const network = formatAddress(first);
  return {
    family: familyOf(ip),
    prefix,
    ip,
    address: formatAddress(ip),
    network,
    cidr: `${network}/${prefix}`,
    hostBitsSet: !first.isEquals(ip),
    first,
    last,
    set: new RangedSet<AbstractIPNum>(first, last),
  };
}

// ip-num compares raw numbers: it calls 10.0.0.0/24 a container of ::a00:5 and overlapping ::/0. Hence the family guards.

/** An address, or the address part of `address/prefix` as inspect prints endpoints (`10.0.0.2/24`). */
export function parseAddressOrInterface(text: string): Parsed<ParsedAddress> {
  const cidr = text.includes('/') ? parseCidr(text) : undefined;
  return cidr?.ok ? ok(addressOf(cidr.value.ip)) : parseAddress(text);
}

export function cidrContainsAddress(cidr: ParsedCidr, address: ParsedAddress): boolean {
  return cidr.family === address.family && cidr.set.contains(RangedSet.fromSingleIP<AbstractIPNum>(address.ip));
}

export function cidrContainsCidr(outer: ParsedCidr, inner: ParsedCidr): boolean {
  return outer.family === inner.family && outer.set.contains(inner.set);
}

/** RangedSet.isOverlapping misses intervals that share only an end address; CIDR blocks nest or are apart, so it is exact here. */
export function cidrsOverlap(a: ParsedCidr, b: ParsedCidr): boolean {
  return a.family === b.family && a.set.isOverlapping(b.set);
}

export function sameAddress(a: ParsedAddress, b: ParsedAddress): boolean {
  return a.family === b.family && a.ip.isEquals(b.ip);
}

/** A key that is equal for equal addresses however they were written (`2001:DB8::1`, `2001:db8:0::1`). */
export function addressKey(address: ParsedAddress | IpAddress): string {
  const ip = 'ip' in address ? address.ip : address;
  return `${familyOf(ip)}:${ip.getValue()}`;
}

/**
 * moby reserves an IPv4 subnet's first and last address unless it is a /31 or /32 (RFC 3021), and always an IPv6
 * subnet's first address, the subnet-router anycast address (RFC 4291 2.6.1). See defaultipam/allocator.go newPoolData.
 */
export function reservedRole(cidr: ParsedCidr, address: ParsedAddress): ReservedRole | undefined {
  if (!cidrContainsAddress(cidr, address)) return undefined;
  const reservesEnds = cidr.family === 'ipv4' && cidr.prefix <= 30;
  if (address.ip.isEquals(cidr.first)) {
    if (cidr.family === 'ipv6') return 'subnet-router anycast address';
    if (reservesEnds) return 'network address';
  }
  return reservesEnds && address.ip.isEquals(cidr.last) ? 'broadcast address' : undefined;
}

export function describeReserved(role: ReservedRole, cidr: ParsedCidr): string {
  return role === 'subnet-router anycast address'
    ? `the subnet-router anycast address of ${cidr.cidr} (its first address, which Docker never hands out)`
    : `the ${role} of ${cidr.cidr}`;
}

/** The first address of the block Docker could hand out, or undefined when it has none (an IPv6 /128). */
export function firstUsableAddress(cidr: ParsedCidr): ParsedAddress | undefined {
  // At most two steps: only the first address can be reserved at the start of a block.
  for (let ip: IpAddress = cidr.first; ; ip = ip.nextIPNumber()) {
    const candidate = addressOf(ip);
    if (!cidrContainsAddress(cidr, candidate)) return undefined;
    if (!reservedRole(cidr, candidate)) return candidate;
    if (!ip.hasNext()) return undefined;
  }
}

/** How many addresses of the block Docker could hand out (gateway included). */
export function usableAddressCount(cidr: ParsedCidr): bigint {
  const reserved = cidr.family === 'ipv6' ? 1n : cidr.prefix <= 30 ? 2n : 0n;
  return cidr.set.getSize() - reserved;
}
