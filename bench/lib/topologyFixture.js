'use strict';
// Engine-shaped lists (what GET /networks and GET /containers/json?all=1 return) for the topology benchmark and its
// tests: no engine needed, deterministic, any size.
//
// Shape "projects" (the default) is what a shared development engine looks like: Compose projects of 5 networks and
// 10 containers, each container on two of its project's networks, and every fourth project wired to the next one
// through one container (a shared database, a proxy). Shape "connected" adds one network every project has a
// container on (a reverse proxy in front of everything), so the whole picture is one connected graph.

const pad = (i, n) => String(i).padStart(n, '0');
const hex = (prefix, i) => (prefix + pad(i.toString(16), 62 - prefix.length)).padEnd(64, '0').slice(0, 64);

const NETWORKS_PER_PROJECT = 5;

function network(index, name) {
  const third = index % 256;
  const second = 100 + Math.floor(index / 256);
  return {
    Name: name,
    Id: hex('ae', index),
    Created: '2026-01-01T00:00:00Z',
    Scope: 'local',
    Driver: index % 17 === 3 ? 'macvlan' : 'bridge',
    EnableIPv6: index % 7 === 0,
    IPAM: {
      Driver: 'default',
      Config: [
        { Subnet: `10.${second}.${third}.0/24`, Gateway: `10.${second}.${third}.1` },
        ...(index % 7 === 0 ? [{ Subnet: `fd00:${index.toString(16)}::/64` }] : []),
      ],
    },
    Internal: index % 11 === 5,
    Attachable: index % 13 === 2,
    Ingress: false,
    ConfigOnly: false,
    Containers: {},
    Options: {},
    Labels: {},
  };
}

function endpoint(net, hostIndex, aliases) {
  const [a, b, c] = net.IPAM.Config[0].Subnet.split('.');
  return {
    NetworkID: net.Id,
    EndpointID: hex('e0', hostIndex * 1000 + Number(c)),
    Gateway: `${a}.${b}.${c}.1`,
    IPAddress: `${a}.${b}.${c}.${10 + hostIndex}`,
    IPPrefixLen: 24,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    MacAddress: '',
    Aliases: aliases,
  };
}

/**
 * {networks, containers}: `networkCount` networks, `containerCount` containers, each on two networks (so twice as
 * many endpoints as containers), half of them running.
 */
function topologyLists({ networks: networkCount = 300, containers: containerCount = 600, shape = 'projects' } = {}) {
  const projects = Math.max(1, Math.floor(networkCount / NETWORKS_PER_PROJECT));
  const perProject = Math.max(1, Math.floor(containerCount / projects));
  const networks = [];
  for (let n = 0; n < networkCount; n++) {
    const project = Math.min(projects - 1, Math.floor(n / NETWORKS_PER_PROJECT));
    networks.push(
      network(n, shape === 'connected' && n === networkCount - 1 ? 'proxy' : `p${pad(project, 2)}-net-${n % NETWORKS_PER_PROJECT}`),
    );
  }
  const projectNetworks = p => networks.slice(p * NETWORKS_PER_PROJECT, p * NETWORKS_PER_PROJECT + NETWORKS_PER_PROJECT);
  const containers = [];
  const perNetworkHosts = new Map();
  const attach = (net, container, aliases) => {
    const host = (perNetworkHosts.get(net.Id) ?? 0) + 1;
    perNetworkHosts.set(net.Id, host);
    container.NetworkSettings.Networks[net.Name] = endpoint(net, host, aliases);
  };
  for (let i = 0; i < containerCount; i++) {
    const project = Math.min(projects - 1, Math.floor(i / perProject));
    const j = i - project * perProject;
    const own = projectNetworks(project);
    const name = `p${pad(project, 2)}-svc-${pad(j, 2)}`;
    const container = {
      Id: hex('c0', i),
      Names: [`/${name}`],
      Image: 'docker-networks-test/busybox:latest',
      Created: 1767225600 + i,
      State: i % 2 === 0 ? 'running' : 'exited',
      Status: i % 2 === 0 ? 'Up 2 hours' : 'Exited (0) 1 hour ago',
      Labels: {},
      NetworkSettings: { Networks: {} },
    };
    const first = own[j % own.length];
    attach(first, container, [`svc${j}`]);
    let second;
    if (shape === 'connected' && j === 0) second = networks[networks.length - 1];
    else if (j === perProject - 1 && project % 4 === 0 && project + 1 < projects) second = projectNetworks(project + 1)[0];
    else second = own[(j + 1 + (j >> 2)) % own.length];
    if (second === first) second = own[(j + 2) % own.length];
    if (second && second !== first) attach(second, container, []);
    containers.push(container);
  }
  return { networks, containers };
}

/**
 * One network as `docker network create` makes it, with two existing containers connected to it: the benchmark's
 * incremental update. Returns new lists; the inputs are not changed.
 */
function withNetworkAndTwoEndpoints(lists, index, containerIndexes) {
  const net = network(10000 + index, `added-net-${index}`);
  const networks = [...lists.networks, net];
  let host = 0;
  const containers = lists.containers.map((container, i) => {
    if (!containerIndexes.includes(i)) return container;
    host++;
    return {
      ...container,
      NetworkSettings: { Networks: { ...container.NetworkSettings.Networks, [net.Name]: endpoint(net, host, [`added${host}`]) } },
    };
  });
  return { networks, containers, added: net };
}

/**
 * The same swarm-scope networks on every engine of a swarm (the same IDs on each node), each with endpoints of a few
 * of this engine's containers: what the picture of several engines merges into one node spanning the groups.
 */
function withSwarmNetworks(lists, count, engineIndex) {
  const swarm = Array.from({ length: count }, (_, k) => ({ ...network(20000 + k, `swarm-${k}`), Scope: 'swarm', Driver: 'overlay' }));
  const containers = lists.containers.map((container, i) => {
    const on = swarm.filter((_, k) => (i + k * 7 + engineIndex) % 50 === 0);
    if (!on.length) return container;
    const added = Object.fromEntries(on.map(net => [net.Name, endpoint(net, 2 + (i % 200) + engineIndex * 2, [])]));
    return { ...container, NetworkSettings: { Networks: { ...container.NetworkSettings.Networks, ...added } } };
  });
  return { networks: [...lists.networks, ...swarm], containers };
}

module.exports = { topologyLists, withNetworkAndTwoEndpoints, withSwarmNetworks };
