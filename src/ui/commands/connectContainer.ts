import { BatchOutcome, quoted, runEach } from '../../model/batch';
import { connectRepairingFailures } from '../../engine/networkOperations';
import { toConnectBody, toConnectCliCommand } from '../../model/connectRequest';
import type { ContainerModel, ExplorerModel, NetworkModel } from '../../model/explorer';
import { swarmPeers } from '../../model/swarm';
import { endpointAddressTools } from '../wizard/endpointAddresses';
import { ConnectPlan, runConnectWizard } from '../wizard/connectWizard';
import type { CommandContext, CommandDefinition } from './commandContext';
import { runBatch } from './batch';
import { gatewayAfterQuestions, gatewayOfEngine } from './engineGuard';
import { reportCommandError } from './register';
import { clickedNode, selectedNodes } from './targets';

/** Connects every planned container; failures are reported per container and do not stop the others. */
export async function executeConnect(context: CommandContext, plan: ConnectPlan): Promise<BatchOutcome> {
  const ownGateway = await gatewayAfterQuestions(context);
  return runBatch(context, {
    title: `Connecting to "${plan.network.name}"`,
    total: plan.containers.length,
    words: { done: names => `Connected ${quoted(names)} to "${plan.network.name}".`, failed: (_name, reason) => reason },
    run: options =>
      runEach(
        plan.containers,
        container => container.name,
        async container => {
          const command = toConnectCliCommand(plan.network.name, container.name, plan.options);
          context.log.info(`running the equivalent of: ${command.line ?? command.problem}`);
          // A container of another engine of the swarm joins the swarm network there (the worker asks its manager).
          const gateway = container.engineId ? gatewayOfEngine(context, container.engineId) : ownGateway;
          await connectRepairingFailures(gateway, plan.network, toConnectBody(container.id, plan.options), container, message =>
            context.log.warn(message),
          );
        },
        options,
      ),
  });
}

/** Runs the wizard with whatever is already known (from a node, a drop), then connects. */
export async function connectFlow(context: CommandContext, known: { containers?: ContainerModel[]; network?: NetworkModel }) {
  const plan = await runConnectWizard(context.prompter, {
    model: withSwarmPeers(context, known.network),
    capabilities: context.gateway().capabilities,
    addresses: endpointAddressTools(),
    ...known,
  });
  return plan ? executeConnect(context, plan) : undefined;
}

/**
 * For a swarm network, the containers of every engine of the window in that swarm, each marked with its node and
 * engine, so a standalone container on a worker can join an attachable overlay shown under the manager.
 */
function withSwarmPeers(context: CommandContext, network: NetworkModel | undefined): ExplorerModel {
  const own = context.model();
  if (network?.scope !== 'swarm') return own;
  const peers = swarmPeers(context.sessions.swarmMembers(), context.engine.entry.id);
  if (!peers) return own;
  const [self, ...others] = peers;
  return {
    ...own,
    containers: [
      ...own.containers.map(c => ({ ...c, node: self.node })),
      ...others.flatMap(({ member, node }) => (member.model?.containers ?? []).map(c => ({ ...c, engineId: member.engineId, node }))),
    ],
  };
}

function currentContainers(context: CommandContext, nodes: readonly { id: string }[]): ContainerModel[] {
  const all = context.model().containers;
  return nodes.map(node => all.find(c => c.id === node.id)).filter((c): c is ContainerModel => Boolean(c));
}

/** A drop of containers onto a network: straight to the options step. */
export function connectDropped(context: CommandContext, containerIds: string[], networkId: string, shown?: NetworkModel) {
  const network = context.store.model?.networks.find(n => n.id === networkId) ?? shown;
  if (!network) return Promise.resolve(undefined);
  return connectFlow(context, {
    network,
    containers: currentContainers(
      context,
      containerIds.map(id => ({ id })),
    ),
  }).catch(err => reportCommandError(context, `dropping containers on "${network.name}"`, err));
}

export const connectContainerCommand: CommandDefinition = {
  id: 'dockerNetworks.container.connect',
  needs: 'explorer',
  run: (context, clicked, selection) => {
    const network = clickedNode(clicked, selection, 'network');
    const containers = selectedNodes(clicked, selection, 'container');
    return connectFlow(context, { network, containers: containers ? currentContainers(context, containers) : undefined });
  },
};
