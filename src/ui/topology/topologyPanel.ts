// The Network Topology panel: one webview showing the explorer's networks, containers and endpoints as a picture.
// It reads every engine's ExplorerStore, the same as the trees (no engine calls of its own), with the Networks view's
// filter, lays the graph out (a box per engine when there are several), and sends the webview only what changed.
// Whatever the webview asks for, and every command its context menu runs, is checked first against the picture it
// was sent and then done with the extension's own commands in the item's engine, so Remove and Disconnect ask for
// confirmation exactly as from the tree.
import * as os from 'os';
import * as vscode from 'vscode';
import type { ContainerModel, EndpointModel, ExplorerModel, NetworkModel } from '../../model/explorer';
import { formatFilter, isEmptyFilter } from '../../model/filters/networkFilter';
import { visibleNetworks } from '../../model/networkView';
import { diffTopology, isEmptyDiff } from '../../model/topology/diff';
import { buildEnginesTopology, EngineTopologyInput, TopologyEdge, TopologyNode } from '../../model/topology/graph';
import { EnginesLayout } from '../../model/topology/groupLayout';
import type { LaidOutTopology } from '../../model/topology/layout';
import {
  FromWebview,
  TOPOLOGY_VIEW_TYPE,
  TopologyAction,
  TopologyMenuContext,
  TopologyStatus,
  ToWebview,
  validateFromWebview,
  validateMenuContext,
} from '../../model/topology/protocol';
import type { CommandContext } from '../commands/commandContext';
import { revealById } from '../tree/revealNode';
import { connectDropped } from '../commands/connectContainer';
import { DisposableOwner } from '../disposable';
import type { EngineSession } from '../engines/engineSessions';
import type { NetworkViewState } from '../tree/networkViewState';
import { containerNodeId, endpointNodeId, ExplorerNode, networkNodeId } from '../tree/treeItems';
import { topologyHtml } from './topologyHtml';

/** The engines the picture shows: every session of the window, in their order. */
export interface TopologySessions {
  readonly all: readonly EngineSession[];
  readonly onDidChange: vscode.Event<void>;
  byId(id: string | undefined): EngineSession | undefined;
}

export interface TopologyDependencies {
  readonly extensionUri: vscode.Uri;
  readonly sessions: TopologySessions;
  readonly viewState: NetworkViewState;
  readonly log: vscode.LogOutputChannel;
  /** The commands' context of one engine, for Connect after a drop and for revealing in the trees. */
  readonly commands: (engine: EngineSession) => CommandContext;
  /** Where an export is saved: the save dialog, or a test's answer. */
  readonly saveLocation?: (format: 'svg' | 'png') => Thenable<vscode.Uri | undefined>;
}

/** Which node Show in Topology selects: a network or container of an engine (IDs as the engine has them). */
export interface TopologyFocus {
  readonly engineId: string;
  readonly kind: 'network' | 'container';
  readonly id: string;
}

/** What a node or edge of the picture stands for in its engine's explorer model. */
type Target =
  | { readonly kind: 'network'; readonly network: NetworkModel }
  | { readonly kind: 'container'; readonly container: ContainerModel }
  | { readonly kind: 'endpoint'; readonly endpoint: EndpointModel };

export function targetOf(model: ExplorerModel, item: TopologyNode | TopologyEdge): Target | undefined {
  if (item.kind === 'network') {
    const network = model.networks.find(n => n.id === item.networkId);
    return network && { kind: 'network', network };
  }
  if (item.kind === 'container') {
    const container = model.containers.find(c => c.id === item.containerId);
    return container && { kind: 'container', container };
  }
  const endpoint = model.networks.find(n => n.id === item.networkId)?.endpoints.find(e => e.containerId === item.containerId);
  return endpoint ? { kind: 'endpoint', endpoint } : undefined;
}

const COMMAND_OF: Record<Exclude<TopologyAction, 'reveal'>, (kind: Target['kind']) => string | undefined> = {
  connect: kind => (kind === 'endpoint' ? undefined : 'dockerNetworks.container.connect'),
  disconnect: kind => (kind === 'network' ? undefined : 'dockerNetworks.container.disconnect'),
  remove: kind => (kind === 'network' ? 'dockerNetworks.network.remove' : undefined),
  inspect: kind => (kind === 'network' ? 'dockerNetworks.network.inspect' : 'dockerNetworks.container.inspect'),
};

const nodeOf = (target: Target): ExplorerNode =>
  target.kind === 'network' ? target.network : target.kind === 'container' ? target.container : target.endpoint;

const itemIn = (picture: LaidOutTopology | undefined, id: string): TopologyNode | TopologyEdge | undefined =>
  picture?.nodes.find(n => n.id === id) ?? picture?.edges.find(e => e.id === id);

