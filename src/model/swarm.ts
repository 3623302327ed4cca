// Swarm mode as the explorer shows it. A swarm-scope network (an overlay, `ingress`) is one network with the same
// ID on every node, so the views show it once per swarm, with the endpoints of every node: the containers of each
// engine the window has, and the services' tasks the manager knows of on the nodes the window does not have.
// Workers know less: they list a swarm network only while something on that worker is attached to it, and cannot
// list nodes, services or tasks (the engine answers "This node is not a swarm manager").
import type { EngineSystemInfo, SwarmNodeInfo, SwarmServiceInfo, SwarmTaskInfo } from './engineTypes';
import type { EndpointModel, ExplorerModel, NetworkModel } from './explorer';
import { naturalCompare } from './naturalSort';

export interface SwarmNodeModel {
  readonly id: string;
  /** The node's name (its hostname unless the node was renamed), made unique with its short ID when two share one. */
  readonly name: string;
  readonly address?: string;
  readonly role: string;
  readonly state: string;
}

export interface SwarmTaskAttachment {
  readonly networkId: string;
  readonly networkName: string;
  /** With prefix, as the manager reports them: `10.0.1.5/24`. */
  readonly addresses: readonly string[];
}

export interface SwarmTaskModel {
  readonly id: string;
  readonly serviceId: string;
  readonly serviceName: string;
  readonly slot?: number;
  readonly nodeId?: string;
  readonly containerId?: string;
  readonly state: string;
  readonly attachments: readonly SwarmTaskAttachment[];
}

/** This engine's place in its swarm; nodes, services and tasks only when it is a manager. */
export interface SwarmState {
  readonly clusterId: string;
  readonly nodeId: string;
  readonly nodeAddress?: string;
  readonly manager: boolean;
  readonly nodes: readonly SwarmNodeModel[];
  readonly tasks: readonly SwarmTaskModel[];
  /** Service names by ID (managers only): the engine's refusals name services by ID. */
  readonly services?: Readonly<Record<string, string>>;
}

/** Whether the engine takes part in a swarm, from `/info`: what decides if nodes and tasks are worth asking for. */
export function swarmMembership(
  info: EngineSystemInfo,
): { clusterId: string; nodeId: string; nodeAddress?: string; manager: boolean } | undefined {
  const swarm = info.Swarm;
  if (swarm?.LocalNodeState !== 'active' || !swarm.NodeID) return undefined;
  return {
    // A worker's /info has no Cluster: its node ID still names the swarm membership until a manager tells more.
    clusterId: swarm.Cluster?.ID || '',
    nodeId: swarm.NodeID,
    nodeAddress: swarm.NodeAddr || undefined,
    manager: Boolean(swarm.ControlAvailable),
  };
}

export function swarmNodesFrom(nodes: readonly SwarmNodeInfo[]): SwarmNodeModel[] {
  const baseName = (node: SwarmNodeInfo) => node.Spec?.Name || node.Description?.Hostname || node.ID.slice(0, 12);
  const counts = new Map<string, number>();
  for (const node of nodes) counts.set(baseName(node), (counts.get(baseName(node)) ?? 0) + 1);
  return nodes
    .map(node => ({
      id: node.ID,
      // Nodes started on one machine share its hostname; the short ID tells them apart.
      name: (counts.get(baseName(node)) ?? 0) > 1 ? `${baseName(node)} (${node.ID.slice(0, 12)})` : baseName(node),
      address: node.Status?.Addr || undefined,
      role: node.Spec?.Role ?? 'worker',
      state: node.Status?.State ?? 'unknown',
    }))
    .sort((a, b) => naturalCompare(a.name, b.name));
}

/** The tasks meant to run (the manager also keeps the history of shut-down ones), with their services' names. */
export function swarmTasksFrom(tasks: readonly SwarmTaskInfo[], services: readonly SwarmServiceInfo[]): SwarmTaskModel[] {
  const serviceNames = new Map(services.map(service => [service.ID, service.Spec?.Name || service.ID.slice(0, 12)]));
  return tasks
    .filter(task => task.DesiredState === 'running' && task.NodeID)
    .map(task => ({
      id: task.ID,
      serviceId: task.ServiceID,
      serviceName: serviceNames.get(task.ServiceID) ?? task.ServiceID.slice(0, 12),
      slot: task.Slot || undefined,
      nodeId: task.NodeID,
      containerId: task.Status?.ContainerStatus?.ContainerID || undefined,
      state: task.Status?.State ?? 'unknown',
      attachments: (task.NetworksAttachments ?? [])
        .filter(attachment => attachment.Network?.ID)
        .map(attachment => ({
          networkId: attachment.Network!.ID,
          networkName: attachment.Network!.Spec?.Name ?? attachment.Network!.ID.slice(0, 12),
          addresses: attachment.Addresses ?? [],
        })),
    }));
}

