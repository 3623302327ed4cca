import * as vscode from 'vscode';
import type { CommandContext, CommandDefinition } from './commandContext';
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
    const targets = ids.map(id => context.networksTree.findById(id)).filter(target => target !== undefined);
    if (!targets.length) {
      const name = node.kind === 'container' ? node.name : node.containerName;
      void vscode.window.showInformationMessage(`"${name}" is on no network shown in the Networks view (check the filter).`);
      return;
    }
    for (const [index, target] of targets.entries()) {
      await context.networksView.reveal(target, { select: index === 0, focus: index === 0, expand: true });
    }
  },
};

/** From an endpoint in the Networks view: select the container in the Containers view. */
export const revealInContainersCommand: CommandDefinition = {
  id: 'dockerNetworks.container.revealInContainers',
  run: async (context: CommandContext, clicked, selection) => {
    const endpoint = clickedNode(clicked, selection, 'endpoint');
    if (!endpoint) return;
    const target = context.containersTree.findById(containerNodeId(endpoint.containerId));
    if (target) await context.containersView.reveal(target, { select: true, focus: true, expand: true });
  },
};
