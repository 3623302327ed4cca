import * as os from 'os';
import * as vscode from 'vscode';
import type { Network } from '../../model/engineTypes';
import { answersFromNetwork, CreateNetworkAnswers, toCreateBody, toDockerCliCommand } from '../../model/createNetwork';
import { AddressPool, DEFAULT_ADDRESS_POOLS, HostAddress, parseAddressPools } from '../../model/ipam';
import { managedPluginDrivers } from '../../model/pluginDrivers';
import { settings } from '../settings';
import { revealById } from '../tree/revealNode';
import { networkNodeId } from '../tree/treeItems';
import { runCreateNetworkWizard } from '../wizard/createNetwork/wizard';
import type { CommandContext, CommandDefinition } from './commandContext';
import { gatewayAfterQuestions } from './engineGuard';
import { clickedNode, pickNetwork } from './targets';

/** The host's own addresses: a new subnet that overlaps one of them clashes with the LAN or a VPN. */
function hostAddresses(): HostAddress[] {
  return Object.entries(os.networkInterfaces()).flatMap(([name, addresses]) =>
    (addresses ?? []).filter(a => !a.internal && a.cidr).map(a => ({ interface: name, cidr: a.cidr! })),
  );
}

/**
 * The interfaces a macvlan/ipvlan parent can be: this machine's, when the engine runs here (a unix socket or named
 * pipe; an engine in another network namespace has others, so typing a name stays offered), and the parents existing
 * networks use. A remote engine's host interfaces cannot be listed through the Engine API.
 */
function engineHostInterfaces(url: string, networks: readonly Network[]): string[] {
  const local = /^(unix|npipe):/i.test(url) ? Object.keys(os.networkInterfaces()) : [];
  const inUse = networks.map(n => n.Options?.parent).filter((p): p is string => Boolean(p));
  return [...new Set([...local, ...inUse])];
}

/** The configured pools; a wrong setting is named and Docker's defaults are used, so Create still works. */
function addressPools(context: CommandContext): readonly AddressPool[] {
  const parsed = parseAddressPools(settings.addressPoolsRaw());
  if ('pools' in parsed) return parsed.pools;
  const message = `Setting dockerNetworks.addressPools: ${parsed.error}. Subnet suggestions use Docker's default pools until it is fixed.`;
  context.log.warn(message);
  void vscode.window.showWarningMessage(message, 'Open Settings').then(choice => {
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'dockerNetworks.addressPools');
  });
  return [];
}

/** Selects the new network in the tree; says so when the filter hides it. */
async function revealCreated(context: CommandContext, id: string, name: string): Promise<void> {
  await context.store.reload();
  if (await revealById(context.networksView, context.networksTree, networkNodeId(id), { select: true, focus: true })) {
    void vscode.window.showInformationMessage(`Created network "${name}".`);
  } else {
    void vscode.window.showInformationMessage(`Created network "${name}" (hidden by the current filter).`);
  }
}

/**
 * Runs the wizard (prefilled when given), creates the network and reveals it. When the engine refuses, its message
 * is shown with the network's name, and Retry reopens the wizard with every answer kept.
 */
export async function createNetworkFlow(
  context: CommandContext,
  initial?: CreateNetworkAnswers,
  title?: string,
): Promise<string | undefined> {
  let answers = initial;
  for (;;) {
    const gateway = context.gateway();
    const [existingNetworks, details, plugins] = await Promise.all([
      gateway.listNetworks(),
      gateway.engineDetails(),
      // Offering managed IPAM plugins is a convenience: an engine without the plugins API still gets the wizard.
      gateway.listManagedPlugins().catch((err: Error) => {
        context.log.warn(`Create Network offers no managed plugins: ${err.message}`);
        return [];
      }),
    ]);
    const managed = managedPluginDrivers(plugins);
    const pools = addressPools(context);
    answers = await runCreateNetworkWizard(context.prompter, {
      existingNetworks,
      drivers: [...new Set([...details.networkDrivers, ...managed.network])],
      ipamPlugins: managed.ipam,
      swarmActive: details.swarmActive,
      swarmWorker: details.swarmWorker,
      capabilities: gateway.capabilities,
      hostAddresses: hostAddresses(),
      hostInterfaces: engineHostInterfaces(gateway.address.url, existingNetworks),
      pools: pools.length ? pools : DEFAULT_ADDRESS_POOLS,
      subnetSize: settings.subnetSize(),
      copy: async (text, what) => {
        await vscode.env.clipboard.writeText(text);
        void vscode.window.setStatusBarMessage(`Copied ${what}`, 3000);
      },
      initial: answers,
      title,
      shell: settings.cliShell(),
    });
    if (!answers) return undefined;
    const command = toDockerCliCommand(answers);
    context.log.info(`creating network: ${command.line ?? command.problem}`);
    let created: { Id: string };
    try {
      // The engine may have restarted while the wizard was open: create through the current connection.
      created = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Creating network "${answers.name}"` },
        async () => (await gatewayAfterQuestions(context)).createNetwork(toCreateBody(answers!)),
      );
    } catch (err) {
      context.log.error(`create network "${answers.name}" failed: ${(err as Error).message}`);
      const choice = await context.prompter.error(`Could not create network "${answers.name}": ${(err as Error).message}`, [
        'Retry',
        'Show Log',
      ]);
      if (choice === 'Show Log') context.log.show(true);
      if (choice !== 'Retry') return undefined;
      continue;
    }
    await revealCreated(context, created.Id, answers.name);
    return created.Id;
  }
}

export const createNetworkCommand: CommandDefinition = {
  id: 'dockerNetworks.network.create',
  needs: 'engine',
  run: context => createNetworkFlow(context),
};

/** The wizard prefilled from an existing network, under a new name and with fresh subnets. */
export const duplicateNetworkCommand: CommandDefinition = {
  id: 'dockerNetworks.network.duplicate',
  needs: 'explorer',
  run: async (context, clicked, selection) => {
    const source =
      clickedNode(clicked, selection, 'network') ??
      (await pickNetwork(context, 'Duplicate Network', 'Pick the network to duplicate', { customOnly: true }));
    if (!source) return undefined;
    const answers = answersFromNetwork(source.network, `${source.name}-copy`);
    // The source's subnets are taken: keep the shape, let the wizard suggest free ones.
    for (const subnet of [...answers.ipv4Subnets, ...answers.ipv6Subnets])
      Object.assign(subnet, { subnet: '', gateway: undefined, ipRange: undefined, auxAddresses: {} });
    return createNetworkFlow(context, answers, `Duplicate Network "${source.name}"`);
  },
};
