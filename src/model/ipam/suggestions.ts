// Values the dialogs can prefill: a free subnet, its gateway, a free address for `network connect --ip`, and the
// checks on such an address before the engine sees it.
import { staticAddressRestriction } from '../connectRules';
import type { Network } from '../engineTypes';
import {
  AddressFamily,
  IpAddress,
  MAX_PREFIX,
  ParsedAddress,
  ParsedCidr,
  addressKey,
  addressOf,
  cidrContainsAddress,
  cidrContainsCidr,
  cidrOf,
  cidrsOverlap,
  describeReserved,
  familyName,
  formatAddress,
  firstUsableAddress,
  parseAddress,
  parseAddressOrInterface,
  parseCidr,
  reservedRole,
} from './addresses';
import { IpamIssue, error } from './issues';
import { networkSubnets } from './validation';

export interface AddressPool {
  /** The block to carve subnets from. */
  readonly base: string;
  /** The prefix length of each subnet carved from it. */
  readonly size: number;
}

/**
 * The engine's default local-scope pools, which `docker network create` without `--subnet` draws from, in order:
 * moby daemon/libnetwork/ipamutils/utils.go `localScopeDefaultNetworks` (master at b985e2313a86; the same list as
 * v20.10.24's libnetwork/ipamutils/utils.go). 172.17.0.0/16 is usually docker0's; a daemon.json
 * `default-address-pools` replaces the whole list.
 */
export const DEFAULT_ADDRESS_POOLS: readonly AddressPool[] = [
  { base: '172.17.0.0/16', size: 16 },
  { base: '172.18.0.0/16', size: 16 },
  { base: '172.19.0.0/16', size: 16 },
  { base: '172.20.0.0/14', size: 16 },
  { base: '172.24.0.0/14', size: 16 },
  { base: '172.28.0.0/14', size: 16 },
  { base: '192.168.0.0/16', size: 20 },
];

/** Swarm-scope (overlay) default from the same file, `globalScopeDefaultNetworks`. */
export const DEFAULT_GLOBAL_ADDRESS_POOLS: readonly AddressPool[] = [{ base: '10.0.0.0/8', size: 24 }];

/** Every subnet the given networks hold, as `suggestFreeSubnet` takes them. Config-only networks allocate nothing. */
export function takenSubnets(networks: readonly Network[]): string[] {
  return networks.filter(network => !network.ConfigOnly).flatMap(network => networkSubnets(network).map(subnet => subnet.cidr));
}

/**
 * The first subnet of the pool's size (or `prefixOverride`) that overlaps nothing taken, trying pools in order.
 * Steps from block to block and jumps past whatever blocks a candidate, so the work grows with the number of taken
 * subnets, never with the size of the pool.
 */
export function suggestFreeSubnet(pools: readonly AddressPool[], taken: readonly string[], prefixOverride?: number): string | undefined {
  const takenBlocks = taken.flatMap(text => {
    const parsed = parseCidr(text);
    return parsed.ok ? [parsed.value] : [];
  });
  for (const pool of pools) {
    const found = firstFreeInPool(pool, takenBlocks, prefixOverride ?? pool.size);
    if (found) return found.cidr;
  }
  return undefined;
}

function firstFreeInPool(pool: AddressPool, taken: readonly ParsedCidr[], size: number): ParsedCidr | undefined {
  const base = parseCidr(pool.base);
  if (!base.ok || !Number.isInteger(size) || size < base.value.prefix || size > MAX_PREFIX[base.value.family]) return undefined;
  const inPool = taken.filter(block => cidrsOverlap(block, base.value));
  let candidate: ParsedCidr | undefined = cidrOf(base.value.first, size);
  while (candidate && cidrContainsCidr(base.value, candidate)) {
    const current: ParsedCidr = candidate;
    const blocker = inPool.find(block => cidrsOverlap(block, current));
    if (!blocker) return current;
    candidate = nextCandidate(current, blocker, size);
  }
  return undefined;
}

