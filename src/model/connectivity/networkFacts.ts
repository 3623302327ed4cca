// What a network's configuration says about traffic on it: inter-container communication, embedded DNS, the
// default bridge, internal networks, and whether the host's bridge carries it.
import { BRIDGE_DRIVER, DEFAULT_BRIDGE_NETWORK, HOST_DRIVER, HOST_NETWORK, NONE_NETWORK, NULL_DRIVER } from '../builtInNetworks';
import type { NetworkModel } from '../explorer';

export const ICC_OPTION = 'com.docker.network.bridge.enable_icc';
export const MASQUERADE_OPTION = 'com.docker.network.bridge.enable_ip_masquerade';
export const DEFAULT_BRIDGE_OPTION = 'com.docker.network.bridge.default_bridge';

/** Go's strconv.ParseBool, which the engine reads driver options with; undefined when it would refuse the value. */
export function parseGoBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

function option(network: NetworkModel, key: string): boolean | undefined {
  const value = network.network.Options?.[key];
  return value === undefined ? undefined : parseGoBool(value);
}

export function isBridge(network: NetworkModel): boolean {
  return network.driver === BRIDGE_DRIVER;
}

export function isDefaultBridge(network: NetworkModel): boolean {
  return isBridge(network) && (option(network, DEFAULT_BRIDGE_OPTION) === true || network.name === DEFAULT_BRIDGE_NETWORK);
}

export function isHostNetwork(network: NetworkModel): boolean {
  return network.driver === HOST_DRIVER || network.name === HOST_NETWORK;
}

export function isNoneNetwork(network: NetworkModel): boolean {
  return network.driver === NULL_DRIVER || network.name === NONE_NETWORK;
}

/** A bridge drops traffic between its own containers when ICC is off; the option only exists on bridges. */
export function iccEnabled(network: NetworkModel): boolean {
  return !isBridge(network) || option(network, ICC_OPTION) !== false;
}

export function masqueradeEnabled(network: NetworkModel): boolean {
  return !isBridge(network) || option(network, MASQUERADE_OPTION) !== false;
}

export function isInternal(network: NetworkModel): boolean {
  return Boolean(network.network.Internal);
}

/** Every user-defined network has the engine's embedded DNS; the default bridge has none. */
export function hasEmbeddedDns(network: NetworkModel): boolean {
  return !isDefaultBridge(network) && !isHostNetwork(network) && !isNoneNetwork(network);
}

/** Swarm-scoped networks are asked first by the embedded DNS, then local ones. */
export function isSwarmScoped(network: NetworkModel): boolean {
  return network.scope === 'swarm';
}

/** The address without its prefix: `10.0.0.2/24` → `10.0.0.2`. */
export function bareAddress(address: string | undefined): string | undefined {
  return address ? address.replace(/\/\d+$/, '') : undefined;
}
