// The topology picture's graph, built from the explorer model the trees show: networks and containers are nodes,
// endpoints are the edges between them. Pure: the panel, the layout and the tests use it alike. With several
// engines each engine's nodes are in a group of their own, and a swarm-scope network that several engines see (the
// same network ID on every node of the swarm) is one node outside the groups, with edges into each of them.
import type { ContainerModel, EndpointModel, ExplorerModel, NetworkModel } from '../explorer';

export interface TopologyNetworkNode {
  readonly kind: 'network';
  /** Node ID in the picture: `n:` + the network's ID (with several engines, a local one's prefixed by its engine). */
  readonly id: string;
  readonly networkId: string;
  /** The engines that see this network: one, or several for a swarm-scope network spanning the groups. */
  readonly engineIds: readonly string[];
  /** The engine group it is drawn in; none with one engine, or when it spans several engines. */
  readonly group?: string;
  readonly name: string;
  readonly driver: string;
  readonly scope: string;
  readonly subnets: readonly string[];
  readonly internal: boolean;
  readonly attachable: boolean;
  readonly ingress: boolean;
  readonly configOnly: boolean;
  readonly ipv6: boolean;
  readonly builtIn: boolean;
}

export interface TopologyContainerNode {
  readonly kind: 'container';
  /** Node ID in the picture: `c:` + the container's ID (with several engines, prefixed by its engine). */
  readonly id: string;
  readonly containerId: string;
  readonly engineId: string;
  readonly group?: string;
  readonly name: string;
  readonly state: string;
  readonly running: boolean;
  readonly image: string;
  /** On two or more of the networks in the picture: traffic can cross between them through it. */
  readonly bridge: boolean;
  /** On at least one network of the picture: Disconnect applies. */
  readonly connected: boolean;
}

export type TopologyNode = TopologyNetworkNode | TopologyContainerNode;

export interface TopologyEdge {
  readonly kind: 'endpoint';
  /** `e:` + network ID + `:` + container ID. */
  readonly id: string;
  /** The network node's ID. */
  readonly source: string;
  /** The container node's ID. */
  readonly target: string;
  readonly networkId: string;
  readonly containerId: string;
  /** The container's engine: the one to act on. */
  readonly engineId: string;
  readonly ipv4?: string;
  readonly ipv6?: string;
  readonly aliases: readonly string[];
  readonly running: boolean;
}

/** One engine's box in a picture of several engines. */
export interface TopologyGroup {
  /** `g:` + the engine's ID. */
  readonly id: string;
  readonly engineId: string;
  readonly name: string;
  readonly host?: string;
  /** Why the engine's box is empty or old: loading, unreachable, not refreshed since… */
  readonly note?: string;
}

export interface TopologyGraph {
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
  /** Present with several engines only. */
  readonly groups?: readonly TopologyGroup[];
}

export const networkNodeIdOf = (networkId: string) => `n:${networkId}`;
export const containerNodeIdOf = (containerId: string) => `c:${containerId}`;
export const endpointEdgeIdOf = (networkId: string, containerId: string) => `e:${networkId}:${containerId}`;
export const groupIdOf = (engineId: string) => `g:${engineId}`;
/** The band at the top of an engine's box its name is written in (the layout leaves room, the page draws it). */
export const GROUP_HEADER = 34;
/** The engine a single-engine picture's nodes carry when the caller names none. */
export const DEFAULT_TOPOLOGY_ENGINE = 'default';

export interface TopologyOptions {
  /**
   * The networks the Networks view shows (its filter and the built-in setting); undefined: every network. A
   * container is drawn when it is on one of them, or, with nothing hidden, when it is on no network at all.
   */
  readonly networks?: readonly NetworkModel[];
  /** The engine the model is from: every node and edge carries it, for the actions. */
  readonly engineId?: string;
}

/** How one engine's IDs become node IDs: as they are with one engine, prefixed by the engine with several. */
interface Keys {
  readonly engineId: string;
  readonly group?: string;
  network(network: NetworkModel): string;
  container(containerId: string): string;
}

