import type { CommandDefinition } from './commandContext';

/** Reconnects at once instead of waiting for the next automatic retry. */
export const retryConnectionCommand: CommandDefinition = {
  id: 'dockerNetworks.retryConnection',
  everyEngine: true,
  run: ({ connection }) => connection.reconnect(),
};
