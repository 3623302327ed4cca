import type { CommandDefinition } from './commandContext';
import { clickedNode } from './targets';

/** Opens the Network Topology panel (or brings it forward). */
export const showTopologyCommand: CommandDefinition = {
  id: 'dockerNetworks.topology.show',
  run: context => context.topology.show(),
};

/** From a network or container node of a tree: the panel, with that node selected and centred. */
export const showInTopologyCommand: CommandDefinition = {
  id: 'dockerNetworks.topology.showNode',
  run: (context, clicked, selection) => {
    const node = clickedNode(clicked, selection, ['network', 'container', 'endpoint', 'containerNetwork']);
    const engineId = context.engine.entry.id;
    context.topology.show(
      node?.kind === 'network'
        ? { engineId, kind: 'network', id: node.id }
        : node?.kind === 'container'
          ? { engineId, kind: 'container', id: node.id }
          : node
            ? { engineId, kind: 'container', id: node.containerId }
            : undefined,
    );
  },
};
