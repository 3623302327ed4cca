import type { CommandDefinition } from './commandContext';
import { pickNetworks, selectedNodes } from './targets';

/** Opens one inspect tab per network: the clicked/selected nodes, or those picked in the palette. */
export const inspectNetworkCommand: CommandDefinition = {
  id: 'dockerNetworks.network.inspect',
  needs: 'explorer',
  run: async (context, clicked, selection) => {
    const networks =
      selectedNodes(clicked, selection, 'network') ?? (await pickNetworks(context, 'Inspect Network', 'Pick the networks to open as JSON'));
    for (const network of networks ?? []) await context.inspectDocuments.open({ kind: 'network', id: network.id, name: network.name });
  },
};

/** Swarm networks: the verbose form lists services and peers. */
export const inspectNetworkVerboseCommand: CommandDefinition = {
  id: 'dockerNetworks.network.inspectVerbose',
  needs: 'explorer',
  run: async (context, clicked, selection) => {
    const networks =
      selectedNodes(clicked, selection, 'network') ??
      (await pickNetworks(context, 'Inspect Network (Verbose)', 'Pick the swarm networks to open with services and peers', {
        swarmOnly: true,
      }));
    for (const network of networks ?? [])
      await context.inspectDocuments.open({ kind: 'network', id: network.id, name: network.name, verbose: true });
  },
};
