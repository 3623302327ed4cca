import * as os from 'os';
import * as vscode from 'vscode';
import { answersFromNetwork, CreateNetworkAnswers, toCreateBody, toDockerCliCommand } from '../../model/createNetwork';
import { DEFAULT_ADDRESS_POOLS, HostAddress } from '../../model/ipam';
import { settings } from '../settings';
import { networkNodeId } from '../tree/treeItems';
import { runCreateNetworkWizard } from '../wizard/createNetworkWizard';
import type { CommandContext, CommandDefinition } from './commandContext';
import { pickNetworks, selectedNodes } from './targets';

/** The host's own addresses: a new subnet that overlaps one of them clashes with the LAN or a VPN. */
function hostAddresses(): HostAddress[] {
  return Object.entries(os.networkInterfaces()).flatMap(([name, addresses]) =>
    (addresses ?? []).filter(a => !a.internal && a.cidr).map(a => ({ interface: name, cidr: a.cidr! })));
}

async function waitForNetwork(context: CommandContext, id: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!context.networksTree.findById(networkNodeId(id)) && Date.now() < deadline) {
    await context.store.reload();
    if (!context.networksTree.findById(networkNodeId(id))) await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/**
 * Runs the wizard (prefilled when given), creates the network and reveals it. When the engine refuses, its message
 * is shown with the network's name, and Retry reopens the wizard with every answer kept.
 */
export async function createNetworkFlow(context: CommandContext, initial?: CreateNetworkAnswers, title?: string): Promise<string | undefined> {
  let answers = initial;
  for (;;) {
    const gateway = context.connection.requireGateway();
    const [existingNetworks, details] = await Promise.all([gateway.listNetworks(), gateway.engineDetails()]);
    const pools = settings.addressPools();
    answers = await runCreateNetworkWizard(context.prompter, {
      existingNetworks, drivers: details.networkDrivers, swarmActive: details.swarmActive, capabilities: gateway.capabilities,
      hostAddresses: hostAddresses(), hostInterfaces: Object.keys(os.networkInterfaces()),
      pools: pools.length ? pools : DEFAULT_ADDRESS_POOLS, subnetSize: settings.subnetSize(),
      copy: async (text, what) => { await vscode.env.clipboard.writeText(text); void vscode.window.setStatusBarMessage(`Copied ${what}`, 3000); },
      initial: answers, title,
    });
    if (!answers) return undefined;
    context.log.info(`creating network: ${toDockerCliCommand(answers)}`);
    try {
      const created = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Creating network "${answers.name}"` },
        () => gateway.createNetwork(toCreateBody(answers!)));
      await waitForNetwork(context, created.Id);
      const node = context.networksTree.findById(networkNodeId(created.Id));
      if (node) await context.networksView.reveal(node, { select: true, focus: true });
      void vscode.window.showInformationMessage(`Created network "${answers.name}".`);
      return created.Id;
    } catch (err) {
      context.log.error(`create network "${answers.name}" failed: ${(err as Error).message}`);
      const choice = await context.prompter.error(`Could not create network "${answers.name}": ${(err as Error).message}`, ['Retry', 'Show Log']);
      if (choice === 'Show Log') context.log.show(true);
      if (choice !== 'Retry') return undefined;
    }
  }
}

export const createNetworkCommand: CommandDefinition = {
  id: 'dockerNetworks.network.create',
  run: context => createNetworkFlow(context),
};

/** The wizard prefilled from an existing network, under a new name and with fresh subnets. */
export const duplicateNetworkCommand: CommandDefinition = {
  id: 'dockerNetworks.network.duplicate',
  run: async (context, clicked, selection) => {
    const source = selectedNodes(clicked, selection, 'network')?.[0] ?? (await pickNetworks(context, 'Duplicate Network', 'Pick the network to duplicate', { customOnly: true }))?.[0];
    if (!source) return undefined;
    const answers = answersFromNetwork(source.network, `${source.name}-copy`);
    // The source's subnets are taken: keep the shape, let the wizard suggest free ones.
    for (const subnet of [...answers.ipv4Subnets, ...answers.ipv6Subnets]) Object.assign(subnet, { subnet: '', gateway: undefined, ipRange: undefined, auxAddresses: {} });
    return createNetworkFlow(context, answers, `Duplicate Network "${source.name}"`);
  },
};
