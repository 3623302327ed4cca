// Drag a container (from the Containers view, or an endpoint from another network) onto a network to connect it.
import * as vscode from 'vscode';
import type { ExplorerNode } from './treeItems';

export const CONTAINER_MIME = 'application/vnd.dockernetworks.containers';

export interface DropHandler {
  connect(containerIds: string[], networkId: string): Promise<unknown>;
}

function containerIdOf(node: ExplorerNode): string | undefined {
  if (node.kind === 'container') return node.id;
  if (node.kind === 'endpoint' || node.kind === 'containerNetwork') return node.containerId;
  return undefined;
}

export class ContainerDragAndDrop implements vscode.TreeDragAndDropController<ExplorerNode> {
  readonly dragMimeTypes = [CONTAINER_MIME];
  readonly dropMimeTypes: string[];

  constructor(private readonly handler: DropHandler, acceptsDrops: boolean) {
    this.dropMimeTypes = acceptsDrops ? [CONTAINER_MIME] : [];
  }

  handleDrag(source: readonly ExplorerNode[], dataTransfer: vscode.DataTransfer): void {
    const ids = [...new Set(source.map(containerIdOf).filter((id): id is string => Boolean(id)))];
    if (ids.length) dataTransfer.set(CONTAINER_MIME, new vscode.DataTransferItem(JSON.stringify(ids)));
  }

  async handleDrop(target: ExplorerNode | undefined, dataTransfer: vscode.DataTransfer): Promise<void> {
    const item = dataTransfer.get(CONTAINER_MIME);
    if (!item || !target) return;
    const networkId = target.kind === 'network' ? target.id : target.kind === 'endpoint' ? target.networkId : undefined;
    if (!networkId) return;
    const ids = JSON.parse(typeof item.value === 'string' ? item.value : await item.asString()) as string[];
    await this.handler.connect(ids, networkId);
  }
}
