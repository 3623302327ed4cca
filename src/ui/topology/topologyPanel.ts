// The Network Topology panel: one webview showing the explorer's networks, containers and endpoints as a picture.
// It reads the same ExplorerStore as the trees (no engine calls of its own), with the Networks view's filter, lays
// the graph out, and sends the webview only what changed. Whatever the webview asks for is checked first and then
// done with the extension's own commands, so Remove and Disconnect ask for confirmation exactly as from the tree.
import * as os from 'os';
import * as vscode from 'vscode';
import type { ExplorerStore } from '../../engine/explorerStore';
import type { ContainerModel, EndpointModel, ExplorerModel, NetworkModel } from '../../model/explorer';
import { formatFilter, isEmptyFilter } from '../../model/filters/networkFilter';
import { visibleNetworks } from '../../model/networkView';
import { diffTopology, isEmptyDiff } from '../../model/topology/diff';
import { buildTopology } from '../../model/topology/graph';
import { LaidOutTopology, TopologyLayout } from '../../model/topology/layout';
import {
  FromWebview,
  TOPOLOGY_VIEW_TYPE,
  TopologyAction,
  TopologyStatus,
  ToWebview,
  validateFromWebview,
} from '../../model/topology/protocol';
import type { CommandContext } from '../commands/commandContext';
import { revealById } from '../tree/revealNode';
import { connectDropped } from '../commands/connectContainer';
import { DisposableOwner } from '../disposable';
import type { NetworkViewState } from '../tree/networkViewState';
import { containerNodeId, endpointNodeId, ExplorerNode, networkNodeId } from '../tree/treeItems';
import { topologyHtml } from './topologyHtml';

export interface TopologyDependencies {
  readonly extensionUri: vscode.Uri;
  readonly store: ExplorerStore;
  readonly viewState: NetworkViewState;
  readonly log: vscode.LogOutputChannel;
  /** The commands' context, for Connect after a drop and for revealing in the trees (built after the panel's owner). */
  readonly commands: () => CommandContext;
  /** Where an export is saved: the save dialog, or a test's answer. */
  readonly saveLocation?: (format: 'svg' | 'png') => Thenable<vscode.Uri | undefined>;
}

/** What a node or edge ID of the picture stands for in the explorer model. */
type Target =
  | { readonly kind: 'network'; readonly network: NetworkModel }
  | { readonly kind: 'container'; readonly container: ContainerModel }
  | { readonly kind: 'endpoint'; readonly endpoint: EndpointModel };

export function targetOf(model: ExplorerModel, id: string): Target | undefined {
  if (id.startsWith('n:')) {
    const network = model.networks.find(n => n.id === id.slice(2));
    return network && { kind: 'network', network };
  }
  if (id.startsWith('c:')) {
    const container = model.containers.find(c => c.id === id.slice(2));
    return container && { kind: 'container', container };
  }
  const match = /^e:([^:]+):([^:]+)$/.exec(id);
  const endpoint = match && model.networks.find(n => n.id === match[1])?.endpoints.find(e => e.containerId === match[2]);
  return endpoint ? { kind: 'endpoint', endpoint } : undefined;
}

const COMMAND_OF: Record<Exclude<TopologyAction, 'reveal'>, (target: Target) => string | undefined> = {
  connect: target => (target.kind === 'endpoint' ? undefined : 'dockerNetworks.container.connect'),
  disconnect: target => (target.kind === 'network' ? undefined : 'dockerNetworks.container.disconnect'),
  remove: target => (target.kind === 'network' ? 'dockerNetworks.network.remove' : undefined),
  inspect: target => (target.kind === 'network' ? 'dockerNetworks.network.inspect' : 'dockerNetworks.container.inspect'),
};

const nodeOf = (target: Target): ExplorerNode =>
  target.kind === 'network' ? target.network : target.kind === 'container' ? target.container : target.endpoint;

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

  /** Opens the panel (or brings it forward); with `focusId`, selects and centres that node. */
  show(focusId?: string): void {
    if (this.current) this.current.panel.reveal(undefined, false);
    else
      this.adopt(
        vscode.window.createWebviewPanel(TOPOLOGY_VIEW_TYPE, 'Network Topology', vscode.ViewColumn.Active, {
          enableScripts: true,
          localResourceRoots: localResourceRoots(this.deps.extensionUri),
        }),
      );
    if (focusId) this.current?.focus(focusId);
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
  private readonly layout = new TopologyLayout();

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

export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')];
}

