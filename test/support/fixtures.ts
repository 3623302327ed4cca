// Engine-shaped data for unit tests: networks and containers as the Engine API returns them.
import type { ContainerEndpointSettings, ContainerSummary, Network } from '../../src/model/engineTypes';

export function network(name: string, overrides: Partial<Network> = {}): Network {
  return {
    Name: name,
    Id: `${name}-id`.padEnd(64, '0'),
    Created: '2026-11-29T02:24:48.63Z',
    Scope: 'local',
    Driver: 'bridge',
    EnableIPv6: false,
    IPAM: { Driver: 'default', Config: [] },
    Internal: false,
    Attachable: false,
    Ingress: false,
    ConfigOnly: false,
    Containers: {},
    Labels: {},
    Options: {},
    ...overrides,
  };
}

export function withSubnet(name: string, subnet: string, gateway?: string, overrides: Partial<Network> = {}): Network {
  return network(name, {
    IPAM: { Driver: 'default', Config: [{ Subnet: subnet, ...(gateway ? { Gateway: gateway } : {}) }] },
    ...overrides,
  });
}

export function endpointSettings(
  networkId: string,
  ip = '',
  prefix = 0,
  extra: Partial<ContainerEndpointSettings> = {},
): ContainerEndpointSettings {
  return {
    NetworkID: networkId,
    EndpointID: ip ? `ep-${ip}` : '',
    Gateway: '',
    IPAddress: ip,
    IPPrefixLen: prefix,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    MacAddress: ip ? '02:42:0a:00:00:02' : '',
    ...extra,
  };
}

export function container(name: string, state: string, networks: Record<string, ContainerEndpointSettings> = {}): ContainerSummary {
  return {
    Id: name.padEnd(64, 'c'),
    Names: [`/${name}`],
    Image: 'busybox',
    Created: 0,
    State: state,
    Status: state,
    NetworkSettings: { Networks: networks },
  };
}

/** A container configured on networks given as name → network ID (no addresses). */
export function containerOn(name: string, state: string, networks: Record<string, string>): ContainerSummary {
  return container(
    name,
    state,
    Object.fromEntries(Object.entries(networks).map(([networkName, id]) => [networkName, endpointSettings(id)])),
  );
}
