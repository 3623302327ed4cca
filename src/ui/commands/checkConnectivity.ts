import * as vscode from 'vscode';
import type { ConnectivityReport } from '../../model/connectivity';
import type { ContainerModel } from '../../model/explorer';
import { runFlow, Step } from '../wizard/flow';
import type { CommandContext, CommandDefinition } from './commandContext';
import { CONNECTIVITY_FIX_COMMAND, ConnectivityFixArguments } from './connectivityFix';
import { clickedNode } from './targets';

const TITLE = 'Check Connectivity';

function describe(container: ContainerModel): string {
  return `${container.state} · ${container.networks.map(n => n.networkName).join(', ') || container.networkMode || 'no network'}`;
}

interface Pair {
  a?: ContainerModel;
  b?: ContainerModel;
}

/** A and B: A from the clicked node when there is one, else both picked (with Back between them). */
async function pickPair(context: CommandContext, from?: ContainerModel): Promise<[ContainerModel, ContainerModel] | undefined> {
  const containers = context.model().containers;
  if (containers.length < 2) {
    void vscode.window.showInformationMessage('Checking connectivity needs two containers; this engine has fewer.');
    return undefined;
  }
  const pickA: Step<Pair> = async (s, ask) => {
    s.a = await ask.pick({
      placeholder: 'Pick container A, the one that wants to reach another',
      options: containers.map(c => ({ label: c.name, description: describe(c), value: c, picked: c.id === s.a?.id })),
    });
  };
  const pickB: Step<Pair> = async (s, ask) => {
    s.b = await ask.pick({
      placeholder: `Pick container B: can "${s.a!.name}" reach it?`,
      options: containers.filter(c => c.id !== s.a!.id).map(c => ({ label: c.name, description: describe(c), value: c })),
    });
  };
  const state: Pair = { a: from };
  const finished = await runFlow(context.prompter, TITLE, state, () => (from ? [pickB] : [pickA, pickB]));
  return finished && state.a && state.b ? [state.a, state.b] : undefined;
}

/** The container a tree node stands for: a container node, or an endpoint node's container. */
function containerOf(context: CommandContext, clicked: unknown, selection: unknown): ContainerModel | undefined {
  const node = clickedNode(clicked, selection, ['container', 'endpoint']);
  const id = node?.kind === 'container' ? node.id : node?.kind === 'endpoint' ? node.containerId : undefined;
  return id ? context.model().containers.find(c => c.id === id) : undefined;
}

/** Opens the answer, and offers the fix (if any) as a button that runs the Connect flow. */
export async function showConnectivity(context: CommandContext, a: ContainerModel, b: ContainerModel) {
  const uri = await context.connectivityDocuments.open(a, b);
  const report = context.connectivityDocuments.report(uri) as ConnectivityReport;
  if (report?.fix) {
    const fix = report.fix;
    const action = `Connect "${fix.container.name}" to "${fix.network.name}"…`;
    void vscode.window.showInformationMessage(report.summary, action).then(choice => {
      if (choice !== action) return;
      const args: ConnectivityFixArguments = { container: fix.container.id, network: fix.network.id };
      // The document's URI names its engine, so the fix runs there.
      void vscode.commands.executeCommand(CONNECTIVITY_FIX_COMMAND, args, uri);
    });
  }
  return { uri, report };
}

export const checkConnectivityCommand: CommandDefinition = {
  id: 'dockerNetworks.container.checkConnectivity',
  needs: 'explorer',
  run: async (context, clicked, selection) => {
    const pair = await pickPair(context, containerOf(context, clicked, selection));
    return pair ? showConnectivity(context, ...pair) : undefined;
  },
};

/** The same, from a container or endpoint node: the clicked container is A, and only B is asked for. */
export const checkConnectivityToCommand: CommandDefinition = {
  ...checkConnectivityCommand,
  id: 'dockerNetworks.container.checkConnectivityTo',
};
