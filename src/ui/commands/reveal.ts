import * as vscode from 'vscode';
import type { CommandContext, CommandDefinition } from './commandContext';
import { revealById } from '../tree/revealNode';
import { containerNodeId, endpointNodeId } from '../tree/treeItems';
import { clickedNode } from './targets';

/** From the Containers view: select every network the container is on (or the one network node clicked). */
export const revealInNetworksCommand: CommandDefinition = {
  id: 'dockerNetworks.container.revealInNetworks',
  run: async (context: CommandContext, clicked, selection) => {
    const node = clickedNode(clicked, selection, ['container', 'containerNetwork']);
    if (!node) return;
    const ids =
      node.kind === 'containerNetwork'
        ? node.networkId
          ? [endpointNodeId(node.networkId, node.containerId)]
          : []
        : node.networks.filter(n => n.networkId).map(n => endpointNodeId(n.networkId!, node.id));
    const targets = ids.filter(id => context.networksTree.findById(id) !== undefined);
    if (!targets.length) {
      const name = node.kind === 'container' ? node.name : node.containerName;
      void vscode.window.showInformationMessage(`"${name}" is on no network shown in the Networks view (check the filter).`);
      return;
    }
    for (const [index, id] of targets.entries()) {
      await revealById(context.networksView, context.networksTree, id, { select: index === 0, focus: index === 0, expand: true });
    }
  },
};

/** From an endpoint in the Networks view: select the container in the Containers view. */
export const revealInContainersCommand: CommandDefinition = {
  id: 'dockerNetworks.container.revealInContainers',
  run: async (context: CommandContext, clicked, selection) => {
    const endpoint = clickedNode(clicked, selection, 'endpoint');
    if (!endpoint) return;
    await revealById(context.containersView, context.containersTree, containerNodeId(endpoint.containerId), {
      select: true,
      focus: true,
      expand: true,
    });
  },
};
