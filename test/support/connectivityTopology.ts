// Random container topologies for the connectivity tests: user bridges, internal networks, bridges with
// inter-container communication off and the default bridge; containers on one or two of them (with network-scoped
// aliases), stopped ones, ones on `none` and on `host`. The unit tests turn a topology into engine-shaped fixtures;
// the ground-truth engine suite builds it on a real engine.
import fc from 'fast-check';
import type { ContainerSummary, Network } from '../../src/model/engineTypes';
import { endpointSettings, network as networkFixture, withSubnet } from './fixtures';

export type NetworkKind = 'plain' | 'internal' | 'iccOff' | 'internalIccOff';

export interface TopologyNetwork {
  readonly name: string;
  readonly kind: NetworkKind;
  /** The third octet of its 10.x.N.0/24 subnet. */
  readonly index: number;
}

export interface TopologyContainer {
  readonly name: string;
  readonly mode: 'networks' | 'none' | 'host';
  /** Network names, `bridge` for the default one; at most two, so the engine's DNS order is fixed. */
  readonly networks: readonly { readonly network: string; readonly aliases: readonly string[]; readonly links?: readonly string[] }[];
  readonly running: boolean;
}

export interface Topology {
  readonly networks: readonly TopologyNetwork[];
  readonly containers: readonly TopologyContainer[];
}

export const DEFAULT_BRIDGE = 'bridge';

