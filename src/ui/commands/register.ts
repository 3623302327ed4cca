// Registers the command table; a failing command shows its error (the engine's message verbatim, with context)
// instead of failing silently, and logs it.
import * as vscode from 'vscode';
import type { CommandContext, CommandDefinition } from './commandContext';
import { EngineError } from '../../engine/errors';

export function registerCommands(definitions: readonly CommandDefinition[], context: CommandContext): vscode.Disposable[] {
  return definitions.map(definition => vscode.commands.registerCommand(definition.id, async (...args: unknown[]) => {
    try {
      return await definition.run(context, ...args);
    } catch (err) {
      reportCommandError(context, definition.id, err);
      return undefined;
    }
  }));
}

/** Shows a failed action's error (a cancellation is not one), logs it, and lets the connection check the engine. */
export function reportCommandError(context: CommandContext, what: string, err: unknown): void {
  if (err instanceof EngineError && err.kind === 'cancelled') return;
  const message = (err as Error)?.message ?? String(err);
  context.log.error(`${what} failed: ${message}`);
  context.connection.reportFailure(err);
  void vscode.window.showErrorMessage(message, 'Show Log').then(choice => { if (choice) context.log.show(true); });
}
