// Registers the command table. Each run is bound to one engine: the clicked node's or the inspect document's, else,
// from the palette in a window with several engines, the one the user picks (or each in turn, for Refresh and
// Retry). A command that needs the engine first waits for it (engineGuard); a failing command shows its error (the
// engine's message verbatim, with context) instead of failing silently, and logs it.
import * as vscode from 'vscode';
import type { CommandContext, CommandDefinition, TopologyView } from './commandContext';
import { ensureEngine } from './engineGuard';
import { EngineError } from '../../engine/errors';
import { CONNECTIVITY_SCHEME, ConnectivityDocuments, parseConnectivityUri } from '../documents/connectivityDocuments';
import { INSPECT_SCHEME, InspectDocuments, parseInspectUri } from '../documents/inspectDocuments';
import type { EngineSession, EngineSessions } from '../engines/engineSessions';
import type { EngineTreeNode, EngineTreeProvider } from '../tree/engineTree';
import type { NetworkViewState } from '../tree/networkViewState';
import { isTreeNode } from '../tree/treeItems';
import { isTopologyMenuContext } from '../../model/topology/protocol';
import type { Prompter } from '../wizard/prompter';
import { pickEngine } from './pickEngine';

/** What every command shares, whatever its engine. */
export interface SharedCommandContext {
  readonly sessions: EngineSessions;
  readonly networksTree: EngineTreeProvider;
  readonly containersTree: EngineTreeProvider;
  readonly networksView: vscode.TreeView<EngineTreeNode>;
  readonly containersView: vscode.TreeView<EngineTreeNode>;
  readonly inspectDocuments: InspectDocuments;
  readonly connectivityDocuments: ConnectivityDocuments;
  /** The topology picture of every engine. */
  readonly topology: TopologyView;
  readonly log: vscode.LogOutputChannel;
  readonly viewState: NetworkViewState;
  /** Every question to the user goes through it; tests substitute a scripted one. */
  prompter: Prompter;
}

/** The context of one run against `engine`. */
export function contextFor(shared: SharedCommandContext, engine: EngineSession): CommandContext {
  return {
    engine,
    sessions: shared.sessions,
    connection: engine.connection,
    store: engine.store,
    networksTree: shared.networksTree.scopedTo(engine),
    containersTree: shared.containersTree.scopedTo(engine),
    networksView: shared.networksView,
    containersView: shared.containersView,
    inspectDocuments: {
      open: target => shared.inspectDocuments.open({ ...target, engineId: engine.entry.id }),
      refresh: uri => shared.inspectDocuments.refresh(uri),
    },
    connectivityDocuments: {
      open: (a, b) => shared.connectivityDocuments.open(a, b, engine.entry.id),
      report: uri => shared.connectivityDocuments.report(uri),
    },
    topology: shared.topology,
    log: shared.log,
    viewState: shared.viewState,
    get prompter() {
      return shared.prompter;
    },
    set prompter(prompter: Prompter) {
      shared.prompter = prompter;
    },
    gateway: () => engine.connection.requireGateway(),
    model: () => engine.store.requireModel(),
  };
}

/** `titles` maps command IDs to their palette titles (from the manifest), to name the command in messages. */
export function registerCommands(
  definitions: readonly CommandDefinition[],
  shared: SharedCommandContext,
  titles: ReadonlyMap<string, string>,
): vscode.Disposable[] {
  return definitions.map(definition =>
    vscode.commands.registerCommand(definition.id, async (...given: unknown[]) => {
      const title = titles.get(definition.id) ?? definition.id;
      const fromPicture = fromTopologyMenu(shared, given, title);
      if (fromPicture === 'refused') return undefined;
      const args = fromPicture?.args ?? given;
      const engines = fromPicture ? [fromPicture.engine] : await enginesFor(shared, definition, args, title);
      // Several engines (Refresh, Retry) run side by side: a slow engine does not hold up the others.
      const results = await Promise.all(
        engines.map(async engine => {
          const context = contextFor(shared, engine);
          try {
            if (definition.needs && !(await ensureEngine(context, definition.needs, title))) return undefined;
            return await definition.run(context, ...currentNodes(shared, engine, args));
          } catch (err) {
            reportCommandError(context, definition.id, err);
            return undefined;
          }
        }),
      );
      return results.length <= 1 ? results[0] : results;
    }),
  );
}