const singleEngineKeys = (engineId: string): Keys => ({
  engineId,
  network: network => network.id,
  container: containerId => containerId,
});

/** A swarm-scope network has the same ID on every node of the swarm: its node ID is not prefixed, so they meet. */
const severalEnginesKeys = (engineId: string): Keys => ({
  engineId,
  group: groupIdOf(engineId),
  network: network => (network.scope === 'swarm' ? network.id : `${engineId}/${network.id}`),
  container: containerId => `${engineId}/${containerId}`,
});

function networkNode(network: NetworkModel, keys: Keys): TopologyNetworkNode {
  return {
    kind: 'network',
    id: networkNodeIdOf(keys.network(network)),
    networkId: network.id,
    engineIds: [keys.engineId],
    ...(keys.group ? { group: keys.group } : {}),
    name: network.name,
    driver: network.driver,
    scope: network.scope,
    subnets: network.subnets,
    internal: Boolean(network.network.Internal),
    attachable: Boolean(network.network.Attachable),
    ingress: Boolean(network.network.Ingress),
    configOnly: Boolean(network.network.ConfigOnly),
    ipv6: Boolean(network.network.EnableIPv6),
    builtIn: network.builtIn,
  };
}

function endpointEdge(endpoint: EndpointModel, network: NetworkModel, keys: Keys): TopologyEdge {
  const networkKey = keys.network(network);
  const containerKey = keys.container(endpoint.containerId);
  return {
    kind: 'endpoint',
    id: endpointEdgeIdOf(networkKey, containerKey),
    source: networkNodeIdOf(networkKey),
    target: containerNodeIdOf(containerKey),
    networkId: endpoint.networkId,
    containerId: endpoint.containerId,
    engineId: keys.engineId,
    ...(endpoint.ipv4 ? { ipv4: endpoint.ipv4 } : {}),
    ...(endpoint.ipv6 ? { ipv6: endpoint.ipv6 } : {}),
    aliases: endpoint.aliases,
    running: endpoint.running,
  };
}

function containerNode(container: ContainerModel, edgeCount: number, keys: Keys): TopologyContainerNode {
  return {
    kind: 'container',
    id: containerNodeIdOf(keys.container(container.id)),
    containerId: container.id,
    engineId: keys.engineId,
    ...(keys.group ? { group: keys.group } : {}),
    name: container.name,
    state: container.state,
    running: container.running,
    image: container.image,
    bridge: edgeCount >= 2,
    connected: edgeCount >= 1,
  };
}

export function buildTopology(model: ExplorerModel, options: TopologyOptions = {}): TopologyGraph {
  const part = enginePart(model, options.networks, singleEngineKeys(options.engineId ?? DEFAULT_TOPOLOGY_ENGINE));
  return finish(part.networks, part.containers, part.edges);
}

/** One engine of a picture of several: its model (undefined while loading or unreachable) and what it shows. */
export interface EngineTopologyInput {
  readonly engineId: string;
  readonly name: string;
  readonly host?: string;
  readonly model?: ExplorerModel;
  /** The networks the Networks view shows of this engine; undefined: all. */
  readonly networks?: readonly NetworkModel[];
  readonly note?: string;
}

/**
 * The picture of every engine: with one, exactly the single-engine picture (no group); with several, a group per
 * engine, and each swarm-scope network that two or more engines see merged into one node outside the groups.
 */
