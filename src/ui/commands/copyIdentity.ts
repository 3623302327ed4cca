import * as vscode from 'vscode';
import type { ExplorerNode } from '../tree/treeItems';
import type { CommandDefinition } from './commandContext';
import { selectedNodes } from './targets';

const IDENTIFIED = ['network', 'container', 'endpoint', 'containerNetwork'] as const;

function identity(node: ExplorerNode): { id: string; name: string } | undefined {
  switch (node.kind) {
    case 'network':
      return { id: node.id, name: node.name };
    case 'container':
      return { id: node.id, name: node.name };
    case 'endpoint':
      return { id: node.containerId, name: node.containerName };
    case 'containerNetwork':
      return node.networkId ? { id: node.networkId, name: node.networkName } : undefined;
    case 'group':
    case 'hint':
      return undefined;
  }
}

async function copy(
  nodes: readonly ExplorerNode[] | undefined,
  pickField: (value: { id: string; name: string }) => string,
  what: string,
): Promise<void> {
  const values = (nodes ?? [])
    .map(identity)
    .filter((value): value is { id: string; name: string } => Boolean(value))
    .map(pickField);
  if (!values.length) return;
  await vscode.env.clipboard.writeText(values.join('\n'));
  void vscode.window.setStatusBarMessage(`Copied ${what}: ${values.join(', ')}`, 3000);
}

/** Full IDs, whatever the tree shows, so they paste into any docker command. */
export const copyIdCommand: CommandDefinition = {
  id: 'dockerNetworks.copyId',
  run: (_context, clicked, selection) => copy(selectedNodes(clicked, selection, IDENTIFIED), value => value.id, 'ID'),
};

export const copyNameCommand: CommandDefinition = {
  id: 'dockerNetworks.copyName',
  run: (_context, clicked, selection) => copy(selectedNodes(clicked, selection, IDENTIFIED), value => value.name, 'name'),
};
