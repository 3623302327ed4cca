// Wires the layers together and owns every disposable: engine connection → explorer store → views and commands.
import { CONTAINERS_VIEW_ID, NETWORKS_VIEW_ID } from './ui/tree/viewIds';
import * as vscode from 'vscode';
import type { EngineConnection } from './engine/engineConnection';
import type { ExplorerStore } from './engine/explorerStore';
import { COMMANDS } from './ui/commands';
import { contextFor, registerCommands, SharedCommandContext } from './ui/commands/register';
import { INSPECT_SCHEME, InspectDocuments } from './ui/documents/inspectDocuments';
import { InspectLinks } from './ui/documents/inspectLinks';
import { ConnectivityDocuments } from './ui/documents/connectivityDocuments';
import { EngineStatusPresenter } from './ui/engineStatus';
import { EngineSession, EngineSessions } from './ui/engines/engineSessions';
import { EngineStatusBar } from './ui/engines/engineStatusBar';
import { createLog, engineLoggerFor } from './ui/log';
import { SettingsWatcher } from './ui/settings';
import type { ExplorerTreeProvider } from './ui/tree/explorerTree';
import { ContainerDragAndDrop } from './ui/tree/dragAndDrop';
import { EngineTreeNode, EngineTreeProvider } from './ui/tree/engineTree';
import { NetworkDisplaySettings } from './ui/tree/networkDisplay';
import { NetworkViewState } from './ui/tree/networkViewState';
import { NO_CONTAINERS_HINT } from './model/networkView';
import type { NetworkModel } from './model/explorer';
import { connectDropped } from './ui/commands/connectContainer';
import { VsCodePrompter } from './ui/wizard/vscodePrompter';
import { TopologyPanels } from './ui/topology/topologyPanel';
import type { Prompter } from './ui/wizard/prompter';

/**
 * What activate() returns, for the extension's own tests in the extension host: what they read (connection, store,
 * trees, the Networks view and its filter, the log) and the one thing they change, who answers the questions.
 */
export interface DockerNetworksApi {
  /** The default engine's connection, store and trees. */
  readonly connection: EngineConnection;
  readonly store: ExplorerStore;
  readonly networksTree: ExplorerTreeProvider;
  readonly containersTree: ExplorerTreeProvider;
  /** Every engine the window shows, and the views' trees over all of them (engine roots when there are several). */
  readonly sessions: EngineSessions;
  readonly engineTrees: { readonly networks: EngineTreeProvider; readonly containers: EngineTreeProvider };
  readonly networksView: vscode.TreeView<EngineTreeNode>;
  /** What the Networks view does with a drag and a drop (tests drive it with a DataTransfer of their own). */
  readonly networksDragAndDrop: ContainerDragAndDrop;
  readonly viewState: NetworkViewState;
  readonly log: vscode.LogOutputChannel;
  /** The Network Topology panel and its restorer. */
  readonly topology: TopologyPanels;
  /**
   * Every question goes to this prompter until the returned function puts the previous one back. Only when VS Code
   * runs the extension's tests (extensionMode Test): otherwise another extension could answer a Remove or Prune
   * confirmation on the user's behalf.
   */
  usePrompter?(prompter: Prompter): () => void;
}

