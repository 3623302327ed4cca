// The networks every engine creates by itself: the default bridge, the host's own network stack and "none"
// (networking disabled). The engine refuses to create or remove them, and containers on them get neither aliases nor
// fixed addresses. The host and null drivers exist only for the host and none networks.
import type { Network } from './engineTypes';

export const DEFAULT_BRIDGE_NETWORK = 'bridge';
export const HOST_NETWORK = 'host';
export const NONE_NETWORK = 'none';
export const BUILT_IN_NETWORK_NAMES: readonly string[] = [DEFAULT_BRIDGE_NETWORK, HOST_NETWORK, NONE_NETWORK];

export const BRIDGE_DRIVER = 'bridge';
export const HOST_DRIVER = 'host';
export const NULL_DRIVER = 'null';
/** Drivers no new network can use: each has its one built-in network. */
export const BUILT_IN_ONLY_DRIVERS: readonly string[] = [HOST_DRIVER, NULL_DRIVER];

export function isBuiltInNetworkName(name: string): boolean {
  return BUILT_IN_NETWORK_NAMES.includes(name);
}

export function isBuiltInNetwork(network: Pick<Network, 'Name'>): boolean {
  return isBuiltInNetworkName(network.Name);
}
