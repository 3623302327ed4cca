import * as vscode from 'vscode';
import { removeNetworks } from '../../engine/networkOperations';
import { entriesFor, planRemoval, RemoveChoices, removalQuestion, removalWords } from '../../model/removal';
import { runBatch } from './batch';
import { gatewayAfterQuestions, gatewayOfEngine } from './engineGuard';
import type { CommandDefinition } from './commandContext';
import { pickNetworks, selectedNodes } from './targets';

/** Removes networks after a modal confirmation that names each one and what depends on it. */
export const removeNetworkCommand: CommandDefinition = {
  id: 'dockerNetworks.network.remove',
  needs: 'explorer',
  run: async (context, clicked, selection) => {
    const chosen =
      selectedNodes(clicked, selection, 'network') ??
      (await pickNetworks(context, 'Remove Network', 'Pick the networks to remove (built-in networks are not offered)', {
        customOnly: true,
      }));
    if (!chosen?.length) return undefined;
    const plan = planRemoval(chosen);
    if (!plan.entries.length) {
      void vscode.window.showInformationMessage(
        `Built-in networks cannot be removed: ${plan.builtIns.map(n => `"${n.name}"`).join(', ')}.`,
      );
      return undefined;
    }
    const choice = await context.prompter.confirm(removalQuestion(plan));
    if (!choice) return undefined;
    // Every choice but plain Remove (only offered when nothing runs) disconnects what runs, as the dialog said.
    const entries = entriesFor(plan, choice);
    const gateway = await gatewayAfterQuestions(context);
    return runBatch(context, {
      title: 'Removing networks',
      total: entries.length,
      words: removalWords,
      run: options =>
        removeNetworks(gateway, entries, {
          ...options,
          disconnectRunning: choice !== RemoveChoices.remove,
          gatewayOf: engineId => gatewayOfEngine(context, engineId),
        }),
    });
  },
};
