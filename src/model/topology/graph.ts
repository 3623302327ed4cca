// The topology picture's graph, built from the explorer model the trees show: networks and containers are nodes,
// endpoints are the edges between them. Pure: the panel, the layout and the tests use it alike.
import type { ContainerModel, EndpointModel, ExplorerModel, NetworkModel } from '../explorer';

export interface TopologyNetworkNode {
  readonly kind: 'network';
  /** Node ID in the picture: `n:` + the network's ID. */
  readonly id: string;
  readonly networkId: string;
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
  /** Node ID in the picture: `c:` + the container's ID. */
  readonly id: string;
  readonly containerId: string;
  readonly name: string;
  readonly state: string;
  readonly running: boolean;
  readonly image: string;
  /** On two or more of the networks in the picture: traffic can cross between them through it. */
  readonly bridge: boolean;
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
  readonly ipv4?: string;
  readonly ipv6?: string;
  readonly aliases: readonly string[];
  readonly running: boolean;
}

export interface TopologyGraph {
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
}

export const networkNodeIdOf = (networkId: string) => `n:${networkId}`;
export const containerNodeIdOf = (containerId: string) => `c:${containerId}`;
export const endpointEdgeIdOf = (networkId: string, containerId: string) => `e:${networkId}:${containerId}`;

export interface TopologyOptions {
  /**
   * The networks the Networks view shows (its filter and the built-in setting); undefined: every network. A
   * container is drawn when it is on one of them, or, with nothing hidden, when it is on no network at all.
   */
  readonly networks?: readonly NetworkModel[];
}

function networkNode(network: NetworkModel): TopologyNetworkNode {
  return {
    kind: 'network',
    id: networkNodeIdOf(network.id),
    networkId: network.id,
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

function endpointEdge(endpoint: EndpointModel): TopologyEdge {
  return {
    kind: 'endpoint',
    id: endpointEdgeIdOf(endpoint.networkId, endpoint.containerId),
    source: networkNodeIdOf(endpoint.networkId),
    target: containerNodeIdOf(endpoint.containerId),
    networkId: endpoint.networkId,
    containerId: endpoint.containerId,
    ...(endpoint.ipv4 ? { ipv4: endpoint.ipv4 } : {}),
    ...(endpoint.ipv6 ? { ipv6: endpoint.ipv6 } : {}),
    aliases: endpoint.aliases,
    running: endpoint.running,
  };
}

function containerNode(container: ContainerModel, edgeCount: number): TopologyContainerNode {
  return {
    kind: 'container',
    id: containerNodeIdOf(container.id),
    containerId: container.id,
    name: container.name,
    state: container.state,
    running: container.running,
    image: container.image,
    bridge: edgeCount >= 2,
  };
}

export function buildTopology(model: ExplorerModel, options: TopologyOptions = {}): TopologyGraph {
  const shown = options.networks ?? model.networks;
  const everything = shown.length === model.networks.length;
  const edges = shown.flatMap(network => network.endpoints.map(endpointEdge));
  const edgesPerContainer = new Map<string, number>();
  for (const edge of edges) edgesPerContainer.set(edge.containerId, (edgesPerContainer.get(edge.containerId) ?? 0) + 1);
  const containers = model.containers
    .filter(container => edgesPerContainer.has(container.id) || (everything && container.networks.length === 0))
    .map(container => containerNode(container, edgesPerContainer.get(container.id) ?? 0));
  // An endpoint of a container the list no longer has (removed between the two engine calls) has nothing to end at.
  const containerIds = new Set(containers.map(container => container.containerId));
  return {
    nodes: [...shown.map(networkNode), ...containers],
    edges: edges.filter(edge => containerIds.has(edge.containerId)),
  };
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