/** The block after the blocker when it reaches past the candidate, else simply the next block. */
function nextCandidate(candidate: ParsedCidr, blocker: ParsedCidr, size: number): ParsedCidr | undefined {
  const afterBlocker = blockAfter(blocker, size);
  return afterBlocker?.first.isGreaterThan(candidate.first) ? afterBlocker : blockAfter(candidate, size);
}

function blockAfter(block: ParsedCidr, size: number): ParsedCidr | undefined {
  return block.last.hasNext() ? cidrOf(block.last.nextIPNumber(), size) : undefined;
}

/**
 * The gateway Docker gives a subnet when none is set, so the one to suggest: its first address Docker could hand out,
 * `10.1.0.1` for `10.1.0.0/16`, `2001:db8::1` for `2001:db8::/64`. Undefined for text that is no CIDR block.
 */
export function defaultGateway(subnet: string): string | undefined {
  const block = parseCidr(subnet);
  return block.ok ? firstUsableAddress(block.value)?.text : undefined;
}

export interface AddressUse {
  gateway?: string;
  /** When set (and inside the subnet), suggestions come from this block, as the engine's dynamic allocation does. */
  ipRange?: string;
  auxAddresses?: Readonly<Record<string, string>>;
  /** Addresses already given out; `10.0.0.2/24` (inspect's endpoint form) is accepted too. */
  inUse?: readonly string[];
}

/** The lowest free address for the connect dialog, skipping reserved, gateway, aux and used addresses. */
export function suggestFreeAddress(subnet: string, use: AddressUse = {}): string | undefined {
  const block = parseCidr(subnet);
  if (!block.ok) return undefined;
  const taken = new Set(keysOf([use.gateway ?? '', ...Object.values(use.auxAddresses ?? {}), ...(use.inUse ?? [])]));
  return firstFreeAddress(block.value, use.ipRange, taken);
}

function firstFreeAddress(subnet: ParsedCidr, ipRange: string | undefined, taken: ReadonlySet<string>): string | undefined {
  const scope = allocationScope(subnet, ipRange);
  // Every step that does not return passes a reserved or a taken address, so this ends within taken.size + 2 steps.
  for (let ip: IpAddress = scope.first; ip.isLessThanOrEquals(scope.last); ip = ip.nextIPNumber()) {
    if (!taken.has(addressKey(ip)) && !reservedRole(subnet, addressOf(ip))) return formatAddress(ip);
    if (!ip.hasNext()) return undefined;
  }
  return undefined;
}

function allocationScope(subnet: ParsedCidr, ipRange: string | undefined): ParsedCidr {
  const range = ipRange ? parseCidr(ipRange) : undefined;
  return range?.ok && cidrContainsCidr(subnet, range.value) ? range.value : subnet;
}

function keysOf(texts: readonly string[]): string[] {
  return texts.flatMap(text => {
    const parsed = parseAddressOrInterface(text);
    return parsed.ok ? [addressKey(parsed.value)] : [];
  });
}

// ——— `docker network connect --ip / --ip6` ———

/** Addresses in use: a list, or a map from address to the container that holds it (named in the message). */
export type AddressUsers = readonly string[] | Readonly<Record<string, string>>;

interface SubnetConfig {
  readonly subnet: ParsedCidr;
  readonly gateway?: ParsedAddress;
  readonly ipRange?: string;
  readonly auxAddresses: Readonly<Record<string, string>>;
}

/**
 * Checks a fixed address before connecting. Inspect cannot tell a subnet the user chose from one Docker picked:
 * Engine 20.10 refuses fixed addresses on the latter too (newer engines accept them), which only the engine can tell.
 */
export function validateEndpointAddress(address: string, family: AddressFamily, network: Network, inUse: AddressUsers = []): IpamIssue[] {
  const field = family === 'ipv4' ? 'ipv4Address' : 'ipv6Address';
  if (address.trim() === '') return [];
  const parsed = parseAddress(address);
  if (!parsed.ok) return [error(field, `"${address}" is not a valid ${familyName(family)} address: ${parsed.reason}.`)];
  const problem = familyMismatch(parsed.value, family) ?? staticAddressRestriction(network, family);
  if (problem) return [error(field, problem)];
  const configs = subnetConfigs(network, family);
  const home = configs.find(config => cidrContainsAddress(config.subnet, parsed.value));
  if (!home) {
    const list = configs.map(config => config.subnet.cidr).join(', ');
    return [
      error(
        field,
        `${address} does not belong to any of network "${network.Name}"'s subnets (${list}).`,
        freeAddress(configs[0], network, inUse),
      ),
    ];
  }
  const taken = takenProblem(parsed.value, home, network, inUse);
  return taken ? [error(field, taken, freeAddress(home, network, inUse))] : [];
}

