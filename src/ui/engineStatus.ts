// Shows the connection state where users look: a context key for the welcome views, and the cause of a failure
// as the message above each explorer view.
import * as vscode from 'vscode';
import type { ConnectionState, EngineConnection } from '../engine/engineConnection';
import type { ExplorerSnapshot, ExplorerStore } from '../engine/explorerStore';
import { DisposableOwner } from './disposable';

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

export class EngineStatusPresenter extends DisposableOwner {
  constructor(
    private readonly connection: EngineConnection,
    private readonly store: ExplorerStore,
    private readonly views: readonly vscode.TreeView<unknown>[],
  ) {
    super();
    this.own(connection.onDidChangeState(state => this.show(state)));
    this.own(
      store.onDidChange(snapshot => {
        void vscode.commands.executeCommand('setContext', EXPLORER_READY_CONTEXT_KEY, snapshot.kind === 'ready');
        this.show(this.connection.state);
      }),
    );
    this.show(connection.state);
  }

  private show(state: ConnectionState): void {
    void vscode.commands.executeCommand('setContext', ENGINE_STATE_CONTEXT_KEY, state.kind);
    const message = stateMessage(state) ?? staleMessage(this.store.snapshot);
    for (const view of this.views) if (view.message !== message) view.message = message;
  }
}
