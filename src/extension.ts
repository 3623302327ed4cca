// Wires the layers together and owns every disposable: engine connection → explorer store → views and commands.
import { CONTAINERS_VIEW_ID, NETWORKS_VIEW_ID } from './ui/tree/viewIds';
import * as os from 'os';
import * as vscode from 'vscode';
import { readFileIfExists, resolveEngineAddress } from './engine/engineAddress';
import { EngineConnection } from './engine/engineConnection';
import { ExplorerStore } from './engine/explorerStore';
import type { CommandContext } from './ui/commands/commandContext';
import { COMMANDS } from './ui/commands';
import { registerCommands } from './ui/commands/register';
import { INSPECT_SCHEME, InspectDocuments } from './ui/documents/inspectDocuments';
import { InspectLinks } from './ui/documents/inspectLinks';
import { EngineStatusPresenter } from './ui/engineStatus';
import { createLog, engineLoggerFor } from './ui/log';
import { settings, SettingsWatcher } from './ui/settings';
import { containersShape, ExplorerTreeProvider, networksShape } from './ui/tree/explorerTree';
import { ContainerDragAndDrop } from './ui/tree/dragAndDrop';
import type { ExplorerNode } from './ui/tree/treeItems';
import { NetworkDisplaySettings } from './ui/tree/networkDisplay';
import { NetworkViewState } from './ui/tree/networkViewState';
import { connectDropped } from './ui/commands/connectContainer';
import { VsCodePrompter } from './ui/wizard/vscodePrompter';
import { TopologyPanels } from './ui/topology/topologyPanel';
import type { Prompter } from './ui/wizard/prompter';

/**
 * What activate() returns, for the extension's own tests in the extension host: what they read (connection, store,
 * trees, the Networks view and its filter, the log) and the one thing they change, who answers the questions.
 */
export interface DockerNetworksApi {
  readonly connection: EngineConnection;
  readonly store: ExplorerStore;
  readonly networksTree: ExplorerTreeProvider;
  readonly containersTree: ExplorerTreeProvider;
  readonly networksView: vscode.TreeView<ExplorerNode>;
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

  const connection = own(
    new EngineConnection({
      resolveEngineAddress: () =>
        resolveEngineAddress({
          settingHost: settings.host(),
          env: process.env,
          homeDir: os.homedir(),
          platform: process.platform,
          readFile: readFileIfExists,
        }),
      timeoutMs: settings.requestTimeoutMs,
      logger,
    }),
  );
  const store = own(new ExplorerStore(connection, logger));

  const viewState = own(new NetworkViewState(extensionContext.workspaceState));
  const display = new NetworkDisplaySettings(log);
  const networksTree = own(
    new ExplorerTreeProvider(
      store,
      networksShape(() => viewState.options),
      () => display.current,
      message => log.debug(`networks ${message}`),
    ),
  );
  own(viewState.onDidChange(() => networksTree.refresh()));
  const containersTree = own(new ExplorerTreeProvider(store, containersShape, undefined, message => log.debug(`containers ${message}`)));
  // Drops run the Connect flow, which needs the command context built below: resolve it lazily.
  let commandContext: CommandContext | undefined;
  const dropHandler = {
    connect: (containerIds: string[], networkId: string) => connectDropped(commandContext!, containerIds, networkId),
  };
  const networksView = own(
    vscode.window.createTreeView<ExplorerNode>(NETWORKS_VIEW_ID, {
      treeDataProvider: networksTree,
      canSelectMany: true,
      showCollapseAll: true,
      dragAndDropController: new ContainerDragAndDrop(dropHandler, true),
    }),
  );
  const containersView = own(
    vscode.window.createTreeView<ExplorerNode>(CONTAINERS_VIEW_ID, {
      treeDataProvider: containersTree,
      canSelectMany: true,
      showCollapseAll: true,
      dragAndDropController: new ContainerDragAndDrop(dropHandler, false),
    }),
  );
  own(new EngineStatusPresenter(connection, store, [networksView, containersView]));
  viewState.attach(networksView);
  const inspectDocuments = own(new InspectDocuments(connection, store));
  own(new InspectLinks(store));
  const topology = own(
    new TopologyPanels({ extensionUri: extensionContext.extensionUri, store, viewState, log, commands: () => commandContext! }),
  );

  commandContext = {
    connection,
    store,
    networksTree,
    containersTree,
    networksView,
    containersView,
    inspectDocuments,
    log,
    viewState,
    topology,
    prompter: new VsCodePrompter(),
    gateway: () => connection.requireGateway(),
    model: () => store.requireModel(),
  };
  for (const registration of registerCommands(COMMANDS, commandContext, commandTitles(extensionContext))) own(registration);

  // The engine sends no event for some changes (connecting a stopped container): look again when the user does.
  for (const view of [networksView, containersView])
    own(
      view.onDidChangeVisibility(event => {
        if (event.visible) store.scheduleReload();
      }),
    );
  // An unreachable engine is asked again only while something of ours is on screen.
  const updatePause = () =>
    connection.setPaused(
      !networksView.visible &&
        !containersView.visible &&
        !vscode.window.visibleTextEditors.some(editor => editor.document.uri.scheme === INSPECT_SCHEME),
    );
  for (const view of [networksView, containersView]) own(view.onDidChangeVisibility(updatePause));
  own(vscode.window.onDidChangeVisibleTextEditors(updatePause));
  updatePause();
  own(
    vscode.window.onDidChangeWindowState(state => {
      if (state.focused) store.scheduleReload();
    }),
  );

  own(
    own(new SettingsWatcher()).onDidChange(change => {
      if (change.view) {
        display.reload();
        networksTree.refresh();
        topology.refresh();
      }
      if (change.connection) {
        log.info('engine settings changed: reconnecting');
        connection.reconnect();
      }
    }),
  );

  connection.start();
  // The benchmark reads this line: its timestamp minus the duration is when activation began.
  log.info(`activated: both views registered ${Date.now() - activationStartedAt} ms after activation began`);
  const context = commandContext;
  const usePrompter = (prompter: Prompter) => {
    const previous = context.prompter;
    context.prompter = prompter;
    return () => {
      context.prompter = previous;
    };
  };
  const testing = extensionContext.extensionMode === vscode.ExtensionMode.Test;
  return {
    connection,
    store,
    networksTree,
    containersTree,
    networksView,
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