/** An address of the other family typed where one of this family is asked for: `--ip` takes IPv4, `--ip6` IPv6. */
function familyMismatch(address: ParsedAddress, family: AddressFamily): string | undefined {
  if (address.family === family) return undefined;
  const other = family === 'ipv4' ? '--ip6' : '--ip';
  return `${address.text} is an ${familyName(address.family)} address, but an ${familyName(family)} one is asked for here (use ${other} for ${familyName(address.family)}).`;
}

function subnetConfigs(network: Network, family: AddressFamily): SubnetConfig[] {
  return (network.IPAM?.Config ?? []).flatMap(config => {
    const subnet = config.Subnet ? parseCidr(config.Subnet) : undefined;
    if (!subnet?.ok || subnet.value.family !== family) return [];
    const gateway = config.Gateway ? parseAddressOrInterface(config.Gateway) : undefined;
    // Engine 20.10 omits Gateway from the config of a network created with only --subnet, yet the engine still holds
    // the subnet's first usable address as its gateway.
    const implied = gateway?.ok ? gateway.value : firstUsableAddress(subnet.value);
    return [{ subnet: subnet.value, gateway: implied, ipRange: config.IPRange, auxAddresses: config.AuxiliaryAddresses ?? {} }];
  });
}

function takenProblem(address: ParsedAddress, home: SubnetConfig, network: Network, inUse: AddressUsers): string | undefined {
  const role = reservedRole(home.subnet, address);
  if (role) return `${address.text} is ${describeReserved(role, home.subnet)}: Docker never gives it to a container.`;
  if (home.gateway && addressKey(home.gateway) === addressKey(address))
    return `${address.text} is the gateway of network "${network.Name}".`;
  const auxName = Object.entries(home.auxAddresses).find(([, text]) => sameKey(text, address))?.[0];
  if (auxName !== undefined) return `${address.text} is reserved as auxiliary address "${auxName}" of network "${network.Name}".`;
  const user = usersOf(network, inUse).get(addressKey(address));
  if (user === undefined) return undefined;
  return user === ''
    ? `${address.text} is already in use on network "${network.Name}".`
    : `${address.text} is already used by container "${user}".`;
}

function sameKey(text: string, address: ParsedAddress): boolean {
  const parsed = parseAddressOrInterface(text);
  return parsed.ok && addressKey(parsed.value) === addressKey(address);
}

/** Address key → container name ('' when unknown), from the network's endpoints and the caller's list. */
function usersOf(network: Network, inUse: AddressUsers): Map<string, string> {
  const users = new Map<string, string>();
  const add = (text: string, name: string) => {
    const parsed = parseAddressOrInterface(text);
    if (parsed.ok && !users.get(addressKey(parsed.value))) users.set(addressKey(parsed.value), name);
  };
  for (const endpoint of Object.values(network.Containers ?? {})) {
    add(endpoint.IPv4Address ?? '', endpoint.Name ?? '');
    add(endpoint.IPv6Address ?? '', endpoint.Name ?? '');
  }
  if (Array.isArray(inUse)) (inUse as readonly string[]).forEach(text => add(text, ''));
  else Object.entries(inUse).forEach(([text, name]) => add(text, name));
  return users;
}

function freeAddress(config: SubnetConfig | undefined, network: Network, inUse: AddressUsers): string | undefined {
  if (!config) return undefined;
  const gateway = config.gateway ? [addressKey(config.gateway)] : [];
  const taken = new Set([...usersOf(network, inUse).keys(), ...keysOf(Object.values(config.auxAddresses)), ...gateway]);
  return firstFreeAddress(config.subnet, config.ipRange, taken);
}
