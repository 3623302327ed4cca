import * as vscode from 'vscode';
import { answersFromNetwork, toComposeSnippet, toDockerCliCommand } from '../../model/createNetwork';
import type { NetworkModel } from '../../model/explorer';
import { settings } from '../settings';
import type { CommandContext, CommandDefinition } from './commandContext';
import { pickNetworks, selectedNodes } from './targets';

async function networksFor(
  context: CommandContext,
  clicked: unknown,
  selection: unknown,
  title: string,
): Promise<NetworkModel[] | undefined> {
  return selectedNodes(clicked, selection, 'network') ?? pickNetworks(context, title, 'Pick the networks to copy');
}

/** The `docker network create` line that recreates the network (built-ins included: useful as a template). */
export const copyAsCliCommand: CommandDefinition = {
  id: 'dockerNetworks.network.copyAsCli',
  needs: 'explorer',
  run: async (context, clicked, selection) => {
    const networks = await networksFor(context, clicked, selection, 'Copy as docker CLI Command');
    if (!networks?.length) return;
    const shell = settings.cliShell();
    const lines = networks.map(n => toDockerCliCommand(answersFromNetwork(n.network), shell));
    const refused = lines.find(l => l.problem !== undefined)?.problem;
    if (refused !== undefined) {
      void vscode.window.showErrorMessage(refused);
      return undefined;
    }
    const text = lines.map(l => l.line).join('\n');
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(`Copied: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`);
    return text;
  },
};

/** A Compose `networks:` entry for each network, merged under one `networks:` key. */
export const copyAsComposeCommand: CommandDefinition = {
  id: 'dockerNetworks.network.copyAsCompose',
  needs: 'explorer',
  run: async (context, clicked, selection) => {
    const networks = await networksFor(context, clicked, selection, 'Copy as Compose');
    if (!networks?.length) return;
    const entries = networks.map(n => toComposeSnippet(answersFromNetwork(n.network)).split('\n').slice(1).join('\n'));
    const text = `networks:\n${entries.join('')}`;
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(`Copied a Compose networks: entry for ${networks.map(n => `"${n.name}"`).join(', ')}.`);
    return text;
  },
};
