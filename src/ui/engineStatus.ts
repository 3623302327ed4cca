// Shows the connection state where users look: a context key for the welcome views, and the cause of a failure
// as the message above each explorer view.
import * as vscode from 'vscode';
import type { ConnectionState } from '../engine/engineConnection';
import type { ExplorerSnapshot } from '../engine/explorerStore';
import { DisposableOwner } from './disposable';
import type { EngineSessions } from './engines/engineSessions';

export const ENGINE_STATE_CONTEXT_KEY = 'dockerNetworks.engineState';
/** True once the explorer holds data: before that, an empty view means "loading", not "nothing there". */
export const EXPLORER_READY_CONTEXT_KEY = 'dockerNetworks.explorerReady';

export function stateMessage(state: ConnectionState): string | undefined {
  switch (state.kind) {
    case 'connecting':
      return state.engineAddress ? `Connecting to ${state.engineAddress}…` : 'Connecting to the Docker Engine…';
    case 'unreachable':
      return state.retryInMs > 0
        ? `${state.error.message}. Retrying in ${Math.round(state.retryInMs / 1000)} s.`
        : `${state.error.message}. Retrying now…`;
    case 'connected':
      return undefined;
  }
}

/** Shown above the views while the data could not be refreshed: what is there is as of `since`. */
export function staleMessage(snapshot: ExplorerSnapshot): string | undefined {
  if (snapshot.kind !== 'ready' || !snapshot.stale) return undefined;
  return `Not refreshed since ${new Date(snapshot.stale.since).toLocaleTimeString()}: ${snapshot.stale.reason}`;
}

/**
 * With one engine, its state is the message above each view; with several, each engine's root row carries its own
 * and the views have none. The context keys follow the default engine (welcome views) and any loaded data.
 */
export class EngineStatusPresenter extends DisposableOwner {
  private subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly sessions: EngineSessions,
    private readonly views: readonly vscode.TreeView<unknown>[],
  ) {
    super();
    const follow = () => {
      this.subscriptions.forEach(s => s.dispose());
      this.subscriptions = sessions.all.flatMap(session => [
        session.connection.onDidChangeState(() => this.show()),
        session.store.onDidChange(() => this.show()),
      ]);
      this.show();
    };
    this.own(sessions.onDidChange(follow));
    this.own({ dispose: () => this.subscriptions.forEach(s => s.dispose()) });
    follow();
  }

  private show(): void {
    const { connection, store } = this.sessions.defaultSession;
    void vscode.commands.executeCommand('setContext', ENGINE_STATE_CONTEXT_KEY, connection.state.kind);
    const ready = this.sessions.all.some(session => session.store.snapshot.kind === 'ready');
    void vscode.commands.executeCommand('setContext', EXPLORER_READY_CONTEXT_KEY, ready);
    const single = this.sessions.all.length === 1;
    const message = single ? (stateMessage(connection.state) ?? staleMessage(store.snapshot)) : undefined;
    for (const view of this.views) if (view.message !== message) view.message = message;
  }
}
