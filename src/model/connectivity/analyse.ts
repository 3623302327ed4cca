// "Why can't A reach B?" answered from the configuration the explorer already holds. The rules are the engine's,
// checked against real traffic by the ground-truth engine suite (docs/engine-behaviour.md, "Connectivity"):
// - containers reach each other only on a network they share: the engine drops traffic between different networks;
// - a bridge with inter-container communication off drops traffic between its own containers;
// - internal networks carry traffic between their members and nothing else, but the host still answers at the
//   network's gateway;
// - names resolve through the embedded DNS of user-defined networks only, on the networks A is on, to B's address
//   on the first of A's networks in the engine's order (swarm ones, then non-internal ones, then by name) where
//   someone holds the name; the default bridge has none;
// - a stopped container has no endpoint, no address and no name; `none` has only a loopback; `host` networking is
//   the host's own stack, which reaches every bridge address and has no embedded DNS.
import { connectRestrictions } from '../connectRules';
import type { ContainerModel, ExplorerModel, NetworkModel } from '../explorer';
import {
  bareAddress,
  hasEmbeddedDns,
  iccEnabled,
  ICC_OPTION,
  isBridge,
  isDefaultBridge,
  isHostNetwork,
  isInternal,
  isNoneNetwork,
  isSwarmScoped,
  masqueradeEnabled,
} from './networkFacts';
import type {
  Blocker,
  ConnectFix,
  ConnectivityPath,
  ConnectivityReport,
  NameAnswer,
  NameKind,
  NameTarget,
  NetworkRef,
  OutsideAnswer,
  UnreachableAddress,
  Verdict,
} from './types';

interface Membership {
  readonly network: NetworkModel;
  readonly ipv4?: string;
  readonly ipv6?: string;
  readonly gateway?: string;
  readonly aliases: readonly string[];
  /** Links this container made on the network (`container:alias`): names only it resolves. */
  readonly links: readonly string[];
}

interface Stack {
  readonly kind: 'networks' | 'none' | 'host';
  /** The container whose network stack this is: the container itself, or the one it shares (`container:<id>`). */
  readonly owner: ContainerModel;
  readonly running: boolean;
  readonly memberships: readonly Membership[];
  /** Set when the container uses another container's network stack. */
  readonly sharedWith?: ContainerModel;
}

const q = (text: string) => `"${text}"`;
const list = (names: readonly string[]) => names.map(q).join(', ');
/** Go compares strings bytewise; the engine orders a sandbox's networks that way. */
const byGoOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function findContainer(model: ExplorerModel, ref: string): ContainerModel | undefined {
  return (
    model.containers.find(c => c.id === ref) ??
    model.containers.find(c => c.name === ref) ??
    (ref.length >= 4 ? model.containers.find(c => c.id.startsWith(ref)) : undefined)
  );
}

function membershipsOf(model: ExplorerModel, container: ContainerModel): Membership[] {
  const result: Membership[] = [];
  for (const entry of container.networks) {
    const network = model.networks.find(n => n.id === entry.networkId);
    if (!network) continue;
    const endpoint = network.endpoints.find(e => e.containerId === container.id);
    result.push({
      network,
      ipv4: entry.ipv4,
      ipv6: entry.ipv6,
      gateway: entry.gateway,
      aliases: endpoint?.aliases ?? [],
      links: endpoint?.links ?? [],
    });
  }
  return result.sort((a, b) => byGoOrder(a.network.name, b.network.name));
}

function stackOf(model: ExplorerModel, container: ContainerModel, depth = 0): Stack {
  const mode = container.networkMode;
  if (mode.startsWith('container:') && depth < 4) {
    const owner = findContainer(model, mode.slice('container:'.length));
    if (owner) {
      const shared = stackOf(model, owner, depth + 1);
      return { ...shared, running: container.running && shared.running, sharedWith: shared.sharedWith ?? owner };
    }
  }
  const memberships = membershipsOf(model, container);
  const base = { owner: container, running: container.running };
  if (mode === 'host' || memberships.some(m => isHostNetwork(m.network))) return { ...base, kind: 'host', memberships: [] };
  if (mode === 'none' || memberships.some(m => isNoneNetwork(m.network))) return { ...base, kind: 'none', memberships: [] };
  return { ...base, kind: 'networks', memberships };
}

