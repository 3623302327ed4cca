// Shows the connection state where users look: a context key for the welcome views, and the cause of a failure
// as the message above each explorer view.
import * as vscode from 'vscode';
import type { ConnectionState, EngineConnection } from '../engine/engineConnection';
import type { ExplorerStore } from '../engine/explorerStore';
import { DisposableOwner } from './disposable';

export const ENGINE_STATE_CONTEXT_KEY = 'dockerNetworks.engineState';
/** True once the explorer holds data: before that, an empty view means "loading", not "nothing there". */
export const EXPLORER_READY_CONTEXT_KEY = 'dockerNetworks.explorerReady';

export function stateMessage(state: ConnectionState): string | undefined {
  switch (state.kind) {
    case 'connecting': return state.engineAddress ? `Connecting to ${state.engineAddress}…` : 'Connecting to the Docker Engine…';
    case 'unreachable': return state.retryInMs > 0
      ? `${state.error.message}. Retrying in ${Math.round(state.retryInMs / 1000)} s.`
      : `${state.error.message}. Retrying now…`;
    case 'connected': return undefined;
  }
}

export class EngineStatusPresenter extends DisposableOwner {
  constructor(connection: EngineConnection, store: ExplorerStore, private readonly views: readonly vscode.TreeView<unknown>[]) {
    super();
    this.own(connection.onDidChangeState(state => this.show(state)));
    this.own(store.onDidChange(snapshot => void vscode.commands.executeCommand('setContext', EXPLORER_READY_CONTEXT_KEY, snapshot.kind === 'ready')));
    this.show(connection.state);
  }

  private show(state: ConnectionState): void {
    void vscode.commands.executeCommand('setContext', ENGINE_STATE_CONTEXT_KEY, state.kind);
    const message = stateMessage(state);
    for (const view of this.views) view.message = message;
  }
}
