import * as vscode from 'vscode';
import type { CommandContext, CommandDefinition } from './commandContext';
import { containerNodeId, endpointNodeId } from '../tree/treeItems';

/** From the Containers view: select every network the container is on (or the one network node clicked). */
export const revealInNetworksCommand: CommandDefinition = {
  id: 'dockerNetworks.container.revealInNetworks',
  run: async (context: CommandContext, clicked) => {
    const node = clicked as { kind?: string } | undefined;
    let ids: string[] = [];
    if (node?.kind === 'containerNetwork') {
      const membership = clicked as { containerId: string; networkId?: string };
      ids = membership.networkId ? [endpointNodeId(membership.networkId, membership.containerId)] : [];
    } else if (node?.kind === 'container') {
      const container = clicked as { id: string; networks: { networkId?: string }[] };
      ids = container.networks.filter(n => n.networkId).map(n => endpointNodeId(n.networkId!, container.id));
    }
    const targets = ids.map(id => context.networksTree.findById(id)).filter(Boolean);
    if (!targets.length) {
      const name = (clicked as { name?: string; containerName?: string } | undefined)?.name ?? (clicked as { containerName?: string } | undefined)?.containerName ?? 'The container';
      void vscode.window.showInformationMessage(`"${name}" is on no network shown in the Networks view (check the filter).`);
      return;
    }
    for (const [index, target] of targets.entries()) {
      await context.networksView.reveal(target!, { select: index === 0, focus: index === 0, expand: true });
    }
  },
};

/** From an endpoint in the Networks view: select the container in the Containers view. */
export const revealInContainersCommand: CommandDefinition = {
  id: 'dockerNetworks.container.revealInContainers',
  run: async (context: CommandContext, clicked) => {
    const endpoint = clicked as { kind?: string; containerId?: string } | undefined;
    if (endpoint?.kind !== 'endpoint' || !endpoint.containerId) return;
    const target = context.containersTree.findById(containerNodeId(endpoint.containerId));
    if (target) await context.containersView.reveal(target, { select: true, focus: true, expand: true });
  },
};
