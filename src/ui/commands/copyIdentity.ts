import * as vscode from 'vscode';
import type { ExplorerNode } from '../tree/treeItems';
import type { CommandDefinition } from './commandContext';

function identity(node: ExplorerNode): { id: string; name: string } | undefined {
  switch (node.kind) {
    case 'network': return { id: node.id, name: node.name };
    case 'container': return { id: node.id, name: node.name };
    case 'endpoint': return { id: node.containerId, name: node.containerName };
    case 'containerNetwork': return node.networkId ? { id: node.networkId, name: node.networkName } : undefined;
    case 'group':
    case 'hint': return undefined;
  }
}

async function copy(nodes: unknown, pickField: (value: { id: string; name: string }) => string, what: string): Promise<void> {
  const list = (Array.isArray(nodes) ? nodes : [nodes]) as ExplorerNode[];
  const values = list.map(identity).filter((value): value is { id: string; name: string } => Boolean(value)).map(pickField);
  if (!values.length) return;
  await vscode.env.clipboard.writeText(values.join('\n'));
  void vscode.window.setStatusBarMessage(`Copied ${what}: ${values.join(', ')}`, 3000);
}

/** Full IDs, whatever the tree shows, so they paste into any docker command. */
export const copyIdCommand: CommandDefinition = {
  id: 'dockerNetworks.copyId',
  run: (_context, clicked, selection) => copy(Array.isArray(selection) && selection.length ? selection : clicked, value => value.id, 'ID'),
};

export const copyNameCommand: CommandDefinition = {
  id: 'dockerNetworks.copyName',
  run: (_context, clicked, selection) => copy(Array.isArray(selection) && selection.length ? selection : clicked, value => value.name, 'name'),
};
