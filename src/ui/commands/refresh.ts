import type { CommandDefinition } from './commandContext';

/** Reloads the explorer now; normally events keep it current without this. */
export const refreshCommand: CommandDefinition = {
  id: 'dockerNetworks.refresh',
  run: async ({ connection, store }) => {
    if (connection.state.kind !== 'connected') connection.reconnect();
    else await store.reload();
  },
};
