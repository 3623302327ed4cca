// What the engine accepts when creating a network, checked before anything is sent: names, drivers, config-only
// combinations and the IPAM request the answers make. Every message says what the engine would answer.
import { CreateNetworkAnswers, ipamRequestOf } from './createNetwork';
import type { Network } from './engineTypes';
import { BUILT_IN_NETWORK_NAMES, BUILT_IN_ONLY_DRIVERS } from './builtInNetworks';
import { checkAgainstExisting, checkAgainstHostAddresses, error, HostAddress, IpamIssue, parseCidr, validateIpamRequest } from './ipam';

/** Drivers that can be created (host and null exist once, built in), in a useful order. */
export function creatableDrivers(engineDrivers: readonly string[]): string[] {
  const known = ['bridge', 'macvlan', 'ipvlan', 'overlay'];
  const plugins = engineDrivers.filter(d => !known.includes(d) && !BUILT_IN_ONLY_DRIVERS.includes(d));
  return [...known.filter(d => engineDrivers.length === 0 || engineDrivers.includes(d)), ...plugins];
}

/** macvlan and ipvlan put containers on a host interface (the parent) and share its option set. */
export const isMacvlanLike = (driver: string): boolean => driver === 'macvlan' || driver === 'ipvlan';

export function nameProblem(name: string, existing: readonly Network[]): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'A network needs a name.';
  if (/\s/.test(trimmed)) return `"${trimmed}" contains whitespace, which docker commands cannot address without quoting.`;
  if (BUILT_IN_NETWORK_NAMES.includes(trimmed))
    return `"${trimmed}" is a built-in network name: the engine refuses to create it ("operation is not permitted on predefined ${trimmed} network").`;
  const clash = existing.find(n => n.Name === trimmed);
  if (clash) return `A network named "${trimmed}" already exists (ID ${clash.Id.slice(0, 12)}, driver ${clash.Driver}).`;
  return undefined;
}

/** Combinations the engine refuses for config-only and config-from networks (libnetwork network.validateConfiguration). */
export function configProblem(a: CreateNetworkAnswers): string | undefined {
  if (a.configOnly && a.configFrom)
    return 'A config-only network cannot take its settings from another config-only network (the engine refuses: "a configuration network cannot depend on another configuration network").';
  if (a.configOnly) {
    const operator = (
      [
        ['Internal', a.internal],
        ['Attachable', a.attachable],
        ['Ingress', a.ingress],
        ['Scope', Boolean(a.scope)],
      ] as const
    )
      .filter(([, on]) => on)
      .map(([flag]) => flag);
    if (operator.length)
      return `${operator.join(', ')} cannot be set on a config-only network: set ${operator.length === 1 ? 'it' : 'them'} on the networks created from it (the engine refuses: "configuration network can only contain network specific fields").`;
  }
  if (a.configFrom) {
    const own = [
      ...(a.ipv4Subnets.length || a.ipv6Subnets.length ? ['subnets'] : []),
      ...(a.enableIPv6 ? ['IPv6'] : []),
      ...(a.ipamDriver || Object.keys(a.ipamOptions).length ? ['IPAM settings'] : []),
      ...(Object.keys(a.labels).length ? ['labels'] : []),
      ...(Object.keys(a.driverOptions).length ? ['driver options'] : []),
    ];
    if (own.length)
      return `"${a.name}" takes its settings from "${a.configFrom}", so ${own.join(', ')} cannot be given here (the engine refuses: "user specified configurations are not supported if the network depends on a configuration network").`;
  }
  return undefined;
}

/** Everything wrong with the answers' addressing: the request itself, overlaps with networks and with host addresses. */
/**
 * An IPv6 block typed where the IPv4 subnet is asked (or the reverse) would reach the engine in the wrong list:
 * without "Enable IPv6" it is refused, and with it the network gets two IPv6 subnets the user did not mean.
 */
function familyIssues(answers: CreateNetworkAnswers): IpamIssue[] {
  const v4 = answers.ipv4Subnets.map(entry => ({ entry, wanted: 'ipv4' as const }));
  const v6 = answers.enableIPv6 ? answers.ipv6Subnets.map(entry => ({ entry, wanted: 'ipv6' as const })) : [];
  return [...v4, ...v6].flatMap(({ entry, wanted }, index) => {
    const parsed = parseCidr(entry.subnet);
    if (!parsed.ok || parsed.value.family === wanted) return [];
    const [asked, typed] = wanted === 'ipv4' ? ['IPv4', 'IPv6'] : ['IPv6', 'IPv4'];
    return [
      error(
        `subnets[${index}].subnet`,
        `${entry.subnet} is an ${typed} block, and this is the ${asked} subnet: enter an ${asked} CIDR such as ${wanted === 'ipv4' ? '172.30.0.0/16' : 'fd00:1::/64'}, or add it under "${wanted === 'ipv4' ? 'IPv6…' : 'IPv4 subnet…'}".`,
      ),
    ];
  });
}

export function validateAnswersIpam(
  answers: CreateNetworkAnswers,
  context: { existingNetworks: readonly Network[]; hostAddresses: readonly HostAddress[] },
): IpamIssue[] {
  const request = ipamRequestOf(answers);
  return [
    ...familyIssues(answers),
    ...validateIpamRequest(request, { driver: answers.driver }),
    ...checkAgainstExisting(request, context.existingNetworks),
    ...checkAgainstHostAddresses(request, context.hostAddresses),
  ];
}
