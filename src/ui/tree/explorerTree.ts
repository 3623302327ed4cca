// One tree data provider per view, both reading the explorer store: the Networks view (networks → endpoints)
// and the Containers view (containers → their networks). Stable ids and getParent make `reveal` work.
import * as vscode from 'vscode';
import type { ExplorerStore } from '../../engine/explorerStore';
import type { ExplorerModel } from '../../model/explorer';
import { DisposableOwner } from '../disposable';
import { ENGINE_UNREACHABLE_HINTS, networkRoots, NetworkViewOptions } from '../../model/networkView';
import { ExplorerNode, NetworkDisplay, nodeId, toTreeItem } from './treeItems';

export interface TreeShape {
  roots(model: ExplorerModel): readonly ExplorerNode[];
  children(node: ExplorerNode): readonly ExplorerNode[];
  parent(node: ExplorerNode, model: ExplorerModel): ExplorerNode | undefined;
}

/** Networks (optionally grouped, filtered and sorted by the view options) → endpoints. */
export function networksShape(options: () => NetworkViewOptions): TreeShape {
  // Roots are rebuilt only when the model or the options change, so group nodes keep their identity for getParent.
  let cache: { model: ExplorerModel; key: string; roots: readonly ExplorerNode[] } | undefined;
  const roots = (model: ExplorerModel) => {
    const current = options();
    const key = JSON.stringify(current);
    if (cache?.model !== model || cache.key !== key) cache = { model, key, roots: networkRoots(model, current) };
    return cache.roots;
  };
  return {
    roots,
    children: node => (node.kind === 'network' ? node.endpoints : node.kind === 'group' ? node.networks : []),
    parent: (node, model) => {
      if (node.kind === 'endpoint') return model.networks.find(network => network.id === node.networkId);
      if (node.kind === 'network') return roots(model).find(root => root.kind === 'group' && root.networks.some(n => n.id === node.id));
      return undefined;
    },
  };
}

export const containersShape: TreeShape = {
  roots: model => model.containers,
  children: node => (node.kind === 'container' ? node.networks : []),
  parent: (node, model) =>
    node.kind === 'containerNetwork' ? model.containers.find(container => container.id === node.containerId) : undefined,
};

export class ExplorerTreeProvider extends DisposableOwner implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changeEmitter = this.own(new vscode.EventEmitter<ExplorerNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(
    private readonly store: ExplorerStore,
    private readonly shape: TreeShape,
    private readonly display: () => NetworkDisplay = () => ({ fullIds: false }),
  ) {
    super();
    this.own(store.onDidChange(() => this.changeEmitter.fire(undefined)));
  }

  /** Redraws everything (view options or display settings changed). */
  refresh(): void {
    this.changeEmitter.fire(undefined);
  }

  private get model(): ExplorerModel | undefined {
    return this.store.model;
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return toTreeItem(node, this.display());
  }

  getChildren(node?: ExplorerNode): ExplorerNode[] {
    const model = this.model;
    if (!model) return !node && this.store.snapshot.kind === 'unavailable' ? [...ENGINE_UNREACHABLE_HINTS] : [];
    return [...(node ? this.shape.children(node) : this.shape.roots(model))];
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    const model = this.model;
    return model ? this.shape.parent(node, model) : undefined;
  }

  /** The current node with this id (nodes are rebuilt on every reload). */
  findById(id: string): ExplorerNode | undefined {
    const model = this.model;
    if (!model) return undefined;
    const search = (nodes: readonly ExplorerNode[]): ExplorerNode | undefined => {
      for (const node of nodes) {
        if (nodeId(node) === id) return node;
        const found = search(this.shape.children(node));
        if (found) return found;
      }
      return undefined;
    };
    return search(this.shape.roots(model));
  }
}