/**
 * The picture's context menu (`webview/context`) passes the right-clicked element's data-vscode-context instead of
 * a tree node: it becomes the engine and the node it names, as a tree's context menu would pass them (clicked node,
 * selection). What does not name an item of the picture on screen runs nothing.
 */
function fromTopologyMenu(
  shared: SharedCommandContext,
  args: unknown[],
  title: string,
): { engine: EngineSession; args: unknown[] } | 'refused' | undefined {
  if (!isTopologyMenuContext(args[0])) return undefined;
  const resolved = shared.topology.resolveMenuContext(args[0]);
  if ('refused' in resolved) {
    shared.log.warn(`${title} from the topology picture: refused (${resolved.refused})`);
    void vscode.window.showInformationMessage(`${title}: that is no longer in the picture.`);
    return 'refused';
  }
  return { engine: resolved.engine, args: [resolved.node, [resolved.node]] };
}

/** The engines one run acts on: the argument's, else the only one, else each (Refresh) or the one picked. */
async function enginesFor(
  shared: SharedCommandContext,
  definition: CommandDefinition,
  args: unknown[],
  title: string,
): Promise<EngineSession[]> {
  const fromArgs = engineOfArgs(shared, args);
  if (fromArgs) return [fromArgs];
  const all = shared.sessions.all;
  if (all.length === 1 || !definition.needs) return definition.everyEngine ? [...all] : [shared.sessions.defaultSession];
  if (definition.everyEngine) return [...all];
  const picked = await pickEngine(shared.sessions, shared.prompter, title);
  return picked ? [picked] : [];
}

function engineOfArgs(shared: SharedCommandContext, args: unknown[]): EngineSession | undefined {
  for (const arg of args.flat()) {
    if (isTreeNode(arg)) {
      // A swarm network's row lists the endpoints of every engine of the swarm: each acts on its own engine.
      if (arg.kind === 'endpoint' && arg.engineId) return shared.sessions.byId(arg.engineId);
      const owner = shared.networksTree.ownerOf(arg as EngineTreeNode) ?? shared.containersTree.ownerOf(arg as EngineTreeNode);
      if (owner) return owner;
    }
    if (arg instanceof vscode.Uri && arg.scheme === INSPECT_SCHEME) return shared.sessions.byId(parseInspectUri(arg)?.engineId);
    if (arg instanceof vscode.Uri && arg.scheme === CONNECTIVITY_SCHEME) return shared.sessions.byId(parseConnectivityUri(arg)?.engineId);
  }
  return undefined;
}

/**
 * Tree commands get the clicked node and the selection as VS Code holds them, which may be from an older model (a
 * redraw only replaces the rows that changed): act on the current version of each node, in the command's engine.
 */
function currentNodes(shared: SharedCommandContext, engine: EngineSession, args: unknown[]): unknown[] {
  const networks = shared.networksTree.scopedTo(engine);
  const containers = shared.containersTree.scopedTo(engine);
  const latest = (value: unknown): unknown =>
    isTreeNode(value) && (value as EngineTreeNode).kind !== 'engine' ? containers.latest(networks.latest(value)) : value;
  return args.map(arg => (Array.isArray(arg) ? arg.map(latest) : latest(arg)));
}

/** Shows a failed action's error (a cancellation is not one), logs it, and lets the connection check the engine. */
export function reportCommandError(context: CommandContext, what: string, err: unknown): void {
  if (err instanceof EngineError && err.kind === 'cancelled') return;
  const message = (err as Error)?.message ?? String(err);
  context.log.error(`${what} failed: ${message}`);
  context.connection.reportFailure(err);
  void vscode.window.showErrorMessage(message, 'Show Log').then(choice => {
    if (choice) context.log.show(true);
  });
}
