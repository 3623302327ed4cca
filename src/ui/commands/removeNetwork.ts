import * as vscode from 'vscode';
import { removeNetworks } from '../../engine/networkOperations';
import { entriesFor, planRemoval, RemoveChoices, removalQuestion, removalReport } from '../../model/removal';
import type { CommandDefinition } from './commandContext';
import { pickNetworks, selectedNodes } from './targets';

/** Removes networks after a modal confirmation that names each one and what depends on it. */
export const removeNetworkCommand: CommandDefinition = {
  id: 'dockerNetworks.network.remove',
  run: async (context, clicked, selection) => {
    const chosen = selectedNodes(clicked, selection, 'network')
      ?? await pickNetworks(context, 'Remove Network', 'Pick the networks to remove (built-in networks are not offered)', { customOnly: true });
    if (!chosen?.length) return;
    const plan = planRemoval(chosen);
    if (!plan.entries.length) {
      void vscode.window.showInformationMessage(`Built-in networks cannot be removed: ${plan.builtIns.map(n => `"${n.name}"`).join(', ')}.`);
      return;
    }
    const question = removalQuestion(plan);
    const choice = await context.prompter.confirm(question);
    if (!choice) return;
    const entries = entriesFor(plan, choice);
    const gateway = context.connection.requireGateway();
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Removing networks', cancellable: true },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return removeNetworks(gateway, entries, {
          disconnectRunning: choice === RemoveChoices.disconnectAndRemove,
          signal: controller.signal,
          onProgress: name => progress.report({ message: `"${name}"`, increment: 100 / entries.length }),
        });
      });
    await context.store.reload();
    const report = removalReport(outcome);
    context.log.info(report.message);
    if (report.isError) void vscode.window.showErrorMessage(report.message);
    else void vscode.window.showInformationMessage(report.message);
    return outcome;
  },
};