export function buildEnginesTopology(engines: readonly EngineTopologyInput[]): TopologyGraph {
  if (engines.length === 1) {
    const only = engines[0];
    return only.model ? buildTopology(only.model, { networks: only.networks, engineId: only.engineId }) : { nodes: [], edges: [] };
  }
  const networks = new Map<string, TopologyNetworkNode>();
  const containers: TopologyContainerNode[] = [];
  const edges: TopologyEdge[] = [];
  for (const engine of engines) {
    if (!engine.model) continue;
    const part = enginePart(engine.model, engine.networks, severalEnginesKeys(engine.engineId));
    for (const node of part.networks) {
      const seen = networks.get(node.id);
      networks.set(node.id, seen ? { ...seen, engineIds: [...seen.engineIds, engine.engineId] } : node);
    }
    containers.push(...part.containers);
    edges.push(...part.edges);
  }
  // A swarm network only one engine sees stays in that engine's group.
  const merged = [...networks.values()].map(node => {
    if (node.engineIds.length < 2) return node;
    const { group: _inGroup, ...spanning } = node;
    return spanning;
  });
  const groups = engines.map(engine => ({
    id: groupIdOf(engine.engineId),
    engineId: engine.engineId,
    name: engine.name,
    ...(engine.host ? { host: engine.host } : {}),
    ...(engine.note ? { note: engine.note } : {}),
  }));
  return { ...finish(merged, containers, edges), groups };
}

interface EnginePart {
  readonly networks: TopologyNetworkNode[];
  readonly containers: TopologyContainerNode[];
  readonly edges: TopologyEdge[];
}

function enginePart(model: ExplorerModel, shownNetworks: readonly NetworkModel[] | undefined, keys: Keys): EnginePart {
  const shown = shownNetworks ?? model.networks;
  const everything = shown.length === model.networks.length;
  const edges = shown.flatMap(network => network.endpoints.map(endpoint => endpointEdge(endpoint, network, keys)));
  const edgesPerContainer = new Map<string, number>();
  for (const edge of edges) edgesPerContainer.set(edge.containerId, (edgesPerContainer.get(edge.containerId) ?? 0) + 1);
  const containers = model.containers
    .filter(container => edgesPerContainer.has(container.id) || (everything && container.networks.length === 0))
    .map(container => containerNode(container, edgesPerContainer.get(container.id) ?? 0, keys));
  return { networks: shown.map(network => networkNode(network, keys)), containers, edges };
}

function finish(networks: readonly TopologyNetworkNode[], containers: readonly TopologyContainerNode[], edges: readonly TopologyEdge[]) {
  // An endpoint of a container the list no longer has (removed between the two engine calls) has nothing to end at.
  const containerIds = new Set(containers.map(container => container.id));
  return { nodes: [...networks, ...containers], edges: edges.filter(edge => containerIds.has(edge.target)) };
}

/** The engines an item of the picture can be acted on in. */
export function engineIdsOf(item: TopologyNode | TopologyEdge): readonly string[] {
  return item.kind === 'network' ? item.engineIds : [item.engineId];
}

/** The text a search matches against: names, driver, subnets, addresses, aliases, state. */
export function searchableText(item: TopologyNode | TopologyEdge): string {
  switch (item.kind) {
    case 'network':
      return [item.name, item.driver, item.scope, ...item.subnets].join(' ');
    case 'container':
      return [item.name, item.state, item.image].join(' ');
    case 'endpoint':
      return [item.ipv4, item.ipv6, ...item.aliases].filter(Boolean).join(' ');
  }
}

/** `internal · attachable · ingress · IPv6 · config-only`: the marks a network carries. */
export function networkMarks(node: TopologyNetworkNode): string[] {
  const marks: string[] = [];
  if (node.internal) marks.push('internal');
  if (node.attachable) marks.push('attachable');
  if (node.ingress) marks.push('ingress');
  if (node.ipv6) marks.push('IPv6');
  if (node.configOnly) marks.push('config-only');
  if (node.scope && node.scope !== 'local') marks.push(node.scope);
  return marks;
}

/** `10.0.0.2/24 · fd00::2/64 · db, api`: what an edge's label says. */
export function endpointLabel(edge: TopologyEdge): string {
  const parts = [edge.ipv4, edge.ipv6].filter((part): part is string => Boolean(part));
  if (edge.aliases.length) parts.push(edge.aliases.join(', '));
  return parts.join(' · ');
}
