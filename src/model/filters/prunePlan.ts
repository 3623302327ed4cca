// What `docker network prune` would remove, computed from container data so it is right on every engine, and what it
// would break. The engine's rules (moby daemon/prune.go localNetworksPrune, clusterNetworksPrune, matchLabels,
// getUntilFromPruneFilters; libnetwork IsPruneable):
// - config-only networks are never pruned; predefined networks (bridge, host, none) never; swarm ingress never;
// - `until`: networks created after the cutoff are kept (Go `Created.After(until)`, so one created exactly at the
//   cutoff goes);
// - `label` (`k`, `k=v`): ALL must hold (a network without labels never matches); `label!` (`!k`, `!k=v`): the
//   network is kept when ALL of them hold (Args.MatchKVList, so `!a !b` keeps only networks having both);
// - a network with active endpoints stays. Only running (and paused) containers have endpoints: a network that only
//   stopped containers are configured on IS removed, and those containers then fail to start
//   (`network X not found`). Those networks are listed apart, with the containers, for the user to decide.
// Swarm networks used only by services on other nodes cannot be seen from this node's containers; the engine refuses
// to remove those ("network is in use"), so a removal attempt fails harmlessly.
import { isBuiltInNetwork } from '../builtInNetworks';
import type { ContainerSummary, Network } from '../engineTypes';
import { containerName } from '../explorer';
import { naturalCompare } from '../naturalSort';
import { epochNanosOfTimestamp, parseUntil } from './goTime';
import { matchesLabels } from './networkFilter';

export interface PruneOptions {
  /** A Go duration counted back from `now` (`24h`, `90m`), an RFC 3339-like timestamp, or Unix seconds. */
  readonly until?: string;
  /** `k`, `k=v` (the `label` filter) and `!k`, `!k=v` (the `label!` filter). */
  readonly labels?: readonly string[];
  readonly now: Date;
  /** Zone for `until` timestamps written without one (the engine uses its own); default: this machine's. */
  readonly localUtcOffsetMinutes?: number;
}

export type PruneSkipReason = 'builtIn' | 'configOnly' | 'ingress' | 'createdAfterUntil' | 'labelMismatch' | 'inUse';

export interface PruneSkip {
  readonly network: Network;
  readonly reason: PruneSkipReason;
  /** In words, for the confirmation dialog. */
  readonly detail: string;
}

export interface PruneKeptEntry {
  readonly network: Network;
  /** Names of the stopped containers configured on it, in natural order. */
  readonly containers: string[];
}

export interface PrunePlan {
  /** Custom networks no container (running or stopped) is configured on. */
  readonly removable: Network[];
  /** Networks only stopped containers are configured on: the engine would remove them; the UI lets the user opt in. */
  readonly keptReferencedByStopped: PruneKeptEntry[];
  /** Every other network, with why it stays. */
  readonly skipped: PruneSkip[];
}

/** States in which a container holds endpoints on its networks. */
const ACTIVE_STATES = new Set(['running', 'paused']);

export interface ParsedPruneLabels {
  readonly include: string[];
  readonly exclude: string[];
}

/** Splits `k`, `k=v`, `!k`, `!k=v` into the engine's `label` and `label!` filters. */
export function parsePruneLabels(labels: readonly string[]): ParsedPruneLabels {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const raw of labels) {
    const label = raw.trim();
    if (label.startsWith('!')) exclude.push(label.slice(1).trim());
    else include.push(label);
  }
  return { include: [...new Set(include)], exclude: [...new Set(exclude)] };
}

/** The engine's matchLabels: all `label` filters hold, and not all `label!` filters hold. */
export function matchesPruneLabels(labels: Readonly<Record<string, string>> | null | undefined, filters: ParsedPruneLabels): boolean {
  if (!matchesLabels(filters.include, labels)) return false;
  if (filters.exclude.length && matchesLabels(filters.exclude, labels)) return false;
  return true;
}

/** Undefined when the options are valid; otherwise the engine's complaint (only `until` can be wrong). */
export function validatePruneOptions(options: PruneOptions): string | undefined {
  if (options.until === undefined) return undefined;
  const until = parseUntil(options.until.trim(), options.now, options.localUtcOffsetMinutes);
  return 'error' in until ? until.error : undefined;
}

