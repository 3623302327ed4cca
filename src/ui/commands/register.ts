// Registers the command table. A command that needs the engine first waits for it (engineGuard); a failing
// command shows its error (the engine's message verbatim, with context) instead of failing silently, and logs it.
import * as vscode from 'vscode';
import type { CommandContext, CommandDefinition } from './commandContext';
import { ensureEngine } from './engineGuard';
import { EngineError } from '../../engine/errors';
import { isTreeNode } from '../tree/treeItems';

/** `titles` maps command IDs to their palette titles (from the manifest), to name the command in messages. */
export function registerCommands(
  definitions: readonly CommandDefinition[],
  context: CommandContext,
  titles: ReadonlyMap<string, string>,
): vscode.Disposable[] {
  return definitions.map(definition =>
    vscode.commands.registerCommand(definition.id, async (...args: unknown[]) => {
      try {
        if (definition.needs && !(await ensureEngine(context, definition.needs, titles.get(definition.id) ?? definition.id)))
          return undefined;
        return await definition.run(context, ...currentNodes(context, args));
      } catch (err) {
        reportCommandError(context, definition.id, err);
        return undefined;
      }
    }),
  );
}

/**
 * Tree commands get the clicked node and the selection as VS Code holds them, which may be from an older model (a
 * redraw only replaces the rows that changed): act on the current version of each node.
 */
function currentNodes(context: CommandContext, args: unknown[]): unknown[] {
  const latest = (value: unknown): unknown =>
    isTreeNode(value) ? context.containersTree.latest(context.networksTree.latest(value)) : value;
  return args.map(arg => (Array.isArray(arg) ? arg.map(latest) : latest(arg)));
}

/** Shows a failed action's error (a cancellation is not one), logs it, and lets the connection check the engine. */
export function reportCommandError(context: CommandContext, what: string, err: unknown): void {
  if (err instanceof EngineError && err.kind === 'cancelled') return;
  const message = (err as Error)?.message ?? String(err);
  context.log.error(`${what} failed: ${message}`);
  context.connection.reportFailure(err);
  void vscode.window.showErrorMessage(message, 'Show Log').then(choice => {
    if (choice) context.log.show(true);
  });
}
