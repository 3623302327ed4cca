// How every action on several objects runs: a cancellable progress notification naming the object in hand, one
// object at a time, every failure kept with the engine's reason, then the views reloaded and one message that says
// what was done, what failed and what a cancel left untouched.
import * as vscode from 'vscode';
import { BatchOptions, BatchOutcome, batchReport, BatchWords } from '../../model/batch';
import type { CommandContext } from './commandContext';

export interface Batch {
  /** The notification's title, e.g. `Removing networks`. */
  readonly title: string;
  readonly total: number;
  /** Runs the items, reporting each through `options.onItem` and stopping when `options.signal` aborts. */
  run(options: BatchOptions): Promise<BatchOutcome>;
  readonly words: BatchWords;
}

export async function runBatch(context: CommandContext, batch: Batch): Promise<BatchOutcome> {
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: batch.title, cancellable: true },
    (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return batch.run({
        signal: controller.signal,
        onItem: name => progress.report({ message: `"${name}"`, increment: 100 / Math.max(1, batch.total) }),
      });
    },
  );
  await context.store.reload();
  const report = batchReport(outcome, batch.words);
  context.log.info(`${batch.title}: ${report.message}`);
  if (report.isError) void vscode.window.showErrorMessage(report.message);
  else void vscode.window.showInformationMessage(report.message);
  return outcome;
}
