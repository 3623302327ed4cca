// Editor-title actions of inspect documents: Refresh, Copy as docker CLI Command, Reveal in Tree.
import * as vscode from 'vscode';
import { answersFromNetwork, toDockerCliCommand } from '../../model/createNetwork';
import { INSPECT_SCHEME, parseInspectUri } from '../documents/inspectDocuments';
import { revealById } from '../tree/revealNode';
import { containerNodeId, networkNodeId } from '../tree/treeItems';
import { settings } from '../settings';
import type { CommandDefinition } from './commandContext';

function inspectTarget(resource: unknown) {
  const uri = resource instanceof vscode.Uri ? resource : vscode.window.activeTextEditor?.document.uri;
  return uri?.scheme === INSPECT_SCHEME ? { uri, target: parseInspectUri(uri) } : undefined;
}

export const refreshInspectCommand: CommandDefinition = {
  id: 'dockerNetworks.inspect.refresh',
  run: (context, resource) => {
    const found = inspectTarget(resource);
    if (found) context.inspectDocuments.refresh(found.uri);
  },
};

export const copyInspectedAsCliCommand: CommandDefinition = {
  id: 'dockerNetworks.inspect.copyAsCli',
  needs: 'engine',
  run: async (context, resource) => {
    const target = inspectTarget(resource)?.target;
    if (target?.kind !== 'network') return undefined;
    const network = await context.gateway().inspectNetwork(target.id);
    const { line: command, problem } = toDockerCliCommand(answersFromNetwork(network), settings.cliShell());
    if (command === undefined) {
      void vscode.window.showErrorMessage(problem);
      return undefined;
    }
    await vscode.env.clipboard.writeText(command);
    void vscode.window.showInformationMessage(`Copied: ${command}`);
    return command;
  },
};

export const revealInspectedCommand: CommandDefinition = {
  id: 'dockerNetworks.inspect.revealInTree',
  needs: 'explorer',
  run: async (context, resource) => {
    const target = inspectTarget(resource)?.target;
    if (!target) return;
    const [tree, view, id] =
      target.kind === 'network'
        ? [context.networksTree, context.networksView, networkNodeId(target.id)]
        : [context.containersTree, context.containersView, containerNodeId(target.id)];
    if (!(await revealById(view, tree, id, { select: true, focus: true, expand: true }))) {
      void vscode.window.showInformationMessage(
        `The ${target.kind} "${target.name}" is not in the tree (removed, or hidden by the filter).`,
      );
      return;
    }
  },
};
