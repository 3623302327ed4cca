// Removing networks one by one under a cancellable progress notification, then reporting per network.
import * as vscode from 'vscode';
import type { DockerGateway } from '../../engine/gateway';
import { NetworkToRemove, removeNetworks } from '../../engine/networkOperations';
import { removalReport, RemovalOutcome } from '../../model/removal';
import type { CommandContext } from './commandContext';

export async function removeWithProgress(context: CommandContext, gateway: DockerGateway, title: string, entries: readonly NetworkToRemove[], disconnectRunning: boolean): Promise<RemovalOutcome> {
  const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return removeNetworks(gateway, entries, {
      disconnectRunning, signal: controller.signal,
      onProgress: name => progress.report({ message: `"${name}"`, increment: 100 / entries.length }),
    });
  });
  await context.store.reload();
  const report = removalReport(outcome);
  context.log.info(`${title}: ${report.message}`);
  if (report.isError) void vscode.window.showErrorMessage(report.message);
  else void vscode.window.showInformationMessage(report.message);
  return outcome;
}
