// What `docker network connect` cannot do on a given network, explained before anything is sent, in place of the
// engine's terse refusals: each message says why in Docker's terms, quotes what the engine would answer and, where
// there is one, names the way that works. The Connect wizard and the fixed-address check both take their words here.
import { BRIDGE_DRIVER, DEFAULT_BRIDGE_NETWORK, HOST_DRIVER, HOST_NETWORK, NONE_NETWORK, NULL_DRIVER } from './builtInNetworks';
import type { Network } from './engineTypes';
import { AddressFamily, familyOf } from './ipam/addresses';

export interface ConnectRestrictions {
  /** Why no container can be connected at all. */
  readonly connect?: string;
  /** Why `--ip` / `--ip6` cannot be used. */
  readonly staticAddress?: string;
  /** Why `--alias` cannot be used. */
  readonly aliases?: string;
}

function hasSubnetOfFamily(network: Network, family: AddressFamily): boolean {
  return (network.IPAM?.Config ?? []).some(config => config.Subnet && familyOf(config.Subnet) === family);
}

export function connectRestrictions(network: Network): ConnectRestrictions {
  const name = network.Name;
  if (network.Driver === HOST_DRIVER || name === HOST_NETWORK) {
    return {
      connect: `"${name}" is the host network: the engine never connects running containers to it ("container cannot be disconnected from host network or connected to host network"). Start the container with --network host instead.`,
    };
  }
  if (network.Driver === NULL_DRIVER || name === NONE_NETWORK) {
    return {
      connect: `"${name}" is the none network: a container on it has networking disabled, and the engine refuses to combine it with other networks. Start the container with --network none instead.`,
    };
  }
  if (network.ConfigOnly) {
    return {
      connect: `"${name}" is a config-only network: it only holds settings for networks created with --config-from ${name}; containers attach to those networks, not to it.`,
    };
  }
  if (network.Ingress) {
    return { connect: `"${name}" is the swarm routing-mesh (ingress) network: only swarm services use it.` };
  }
  if (network.Scope === 'swarm' && !network.Attachable) {
    return {
      connect: `"${name}" is a swarm network that is not attachable: only services can use it. Recreate it with --attachable to connect standalone containers.`,
    };
  }
  if (name === DEFAULT_BRIDGE_NETWORK && network.Driver === BRIDGE_DRIVER) {
    return {
      staticAddress: `A fixed address is not possible on the default "bridge" network: the engine refuses ("user specified IP address is supported on user defined networks only"). Use a user-defined network.`,
      aliases: `Aliases are not possible on the default "bridge" network: the engine refuses ("network-scoped alias is supported only for containers in user defined networks"). Use a user-defined network.`,
    };
  }
  if (!hasSubnetOfFamily(network, 'ipv4') && !hasSubnetOfFamily(network, 'ipv6')) {
    return {
      staticAddress: `"${name}" has no configured subnet, so a fixed address cannot be given ("user specified IP address is supported only when connecting to networks with user configured subnets").`,
    };
  }
  return {};
}

/**
 * Why a fixed address of this family (`--ip` / `--ip6`) cannot be given on the network, if it cannot: no container
 * can be connected at all, the network takes no fixed addresses, or it has no subnet of that family.
 */
export function staticAddressRestriction(network: Network, family: AddressFamily): string | undefined {
  const restrictions = connectRestrictions(network);
  const general = restrictions.connect ?? restrictions.staticAddress;
  if (general) return general;
  if (!hasSubnetOfFamily(network, family)) {
    return family === 'ipv6'
      ? `"${network.Name}" has no IPv6 subnet${network.EnableIPv6 ? '' : ' (IPv6 is not enabled on it)'}, so no IPv6 address can be given.`
      : `"${network.Name}" has no IPv4 subnet, so no IPv4 address can be given.`;
  }
  return undefined;
}
