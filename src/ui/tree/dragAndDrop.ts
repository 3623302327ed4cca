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

  constructor(
    private readonly handler: DropHandler,
    acceptsDrops: boolean,
  ) {
    this.dropMimeTypes = acceptsDrops ? [CONTAINER_MIME] : [];
  }

  handleDrag(source: readonly ExplorerNode[], dataTransfer: vscode.DataTransfer): void {
    const ids = [...new Set(source.map(containerIdOf).filter((id): id is string => Boolean(id)))];
    if (ids.length) dataTransfer.set(CONTAINER_MIME, new vscode.DataTransferItem(JSON.stringify(ids)));
  }

  async handleDrop(target: ExplorerNode | undefined, dataTransfer: vscode.DataTransfer): Promise<void> {
    if (!target) return;
    const networkId = target.kind === 'network' ? target.id : target.kind === 'endpoint' ? target.networkId : undefined;
    if (!networkId) return;
    const ids = await draggedContainerIds(dataTransfer);
    if (ids.length) await this.handler.connect(ids, networkId);
  }
}

/**
 * Across views VS Code first puts an empty placeholder under our mime type and then the item handleDrag set, so
 * `get()` may return the empty one: read every entry of the type and take the first that parses.
 */
async function draggedContainerIds(dataTransfer: vscode.DataTransfer): Promise<string[]> {
  const items: vscode.DataTransferItem[] = [];
  dataTransfer.forEach((item, mime) => {
    if (mime === CONTAINER_MIME) items.push(item);
  });
  for (const item of items) {
    const text = typeof item.value === 'string' ? item.value : await item.asString();
    try {
      const ids = JSON.parse(text) as unknown;
      if (Array.isArray(ids) && ids.every(id => typeof id === 'string') && ids.length) return ids as string[];
    } catch {
      // The empty placeholder: try the next entry.
    }
  }
  return [];
}
