// What `docker network connect` cannot do on a given network, explained before anything is sent, in place of the
// engine's terse refusals (docs/engine-behaviour.md lists what the engine does).
import type { Network } from './engineTypes';

export interface ConnectRestrictions {
  /** Why no container can be connected at all. */
  readonly connect?: string;
  /** Why `--ip` / `--ip6` cannot be used. */
  readonly staticAddress?: string;
  /** Why `--alias` cannot be used. */
  readonly aliases?: string;
}

function hasSubnetOfFamily(network: Network, family: 4 | 6): boolean {
  return (network.IPAM?.Config ?? []).some(config => config.Subnet && config.Subnet.includes(':') === (family === 6));
}

export function connectRestrictions(network: Network): ConnectRestrictions {
  const name = network.Name;
  if (network.Driver === 'host' || name === 'host') {
    return { connect: `"${name}" is the host network: the engine never connects running containers to it ("container cannot be disconnected from host network or connected to host network"). Start the container with --network host instead.` };
  }
  if (network.Driver === 'null' || name === 'none') {
    return { connect: `"${name}" is the none network: a container on it has networking disabled, and the engine refuses to combine it with other networks. Start the container with --network none instead.` };
  }
  if (network.ConfigOnly) {
    return { connect: `"${name}" is a config-only network: it only holds settings for networks created with --config-from ${name}; containers attach to those networks, not to it.` };
  }
  if (network.Ingress) {
    return { connect: `"${name}" is the swarm routing-mesh (ingress) network: only swarm services use it.` };
  }
  if (network.Scope === 'swarm' && !network.Attachable) {
    return { connect: `"${name}" is a swarm network that is not attachable: only services can use it. Recreate it with --attachable to connect standalone containers.` };
  }
  if (name === 'bridge' && network.Driver === 'bridge') {
    return {
      staticAddress: `A fixed address is not possible on the default "bridge" network: the engine refuses ("user specified IP address is supported on user defined networks only"). Use a user-defined network.`,
      aliases: `Aliases are not possible on the default "bridge" network: the engine refuses ("network-scoped alias is supported only for containers in user defined networks"). Use a user-defined network.`,
    };
  }
  if (!hasSubnetOfFamily(network, 4) && !hasSubnetOfFamily(network, 6)) {
    return { staticAddress: `"${name}" has no configured subnet, so a fixed address cannot be given ("user specified IP address is supported only when connecting to networks with user configured subnets").` };
  }
  return {};
}

/** Why a fixed address of this family cannot be given on the network, if it cannot. */
export function staticAddressRestriction(network: Network, family: 4 | 6): string | undefined {
  const general = connectRestrictions(network).staticAddress;
  if (general) return general;
  if (!hasSubnetOfFamily(network, family)) {
    return family === 6
      ? `"${network.Name}" has no IPv6 subnet${network.EnableIPv6 ? '' : ' (IPv6 is not enabled on it)'}, so no IPv6 address can be given.`
      : `"${network.Name}" has no IPv4 subnet, so no IPv4 address can be given.`;
  }
  return undefined;
}