const taskEndpointContainerId = (taskId: string) => `task-${taskId}`;

/** A task's name as Docker names its container: `service.slot`. */
function taskName(task: SwarmTaskModel): string {
  return task.slot ? `${task.serviceName}.${task.slot}` : `${task.serviceName}.${task.id.slice(0, 12)}`;
}

function taskEndpoint(network: NetworkModel, task: SwarmTaskModel, attachment: SwarmTaskAttachment, node?: string): EndpointModel {
  const ipv4 = attachment.addresses.find(address => !address.includes(':'));
  const ipv6 = attachment.addresses.find(address => address.includes(':'));
  return {
    kind: 'endpoint',
    networkId: network.id,
    networkName: network.name,
    containerId: task.containerId ?? taskEndpointContainerId(task.id),
    containerName: taskName(task),
    running: task.state === 'running',
    containerState: task.state,
    ipv4,
    ipv6,
    aliases: [],
    links: [],
    node,
    task: { id: task.id, service: task.serviceName, slot: task.slot },
    taskOnly: true,
  };
}

const byNodeThenName = (a: EndpointModel, b: EndpointModel) =>
  naturalCompare(a.node ?? '', b.node ?? '') || naturalCompare(a.containerName, b.containerName);

function nodeNamesOf(endpoints: readonly EndpointModel[]): string[] {
  return [...new Set(endpoints.map(e => e.node).filter((node): node is string => Boolean(node)))].sort(naturalCompare);
}

function withEndpoints(network: NetworkModel, endpoints: EndpointModel[]): NetworkModel {
  endpoints.sort(byNodeThenName);
  return { ...network, endpoints, nodes: nodeNamesOf(endpoints) };
}

/**
 * One engine's model with its swarm networks completed from the swarm state: its own containers marked with their
 * node and, when they are a service's task, with the task; on a manager, the tasks on other nodes added as endpoints.
 */
export function withSwarmEndpoints(model: ExplorerModel, swarm: SwarmState | undefined): ExplorerModel {
  if (!swarm) return model;
  const localNode = swarm.nodes.find(node => node.id === swarm.nodeId)?.name;
  const nodeName = (id: string | undefined) => swarm.nodes.find(node => node.id === id)?.name;
  const taskByContainer = new Map(swarm.tasks.filter(t => t.containerId).map(task => [task.containerId!, task]));
  const networks = model.networks.map(network => {
    if (network.scope !== 'swarm') return network;
    const endpoints: EndpointModel[] = network.endpoints.map(endpoint => {
      const task = taskByContainer.get(endpoint.containerId);
      return {
        ...endpoint,
        node: endpoint.node ?? localNode,
        ...(task ? { task: { id: task.id, service: task.serviceName, slot: task.slot } } : {}),
      };
    });
    const shown = new Set(endpoints.map(e => e.containerId));
    for (const task of swarm.tasks) {
      // A task on this node is in the container list already, or will be at the next reload.
      if (task.nodeId === swarm.nodeId || (task.containerId && shown.has(task.containerId))) continue;
      const attachment = task.attachments.find(a => a.networkId === network.id);
      if (attachment) endpoints.push(taskEndpoint(network, task, attachment, nodeName(task.nodeId)));
    }
    return withEndpoints(network, endpoints);
  });
  return { ...model, networks, swarm };
}

export interface SwarmMember {
  readonly engineId: string;
  /** The engine's name in the window, for its node when no manager of the window names the nodes. */
  readonly engineName: string;
  readonly model: ExplorerModel | undefined;
}

/**
 * Several engines of one swarm: each swarm network is shown once, under the first manager the window has (else the
 * first engine of that swarm), with the endpoints of every engine; the others leave their swarm networks out. An
 * endpoint shown under another engine than its container's names that engine, so commands act where it is.
 * Engines alone in their swarm, or in none, keep their model as it is (the same object).
 */