interface Usage {
  running: Set<string>;
  stopped: Set<string>;
}

/** Running and stopped container names per network ID; a container names a network by `NetworkID` or by name. */
function usageByNetwork(networks: readonly Network[], containers: readonly ContainerSummary[]): Map<string, Usage> {
  const byId = new Map(networks.map(network => [network.Id, network]));
  const byName = new Map(networks.map(network => [network.Name, network]));
  const usage = new Map<string, Usage>();
  for (const container of containers) {
    const active = ACTIVE_STATES.has(container.State);
    const name = containerName(container);
    for (const [networkName, settings] of Object.entries(container.NetworkSettings?.Networks ?? {})) {
      const targets = new Set<Network>();
      const viaId = settings?.NetworkID ? byId.get(settings.NetworkID) : undefined;
      if (viaId) targets.add(viaId);
      const viaName = byName.get(networkName);
      if (viaName) targets.add(viaName);
      for (const network of targets) {
        let entry = usage.get(network.Id);
        if (!entry) usage.set(network.Id, (entry = { running: new Set(), stopped: new Set() }));
        (active ? entry.running : entry.stopped).add(name);
      }
    }
  }
  return usage;
}

const sortedNames = (names: Iterable<string>) => [...names].sort(naturalCompare);
const quoted = (names: readonly string[]) => names.map(name => `"${name}"`).join(', ');

/**
 * Sorts every network into removable, kept-because-stopped-containers-need-it, or skipped (with the reason), the way
 * the engine's prune would treat it. Throws when `until` is invalid (check with `validatePruneOptions` first).
 */
export function planPrune(networks: readonly Network[], containers: readonly ContainerSummary[], options: PruneOptions): PrunePlan {
  let cutoff: bigint | undefined;
  if (options.until !== undefined) {
    const until = parseUntil(options.until.trim(), options.now, options.localUtcOffsetMinutes);
    if ('error' in until) throw new Error(until.error);
    cutoff = until.cutoffNanos;
  }
  const labels = parsePruneLabels(options.labels ?? []);
  const usage = usageByNetwork(networks, containers);

  const removable: Network[] = [];
  const keptReferencedByStopped: PruneKeptEntry[] = [];
  const skipped: PruneSkip[] = [];
  const skip = (network: Network, reason: PruneSkipReason, detail: string) => skipped.push({ network, reason, detail });

  for (const network of [...networks].sort((a, b) => naturalCompare(a.Name, b.Name))) {
    if (isBuiltInNetwork(network)) {
      skip(network, 'builtIn', `"${network.Name}" is a built-in network and is never removed.`);
      continue;
    }
    if (network.ConfigOnly) {
      skip(network, 'configOnly', `"${network.Name}" is a configuration-only network; prune never removes those.`);
      continue;
    }
    if (network.Ingress) {
      skip(network, 'ingress', `"${network.Name}" is the swarm routing-mesh (ingress) network; prune never removes it.`);
      continue;
    }
    if (cutoff !== undefined) {
      const created = epochNanosOfTimestamp(network.Created);
      if (created !== undefined && created > cutoff) {
        skip(network, 'createdAfterUntil', `"${network.Name}" was created after the "until" cutoff (${options.until}).`);
        continue;
      }
    }
    if (!matchesPruneLabels(network.Labels, labels)) {
      skip(network, 'labelMismatch', `"${network.Name}" does not match the label filters.`);
      continue;
    }
    const used = usage.get(network.Id);
    if (used?.running.size) {
      const names = sortedNames(used.running);
      skip(network, 'inUse', `"${network.Name}" is in use by running container${names.length === 1 ? '' : 's'} ${quoted(names)}.`);
      continue;
    }
    if (used?.stopped.size) {
      keptReferencedByStopped.push({ network, containers: sortedNames(used.stopped) });
      continue;
    }
    removable.push(network);
  }
  return { removable, keptReferencedByStopped, skipped };
}
