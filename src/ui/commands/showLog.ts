import type { CommandDefinition } from './commandContext';

export const showLogCommand: CommandDefinition = {
  id: 'dockerNetworks.showLog',
  run: ({ log }) => log.show(true),
};
