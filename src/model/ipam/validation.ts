// Checks a create-network IPAM request before it reaches the engine. Engine 20.10 accepts host bits, ranges larger
// than their subnet and ranges outside it, while API 1.44+ refuses them; checking here makes every engine behave the
// same, and the messages say what is wrong in words instead of "Address already in use".
import type { Network } from '../engineTypes';
import {
  Parsed,
  ParsedAddress,
  ParsedCidr,
  addressKey,
  cidrContainsAddress,
  cidrContainsCidr,
  cidrsOverlap,
  describeReserved,
  familyName,
  firstUsableAddress,
  parseAddress,
  parseCidr,
  reservedRole,
  sameAddress,
  usableAddressCount,
} from './addresses';
import { IpamIssue, error, warning } from './issues';
import { keyProblem } from './keyValues';

export interface IpamSubnetRequest {
  subnet: string;
  gateway?: string;
  ipRange?: string;
  auxAddresses?: Record<string, string>;
}

export interface IpamRequest {
  subnets: IpamSubnetRequest[];
}

export interface IpamValidationOptions {
  /** The network driver, when known: enables its limits. `''` means bridge, as for the engine. */
  driver?: string;
}

export function validateIpamRequest(request: IpamRequest, options: IpamValidationOptions = {}): IpamIssue[] {
  const subnets = request.subnets.map(entry => parseCidr(entry.subnet));
  const valid = subnets.map(parsed => (parsed.ok ? parsed.value : undefined));
  return [
    ...request.subnets.flatMap((entry, index) => entryIssues(entry, subnets[index], `subnets[${index}]`)),
    ...overlapsAmongSubnets(valid),
    ...driverLimitIssues(valid, options.driver),
  ];
}

