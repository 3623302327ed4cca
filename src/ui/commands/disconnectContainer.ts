import * as vscode from 'vscode';
import type { ContainerModel } from '../../model/explorer';
import { runEach } from '../../model/batch';
import { askOnce } from '../wizard/flow';
import { runBatch } from './batch';
import { gatewayAfterQuestions } from './engineGuard';
import type { CommandContext, CommandDefinition } from './commandContext';
import { pickContainers, selectedNodes } from './targets';

interface Attachment {
  readonly networkId: string;
  readonly networkName: string;
  readonly containerId: string;
  readonly containerName: string;
}

export const DisconnectChoices = { disconnect: 'Disconnect', force: 'Force Disconnect' } as const;

/** The (network, container) pairs a click means: endpoint nodes, a container's network nodes, or a whole container. */
function attachmentsFromTree(clicked: unknown, selection: unknown): Attachment[] | 'container' | undefined {
  const endpoints = selectedNodes(clicked, selection, 'endpoint');
  if (endpoints)
    return endpoints.map(e => ({
      networkId: e.networkId,
      networkName: e.networkName,
      containerId: e.containerId,
      containerName: e.containerName,
    }));
  const memberships = selectedNodes(clicked, selection, 'containerNetwork');
  if (memberships) {
    const missing = memberships.filter(m => !m.networkId);
    if (missing.length)
      void vscode.window.showInformationMessage(
        missing.map(m => `Network "${m.networkName}" of "${m.containerName}" no longer exists: there is nothing to disconnect.`).join(' '),
      );
    return memberships
      .filter(m => m.networkId)
      .map(m => ({ networkId: m.networkId!, networkName: m.networkName, containerId: m.containerId, containerName: m.containerName }));
  }
  return selectedNodes(clicked, selection, 'container') ? 'container' : undefined;
}

async function pickAttachments(context: CommandContext, containers: readonly ContainerModel[]): Promise<Attachment[] | undefined> {
  const options = containers.flatMap(container =>
    container.networks
      .filter(n => n.networkId)
      .map(n => ({
        label: n.networkName,
        description: `${container.name}${n.ipv4 ? ` · ${n.ipv4}` : ''}`,
        group: container.name,
        value: { networkId: n.networkId!, networkName: n.networkName, containerId: container.id, containerName: container.name },
      })),
  );
  if (!options.length) {
    void vscode.window.showInformationMessage(
      `${containers.map(c => `"${c.name}"`).join(', ')} ${containers.length === 1 ? 'is' : 'are'} on no network.`,
    );
    return undefined;
  }
  return askOnce(context.prompter, 'Disconnect Container from Network', ask =>
    ask.pickMany({ placeholder: 'Pick the networks to disconnect from', options }),
  );
}

export const disconnectContainerCommand: CommandDefinition = {
  id: 'dockerNetworks.container.disconnect',
  needs: 'explorer',
  run: async (context, clicked, selection) => {
    const fromTree = attachmentsFromTree(clicked, selection);
    let attachments: Attachment[] | undefined;
    if (Array.isArray(fromTree)) {
      attachments = fromTree;
    } else {
      const model = context.model();
      const containers =
        fromTree === 'container'
          ? (selectedNodes(clicked, selection, 'container') ?? []).map(node => model.containers.find(c => c.id === node.id) ?? node)
          : await pickContainers(context, 'Disconnect Container from Network', 'Pick the containers to disconnect');
      if (!containers?.length) return;
      attachments = await pickAttachments(context, containers);
    }
    if (!attachments?.length) return;

    const pairs = attachments.map(a => `"${a.containerName}" from "${a.networkName}"`);
    const choice = await context.prompter.confirm({
      message: attachments.length === 1 ? `Disconnect ${pairs[0]}?` : `Disconnect ${attachments.length} containers from their networks?`,
      detail: `${pairs.join('\n')}\n\nForce Disconnect also removes an endpoint the engine considers stale.`,
      choices: [DisconnectChoices.disconnect, DisconnectChoices.force],
    });
    if (!choice) return;
    const gateway = await gatewayAfterQuestions(context);
    const force = choice === DisconnectChoices.force;
    const nameOf = (a: Attachment) => `"${a.containerName}" from "${a.networkName}"`; // already quoted: shown as is
    return runBatch(context, {
      title: 'Disconnecting',
      total: attachments.length,
      words: { done: names => `Disconnected ${names.join(', ')}.`, failed: (_name, reason) => reason, show: name => name },
      run: options =>
        runEach(
          attachments!,
          nameOf,
          (a, signal) =>
            gateway.disconnectContainer(
              a.networkId,
              a.containerId,
              force,
              { network: a.networkName, container: a.containerName },
              { signal },
            ),
          options,
        ),
    });
  },
};
