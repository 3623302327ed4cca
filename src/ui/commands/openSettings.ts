import * as vscode from 'vscode';
import type { CommandDefinition } from './commandContext';

export const openSettingsCommand: CommandDefinition = {
  id: 'dockerNetworks.openSettings',
  run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'dockerNetworks'),
};
