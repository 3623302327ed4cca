import * as vscode from 'vscode';
import type { CommandDefinition } from './commandContext';
import { CONTAINERS_VIEW_ID, NETWORKS_VIEW_ID } from '../tree/viewIds';

/**
 * Reloads the explorer now; normally events keep it current without this. The views show their progress bar
 * meanwhile, and redraw only the rows that changed.
 */
export const refreshCommand: CommandDefinition = {
  id: 'dockerNetworks.refresh',
  everyEngine: true,
  run: async ({ connection, store, networksView, containersView }) => {
    if (connection.state.kind !== 'connected') return connection.reconnect();
    const reload = store.reload();
    const views = [
      [networksView, NETWORKS_VIEW_ID],
      [containersView, CONTAINERS_VIEW_ID],
    ] as const;
    for (const [view, viewId] of views) if (view.visible) void vscode.window.withProgress({ location: { viewId } }, () => reload);
    await reload;
  },
};
