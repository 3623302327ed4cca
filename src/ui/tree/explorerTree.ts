// One tree data provider per view, both reading the explorer store: the Networks view (networks → endpoints)
// and the Containers view (containers → their networks). Stable ids and getParent make `reveal` work.
import * as vscode from 'vscode';
import type { ExplorerSnapshot } from '../../engine/explorerStore';
import type { ExplorerSource } from '../../engine/swarmViews';
import type { ExplorerModel } from '../../model/explorer';
import { DisposableOwner } from '../disposable';
import { ENGINE_UNREACHABLE_HINTS, networkRoots, NetworkViewOptions, TRUST_HOST_KEY_HINT } from '../../model/networkView';
import { hostKeyToTrust } from '../../engine/errors';
import { DrawPacer } from '../../model/drawPacer';
import { DrawnTree } from '../../model/treeChanges';
import { ExplorerNode, NetworkDisplay, nodeId, toTreeItem, tooltipOf } from './treeItems';

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

/**
 * One view's data provider. Elements are the model's nodes; VS Code keeps the ones it was given, so every call
 * looks the node up by id in the current model. A change in the store redraws only the rows that changed (the whole
 * tree only when its top level changed), paced so that VS Code draws each redraw at once (see DrawPacer).
 */
export class ExplorerTreeProvider extends DisposableOwner implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changeEmitter = this.own(new vscode.EventEmitter<ExplorerNode | ExplorerNode[] | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly drawn = new DrawnTree<ExplorerNode>();
  private readonly pacer = new DrawPacer(() => this.announceChanges());
  private index: { snapshot: ExplorerSnapshot; roots: readonly ExplorerNode[]; byId: Map<string, ExplorerNode> } | undefined;
  /** The redraws announced lately: the ids of the rows (undefined: everything). Tests and the benchmark read them. */
  readonly redraws: { ids: string[] | undefined; at: number; cause: 'data' | 'display' }[] = [];

  constructor(
    private readonly store: ExplorerSource,
    private readonly shape: TreeShape,
    private readonly display: () => NetworkDisplay = () => ({ fullIds: false }),
    /** Debug-level timing of redraws: what was announced, and when VS Code asked for the rows. */
    private readonly trace: (message: string) => void = () => {},
  ) {
    super();
    this.own(store.onDidChange(() => this.pacer.request()));
    this.own({ dispose: () => this.pacer.dispose() });
  }

  /** Redraws everything: view options or display settings changed, so every row may look different. */
  refresh(): void {
    this.index = undefined;
    this.drawn.clear();
    this.fire(undefined, 'display');
  }

  getTreeItem(element: ExplorerNode): vscode.TreeItem {
    const id = nodeId(element);
    const node = this.current().byId.get(id) ?? element;
    const item = toTreeItem(node, this.display());
    this.drawn.drewLook(id, lookOf(item, node));
    return item;
  }

  /** The hover text, asked for only when the row is hovered (see tooltipOf). */
  resolveTreeItem(item: vscode.TreeItem, element: ExplorerNode): vscode.TreeItem {
    item.tooltip ??= tooltipOf(this.latest(element));
    return item;
  }

  getChildren(element?: ExplorerNode): ExplorerNode[] {
    const current = this.current();
    const parentId = element && nodeId(element);
    const node = parentId === undefined ? undefined : current.byId.get(parentId);
    const children = element ? (node ? this.shape.children(node) : []) : current.roots;
    this.trace(`tree: VS Code asks for the ${children.length} rows ${parentId === undefined ? 'at the top level' : `under ${parentId}`}`);
    this.drawn.gaveChildren(
      parentId,
      children.map(child => ({ id: nodeId(child), node: child })),
    );
    return [...children];
  }

  getParent(element: ExplorerNode): ExplorerNode | undefined {
    const model = this.store.model;
    const node = this.current().byId.get(nodeId(element));
    return model && node ? this.shape.parent(node, model) : undefined;
  }

  /** The current node with this id (nodes are rebuilt on every reload). */
  findById(id: string): ExplorerNode | undefined {
    return this.current().byId.get(id);
  }

  /** The current version of a node VS Code handed back (a command's argument may be from an older model). */
  latest<T extends ExplorerNode>(node: T): T {
    return (this.current().byId.get(nodeId(node)) as T | undefined) ?? node;
  }

  /** Every node of the current model by id, built once per model. */
  private current(): { roots: readonly ExplorerNode[]; byId: ReadonlyMap<string, ExplorerNode> } {
    const snapshot = this.store.snapshot;
    if (this.index?.snapshot === snapshot) return this.index;
    const model = this.store.model;
    const roots = model ? this.shape.roots(model) : this.rootsWithout();
    const byId = new Map<string, ExplorerNode>();
    const add = (nodes: readonly ExplorerNode[]) => {
      for (const node of nodes) {
        byId.set(nodeId(node), node);
        add(this.shape.children(node));
      }
    };
    add(roots);
    this.index = { snapshot, roots, byId };
    return this.index;
  }

  /** The top level without a model: what to do when the engine cannot be reached, else nothing (loading). */
  private rootsWithout(): readonly ExplorerNode[] {
    const snapshot = this.store.snapshot;
    if (snapshot.kind !== 'unavailable') return [];
    return hostKeyToTrust(snapshot.cause) ? [TRUST_HOST_KEY_HINT, ...ENGINE_UNREACHABLE_HINTS] : ENGINE_UNREACHABLE_HINTS;
  }

  private announceChanges(): boolean {
    const current = this.current();
    const display = this.display();
    const redraw = this.drawn.changesTo({
      rootIds: current.roots.map(nodeId),
      childIds: id => {
        const node = current.byId.get(id);
        return node && this.shape.children(node).map(nodeId);
      },
      look: id => {
        const node = current.byId.get(id);
        return node && lookOf(toTreeItem(node, display), node);
      },
    });
    if (redraw.kind === 'none') return false;
    this.fire(redraw.kind === 'all' ? undefined : [...redraw.nodes], 'data');
    return true;
  }

  private fire(nodes: ExplorerNode[] | undefined, cause: 'data' | 'display'): void {
    this.trace(`tree: redraw ${nodes ? `${nodes.length} rows` : 'everything'}`);
    this.redraws.push({ ids: nodes?.map(nodeId), at: Date.now(), cause });
    if (this.redraws.length > 1000) this.redraws.splice(0, this.redraws.length - 1000);
    this.changeEmitter.fire(nodes);
  }
}

/** Everything VS Code draws for a row, its hover text included, as one string: equal strings draw the same row. */
function lookOf(item: vscode.TreeItem, node: ExplorerNode): string {
  // ThemeIcon and ThemeColor hold only their ids, so their JSON tells them apart.
  const icon = JSON.stringify(item.iconPath ?? null);
  const hover = item.tooltip ?? tooltipOf(node);
  const tooltip = hover instanceof vscode.MarkdownString ? hover.value : (hover ?? '');
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  return JSON.stringify([label, item.description, icon, tooltip, item.contextValue, item.collapsibleState, item.command?.command]);
}