/** Owns the one topology panel: opens it, reveals it, and restores it after a reload. */
export class TopologyPanels extends DisposableOwner {
  private current: TopologyPanel | undefined;

  constructor(private readonly deps: TopologyDependencies) {
    super();
    this.own(
      vscode.window.registerWebviewPanelSerializer(TOPOLOGY_VIEW_TYPE, {
        deserializeWebviewPanel: async panel => {
          this.adopt(panel);
        },
      }),
    );
  }

  /** Opens the panel (or brings it forward); with `focus`, selects and centres that node. */
  show(focus?: TopologyFocus): void {
    if (this.current) this.current.panel.reveal(undefined, false);
    else
      this.adopt(
        vscode.window.createWebviewPanel(TOPOLOGY_VIEW_TYPE, 'Network Topology', vscode.ViewColumn.Active, {
          enableScripts: true,
          localResourceRoots: localResourceRoots(this.deps.extensionUri),
        }),
      );
    if (focus) this.current?.focus(focus);
  }

  /**
   * A command run from the picture's context menu gets the right-clicked element's `data-vscode-context`: the
   * engine and the explorer node it stands for, if it names an item of the picture on screen, in that engine.
   */
  resolveMenuContext(raw: unknown): { engine: EngineSession; node: ExplorerNode } | { refused: string } {
    const panel = this.current;
    if (!panel) return { refused: 'the topology picture is not open' };
    return panel.resolve(raw);
  }

  /** The open panel, for tests. */
  get panel(): TopologyPanel | undefined {
    return this.current;
  }

  /** Display settings changed (built-in networks shown or not): draw again. */
  refresh(): void {
    this.current?.update();
  }

  /** Kept when the panel closes: opening it again shows the picture at once, where it was. */
  private readonly layout = new EnginesLayout();

  private adopt(panel: vscode.WebviewPanel): void {
    this.current?.panel.dispose();
    const created = new TopologyPanel(panel, this.deps, this.layout);
    this.current = created;
    this.own(
      panel.onDidDispose(() => {
        created.dispose();
        if (this.current === created) this.current = undefined;
      }),
    );
  }

  override dispose(): void {
    this.current?.panel.dispose();
    super.dispose();
  }
}

/** The argument a `webview/context` command gets for an item of the picture (see data-vscode-context in render.ts). */
function menuContext(id: string, engineId: string, kind: Target['kind'] = 'network'): TopologyMenuContext {
  return { webview: TOPOLOGY_VIEW_TYPE, webviewSection: kind, topologyId: id, topologyEngine: engineId };
}

export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')];
}

