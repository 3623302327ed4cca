// Drag a container (from the Containers view, or an endpoint from another network) onto a network to connect it.
import * as vscode from 'vscode';
import type { EngineSession } from '../engines/engineSessions';
import type { EngineTreeNode } from './engineTree';
import type { NetworkModel } from '../../model/explorer';

export const CONTAINER_MIME = 'application/vnd.dockernetworks.containers';

export interface DropHandler {
  /** `network`: the target row's network, for an engine that does not list it yet (a swarm network on a worker). */
  connect(containerIds: string[], networkId: string, engine: EngineSession, network?: NetworkModel): Promise<unknown>;
}

interface DraggedContainers {
  readonly engineId: string;
  readonly ids: string[];
}

function containerIdOf(node: EngineTreeNode): string | undefined {
  if (node.kind === 'container') return node.id;
  if (node.kind === 'endpoint' || node.kind === 'containerNetwork') return node.containerId;
  return undefined;
}

export class ContainerDragAndDrop implements vscode.TreeDragAndDropController<EngineTreeNode> {
  readonly dragMimeTypes = [CONTAINER_MIME];
  readonly dropMimeTypes: string[];

  constructor(
    private readonly handler: DropHandler,
    acceptsDrops: boolean,
    /** The engine a row belongs to: containers connect only to networks of their own engine, */
    private readonly engineOf: (node: EngineTreeNode) => EngineSession | undefined,
    /** …or to a swarm network shown under another engine of their swarm: this names their engine then. */
    private readonly swarmPeer: (engineId: string, of: EngineSession) => EngineSession | undefined = () => undefined,
  ) {
    this.dropMimeTypes = acceptsDrops ? [CONTAINER_MIME] : [];
  }

  handleDrag(source: readonly EngineTreeNode[], dataTransfer: vscode.DataTransfer): void {
    const engine = source.length ? this.engineOf(source[0]) : undefined;
    const ids = [
      ...new Set(
        source
          .filter(node => this.engineOf(node) === engine)
          .map(containerIdOf)
          .filter((id): id is string => Boolean(id)),
      ),
    ];
    if (engine && ids.length)
      dataTransfer.set(
        CONTAINER_MIME,
        new vscode.DataTransferItem(JSON.stringify({ engineId: engine.entry.id, ids } satisfies DraggedContainers)),
      );
  }

  async handleDrop(target: EngineTreeNode | undefined, dataTransfer: vscode.DataTransfer): Promise<void> {
    if (!target) return;
    const networkId = target.kind === 'network' ? target.id : target.kind === 'endpoint' ? target.networkId : undefined;
    const engine = this.engineOf(target);
    if (!networkId || !engine) return;
    const dragged = await draggedContainers(dataTransfer);
    if (!dragged) return;
    if (dragged.engineId === engine.entry.id) return void (await this.handler.connect(dragged.ids, networkId, engine));
    const network = target.kind === 'network' ? target : engine.store.model?.networks.find(n => n.id === networkId);
    const peer = network?.scope === 'swarm' ? this.swarmPeer(dragged.engineId, engine) : undefined;
    // A swarm network is one network on every node: the containers join it on their own engine.
    if (peer && network) return void (await this.handler.connect(dragged.ids, networkId, peer, network));
    void vscode.window.showWarningMessage(
      `Containers can only join networks of their own engine: these are not on "${engine.entry.name}" (for networks across hosts, use an attachable overlay).`,
    );
  }
}

/**
 * Across views VS Code first puts an empty placeholder under our mime type and then the item handleDrag set, so
 * `get()` may return the empty one: read every entry of the type and take the first that parses.
 */
async function draggedContainers(dataTransfer: vscode.DataTransfer): Promise<DraggedContainers | undefined> {
  const items: vscode.DataTransferItem[] = [];
  dataTransfer.forEach((item, mime) => {
    if (mime === CONTAINER_MIME) items.push(item);
  });
  for (const item of items) {
    const text = typeof item.value === 'string' ? item.value : await item.asString();
    try {
      const dragged = JSON.parse(text) as Partial<DraggedContainers>;
      const { engineId, ids } = dragged;
      if (typeof engineId === 'string' && Array.isArray(ids) && ids.length && ids.every(id => typeof id === 'string'))
        return { engineId, ids };
    } catch {
      // The empty placeholder: try the next entry.
    }
  }
  return undefined;
}