export function activate(extensionContext: vscode.ExtensionContext): DockerNetworksApi {
  const activationStartedAt = Date.now();
  const own = <T extends vscode.Disposable | { dispose(): unknown }>(disposable: T): T => {
    extensionContext.subscriptions.push(disposable as vscode.Disposable);
    return disposable;
  };
  const log = own(createLog());
  const logger = engineLoggerFor(log);

  const viewState = own(new NetworkViewState(extensionContext.workspaceState));
  const display = new NetworkDisplaySettings(log);
  const sessions = own(
    new EngineSessions({
      logger,
      trace: message => log.debug(message),
      viewState,
      display,
      memory: extensionContext.globalState,
      warn: message => {
        log.warn(message);
        void vscode.window.showWarningMessage(message);
      },
    }),
  );
  const networksTree = own(new EngineTreeProvider(sessions, session => session.networksTree));
  const containersTree = own(new EngineTreeProvider(sessions, session => session.containersTree, NO_CONTAINERS_HINT));
  own(viewState.onDidChange(() => sessions.all.forEach(session => session.networksTree.refresh())));
  // Drops run the Connect flow, which needs the command context built below: resolve it lazily.
  let shared: SharedCommandContext | undefined;
  const dropHandler = {
    connect: (containerIds: string[], networkId: string, engine: EngineSession, network?: NetworkModel) =>
      connectDropped(contextFor(shared!, engine), containerIds, networkId, network),
  };
  const networksDragAndDrop = new ContainerDragAndDrop(
    dropHandler,
    true,
    node => networksTree.ownerOf(node) ?? containersTree.ownerOf(node),
    (engineId, of) => sessions.swarmPeerOf(engineId, of),
  );
  const networksView = own(
    vscode.window.createTreeView<EngineTreeNode>(NETWORKS_VIEW_ID, {
      treeDataProvider: networksTree,
      canSelectMany: true,
      showCollapseAll: true,
      dragAndDropController: networksDragAndDrop,
    }),
  );
  const containersView = own(
    vscode.window.createTreeView<EngineTreeNode>(CONTAINERS_VIEW_ID, {
      treeDataProvider: containersTree,
      canSelectMany: true,
      showCollapseAll: true,
      dragAndDropController: new ContainerDragAndDrop(dropHandler, false, node => containersTree.ownerOf(node)),
    }),
  );
  own(new EngineStatusPresenter(sessions, [networksView, containersView]));
  own(new EngineStatusBar(sessions));
  viewState.attach(networksView);
  const inspectDocuments = own(new InspectDocuments(sessions));
  own(new InspectLinks(sessions));
  const connectivityDocuments = own(new ConnectivityDocuments(sessions));
  // The picture shows every engine; its actions run as commands on the engine of the item acted on.
  const topology = own(
    new TopologyPanels({
      extensionUri: extensionContext.extensionUri,
      sessions,
      viewState,
      log,
      commands: engine => contextFor(shared!, engine),
    }),
  );

  shared = {
    sessions,
    networksTree,
    containersTree,
    networksView,
    containersView,
    inspectDocuments,
    connectivityDocuments,
    log,
    viewState,
    topology,
    prompter: new VsCodePrompter(),
  };
  for (const registration of registerCommands(COMMANDS, shared, commandTitles(extensionContext))) own(registration);

  // The engine sends no event for some changes (connecting a stopped container): look again when the user does.
  const reloadAll = () => sessions.all.forEach(session => session.store.scheduleReload());
  for (const view of [networksView, containersView])
    own(
      view.onDidChangeVisibility(event => {
        if (event.visible) reloadAll();
      }),
    );
  // An unreachable engine is asked again only while something of ours is on screen.
  const updatePause = () =>
    sessions.setPaused(
      !networksView.visible &&
        !containersView.visible &&
        !vscode.window.visibleTextEditors.some(editor => editor.document.uri.scheme === INSPECT_SCHEME),
    );
  for (const view of [networksView, containersView]) own(view.onDidChangeVisibility(updatePause));
  own(vscode.window.onDidChangeVisibleTextEditors(updatePause));
  own(sessions.onDidChange(updatePause));
  updatePause();
  own(
    vscode.window.onDidChangeWindowState(state => {
      if (state.focused) reloadAll();
    }),
  );

  own(
    own(new SettingsWatcher()).onDidChange(change => {
      if (change.view) {
        display.reload();
        for (const session of sessions.all) session.networksTree.refresh();
        topology.refresh();
      }
      if (change.engines) sessions.reload();
      if (change.connection) {
        log.info('engine settings changed: reconnecting');
        sessions.reconnectAll();
      }
    }),
  );

  // The benchmark reads this line: its timestamp minus the duration is when activation began.
  log.info(`activated: both views registered ${Date.now() - activationStartedAt} ms after activation began`);
  const context = shared;
  const usePrompter = (prompter: Prompter) => {
    const previous = context.prompter;
    context.prompter = prompter;
    return () => {
      context.prompter = previous;
    };
  };
  const testing = extensionContext.extensionMode === vscode.ExtensionMode.Test;
  const defaultSession = () => sessions.defaultSession;
  return {
    get connection() {
      return defaultSession().connection;
    },
    get store() {
      return defaultSession().store;
    },
    get networksTree() {
      return defaultSession().networksTree;
    },
    get containersTree() {
      return defaultSession().containersTree;
    },
    sessions,
    engineTrees: { networks: networksTree, containers: containersTree },
    networksView,
    networksDragAndDrop,
    viewState,
    log,
    topology,
    ...(testing ? { usePrompter } : {}),
  };
}

/** "Docker Networks: Create Network…" → "Create Network…", from the manifest, for messages that name a command. */
function commandTitles(extensionContext: vscode.ExtensionContext): Map<string, string> {
  const commands =
    (extensionContext.extension.packageJSON as { contributes?: { commands?: { command: string; title: string }[] } }).contributes
      ?.commands ?? [];
  return new Map(commands.map(command => [command.command, command.title.replace(/…$/, '')]));
}

export function deactivate(): void {
  // Everything is disposed through extensionContext.subscriptions.
}
