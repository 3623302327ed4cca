// Wires the model's ip-num based address rules into the Connect wizard: validation names who holds an address,
// suggestions skip the gateway, auxiliary and used addresses.
import type { NetworkModel } from '../../model/explorer';
import { AddressFamily, defaultGateway, familyOf, suggestFreeAddress, validateEndpointAddress } from '../../model/ipam';
import type { EndpointAddressTools } from './connectOptions';

/** Address → container name, for every endpoint (running or configured) on the network. */
function addressesInUse(network: NetworkModel, family: AddressFamily): Record<string, string> {
  const used: Record<string, string> = {};
  for (const endpoint of network.endpoints) {
    const address = family === 'ipv4' ? endpoint.ipv4 : endpoint.ipv6;
    if (address) used[address.split('/')[0]] = endpoint.containerName;
  }
  return used;
}

export function endpointAddressTools(): EndpointAddressTools {
  return {
    validate: (address, family, network) => {
      if (!address) return 'Enter an address, or go back and untick the option';
      const issues = validateEndpointAddress(address, family, network.network, addressesInUse(network, family));
      return issues.find(issue => issue.severity === 'error')?.message;
    },
    suggest: (family, network) => {
      const config = (network.network.IPAM?.Config ?? []).find(c => c.Subnet && familyOf(c.Subnet) === family);
      if (!config?.Subnet) return undefined;
      return suggestFreeAddress(config.Subnet, {
        gateway: config.Gateway ?? defaultGateway(config.Subnet),
        ipRange: config.IPRange,
        auxAddresses: config.AuxiliaryAddresses ?? {},
        inUse: Object.keys(addressesInUse(network, family)),
      });
    },
  };
}
