// One view over every engine's tree. With a single engine it is that engine's tree, row for row, as before; with
// more, each engine is a root (name, endpoint, state icon, the cause when it is unreachable) above its own rows.
// Row ids are prefixed with the engine's id, so the same network seen from two swarm nodes is two rows.
import * as vscode from 'vscode';
import type { ConnectionState } from '../../engine/engineConnection';
import type { ExplorerSnapshot } from '../../engine/explorerStore';
import { redactCredentials } from '../../engine/engineAddress';
import { DisposableOwner } from '../disposable';
import type { EngineSession, EngineSessions } from '../engines/engineSessions';
import type { ExplorerTreeProvider } from './explorerTree';
import { ExplorerNode, nodeId } from './treeItems';

/** An engine's root row, shown when the window has more than one engine. */
export interface EngineRootModel {
  readonly kind: 'engine';
  readonly engineId: string;
}

export type EngineTreeNode = ExplorerNode | EngineRootModel;

export const engineRootId = (engineId: string) => `engine/${engineId}`;

type TreeOf = (session: EngineSession) => ExplorerTreeProvider;

/** What commands need of a view's tree, scoped to one engine. */
export interface EngineScopedTree {
  findById(id: string): ExplorerNode | undefined;
  latest<T extends ExplorerNode>(node: T): T;
}

export class EngineTreeProvider extends DisposableOwner implements vscode.TreeDataProvider<EngineTreeNode> {
  private readonly changeEmitter = this.own(new vscode.EventEmitter<EngineTreeNode | EngineTreeNode[] | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  /** Which engine each row VS Code was given belongs to (rows of two engines may share ids). */
  private readonly owners = new WeakMap<object, EngineSession>();
  private readonly roots = new Map<string, EngineRootModel>();
  private subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly sessions: EngineSessions,
    private readonly treeOf: TreeOf,
  ) {
    super();
    this.own(sessions.onDidChange(() => this.follow()));
    this.own({ dispose: () => this.subscriptions.forEach(s => s.dispose()) });
    this.follow();
  }

  private get multiple(): boolean {
    return this.sessions.all.length > 1;
  }

  private follow(): void {
    this.subscriptions.forEach(s => s.dispose());
    this.subscriptions = this.sessions.all.flatMap(session => [
      this.treeOf(session).onDidChangeTreeData(change => this.forward(session, change)),
      session.connection.onDidChangeState(() => this.redrawRootIfChanged(session)),
      // A refresh that failed leaves the rows as they were: the root says since when they are not current.
      session.store.onDidChange(() => this.redrawRootIfChanged(session)),
    ]);
    this.changeEmitter.fire(undefined);
  }

  private readonly drawnLooks = new Map<string, string>();

  /** Redraws an engine's root only when its row would look different (redrawing it re-asks for all its rows). */
  private redrawRootIfChanged(session: EngineSession): void {
    if (!this.multiple) return;
    const look = JSON.stringify(engineLook(session.connection.state, session.entry.host, session.store.snapshot));
    if (this.drawnLooks.get(session.entry.id) === look) return;
    this.drawnLooks.set(session.entry.id, look);
    this.changeEmitter.fire([this.rootOf(session)]);
  }

  /** An engine's tree redrew: everything under its root, or the rows it names. */
  private forward(session: EngineSession, change: ExplorerNode | ExplorerNode[] | undefined): void {
    if (change === undefined) this.changeEmitter.fire(this.multiple ? [this.rootOf(session)] : undefined);
    else this.changeEmitter.fire(change);
  }

  rootOf(session: EngineSession): EngineRootModel {
    let root = this.roots.get(session.entry.id);
    if (!root) {
      root = { kind: 'engine', engineId: session.entry.id };
      this.roots.set(session.entry.id, root);
    }
    return root;
  }

  /** The engine a row belongs to; rows VS Code never got (found by id for a reveal) are looked up in every tree. */
  ownerOf(node: EngineTreeNode): EngineSession | undefined {
    if (node.kind === 'engine') return this.sessions.byId(node.engineId);
    const known = this.owners.get(node);
    if (known && this.sessions.all.includes(known)) return known;
    const id = nodeId(node);
    return (
      this.sessions.all.find(session => this.treeOf(session).findById(id) === node) ??
      (this.multiple ? undefined : this.sessions.defaultSession)
    );
  }

  /** The tree of one engine, for a command acting on that engine: what it finds is known to belong there. */
  scopedTo(session: EngineSession): EngineScopedTree {
    const tree = this.treeOf(session);
    return {
      findById: id => this.remember(session, tree.findById(id)),
      // Only what this engine's tree has is remembered as its own: a swarm network's endpoint from another engine
      // stays the row of the engine it is shown under.
      latest: node => (tree.findById(nodeId(node)) ? this.remember(session, tree.latest(node)) : node),
    };
  }