const NETWORK_KINDS: readonly NetworkKind[] = ['plain', 'plain', 'internal', 'iccOff', 'internalIccOff'];
const EVERY_KIND: NetworkKind[] = ['plain', 'internal', 'iccOff', 'internalIccOff'];
const ALIASES = ['db', 'api', 'cache', 'web'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * `prefix` starts every name (so a test run's objects are its own); names are drawn so that network order by name
 * differs from creation order.
 */
export function topologyArbitrary(
  prefix: string,
  sizes: { networks: [number, number]; containers: [number, number]; hostContainers?: number; everyKind?: boolean } = {
    networks: [2, 4],
    containers: [3, 7],
  },
): fc.Arbitrary<Topology> {
  // everyKind: one network of each kind, in a drawn order, then drawn ones.
  const kindsFor = (letters: string[]) =>
    sizes.everyKind
      ? fc
          .tuple(
            fc.shuffledSubarray(EVERY_KIND, { minLength: EVERY_KIND.length }),
            fc.tuple(...letters.slice(EVERY_KIND.length).map(() => fc.constantFrom(...NETWORK_KINDS))),
          )
          .map(([every, more]) => [...every, ...more])
      : fc.tuple(...letters.map(() => fc.constantFrom(...NETWORK_KINDS)));
  const networks = fc
    .uniqueArray(fc.constantFrom(...LETTERS), {
      minLength: Math.max(sizes.networks[0], sizes.everyKind ? EVERY_KIND.length : 0),
      maxLength: Math.max(sizes.networks[1], sizes.everyKind ? EVERY_KIND.length : 0),
    })
    .chain(letters =>
      kindsFor(letters).map(kinds =>
        letters.map((letter, index) => ({ name: `${prefix}n${letter}`, kind: kinds[index], index: index + 1 })),
      ),
    );
  return networks.chain(nets => {
    const names = [DEFAULT_BRIDGE, ...nets.map(n => n.name)];
    const membership = fc.record({
      network: fc.constantFrom(...names),
      aliases: fc.subarray(ALIASES, { maxLength: 1 }),
    });
    const container = fc.record({
      mode: fc.constantFrom<TopologyContainer['mode']>('networks', 'networks', 'networks', 'networks', 'networks', 'networks', 'none'),
      networks: fc.uniqueArray(membership, { minLength: 1, maxLength: 2, selector: m => m.network }),
      running: fc.constantFrom(true, true, true, true, true, false),
      /** A link (`--link`) to an earlier running container, on the first user-defined network. */
      linkTo: fc.option(fc.nat({ max: 20 }), { nil: undefined, freq: 3 }),
    });
    return fc
      .tuple(
        fc.array(container, { minLength: sizes.containers[0], maxLength: sizes.containers[1] }),
        fc.array(fc.boolean(), { minLength: sizes.hostContainers ?? 1, maxLength: sizes.hostContainers ?? 1 }),
      )
      .map(([drawn, hosts]) => {
        const containers: TopologyContainer[] = [];
        drawn.forEach((c, i) => {
          // A link needs its container to exist (and run) when the link is made: only earlier running ones.
          const targets = containers.filter(t => t.mode === 'networks' && t.running);
          const target = c.linkTo === undefined || !targets.length ? undefined : targets[c.linkTo % targets.length];
          const linked = c.networks.find(m => m.network !== DEFAULT_BRIDGE)?.network;
          containers.push({
            name: `${prefix}c${i}`,
            mode: c.mode,
            running: c.running,
            // Aliases and links exist only on user-defined networks.
            networks:
              c.mode === 'networks'
                ? c.networks.map(m => ({
                    network: m.network,
                    aliases: m.network === DEFAULT_BRIDGE ? [] : m.aliases,
                    links: target && m.network === linked ? [`${target.name}:lnk${i}`] : [],
                  }))
                : [],
          });
        });
        hosts.forEach((host, i) => {
          if (host) containers.push({ name: `${prefix}h${i}`, mode: 'host', networks: [], running: true });
        });
        return { networks: nets, containers };
      });
  });
}

export function networkOptions(kind: NetworkKind): { Internal: boolean; Options: Record<string, string> } {
  return {
    Internal: kind === 'internal' || kind === 'internalIccOff',
    Options: kind === 'iccOff' || kind === 'internalIccOff' ? { 'com.docker.network.bridge.enable_icc': 'false' } : {},
  };
}

/** The topology as the Engine API would list it, with invented addresses (10.77.N.x) and gateways. */
export function topologyFixtures(topology: Topology): { networks: Network[]; containers: ContainerSummary[] } {
  const bridge = withSubnet(DEFAULT_BRIDGE, '10.77.0.0/24', '10.77.0.1', {
    Options: { 'com.docker.network.bridge.default_bridge': 'true' },
  });
  const host = networkFixture('host', { Driver: 'host' });
  const none = networkFixture('none', { Driver: 'null' });
  const user = topology.networks.map(n =>
    withSubnet(n.name, `10.77.${n.index}.0/24`, `10.77.${n.index}.1`, networkOptions(n.kind) as Partial<Network>),
  );
  const all = [bridge, host, none, ...user];
  const byName = new Map(all.map(n => [n.Name, n]));
  const indexOf = (name: string) => (name === DEFAULT_BRIDGE ? 0 : topology.networks.find(n => n.name === name)!.index);
  const containers = topology.containers.map((c, i): ContainerSummary => {
    const memberships =
      c.mode === 'none'
        ? [{ network: 'none', aliases: [] as readonly string[] }]
        : c.mode === 'host'
          ? [{ network: 'host', aliases: [] }]
          : c.networks;
    const networks = Object.fromEntries(
      memberships.map(m => {
        const network = byName.get(m.network)!;
        const addressed = c.running && c.mode === 'networks';
        const index = addressed ? indexOf(m.network) : 0;
        return [
          m.network,
          endpointSettings(network.Id, addressed ? `10.77.${index}.${10 + i}` : '', addressed ? 24 : 0, {
            Aliases: [...m.aliases],
            Links: [...(m.links ?? [])],
            Gateway: addressed ? `10.77.${index}.1` : '',
          }),
        ];
      }),
    );
    return {
      Id: `${c.name}`.padEnd(64, 'c'),
      Names: [`/${c.name}`],
      Image: 'busybox',
      Created: 0,
      State: c.running ? 'running' : 'exited',
      Status: c.running ? 'Up' : 'Exited (0)',
      HostConfig: { NetworkMode: c.mode === 'networks' ? c.networks[0].network : c.mode },
      NetworkSettings: { Networks: networks },
    };
  });
  return { networks: all, containers };
}