export class TopologyPanel extends DisposableOwner {
  /** The picture the webview holds (what its IDs refer to); undefined until it said it is ready. */
  private sent: LaidOutTopology | undefined;
  /** The latest picture laid out. */
  private picture: LaidOutTopology | undefined;
  private ready = false;
  private pendingFocus: string | undefined;
  private updateQueued = false;
  /** Messages handled (and refused), for tests. */
  readonly handled: { message: FromWebview | undefined; refused?: string }[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: TopologyDependencies,
    private readonly layout = new TopologyLayout(),
  ) {
    super();
    panel.webview.options = { enableScripts: true, localResourceRoots: localResourceRoots(deps.extensionUri) };
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'docker-networks.svg');
    panel.webview.html = topologyHtml(panel.webview, deps.extensionUri);
    this.own(panel.webview.onDidReceiveMessage(message => void this.receive(message)));
    this.own(deps.store.onDidChange(() => this.queueUpdate()));
    this.own(deps.viewState.onDidChange(() => this.queueUpdate()));
    // A hidden webview is torn down and loads again when shown: it says "ready" and gets the whole picture.
    this.own(
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    );
    this.update();
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

  focus(id: string): void {
    if (this.ready && this.sent) this.post({ type: 'focus', id });
    else this.pendingFocus = id;
  }

  /** Lays out the store's current model and sends the webview what changed. */
  update(): void {
    const snapshot = this.deps.store.snapshot;
    const filter = this.filterText();
    if (snapshot.kind !== 'ready') {
      const status: TopologyStatus =
        snapshot.kind === 'loading'
          ? { kind: 'loading', text: 'Loading networks and containers…' }
          : { kind: 'unavailable', text: `Docker Engine unreachable: ${snapshot.reason}` };
      if (this.ready) this.post({ type: 'status', status, filter });
      return;
    }
    const started = Date.now();
    const options = this.deps.viewState.options;
    const networks = visibleNetworks(snapshot.model, options).filter(network => options.showBuiltIn || !network.builtIn);
    this.picture = this.layout.update(buildTopology(snapshot.model, { networks }));
    const status: TopologyStatus = snapshot.stale
      ? { kind: 'stale', text: `Not refreshed since ${new Date(snapshot.stale.since).toLocaleTimeString()}: ${snapshot.stale.reason}` }
      : { kind: 'ready' };
    this.send(status, filter, started);
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
    if (this.pendingFocus) {
      this.post({ type: 'focus', id: this.pendingFocus });
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
        return this.reveal(message.id);
      case 'inspect':
        return this.run('inspect', message.id);
      case 'action':
        return message.action === 'reveal' ? this.reveal(message.id) : this.run(message.action, message.id);
      case 'drop':
        await connectDropped(this.deps.commands(), [message.container.slice(2)], message.network.slice(2));
        return;
      case 'export':
        return this.save(message.format, message.data);
      case 'exportFailed':
        void vscode.window.showErrorMessage(`The picture could not be exported: ${message.reason}`);
        return;
    }
  }

  private target(id: string): Target | undefined {
    const model = this.deps.store.model;
    const target = model && targetOf(model, id);
    if (!target) void vscode.window.showInformationMessage('That is no longer on the engine.');
    return target;
  }

  private async run(action: Exclude<TopologyAction, 'reveal'>, id: string): Promise<void> {
    const target = this.target(id);
    const command = target && COMMAND_OF[action](target);
    if (!target || !command) return;
    const node = nodeOf(target);
    await vscode.commands.executeCommand(command, node, [node]);
  }

  /** Selects the network, container or endpoint in its tree; the picture keeps the focus. */
  private async reveal(id: string): Promise<void> {
    const target = this.target(id);
    if (!target) return;
    const context = this.deps.commands();
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