  private remember<T extends ExplorerNode | undefined>(session: EngineSession, node: T): T {
    if (node) this.owners.set(node, session);
    return node;
  }

  getTreeItem(element: EngineTreeNode): vscode.TreeItem {
    if (element.kind === 'engine') return this.engineItem(element);
    const session = this.ownerOf(element) ?? this.sessions.defaultSession;
    const item = this.treeOf(session).getTreeItem(element);
    if (this.multiple) item.id = `${session.entry.id}|${item.id}`;
    // A hint's action (Retry Connection, Trust SSH Host Key…) acts on the engine it is shown under.
    if (element.kind === 'hint' && item.command) item.command = { ...item.command, arguments: [element] };
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, element: EngineTreeNode): vscode.TreeItem {
    if (element.kind === 'engine') return item;
    const session = this.ownerOf(element) ?? this.sessions.defaultSession;
    return this.treeOf(session).resolveTreeItem(item, element);
  }

  getChildren(element?: EngineTreeNode): EngineTreeNode[] {
    if (!element) {
      if (this.multiple) return this.sessions.all.map(session => this.rootOf(session));
      return this.childrenIn(this.sessions.defaultSession, undefined);
    }
    if (element.kind === 'engine') {
      const session = this.sessions.byId(element.engineId);
      return session ? this.childrenIn(session, undefined) : [];
    }
    const session = this.ownerOf(element);
    return session ? this.childrenIn(session, element) : [];
  }

  private childrenIn(session: EngineSession, element: ExplorerNode | undefined): ExplorerNode[] {
    const children = this.treeOf(session).getChildren(element);
    for (const child of children) this.owners.set(child, session);
    return children;
  }

  getParent(element: EngineTreeNode): EngineTreeNode | undefined {
    if (element.kind === 'engine') return undefined;
    const session = this.ownerOf(element);
    if (!session) return undefined;
    const parent = this.treeOf(session).getParent(element);
    if (parent) {
      this.owners.set(parent, session);
      return parent;
    }
    return this.multiple ? this.rootOf(session) : undefined;
  }

  private engineItem(root: EngineRootModel): vscode.TreeItem {
    const session = this.sessions.byId(root.engineId);
    const item = new vscode.TreeItem(session?.entry.name ?? root.engineId, vscode.TreeItemCollapsibleState.Expanded);
    item.id = engineRootId(root.engineId);
    if (!session) return item;
    const look = engineLook(session.connection.state, session.entry.host, session.store.snapshot);
    this.drawnLooks.set(session.entry.id, JSON.stringify(look));
    item.description = look.description;
    item.tooltip = look.tooltip;
    item.iconPath = new vscode.ThemeIcon(look.icon, look.color && new vscode.ThemeColor(look.color));
    item.contextValue = `engine ${session.entry.origin} ${session.connection.state.kind}`;
    return item;
  }
}

const SWARM_ROLE_NOTES: Record<string, string> = {
  'swarm manager':
    'Swarm manager: lists every swarm network, node and task. Swarm networks of the engines of its swarm are shown here, once.',
  'swarm worker':
    'Swarm worker: lists a swarm network only while something on this node is attached to it. With a manager in the window, its swarm networks are shown under the manager.',
};

/** An engine root's row: its endpoint and state in the description, the whole cause in the hover. */
export function engineLook(
  state: ConnectionState,
  host: string | undefined,
  snapshot?: ExplorerSnapshot,
): { description: string; tooltip: string; icon: string; color?: string } {
  const endpoint =
    state.kind === 'connected' ? state.gateway.addressDescription : (state.engineAddress ?? (host ? redactCredentials(host) : ''));
  switch (state.kind) {
    case 'connected': {
      const engine = state.gateway.engine;
      if (snapshot?.kind === 'ready' && snapshot.stale) {
        const since = new Date(snapshot.stale.since).toLocaleTimeString();
        return {
          description: `${endpoint} · not refreshed since ${since}`,
          tooltip: `Not refreshed since ${since}: ${snapshot.stale.reason}`,
          icon: 'warning',
          color: 'list.warningForeground',
        };
      }
      const swarm = snapshot?.kind === 'ready' ? snapshot.model.swarm : undefined;
      const role = swarm ? (swarm.manager ? 'swarm manager' : 'swarm worker') : undefined;
      return {
        description: role ? `${endpoint} · ${role}` : endpoint,
        tooltip: `${endpoint}\nDocker Engine ${engine.engineVersion} (API ${engine.apiVersion}), ${engine.platformName}${role ? `\n${SWARM_ROLE_NOTES[role]}` : ''}`,
        icon: 'server-environment',
        color: 'testing.iconPassed',
      };
    }
    case 'connecting':
      return { description: `${endpoint} · connecting…`, tooltip: `Connecting to ${endpoint}…`, icon: 'loading~spin' };
    case 'unreachable':
      return { description: `${endpoint} · unreachable`, tooltip: state.error.message, icon: 'error', color: 'errorForeground' };
  }
}