/** A blank optional field means "let Docker choose", as an omitted flag does. */
function given(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function entryIssues(entry: IpamSubnetRequest, parsed: Parsed<ParsedCidr>, field: string): IpamIssue[] {
  // Gateway, range and aux addresses are judged against the subnet, so they wait until it parses.
  if (!parsed.ok) return [subnetSyntaxIssue(entry.subnet, parsed.reason, `${field}.subnet`)];
  const subnet = parsed.value;
  const gateway = given(entry.gateway) ? parseAddress(entry.gateway) : undefined;
  return [
    ...subnetShapeIssues(entry.subnet, subnet, `${field}.subnet`),
    ...(given(entry.gateway) ? gatewayIssues(entry.gateway, subnet, `${field}.gateway`) : []),
    ...(given(entry.ipRange) ? ipRangeIssues(entry.ipRange, subnet, `${field}.ipRange`) : []),
    ...auxAddressIssues(entry.auxAddresses ?? {}, subnet, gateway?.ok ? gateway.value : undefined, `${field}.auxAddresses`),
  ];
}

function subnetSyntaxIssue(text: string, reason: string, field: string): IpamIssue {
  if (text.trim() === '') return error(field, 'Subnet is empty: enter a CIDR block such as 172.30.0.0/16 or fd00:1::/64.');
  return error(field, `Subnet "${text}" is not a valid CIDR block: ${reason}.`);
}

function subnetShapeIssues(text: string, subnet: ParsedCidr, field: string): IpamIssue[] {
  const issues: IpamIssue[] = [];
  if (subnet.hostBitsSet) {
    issues.push(error(field, `Subnet ${text} has host bits set: the network address of that block is ${subnet.cidr}.`, subnet.cidr));
  }
  const usable = usableAddressCount(subnet);
  if (leavesNoGatewayAddress(subnet)) {
    issues.push(
      error(
        field,
        `Subnet ${subnet.cidr} leaves no address for the gateway: the engine keeps back ${subnet.family === 'ipv4' ? 'the first and last address of an IPv4 block, even a /31 or /32' : 'the first address of an IPv6 block'}, and refuses it ("No available addresses on this pool").`,
      ),
    );
  } else if (usable < 2n) {
    issues.push(
      warning(
        field,
        `Subnet ${subnet.cidr} has ${usable} usable address${usable === 1n ? '' : 'es'}: too few for a gateway and a container.`,
      ),
    );
  }
  return issues;
}

/**
 * A bridge network always takes a gateway address. Engine 20.10 keeps an IPv4 block's first and last address back
 * whatever its size, and an IPv6 block's first (measured: /31, /32 and IPv6 /128 fail with "failed to allocate
 * gateway: No available addresses on this pool"; a /30 and an IPv6 /127 work).
 */
function leavesNoGatewayAddress(subnet: ParsedCidr): boolean {
  return subnet.family === 'ipv4' ? subnet.prefix >= 31 : subnet.prefix === 128;
}

function gatewayIssues(text: string, subnet: ParsedCidr, field: string): IpamIssue[] {
  const gateway = parseAddress(text);
  if (!gateway.ok) return [error(field, `Gateway "${text}" is not a valid IP address: ${gateway.reason}.`)];
  const fix = firstUsableAddress(subnet)?.text;
  const problem = addressPlacementProblem(gateway.value, subnet);
  return problem ? [error(field, `Gateway ${text} ${problem}.`, fix === gateway.value.text ? undefined : fix)] : [];
}

/** Why an address cannot be used inside this subnet: wrong family, outside, or reserved. */
function addressPlacementProblem(address: ParsedAddress, subnet: ParsedCidr): string | undefined {
  if (address.family !== subnet.family) {
    return `is an ${familyName(address.family)} address but subnet ${subnet.cidr} is ${familyName(subnet.family)}`;
  }
  if (!cidrContainsAddress(subnet, address)) return `is outside subnet ${subnet.cidr}`;
  const role = reservedRole(subnet, address);
  return role ? `is ${describeReserved(role, subnet)}` : undefined;
}

/**
 * The engine numbers a subnet's addresses with 64 bits and keeps the last number back, so an IPv6 range may end at
 * most 2^64 - 2 addresses after the subnet's first. Measured on 20.10: a /64 range in a /64 (or larger) subnet, the
 * upper half of a /64, or any range touching its last address fails with "invalid bit range [..., 18446744073709551615]";
 * the lower half works. Without a range the engine caps the subnet itself, so that is fine.
 */
const ENGINE_LAST_ADDRESS_OFFSET = 2n ** 64n - 2n;
function reachesEngineAddressLimit(range: ParsedCidr, subnet: ParsedCidr): boolean {
  return range.family === 'ipv6' && range.last.getValue() - subnet.first.getValue() > ENGINE_LAST_ADDRESS_OFFSET;
}

function ipRangeIssues(text: string, subnet: ParsedCidr, field: string): IpamIssue[] {
  const parsed = parseCidr(text);
  if (!parsed.ok) return [error(field, `IP range "${text}" is not a valid CIDR block: ${parsed.reason}.`)];
  const range = parsed.value;
  if (range.family !== subnet.family) {
    return [error(field, `IP range ${text} is ${familyName(range.family)} but subnet ${subnet.cidr} is ${familyName(subnet.family)}.`)];
  }
  const issues: IpamIssue[] = [];
  if (range.hostBitsSet)
    issues.push(error(field, `IP range ${text} has host bits set: the network address of that block is ${range.cidr}.`, range.cidr));
  if (range.prefix < subnet.prefix && cidrContainsCidr(range, subnet)) {
    issues.push(
      error(field, `IP range ${range.cidr} is larger than its subnet ${subnet.cidr}: the range must lie inside the subnet.`, subnet.cidr),
    );
  } else if (!cidrContainsCidr(subnet, range)) {
    issues.push(error(field, `IP range ${range.cidr} is outside subnet ${subnet.cidr}: the range must lie inside the subnet.`));
  } else if (reachesEngineAddressLimit(range, subnet)) {
    issues.push(
      error(
        field,
        `IP range ${range.cidr} reaches the 2^64th address of subnet ${subnet.cidr}, which the engine cannot count to: it refuses the network ("invalid bit range"). Use a range that ends earlier, such as the lower half of a /64.`,
      ),
    );
  }
  return issues;
}

function auxAddressIssues(
  aux: Readonly<Record<string, string>>,
  subnet: ParsedCidr,
  gateway: ParsedAddress | undefined,
  field: string,
): IpamIssue[] {
  const seen = new Map<string, string>();
  return Object.entries(aux).flatMap(([name, text]) => {
    const auxField = name === '' ? field : `${field}.${name}`;
    const issues = auxEntryIssues(name, text, subnet, gateway, auxField);
    const address = parseAddress(text);
    if (!address.ok) return issues;
    const earlier = seen.get(addressKey(address.value));
    if (earlier !== undefined)
      issues.push(
        error(auxField, `Auxiliary addresses "${earlier}" and "${name}" are both ${address.value.text}: each must be different.`),
      );
    else seen.set(addressKey(address.value), name);
    return issues;
  });
}

function auxEntryIssues(name: string, text: string, subnet: ParsedCidr, gateway: ParsedAddress | undefined, field: string): IpamIssue[] {
  const nameProblem = keyProblem(name);
  const issues = nameProblem
    ? [error(field, `Auxiliary address ${text} has an unusable name: ${nameProblem}. Write it as name=address.`)]
    : [];
  if (text.trim() === '') return [...issues, error(field, `Auxiliary address "${name}" has no address.`)];
  const address = parseAddress(text);
  if (!address.ok) return [...issues, error(field, `Auxiliary address "${name}" (${text}) is not a valid IP address: ${address.reason}.`)];
  const problem = addressPlacementProblem(address.value, subnet);
  if (problem) return [...issues, error(field, `Auxiliary address "${name}" (${text}) ${problem}.`)];
  if (gateway && sameAddress(address.value, gateway)) {
    issues.push(error(field, `Auxiliary address "${name}" (${text}) is the gateway address, which the gateway already holds.`));
  }
  return issues;
}

function overlapsAmongSubnets(subnets: readonly (ParsedCidr | undefined)[]): IpamIssue[] {
  return subnets.flatMap((later, j) => {
    const i = later ? subnets.findIndex((earlier, k) => k < j && earlier !== undefined && cidrsOverlap(earlier, later)) : -1;
    if (!later || i < 0) return [];
    return [
      error(
        `subnets[${j}].subnet`,
        `Subnet ${later.cidr} overlaps subnet ${subnets[i]!.cidr} (subnets[${i}]): the subnets of one network must not overlap.`,
      ),
    ];
  });
}

/** moby's bridge driver takes at most one IPv4 and one IPv6 subnet (bridge_linux.go processIPAM). */
function driverLimitIssues(subnets: readonly (ParsedCidr | undefined)[], driver: string | undefined): IpamIssue[] {
  if (driver !== '' && driver !== 'bridge') return [];
  return subnets.flatMap((subnet, j) => {
    if (!subnet || !subnets.slice(0, j).some(earlier => earlier?.family === subnet.family)) return [];
    return [
      error(
        `subnets[${j}].subnet`,
        `The bridge driver takes one ${familyName(subnet.family)} subnet, so ${subnet.cidr} is one too many: the engine refuses it with "bridge driver doesn't support multiple subnets".`,
      ),
    ];
  });
}

// ——— Existing networks and the host ———

/** Config-only networks are templates: moby allocates no pool for them, so they cannot clash. */
export function checkAgainstExisting(request: IpamRequest, existing: readonly Network[]): IpamIssue[] {
  const taken = existing
    .filter(network => !network.ConfigOnly)
    .flatMap(network => networkSubnets(network).map(subnet => ({ network, subnet })));
  return request.subnets.flatMap((entry, index) => {
    const mine = parseCidr(entry.subnet);
    if (!mine.ok) return [];
    return taken
      .filter(({ subnet }) => cidrsOverlap(mine.value, subnet))
      .map(({ network, subnet }) =>
        error(`subnets[${index}].subnet`, `${mine.value.cidr} overlaps ${subnet.cidr} of network "${network.Name}"`),
      );
  });
}

/** The parsable subnets a network's inspect data reports. */
export function networkSubnets(network: Pick<Network, 'IPAM'>): ParsedCidr[] {
  return (network.IPAM?.Config ?? []).flatMap(config => {
    const parsed = config.Subnet ? parseCidr(config.Subnet) : undefined;
    return parsed?.ok ? [parsed.value] : [];
  });
}

export interface HostAddress {
  /** The interface name, e.g. `eth0`, `tun0`. */
  interface: string;
  /** The interface's address with its prefix, as os.networkInterfaces() gives it: `192.168.1.5/24`. */
  cidr: string;
}

/**
 * A subnet that overlaps a LAN or VPN the host sits on hides those hosts from containers: a warning, not an error,
 * because the engine allows it. Docker's own bridges (docker0, br-<12 hex>) are skipped: they are existing networks
 * and checkAgainstExisting names them better.
 */
export function checkAgainstHostAddresses(request: IpamRequest, hostCidrs: readonly HostAddress[]): IpamIssue[] {
  const host = hostCidrs
    .filter(entry => !isDockerBridge(entry.interface))
    .flatMap(entry => {
      const parsed = parseCidr(entry.cidr);
      return parsed.ok ? [{ entry, block: parsed.value }] : [];
    });
  return request.subnets.flatMap((subnetEntry, index) => {
    const mine = parseCidr(subnetEntry.subnet);
    if (!mine.ok) return [];
    return host
      .filter(({ block }) => cidrsOverlap(mine.value, block))
      .map(({ entry, block }) =>
        warning(
          `subnets[${index}].subnet`,
          `${mine.value.cidr} overlaps ${block.cidr} of host interface "${entry.interface}" (${entry.cidr}): containers could not reach hosts on that LAN or VPN.`,
        ),
      );
  });
}

function isDockerBridge(name: string): boolean {
  return name === 'docker0' || /^br-[0-9a-f]{12}$/.test(name);
}