export function mergeSwarmModels(members: readonly SwarmMember[]): Map<string, ExplorerModel | undefined> {
  const result = new Map(members.map(member => [member.engineId, member.model]));
  for (const cluster of swarmClusters(members)) {
    const home = cluster.find(member => member.model!.swarm!.manager) ?? cluster[0];
    const names = nodeNamer(cluster);
    const merged = new Map<string, { network: NetworkModel; endpoints: Map<string, EndpointModel> }>();
    for (const member of [home, ...cluster.filter(m => m !== home)]) {
      const node = names(member);
      for (const network of member.model!.networks) {
        if (network.scope !== 'swarm') continue;
        const entry = merged.get(network.id) ?? { network, endpoints: new Map() };
        merged.set(network.id, entry);
        for (const endpoint of network.endpoints) {
          const known = entry.endpoints.get(endpoint.containerId);
          // An engine's own container wins over the manager's task entry for it: it has the live details.
          if (known && !(known.taskOnly && !endpoint.taskOnly)) continue;
          entry.endpoints.set(endpoint.containerId, {
            ...endpoint,
            node: endpoint.node ?? known?.node ?? node,
            ...(member === home ? {} : { engineId: member.engineId }),
            ...(known?.task && !endpoint.task ? { task: known.task } : {}),
          });
        }
      }
    }
    const swarmNetworks = [...merged.values()].map(({ network, endpoints }) => withEndpoints(network, [...endpoints.values()]));
    for (const member of cluster) {
      const model = member.model!;
      const local = model.networks.filter(network => network.scope !== 'swarm');
      const networks = member === home ? [...local, ...swarmNetworks].sort((a, b) => naturalCompare(a.name, b.name)) : local;
      result.set(member.engineId, { ...model, networks });
    }
  }
  return result;
}

/** The engines of each swarm the window sees with more than one engine. */
function swarmClusters(members: readonly SwarmMember[]): SwarmMember[][] {
  const byCluster = new Map<string, SwarmMember[]>();
  for (const member of members) {
    const swarm = member.model?.swarm;
    if (!swarm) continue;
    const key = clusterKey(member, members);
    byCluster.set(key, [...(byCluster.get(key) ?? []), member]);
  }
  return [...byCluster.values()].filter(cluster => cluster.length > 1);
}

/**
 * Workers do not know their swarm's ID; a manager's node list names them, so a worker belongs to the swarm of the
 * manager that lists its node ID.
 */
function clusterKey(member: SwarmMember, members: readonly SwarmMember[]): string {
  const swarm = member.model!.swarm!;
  if (swarm.clusterId) return swarm.clusterId;
  const manager = members.find(m => m.model?.swarm?.manager && m.model.swarm.nodes.some(node => node.id === swarm.nodeId));
  return manager?.model?.swarm?.clusterId || `node:${swarm.nodeId}`;
}

/** Each engine's node name: from a manager's node list, else the engine's name in the window. */
function nodeNamer(cluster: readonly SwarmMember[]): (member: SwarmMember) => string {
  const nodes = cluster.flatMap(member => member.model!.swarm!.nodes);
  return member => nodes.find(node => node.id === member.model!.swarm!.nodeId)?.name ?? member.engineName;
}

/**
 * The engines of the window in the same swarm as `engineId`, itself first, each with its node's name; undefined
 * when it shares its swarm with no other engine of the window.
 */
export function swarmPeers(members: readonly SwarmMember[], engineId: string): { member: SwarmMember; node: string }[] | undefined {
  const cluster = swarmClusters(members).find(c => c.some(m => m.engineId === engineId));
  if (!cluster) return undefined;
  const names = nodeNamer(cluster);
  const self = cluster.find(m => m.engineId === engineId)!;
  return [self, ...cluster.filter(m => m !== self)].map(member => ({ member, node: names(member) }));
}

export function swarmServicesFrom(services: readonly SwarmServiceInfo[]): Record<string, string> {
  return Object.fromEntries(services.map(service => [service.ID, service.Spec?.Name || service.ID.slice(0, 12)]));
}

/**
 * The engine refuses to remove a network a service uses with "network <ID> is in use by service <ID>": the
 * service's name is added, so the message says which one.
 */
export function withServiceNames(message: string, swarm: SwarmState | undefined): string {
  const names = swarm?.services ?? {};
  return message.replace(/\bservice ([0-9a-z]{25})\b/g, (whole, id: string) => (names[id] ? `service "${names[id]}" (${id})` : whole));
}
