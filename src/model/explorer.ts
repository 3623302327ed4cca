// The explorer's view-model: networks with their endpoints, containers with their networks, built from two engine
// lists (networks, all containers) so a refresh costs the same whatever the number of networks. Stopped containers
// stay visible on the networks they are configured on, which `network inspect` would hide.
import type { ContainerEndpointSettings, ContainerInspect, ContainerPort, ContainerSummary, Network } from './engineTypes';
import { isBuiltInNetwork } from './builtInNetworks';
import { naturalCompare } from './naturalSort';
import type { SwarmState } from './swarm';

export interface EndpointModel {
  readonly kind: 'endpoint';
  readonly networkId: string;
  readonly networkName: string;
  readonly containerId: string;
  readonly containerName: string;
  readonly running: boolean;
  readonly containerState: string;
  /** With prefix, e.g. 10.0.0.2/24; for stopped containers the configured static address, if any. */
  readonly ipv4?: string;
  readonly ipv6?: string;
  readonly macAddress?: string;
  readonly aliases: readonly string[];
  /** Links on this network, as the engine stores them: `container:alias` (only container inspect has them). */
  readonly links: readonly string[];
  /** The swarm node the endpoint is on (swarm-scope networks). */
  readonly node?: string;
  /** The window's engine the container is on, when the row is shown under another engine (a swarm network). */
  readonly engineId?: string;
  /** A swarm service's task: which service, which slot. */
  readonly task?: { readonly id: string; readonly service: string; readonly slot?: number };
  /** Known only from the manager's task list: no engine of the window lists its container. */
  readonly taskOnly?: boolean;
}

export interface NetworkModel {
  readonly kind: 'network';
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  readonly scope: string;
  readonly builtIn: boolean;
  readonly subnets: readonly string[];
  readonly endpoints: readonly EndpointModel[];
  readonly network: Network;
  /** Swarm-scope networks: the nodes its endpoints are on, when known. */
  readonly nodes?: readonly string[];
}

export interface ContainerNetworkModel {
  readonly kind: 'containerNetwork';
  readonly containerId: string;
  readonly containerName: string;
  readonly networkId?: string;
  readonly networkName: string;
  readonly ipv4?: string;
  readonly ipv6?: string;
  /** The network's gateway as the container sees it (running containers only). */
  readonly gateway?: string;
  /** False when the container names a network the engine no longer has (its start would fail). */
  readonly networkExists: boolean;
}

/** A port of a container: exposed only, or published on the host at `hostIp:publicPort`. */
export interface PortModel {
  readonly privatePort: number;
  readonly protocol: string;
  readonly publicPort?: number;
  readonly hostIp?: string;
}

export interface ContainerModel {
  readonly kind: 'container';
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly status: string;
  readonly running: boolean;
  readonly image: string;
  /** `HostConfig.NetworkMode`: a network name, `none`, `host`, `default`, `container:<id>`; empty when unknown. */
  readonly networkMode: string;
  readonly ports: readonly PortModel[];
  readonly networks: readonly ContainerNetworkModel[];
  /** Offered for a swarm network from another engine of its swarm: that engine, and the node it is. */
  readonly engineId?: string;
  readonly node?: string;
}

export interface ExplorerModel {
  readonly networks: readonly NetworkModel[];
  readonly containers: readonly ContainerModel[];
  /** The engine's swarm membership, nodes and tasks, when it takes part in a swarm. */
  readonly swarm?: SwarmState;
}