export class TopologyPanel extends DisposableOwner {
  /** The picture the webview holds (what its IDs refer to); undefined until it said it is ready. */
  private sent: LaidOutTopology | undefined;
  /** The latest picture laid out. */
  private picture: LaidOutTopology | undefined;
  private ready = false;
  private pendingFocus: TopologyFocus | undefined;
  /** The stores' change subscriptions, renewed when engines are added or removed. */
  private storeSubscriptions: vscode.Disposable[] = [];
  private updateQueued = false;
  /** The nodes Show in Topology selected, for tests. */
  readonly focused: string[] = [];
  /** Messages handled (and refused), for tests. */
  readonly handled: { message: FromWebview | undefined; refused?: string }[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: TopologyDependencies,
    private readonly layout = new EnginesLayout(),
  ) {
    super();
    panel.webview.options = { enableScripts: true, localResourceRoots: localResourceRoots(deps.extensionUri) };
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'docker-networks.svg');
    panel.webview.html = topologyHtml(panel.webview, deps.extensionUri);
    this.own(panel.webview.onDidReceiveMessage(message => void this.receive(message)));
    this.watchStores();
    this.own(
      deps.sessions.onDidChange(() => {
        this.watchStores();
        this.queueUpdate();
      }),
    );
    this.own({ dispose: () => this.storeSubscriptions.forEach(s => s.dispose()) });
    this.own(deps.viewState.onDidChange(() => this.queueUpdate()));
    // A hidden webview is torn down and loads again when shown: it says "ready" and gets the whole picture.
    this.own(
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    );
    this.update();
  }

  /** Any engine's store change redraws (incrementally: only the parts that changed are laid out again). */
  private watchStores(): void {
    this.storeSubscriptions.forEach(s => s.dispose());
    this.storeSubscriptions = this.deps.sessions.all.map(session => session.store.onDidChange(() => this.queueUpdate()));
  }

  /** Changes arriving together (the store and the filter) are drawn once. */
  private queueUpdate(): void {
    if (this.updateQueued) return;
    this.updateQueued = true;
    setImmediate(() => {
      this.updateQueued = false;
      this.update();
    });
  }

  /** The picture the webview was last sent: what its messages may name. */
  get shown(): LaidOutTopology | undefined {
    return this.sent;
  }

  /** Selects and centres a network or container of an engine, once the picture has it. */
  focus(focus: TopologyFocus): void {
    const id = this.nodeIdOf(focus);
    if (this.ready && this.sent && id) this.sendFocus(id);
    else this.pendingFocus = focus;
  }

  private sendFocus(id: string): void {
    this.focused.push(id);
    this.post({ type: 'focus', id });
  }

  /** The picture's node for a network or container of an engine (a spanning swarm network for any of its engines). */
  nodeIdOf(focus: TopologyFocus): string | undefined {
    return this.picture?.nodes.find(node =>
      node.kind === 'network'
        ? focus.kind === 'network' && node.networkId === focus.id && node.engineIds.includes(focus.engineId)
        : focus.kind === 'container' && node.containerId === focus.id && node.engineId === focus.engineId,
    )?.id;
  }

  /** Lays out every engine's current model and sends the webview what changed. */
  update(): void {
    const sessions = this.deps.sessions.all;
    const filter = this.filterText();
    const only = sessions.length === 1 ? sessions[0].store.snapshot : undefined;
    if (only && only.kind !== 'ready') {
      const status: TopologyStatus =
        only.kind === 'loading'
          ? { kind: 'loading', text: 'Loading networks and containers…' }
          : { kind: 'unavailable', text: `Docker Engine unreachable: ${only.reason}` };
      if (this.ready) this.post({ type: 'status', status, filter });
      return;
    }
    const started = Date.now();
    const inputs = sessions.map(session => this.inputOf(session));
    this.picture = this.layout.update(buildEnginesTopology(inputs));
    this.send(this.statusOf(sessions, inputs), filter, started);
  }

  private inputOf(session: EngineSession): EngineTopologyInput {
    const snapshot = session.store.snapshot;
    const base = { engineId: session.entry.id, name: session.entry.name, ...(session.entry.host ? { host: session.entry.host } : {}) };
    if (snapshot.kind === 'loading') return { ...base, note: 'Loading networks and containers…' };
    if (snapshot.kind !== 'ready') return { ...base, note: `Unreachable: ${snapshot.reason}` };
    const options = this.deps.viewState.options;
    const networks = visibleNetworks(snapshot.model, options).filter(network => options.showBuiltIn || !network.builtIn);
    return {
      ...base,
      model: snapshot.model,
      networks,
      ...(snapshot.stale
        ? { note: `Not refreshed since ${new Date(snapshot.stale.since).toLocaleTimeString()}: ${snapshot.stale.reason}` }
        : {}),
    };
  }

  /** One engine: as its store says. Several: ready, or stale naming the engines whose boxes are empty or old. */
  private statusOf(sessions: readonly EngineSession[], inputs: readonly EngineTopologyInput[]): TopologyStatus {
    if (sessions.length === 1) {
      const snapshot = sessions[0].store.snapshot;
      return snapshot.kind === 'ready' && snapshot.stale
        ? { kind: 'stale', text: `Not refreshed since ${new Date(snapshot.stale.since).toLocaleTimeString()}: ${snapshot.stale.reason}` }
        : { kind: 'ready' };
    }
    const noted = inputs.filter(input => input.note);
    return noted.length ? { kind: 'stale', text: noted.map(input => `${input.name}: ${input.note}`).join(' · ') } : { kind: 'ready' };
  }

  private send(status: TopologyStatus, filter: string | undefined, started: number): void {
    if (!this.ready || !this.picture) return;
    if (!this.sent) this.post({ type: 'picture', picture: this.picture, status, filter });
    else {
      const diff = diffTopology(this.sent, this.picture);
      if (isEmptyDiff(diff)) this.post({ type: 'status', status, filter });
      else {
        this.post({ type: 'diff', diff, status, filter });
        this.deps.log.debug(
          `topology: ${diff.upsertNodes.length} boxes and ${diff.upsertEdges.length} lines drawn, ${diff.removeNodes.length + diff.removeEdges.length} removed, in ${Date.now() - started} ms`,
        );
      }
    }
    this.sent = this.picture;
    const focusId = this.pendingFocus && this.nodeIdOf(this.pendingFocus);
    if (focusId) {
      this.sendFocus(focusId);
      this.pendingFocus = undefined;
    }
  }

  private filterText(): string | undefined {
    const filter = this.deps.viewState.filter;
    return isEmptyFilter(filter) ? undefined : formatFilter(filter);
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  /** Every message is checked against the picture the webview was last sent before anything is done. */
  async receive(raw: unknown): Promise<void> {
    const result = validateFromWebview(raw, this.sent);
    if (!result.ok) {
      this.handled.push({ message: undefined, refused: result.reason });
      this.deps.log.warn(`topology: refused a message from the picture (${result.reason})`);
      return;
    }
    const message = result.message;
    this.handled.push({ message });
    try {
      await this.act(message);
    } catch (err) {
      this.deps.log.error(`topology: ${message.type} failed: ${(err as Error)?.message ?? String(err)}`);
      void vscode.window.showErrorMessage((err as Error)?.message ?? String(err));
    }
  }

  private async act(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.sent = undefined;
        return this.update();
      case 'relayout':
        this.layout.reset();
        this.sent = undefined;
        return this.update();
      case 'reveal':
        return this.reveal(message.id, message.engine);
      case 'inspect':
        return this.run('inspect', message.id, message.engine);
      case 'action':
        return message.action === 'reveal' ? this.reveal(message.id, message.engine) : this.run(message.action, message.id, message.engine);
      case 'drop': {
        const engine = this.deps.sessions.byId(message.engine);
        const container = itemIn(this.sent, message.container);
        const network = itemIn(this.sent, message.network);
        if (!engine || container?.kind !== 'container' || network?.kind !== 'network') return;
        await connectDropped(this.deps.commands(engine), [container.containerId], network.networkId);
        return;
      }
      case 'export':
        return this.save(message.format, message.data);
      case 'exportFailed':
        void vscode.window.showErrorMessage(`The picture could not be exported: ${message.reason}`);
        return;
    }
  }

  /** A context-menu command's argument (or an action message) as the engine and explorer node it names. */
  resolve(raw: unknown): { engine: EngineSession; node: ExplorerNode; target: Target } | { refused: string } {
    const checked = validateMenuContext(raw, this.sent);
    if (!checked.ok) return { refused: checked.reason };
    const engine = this.deps.sessions.byId(checked.engine);
    const item = itemIn(this.sent, checked.id);
    const model = engine?.store.model;
    const target = model && item && targetOf(model, item);
    if (!engine || !target) return { refused: `"${checked.id}" is no longer on the engine` };
    return { engine, node: nodeOf(target), target };
  }

  private target(id: string, engineId: string): { engine: EngineSession; target: Target } | undefined {
    const resolved = this.resolve(menuContext(id, engineId));
    if ('refused' in resolved) {
      void vscode.window.showInformationMessage('That is no longer on the engine.');
      return undefined;
    }
    return resolved;
  }

  /** Runs the command through the same argument the native context menu passes: one path, one check. */
  private async run(action: Exclude<TopologyAction, 'reveal'>, id: string, engineId: string): Promise<void> {
    const found = this.target(id, engineId);
    const command = found && COMMAND_OF[action](found.target.kind);
    if (!found || !command) return;
    await vscode.commands.executeCommand(command, menuContext(id, engineId, found.target.kind));
  }

  /** Selects the network, container or endpoint in its tree; the picture keeps the focus. */
  private async reveal(id: string, engineId: string): Promise<void> {
    const found = this.target(id, engineId);
    if (!found) return;
    const { target } = found;
    const context = this.deps.commands(found.engine);
    const [tree, view, nodeId] =
      target.kind === 'network'
        ? [context.networksTree, context.networksView, networkNodeId(target.network.id)]
        : target.kind === 'container'
          ? [context.containersTree, context.containersView, containerNodeId(target.container.id)]
          : [context.networksTree, context.networksView, endpointNodeId(target.endpoint.networkId, target.endpoint.containerId)];
    await revealById(view, tree, nodeId, { select: true, focus: false, expand: target.kind === 'endpoint' ? true : undefined });
  }

  private async save(format: 'svg' | 'png', data: string): Promise<void> {
    const ask =
      this.deps.saveLocation ??
      ((f: 'svg' | 'png') =>
        vscode.window.showSaveDialog({
          title: `Export Network Topology as ${f.toUpperCase()}`,
          defaultUri: vscode.Uri.joinPath(
            vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()),
            `network-topology.${f}`,
          ),
          filters: f === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
        }));
    const uri = await ask(format);
    if (!uri) return;
    const bytes = format === 'svg' ? new TextEncoder().encode(data) : Buffer.from(data.slice('data:image/png;base64,'.length), 'base64');
    await vscode.workspace.fs.writeFile(uri, bytes);
    void vscode.window.showInformationMessage(`Saved the network topology to ${uri.fsPath || uri.toString()}.`);
  }
}