function networkRef(network: NetworkModel): NetworkRef {
  return { id: network.id, name: network.name };
}

function pathNetwork(network: NetworkModel): NonNullable<ConnectivityPath['network']> {
  return { ...networkRef(network), driver: network.driver, internal: isInternal(network), defaultBridge: isDefaultBridge(network) };
}

function gatewayOf(membership: Membership): string | undefined {
  return (
    bareAddress(membership.gateway) ??
    (membership.network.network.IPAM?.Config ?? []).map(config => config.Gateway).find((gateway): gateway is string => Boolean(gateway))
  );
}

/** A link as the engine stores it, `container:alias` (or just `container`), read as what it maps. */
function parseLink(link: string): { target: string; alias: string } {
  const [target, alias] = link.replace(/^\//, '').split(':');
  return { target: target.replace(/^\//, ''), alias: (alias ?? target).replace(/^.*\//, '') };
}

/**
 * B's names as A may ask for them: its container name, its aliases (per network), `name.network`, and the aliases
 * of A's own links to B (only A resolves those).
 */
function namesOfB(b: ContainerModel, bStack: Stack, aStack: Stack): { name: string; kind: NameKind; on: string[] }[] {
  const dnsNetworks = bStack.memberships.filter(m => hasEmbeddedDns(m.network));
  const names: { name: string; kind: NameKind; on: string[] }[] = [
    { name: b.name, kind: 'name', on: dnsNetworks.map(m => m.network.name) },
  ];
  const aliases = new Map<string, string[]>();
  for (const m of bStack.memberships)
    for (const alias of m.aliases) if (alias !== b.name) aliases.set(alias, [...(aliases.get(alias) ?? []), m.network.name]);
  for (const [alias, on] of [...aliases].sort(([x], [y]) => byGoOrder(x, y))) names.push({ name: alias, kind: 'alias', on });
  for (const m of dnsNetworks) names.push({ name: `${b.name}.${m.network.name}`, kind: 'qualified', on: [m.network.name] });
  const links = new Map<string, string[]>();
  for (const m of aStack.memberships)
    for (const link of m.links.map(parseLink))
      if (link.target === b.name && !names.some(n => n.name === link.alias))
        links.set(link.alias, [...(links.get(link.alias) ?? []), m.network.name]);
  for (const [alias, on] of links) names.push({ name: alias, kind: 'link', on });
  return names;
}

/**
 * How the engine ranks a sandbox's endpoints (libnetwork's endpoint order): non-internal networks before internal
 * ones, then those giving the container more gateways (IPv6 counts double), then by name.
 */
function endpointRank(m: Membership): [number, number] {
  const internal = isInternal(m.network);
  const v4 = !internal && (Boolean(m.gateway) || m.network.subnets.some(subnet => !subnet.includes(':')));
  const v6 = !internal && m.network.network.EnableIPv6 && m.network.subnets.some(subnet => subnet.includes(':'));
  return [internal ? 1 : 0, -((v4 ? 1 : 0) + (v6 ? 2 : 0))];
}

/**
 * The order the embedded DNS asks A's networks in: swarm-scoped ones first, then local ones, each in the engine's
 * endpoint order (measured: a name on both an internal and a non-internal network answers with the non-internal one).
 */
function dnsOrder(memberships: readonly Membership[]): Membership[] {
  const ranked = memberships
    .filter(m => hasEmbeddedDns(m.network))
    .map(m => ({ m, rank: endpointRank(m) }))
    .sort((x, y) => x.rank[0] - y.rank[0] || x.rank[1] - y.rank[1] || byGoOrder(x.m.network.name, y.m.network.name))
    .map(({ m }) => m);
  return [...ranked.filter(m => isSwarmScoped(m.network)), ...ranked.filter(m => !isSwarmScoped(m.network))];
}

interface Analysis {
  paths: ConnectivityPath[];
  names: NameAnswer[];
  otherAddresses: UnreachableAddress[];
  blockers: Blocker[];
  notes: string[];
}

function iccReason(network: NetworkModel): string {
  return `inter-container communication is disabled on ${q(network.name)} (${ICC_OPTION}=${network.network.Options?.[ICC_OPTION] ?? 'false'}): its containers cannot reach each other, only the host and, unless it is internal, the outside`;
}

function noNameAnswers(names: ReturnType<typeof namesOfB>, reason: string): NameAnswer[] {
  return names.map(n => ({ name: n.name, kind: n.kind, on: n.on, alternatives: [], reason }));
}

/** Both containers on networks of their own: the shared ones are the paths. */
function analyseNetworks(a: ContainerModel, sa: Stack, b: ContainerModel, sb: Stack): Analysis {
  const blockers: Blocker[] = [];
  const notes: string[] = [];
  const bOn = new Map(sb.memberships.map(m => [m.network.id, m]));
  const shared = sa.memberships.filter(m => bOn.has(m.network.id));

  // Names: the embedded DNS of A's user-defined networks, asked in the engine's order.
  const order = dnsOrder(sa.memberships);
  const orderIndex = new Map(order.map((m, i) => [m.network.id, i]));
  const holdersOf = (name: string, m: Membership): NameTarget[] =>
    m.network.endpoints
      .filter(e => e.running && (e.containerName === name || e.aliases.includes(name)))
      .flatMap(e => {
        const address = bareAddress(e.ipv4) ?? bareAddress(e.ipv6);
        return address
          ? [
              {
                network: networkRef(m.network),
                address,
                // A's own address answers locally, whatever the bridge allows.
                open: e.containerId === sa.owner.id || iccEnabled(m.network),
                container: { id: e.containerId, name: e.containerName },
              },
            ]
          : [];
      })
      .sort((x, y) => (x.container.id === b.id ? -1 : y.container.id === b.id ? 1 : byGoOrder(x.container.name, y.container.name)));
  const names: NameAnswer[] = namesOfB(b, sb, sa).map(candidate => {
    // The engine first looks the name up among A's own links, network by network, then among the names and aliases
    // of the running containers on A's networks; on the first network with an answer it gives every holder's
    // address there: B's, or another container's that has the same name as an alias.
    const bare = candidate.kind === 'qualified' ? b.name : candidate.name;
    const asked = candidate.kind === 'qualified' ? order.filter(m => m.network.name === candidate.on[0]) : order;
    const pass = (lookup: (m: Membership) => NameTarget[]) => asked.map(lookup).filter(holders => holders.length);
    let answers = pass(m => {
      const link = m.links.map(parseLink).find(l => l.alias === bare);
      return link ? holdersOf(link.target, m) : [];
    });
    if (!answers.length) answers = pass(m => holdersOf(bare, m));
    const answer = { name: candidate.name, kind: candidate.kind, on: candidate.on };
    if (!answers.length) return { ...answer, alternatives: [], reason: nameReason(a, sa, b, sb, candidate) };
    // The engine keeps a sandbox's networks in a heap: only the first of them has a fixed place.
    const first = answers[0];
    const certain = answers.length === 1 || orderIndex.get(first[0].network.id) === 0 || order.length <= 2;
    return { ...answer, resolvesTo: first[0], alternatives: [...first.slice(1), ...(certain ? [] : answers.slice(1).flat())] };
  });
  const isB = (t: NameTarget) => t.container.id === b.id;
  const namesOn = (networkId: string) =>
    names.filter(n => [n.resolvesTo, ...n.alternatives].some(t => t && isB(t) && t.network.id === networkId)).map(n => n.name);

  const paths: ConnectivityPath[] = shared.map(m => {
    const bm = bOn.get(m.network.id)!;
    const open = iccEnabled(m.network);
    return {
      kind: 'shared',
      network: pathNetwork(m.network),
      address: bareAddress(bm.ipv4) ?? bareAddress(bm.ipv6),
      ipv6: bm.ipv4 ? bareAddress(bm.ipv6) : undefined,
      open,
      reason: open ? undefined : iccReason(m.network),
      names: namesOn(m.network.id),
    };
  });
  const otherAddresses: UnreachableAddress[] = sb.memberships
    .filter(m => !bOnA(sa, m.network.id))
    .flatMap(m => {
      const address = bareAddress(m.ipv4) ?? bareAddress(m.ipv6);
      return address
        ? [
            {
              network: networkRef(m.network),
              address,
              reason: `${q(a.name)} is not on ${q(m.network.name)}, and the engine drops traffic between different networks`,
            },
          ]
        : [];
    });

  if (!shared.length) {
    const where = (c: ContainerModel, s: Stack) =>
      s.memberships.length ? `${q(c.name)} is on ${list(s.memberships.map(m => m.network.name))}` : `${q(c.name)} is on no network`;
    blockers.push({
      code: 'noSharedNetwork',
      text: `${where(a, sa)} and ${where(b, sb)}: they share no network, and the engine drops traffic between different networks.`,
    });
  }
  for (const m of shared) {
    if (isInternal(m.network))
      notes.push(
        `${q(m.network.name)} is internal: its members reach each other, but nothing on it reaches other networks or the outside.`,
      );
    if (isDefaultBridge(m.network)) notes.push(`The default ${q(m.network.name)} network has no embedded DNS: names do not resolve on it.`);
  }
  return { paths, names, otherAddresses, blockers, notes };
}

function bOnA(sa: Stack, networkId: string): boolean {
  return sa.memberships.some(m => m.network.id === networkId);
}

function nameReason(
  a: ContainerModel,
  sa: Stack,
  b: ContainerModel,
  sb: Stack,
  candidate: { name: string; kind: NameKind; on: string[] },
): string {
  if (sb.sharedWith)
    return `${q(b.name)} uses the network stack of ${q(sb.sharedWith.name)}: it has no name of its own on any network; ask for ${q(sb.sharedWith.name)}`;
  const aDns = sa.memberships.filter(m => hasEmbeddedDns(m.network));
  if (!aDns.length)
    return sa.memberships.length
      ? `${q(a.name)} is only on the default bridge network, which has no embedded DNS`
      : `${q(a.name)} is on no network`;
  if (candidate.kind === 'link')
    return `${q(a.name)}'s link to ${q(b.name)} on ${list(candidate.on)} answers only while ${q(b.name)} runs on that network`;
  if (!candidate.on.length)
    return candidate.kind === 'name'
      ? `${q(b.name)} is only on the default bridge network, where names do not resolve`
      : `${q(b.name)} carries it on no network`;
  const where = candidate.on.length === 1 ? `only on ${q(candidate.on[0])}` : `only on ${list(candidate.on)}`;
  return candidate.kind === 'name'
    ? `the name ${q(b.name)} resolves only on the user-defined networks ${q(b.name)} is on (${list(candidate.on)}), and ${q(a.name)} is on none of them`
    : `${q(b.name)} has it ${where}, which ${q(a.name)} is not on`;
}

/** One of them uses the host's network stack. */
function analyseHost(a: ContainerModel, sa: Stack, b: ContainerModel, sb: Stack): Analysis {
  const names = namesOfB(b, sb, sa);
  const paths: ConnectivityPath[] = [];
  const notes: string[] = [];
  const blockers: Blocker[] = [];
  let reason: string;
  if (sa.kind === 'host' && sb.kind === 'host') {
    paths.push({ kind: 'sameStack', address: '127.0.0.1', open: true, names: [] });
    notes.push(
      `Both use the host's network stack (--network host): they reach each other on the host's own addresses, 127.0.0.1 included.`,
    );
    reason = 'the host network stack has no embedded DNS';
  } else if (sa.kind === 'host') {
    for (const m of sb.memberships) {
      const address = bareAddress(m.ipv4) ?? bareAddress(m.ipv6);
      if (!address) continue;
      const open = isBridge(m.network);
      paths.push({
        kind: 'fromHost',
        network: pathNetwork(m.network),
        address,
        open,
        reason: open ? undefined : `the host has no route to containers on a ${m.network.driver} network`,
        names: [],
      });
    }
    notes.push(
      `${q(a.name)} uses the host's network stack (--network host): it reaches ${q(b.name)} the way the host does, at its address on any bridge network (internal ones too, whatever their ICC setting).`,
    );
    reason = `${q(a.name)} uses the host's network stack, which has no embedded DNS`;
    if (!paths.some(p => p.open))
      blockers.push({
        code: 'hostNetworking',
        text: `${q(a.name)} uses the host's network stack, and ${q(b.name)} has no address the host can reach${sb.memberships.length ? ` (${list(sb.memberships.map(m => m.network.name))})` : ''}.`,
      });
  } else {
    for (const m of sa.memberships) {
      const address = gatewayOf(m);
      if (!address) continue;
      const open = isBridge(m.network);
      paths.push({
        kind: 'toHost',
        network: pathNetwork(m.network),
        address,
        open,
        reason: open ? undefined : `containers on a ${m.network.driver} network do not reach the host through it`,
        names: [],
      });
    }
    notes.push(
      `${q(b.name)} uses the host's network stack (--network host): it has no address of its own; ${q(a.name)} reaches it at the host's address on its own networks (the gateway), on the ports ${q(b.name)} listens on.`,
    );
    reason = `${q(b.name)} uses the host's network stack: it has no name on any network`;
    if (!paths.some(p => p.open))
      blockers.push({
        code: 'hostNetworking',
        text: `${q(b.name)} uses the host's network stack, and ${q(a.name)} is on no bridge network through which it could reach the host.`,
      });
  }
  return { paths, names: noNameAnswers(names, reason), otherAddresses: [], blockers, notes };
}

function analyseSameStack(a: ContainerModel, sa: Stack, b: ContainerModel, sb: Stack): Analysis {
  const text =
    a.id === b.id
      ? `${q(a.name)} is the same container: it reaches itself at 127.0.0.1.`
      : `${q(a.name)} and ${q(b.name)} share one network stack (${q(sa.owner.name)}'s): they reach each other at 127.0.0.1.`;
  return {
    paths: [{ kind: 'sameStack', address: '127.0.0.1', open: true, names: [] }],
    names: noNameAnswers(namesOfB(b, sb, sa), 'they share one network stack: use localhost'),
    otherAddresses: [],
    blockers: [],
    notes: [text],
  };
}

function analyseNone(a: ContainerModel, sa: Stack, b: ContainerModel, sb: Stack): Analysis {
  const blockers: Blocker[] = [];
  for (const [c, s] of [
    [a, sa],
    [b, sb],
  ] as const)
    if (s.kind === 'none')
      blockers.push({
        code: 'noNetworking',
        text: `${q(c.name)} is on "none" (networking disabled): it has only a loopback interface and reaches no other container.`,
      });
  return {
    paths: [],
    names: noNameAnswers(namesOfB(b, sb, sa), blockers[0].text.replace(/\.$/, '')),
    otherAddresses: [],
    blockers,
    notes: [],
  };
}

function verdictOf(paths: readonly ConnectivityPath[], names: readonly NameAnswer[], bId: string): Verdict {
  if (!paths.some(p => p.open && p.address)) return 'unreachable';
  const name = names.find(n => n.kind === 'name');
  const byName = name?.resolvesTo && [name.resolvesTo, ...name.alternatives].every(t => t.open && t.container.id === bId);
  return byName ? 'reachable' : 'addressOnly';
}

/**
 * Whether B's container name, asked from A, resolves to an address on a network whose traffic flows: the same rule
 * as the analysis, on configuration alone (addresses and running state aside), so it can judge a change before it
 * is made.
 */
function nameWorks(aMemberships: readonly Membership[], bMemberships: readonly Membership[]): boolean {
  const order = dnsOrder([...aMemberships].sort((x, y) => byGoOrder(x.network.name, y.network.name)));
  const onB = new Set(bMemberships.filter(m => hasEmbeddedDns(m.network)).map(m => m.network.id));
  const targets = order.filter(m => onB.has(m.network.id));
  if (!targets.length) return false;
  const certain = targets.length === 1 || targets[0] === order[0] || order.length <= 2;
  return certain ? iccEnabled(targets[0].network) : targets.every(t => iccEnabled(t.network));
}

/** A network of `from`'s that `joiner` could be connected to, after which A reaches B by name. */
function connectableNetwork(from: Stack, joiner: Stack, works: (network: NetworkModel) => boolean): NetworkModel | undefined {
  return from.memberships
    .map(m => m.network)
    .filter(n => hasEmbeddedDns(n) && iccEnabled(n) && !connectRestrictions(n.network).connect)
    .filter(n => !joiner.memberships.some(m => m.network.id === n.id))
    .find(works);
}

function fixFor(
  a: ContainerModel,
  sa: Stack,
  b: ContainerModel,
  sb: Stack,
  names: readonly NameAnswer[],
): { fix?: ConnectFix; advice?: string } {
  if (sa.owner.id === sb.owner.id) return {};
  if (sa.kind === 'none' || sb.kind === 'none') {
    const who = sa.kind === 'none' ? sa.owner : sb.owner;
    return {
      advice: `A container on "none" cannot be connected to a network (the engine refuses): recreate ${q(who.name)} with --network on a user-defined network.`,
    };
  }
  if (sa.kind === 'host' || sb.kind === 'host')
    return {
      advice:
        'With host networking there is nothing to connect: reach the host-networked container at the host address on a bridge network, or run it on a user-defined network instead.',
    };
  // Configured well already: nothing to connect (a stopped container only needs starting).
  if (nameWorks(sa.memberships, sb.memberships)) return {};
  const good = sa.memberships.filter(m => hasEmbeddedDns(m.network) && iccEnabled(m.network) && bOnA(sb, m.network.id));
  const name = names.find(n => n.kind === 'name');
  if (good.length && name?.resolvesTo && !name.resolvesTo.open)
    return {
      advice: `Use ${q(`${b.name}.${good[0].network.name}`)}: the name qualified with the network resolves to ${q(b.name)}'s address on ${q(good[0].network.name)}, where traffic is allowed.`,
    };
  const joined = (network: NetworkModel): Membership => ({ network, aliases: [], links: [] });
  const forB = connectableNetwork(sa, sb, n => nameWorks(sa.memberships, [...sb.memberships, joined(n)]));
  if (forB)
    return {
      fix: {
        kind: 'connect',
        container: { id: sb.owner.id, name: sb.owner.name },
        network: networkRef(forB),
        text: `Connect ${q(sb.owner.name)} to ${q(forB.name)}: ${q(a.name)} is on it, traffic between its containers is allowed and names resolve there.`,
      },
    };
  const forA = connectableNetwork(sb, sa, n => nameWorks([...sa.memberships, joined(n)], sb.memberships));
  if (forA)
    return {
      fix: {
        kind: 'connect',
        container: { id: sa.owner.id, name: sa.owner.name },
        network: networkRef(forA),
        text: `Connect ${q(sa.owner.name)} to ${q(forA.name)}: ${q(b.name)} is on it, traffic between its containers is allowed and names resolve there.`,
      },
    };
  return {
    advice: `Neither is on a user-defined network with inter-container communication on that the other could join: create one (Create Network…) and connect both ${q(a.name)} and ${q(b.name)} to it.`,
  };
}

function outsideOf(a: ContainerModel, sa: Stack, b: ContainerModel, sb: Stack): OutsideAnswer {
  let egress = false;
  let egressText: string;
  const hostAddresses: { network: NetworkRef; address: string }[] = [];
  let hostText: string;
  if (!sa.running) {
    egressText = `${q(a.name)} is not running: it reaches nothing.`;
    hostText = egressText;
  } else if (sa.kind === 'none') {
    egressText = `${q(a.name)} is on "none": it reaches neither the host nor the outside.`;
    hostText = egressText;
  } else if (sa.kind === 'host') {
    egress = true;
    egressText = `${q(a.name)} uses the host's network stack: it reaches whatever the host reaches.`;
    hostText = `${q(a.name)} is on the host's own network stack.`;
  } else {
    const out = sa.memberships.filter(m => !isInternal(m.network));
    const internal = sa.memberships.filter(m => isInternal(m.network));
    if (out.length) {
      egress = true;
      const noMasquerade = out.filter(m => !masqueradeEnabled(m.network));
      egressText = `${q(a.name)} reaches other networks' hosts and the outside through ${list(out.map(m => m.network.name))} (not internal).${
        noMasquerade.length
          ? ` IP masquerading is off on ${list(noMasquerade.map(m => m.network.name))}: replies come back only where the outside routes its subnet to this host.`
          : ''
      }`;
    } else if (internal.length) {
      egressText = `${q(a.name)} is only on internal networks (${list(internal.map(m => m.network.name))}): it has no way out, neither to other networks nor to the outside.`;
    } else egressText = `${q(a.name)} is on no network: it has no way out.`;
    for (const m of sa.memberships) {
      const address = isBridge(m.network) ? gatewayOf(m) : undefined;
      if (address) hostAddresses.push({ network: networkRef(m.network), address });
    }
    hostText = hostAddresses.length
      ? `${q(a.name)} reaches the engine's host at its gateway address on each bridge network, internal ones included: ${hostAddresses
          .map(h => `${h.address} on ${q(h.network.name)}`)
          .join(', ')}.`
      : `${q(a.name)} is on no bridge network with a gateway: it does not reach the engine's host directly.`;
  }

  const owner = sb.owner;
  const published = owner.ports
    .filter(p => p.publicPort)
    .map(p => ({ hostIp: p.hostIp ?? '0.0.0.0', hostPort: p.publicPort!, containerPort: p.privatePort, protocol: p.protocol }));
  const exposedOnly = owner.ports
    .filter(p => !p.publicPort && !owner.ports.some(o => o.publicPort && o.privatePort === p.privatePort && o.protocol === p.protocol))
    .map(p => ({ port: p.privatePort, protocol: p.protocol }));
  let publishedText: string;
  if (!sb.running) publishedText = `${q(b.name)} is not running: nothing of it is published.`;
  else if (sb.kind === 'host') publishedText = `${q(b.name)} uses the host's network stack: its ports are the host's own ports.`;
  else if (sb.kind === 'none') publishedText = `${q(b.name)} is on "none": nothing of it can be published.`;
  else if (published.length)
    publishedText = `From the host, and from outside it where the host's firewall allows, ${q(b.name)} answers on its published ports: ${published
      .map(p => `${p.hostIp}:${p.hostPort} → ${p.containerPort}/${p.protocol}`)
      .join(', ')}.`;
  else if (sb.memberships.length && sb.memberships.every(m => isInternal(m.network)))
    publishedText = `${q(b.name)} is only on internal networks: the engine publishes no ports for it, so nothing outside its networks reaches its ports.`;
  else publishedText = `${q(b.name)} publishes no ports: from outside the engine's host nothing reaches it.`;
  if (sb.running && exposedOnly.length && sb.kind === 'networks')
    publishedText += ` Exposed but not published: ${exposedOnly.map(p => `${p.port}/${p.protocol}`).join(', ')} (only containers that reach ${q(b.name)} use them).`;

  const hostReachesB =
    sb.running && sb.kind === 'networks'
      ? sb.memberships.flatMap(m => {
          const address = bareAddress(m.ipv4);
          return isBridge(m.network) && address ? [{ network: networkRef(m.network), address }] : [];
        })
      : [];
  return { egress, egressText, hostAddresses, hostText, published, exposedOnly, publishedText, hostReachesB };
}

function summaryOf(
  a: ContainerModel,
  b: ContainerModel,
  verdict: Verdict,
  paths: readonly ConnectivityPath[],
  names: readonly NameAnswer[],
) {
  const at = (address: string | undefined, network: NetworkRef | undefined) =>
    address ? ` at ${address}${network ? ` on ${q(network.name)}` : ''}` : '';
  if (verdict === 'reachable') {
    const target = names.find(n => n.kind === 'name')?.resolvesTo;
    return `${q(a.name)} can reach ${q(b.name)} by name and by address${at(target?.address, target?.network)}.`;
  }
  if (verdict === 'addressOnly') {
    const open = paths.find(p => p.open && p.address);
    return `${q(a.name)} can reach ${q(b.name)} by address${at(open?.address, open?.network)}, but not by name.`;
  }
  return `${q(a.name)} cannot reach ${q(b.name)}.`;
}

/**
 * Whether container `aId` can reach container `bId` (IDs from the model), and why or why not. Undefined when either
 * is not in the model.
 */
export function analyseConnectivity(model: ExplorerModel, aId: string, bId: string): ConnectivityReport | undefined {
  const a = model.containers.find(c => c.id === aId);
  const b = model.containers.find(c => c.id === bId);
  if (!a || !b) return undefined;
  const sa = stackOf(model, a);
  const sb = stackOf(model, b);

  const analysis =
    a.id === b.id || sa.owner.id === sb.owner.id
      ? analyseSameStack(a, sa, b, sb)
      : sa.kind === 'none' || sb.kind === 'none'
        ? analyseNone(a, sa, b, sb)
        : sa.kind === 'host' || sb.kind === 'host'
          ? analyseHost(a, sa, b, sb)
          : analyseNetworks(a, sa, b, sb);
  for (const [c, s] of [
    [a, sa],
    [b, sb],
  ] as const)
    if (s.sharedWith)
      analysis.notes.push(
        `${q(c.name)} uses the network stack of ${q(s.sharedWith.name)} (--network container:…): what holds for that container holds for it.`,
      );

  // The fix is about configuration: it holds whether or not both are running.
  const { fix, advice } = fixFor(a, sa, b, sb, analysis.names);

  let { paths, names } = analysis;
  const blockers = [...analysis.blockers];
  const stopped = [
    [a, sa],
    [b, sb],
  ].filter(([, s]) => !(s as Stack).running) as [ContainerModel, Stack][];
  for (const [c, s] of stopped) {
    const why =
      s.running === c.running
        ? `${q(c.name)} is not running (${c.state || 'stopped'}): a stopped container has no network endpoint, no address in use and no name in the DNS.`
        : `${q(c.name)} shares the network stack of ${q(s.owner.name)}, which is not running.`;
    blockers.unshift({ code: 'notRunning', text: why });
  }
  if (stopped.length) {
    const reason = stopped.map(([c]) => `${q(c.name)} is not running`).join(' and ');
    paths = paths.map(p => ({ ...p, open: false, reason: p.reason ?? reason, names: [] }));
    // A stopped B has no DNS entry already (only running endpoints answer); a stopped A asks nothing.
    if (!sa.running) names = names.map(n => ({ ...n, resolvesTo: undefined, alternatives: [], reason: n.reason ?? reason }));
  }
  const verdict = verdictOf(paths, names, b.id);
  if (verdict === 'unreachable') {
    for (const p of paths)
      if (!p.open && p.reason && p.network && !stopped.length)
        blockers.push({ code: 'iccDisabled', text: `On ${q(p.network.name)}, ${p.reason}.` });
  } else if (verdict === 'addressOnly') {
    const name = names.find(n => n.kind === 'name');
    if (name && !name.resolvesTo && name.reason)
      blockers.push({ code: 'noNames', text: `${q(b.name)}'s name does not resolve from ${q(a.name)}: ${name.reason}.` });
    else if (name?.resolvesTo) {
      const targets = [name.resolvesTo, ...name.alternatives];
      const others = targets.filter(t => t.container.id !== b.id);
      const blocked = targets.filter(t => !t.open);
      if (others.length)
        blockers.push({
          code: 'sharedName',
          text: `${q(b.name)} is also an alias of ${list([...new Set(others.map(t => t.container.name))])}: the engine answers the name with ${others
            .map(t => `${t.address} on ${q(t.network.name)}`)
            .join(', ')} too.`,
        });
      if (blocked.length)
        blockers.push({
          code: 'nameToBlockedPath',
          text: `${q(b.name)}'s name ${targets.length > 1 ? 'may resolve' : 'resolves'} to ${blocked
            .map(t => `${t.address} on ${q(t.network.name)}`)
            .join(' or ')}, where traffic between containers is blocked.`,
        });
    }
  }
  return {
    from: { id: a.id, name: a.name, state: a.state },
    to: { id: b.id, name: b.name, state: b.state },
    verdict,
    summary: summaryOf(a, b, verdict, paths, names),
    paths,
    names,
    otherAddresses: analysis.otherAddresses,
    blockers,
    notes: analysis.notes,
    fix: verdict === 'reachable' ? undefined : fix,
    advice: verdict === 'reachable' || fix ? undefined : (stoppedAdvice(stopped) ?? advice),
    outside: outsideOf(a, sa, b, sb),
  };
}

function stoppedAdvice(stopped: [ContainerModel, Stack][]): string | undefined {
  return stopped.length ? `Start ${stopped.map(([, s]) => q(s.owner.name)).join(' and ')}.` : undefined;
}