export function containerName(container: Pick<ContainerSummary, 'Names' | 'Id'>): string {
  const first = container.Names?.[0];
  return first ? first.replace(/^\//, '') : container.Id.slice(0, 12);
}

export function subnetsOf(network: Network): string[] {
  return (network.IPAM?.Config ?? []).map(config => config.Subnet).filter((subnet): subnet is string => Boolean(subnet));
}

function withPrefix(address: string | undefined, prefix: number | undefined): string | undefined {
  if (!address) return undefined;
  return prefix ? `${address}/${prefix}` : address;
}

/** The network a container's endpoint settings belong to: by ID when the engine recorded it, else by name. */
function findNetwork(
  byId: Map<string, Network>,
  byName: Map<string, Network>,
  name: string,
  settings: ContainerEndpointSettings,
): Network | undefined {
  return (settings.NetworkID ? byId.get(settings.NetworkID) : undefined) ?? byName.get(name);
}

function endpointOf(network: Network, container: ContainerSummary, settings: ContainerEndpointSettings): EndpointModel {
  const running = container.State === 'running';
  const configured = settings.IPAMConfig ?? undefined;
  const name = containerName(container);
  return {
    kind: 'endpoint',
    networkId: network.Id,
    networkName: network.Name,
    containerId: container.Id,
    containerName: name,
    running,
    containerState: container.State,
    ipv4: withPrefix(settings.IPAddress, settings.IPPrefixLen) ?? configured?.IPv4Address ?? undefined,
    ipv6: withPrefix(settings.GlobalIPv6Address, settings.GlobalIPv6PrefixLen) ?? configured?.IPv6Address ?? undefined,
    macAddress: settings.MacAddress || undefined,
    // Older engines add the short container ID as an alias; it says nothing the name does not.
    aliases: (settings.Aliases ?? []).filter(alias => alias !== container.Id.slice(0, 12) && alias !== name),
    links: settings.Links ?? [],
  };
}

/**
 * Aliases per container and network. The container list leaves `Aliases` empty; only container inspect has them,
 * so the store fills this map for the containers that changed and passes it in.
 */
export type AliasesByContainer = ReadonlyMap<string, Readonly<Record<string, readonly string[]>>>;
/** Links per container and network (`container:alias`), like aliases only in container inspect. */
export type LinksByContainer = AliasesByContainer;

/** What in a container's list entry changes when its aliases may have: state and endpoints. */
export function aliasSignature(container: ContainerSummary): string {
  const networks = Object.entries(container.NetworkSettings?.Networks ?? {})
    .map(([name, s]) => `${name}:${s.EndpointID}:${s.NetworkID}`)
    .sort();
  return `${container.State}|${containerName(container)}|${networks.join(',')}`;
}

export function buildExplorerModel(
  networks: readonly Network[],
  containers: readonly ContainerSummary[],
  aliases: AliasesByContainer = new Map(),
  links: LinksByContainer = new Map(),
): ExplorerModel {
  const byId = new Map(networks.map(network => [network.Id, network]));
  const byName = new Map(networks.map(network => [network.Name, network]));
  const endpointsByNetwork = new Map<string, EndpointModel[]>();
  const containerModels: ContainerModel[] = [];

  for (const container of containers) {
    const name = containerName(container);
    const memberships: ContainerNetworkModel[] = [];
    for (const [networkName, settings] of Object.entries(container.NetworkSettings?.Networks ?? {})) {
      const network = findNetwork(byId, byName, networkName, settings);
      if (network) {
        const list = endpointsByNetwork.get(network.Id) ?? [];
        const known = aliases.get(container.Id)?.[networkName];
        const knownLinks = links.get(container.Id)?.[networkName];
        list.push(
          endpointOf(network, container, {
            ...settings,
            ...(known ? { Aliases: [...known] } : {}),
            ...(knownLinks ? { Links: [...knownLinks] } : {}),
          }),
        );
        endpointsByNetwork.set(network.Id, list);
      }
      memberships.push({
        kind: 'containerNetwork',
        containerId: container.Id,
        containerName: name,
        networkId: network?.Id,
        networkName: network?.Name ?? networkName,
        ipv4: withPrefix(settings.IPAddress, settings.IPPrefixLen) ?? settings.IPAMConfig?.IPv4Address ?? undefined,
        ipv6: withPrefix(settings.GlobalIPv6Address, settings.GlobalIPv6PrefixLen) ?? settings.IPAMConfig?.IPv6Address ?? undefined,
        gateway: settings.Gateway || undefined,
        networkExists: Boolean(network),
      });
    }
    memberships.sort((a, b) => naturalCompare(a.networkName, b.networkName));
    containerModels.push({
      kind: 'container',
      id: container.Id,
      name,
      state: container.State,
      status: container.Status,
      running: container.State === 'running',
      image: container.Image,
      networkMode: container.HostConfig?.NetworkMode ?? '',
      ports: portsOf(container.Ports),
      networks: memberships,
    });
  }

  const networkModels: NetworkModel[] = networks.map(network => ({
    kind: 'network',
    id: network.Id,
    name: network.Name,
    driver: network.Driver,
    scope: network.Scope,
    builtIn: isBuiltInNetwork(network),
    subnets: subnetsOf(network),
    endpoints: (endpointsByNetwork.get(network.Id) ?? []).sort((a, b) => naturalCompare(a.containerName, b.containerName)),
    network,
  }));
  networkModels.sort((a, b) => naturalCompare(a.name, b.name));
  containerModels.sort((a, b) => naturalCompare(a.name, b.name));
  return { networks: networkModels, containers: containerModels };
}

function portsOf(ports: readonly ContainerPort[] | null | undefined): PortModel[] {
  return (ports ?? [])
    .map(port => ({
      privatePort: port.PrivatePort,
      protocol: port.Type,
      ...(port.PublicPort ? { publicPort: port.PublicPort, hostIp: port.IP || undefined } : {}),
    }))
    .sort(
      (a, b) =>
        a.privatePort - b.privatePort || (a.publicPort ?? 0) - (b.publicPort ?? 0) || (a.hostIp ?? '').localeCompare(b.hostIp ?? ''),
    );
}

/** The list's port entries from an inspect's port map: one per host binding, one per port exposed without any. */
function portsFromInspect(inspect: ContainerInspect): ContainerPort[] {
  const ports: ContainerPort[] = [];
  const bound = inspect.NetworkSettings.Ports ?? {};
  const keys = new Set([...Object.keys(inspect.Config.ExposedPorts ?? {}), ...Object.keys(bound)]);
  for (const key of keys) {
    const [number, type = 'tcp'] = key.split('/');
    const privatePort = Number(number);
    if (!Number.isInteger(privatePort)) continue;
    const bindings = bound[key] ?? [];
    if (!bindings.length) ports.push({ PrivatePort: privatePort, Type: type });
    for (const binding of bindings)
      ports.push({ IP: binding.HostIp ?? '', PrivatePort: privatePort, PublicPort: Number(binding.HostPort) || undefined, Type: type });
  }
  return ports;
}

/** `bridge · 172.18.0.0/16 · 3 endpoints` */
export function describeNetwork(network: NetworkModel): string {
  const parts = [network.network.Ingress ? `${network.driver} (ingress)` : network.driver];
  if (network.subnets.length) parts.push(network.subnets.join(', '));
  const count = network.endpoints.length;
  parts.push(count === 1 ? '1 endpoint' : `${count} endpoints`);
  if ((network.nodes?.length ?? 0) > 1) parts.push(`spans ${network.nodes!.length} nodes`);
  return parts.join(' · ');
}

/** `10.0.0.2/24 · fd00::2/64 · alias db, primary · exited · 02:42:0a:00:00:02` */
export function describeEndpoint(endpoint: EndpointModel): string {
  const parts = [endpoint.ipv4, endpoint.ipv6].filter((part): part is string => Boolean(part));
  if (endpoint.node) parts.unshift(`on ${endpoint.node}`);
  if (endpoint.task) parts.push(`task of ${endpoint.task.service}`);
  if (endpoint.aliases.length) parts.push(`${endpoint.aliases.length === 1 ? 'alias' : 'aliases'} ${endpoint.aliases.join(', ')}`);
  if (!endpoint.running) parts.push(endpoint.containerState || 'stopped');
  if (endpoint.macAddress) parts.push(endpoint.macAddress);
  return parts.join(' · ');
}

/**
 * A container's list entry rebuilt from its inspect, to apply one connect/disconnect event without re-listing every
 * container. `Status` (the human "Up 2 hours") only exists in the list: the previous entry's is kept.
 */
export function summaryFromInspect(inspect: ContainerInspect, previous?: ContainerSummary): ContainerSummary {
  return {
    Id: inspect.Id,
    Names: [inspect.Name.startsWith('/') ? inspect.Name : `/${inspect.Name}`],
    Image: inspect.Config.Image,
    Created: previous?.Created ?? Math.floor(Date.parse(inspect.Created) / 1000),
    State: inspect.State.Status,
    Status: previous?.State === inspect.State.Status ? previous.Status : inspect.State.Status,
    Labels: inspect.Config.Labels ?? {},
    HostConfig: { NetworkMode: inspect.HostConfig?.NetworkMode ?? previous?.HostConfig?.NetworkMode },
    Ports: inspect.NetworkSettings.Ports || inspect.Config.ExposedPorts ? portsFromInspect(inspect) : (previous?.Ports ?? []),
    NetworkSettings: { Networks: inspect.NetworkSettings.Networks ?? {} },
  };
}

export function aliasesFromInspect(inspect: ContainerInspect): Record<string, readonly string[]> {
  return Object.fromEntries(
    Object.entries(inspect.NetworkSettings.Networks ?? {}).map(([name, settings]) => [name, settings.Aliases ?? []]),
  );
}

export function linksFromInspect(inspect: ContainerInspect): Record<string, readonly string[]> {
  return Object.fromEntries(Object.entries(inspect.NetworkSettings.Networks ?? {}).map(([name, settings]) => [name, settings.Links ?? []]));
}
