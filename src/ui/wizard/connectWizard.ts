// The Connect wizard: which containers, which network, and (optionally) every `docker network connect` option the
// engine honours. Restrictions are explained in the step where they bite, never silently hidden. No `vscode` here.
import type { EngineCapabilities } from '../../model/apiVersion';
import { connectRestrictions } from '../../model/connectRules';
import { ConnectOptions, emptyConnectOptions } from '../../model/connectRequest';
import { NONE_NETWORK } from '../../model/builtInNetworks';
import type { ContainerModel, ExplorerModel, NetworkModel } from '../../model/explorer';
import { describeNetwork } from '../../model/explorer';
import { ConnectState, EndpointAddressTools, effectiveOptions, optionChoices, optionProblem, optionStep } from './connectOptions';
import { runFlow, Step } from './flow';
import type { Prompter } from './prompter';

const TITLE = 'Connect Container to Network';

export interface ConnectWizardInput {
  readonly model: ExplorerModel;
  readonly capabilities: EngineCapabilities;
  readonly addresses: EndpointAddressTools;
  readonly containers?: readonly ContainerModel[];
  readonly network?: NetworkModel;
}

export interface ConnectPlan {
  readonly containers: ContainerModel[];
  readonly network: NetworkModel;
  readonly options: ConnectOptions;
}

function isOn(container: ContainerModel, network: NetworkModel): boolean {
  return container.networks.some(n => n.networkId === network.id);
}

function containerStep(input: ConnectWizardInput): Step<ConnectState> {
  return async (s, ask) => {
    const candidates = input.model.containers.filter(c => !s.network || !isOn(c, s.network));
    if (!candidates.length) {
      await ask.explain(
        s.network ? `Every container is already on "${s.network.name}".` : 'There are no containers on this engine.',
        'There is nothing to connect.',
      );
      ask.cancel();
    }
    const picked = await ask.pickMany({
      placeholder: s.network
        ? `Pick the containers to connect to "${s.network.name}" (running or stopped)`
        : 'Pick the containers to connect (running or stopped)',
      options: candidates.map(c => ({
        label: c.name,
        description: `${c.node ? `on ${c.node} · ` : ''}${c.state} · ${c.networks.map(n => n.networkName).join(', ') || 'no network'}`,
        value: c,
        picked: s.containers.some(p => p.id === c.id),
      })),
    });
    if (!picked.length) ask.cancel();
    s.containers = picked;
  };
}

function networkStep(input: ConnectWizardInput): Step<ConnectState> {
  return async (s, ask) => {
    for (;;) {
      const names = s.containers.map(c => `"${c.name}"`).join(', ');
      const picked = await ask.pick({
        placeholder: `Pick the network to connect ${names} to`,
        options: input.model.networks.map(n => {
          const blocked = connectRestrictions(n.network).connect;
          const already = s.containers.every(c => isOn(c, n));
          return {
            label: n.name,
            description: already ? 'already connected' : describeNetwork(n),
            detail: blocked ? `Not possible: ${blocked}` : undefined,
            value: n,
          };
        }),
      });
      const problem = connectProblem(picked, s.containers);
      if (!problem) {
        s.network = picked;
        return;
      }
      await ask.explain(`Cannot connect to "${picked.name}"`, problem);
    }
  };
}

function defaultsOrOptionsStep(input: ConnectWizardInput): Step<ConnectState> {
  return async (s, ask) => {
    const extras =
      (input.capabilities.connectMacAddress ? ', MAC address' : '') + (input.capabilities.gatewayPriority ? ', gateway priority' : '');
    s.configure = await ask.pick({
      placeholder: `Connect ${s.containers.map(c => `"${c.name}"`).join(', ')} to "${s.network!.name}" with the defaults, or set options?`,
      options: [
        { label: 'Connect with defaults', description: 'the engine picks the address; no aliases', value: false },
        {
          label: 'Set options…',
          description: `aliases, fixed IPv4/IPv6 address, links, link-local IPs, driver options${extras}`,
          value: true,
        },
      ],
    });
  };
}

function checklistStep(input: ConnectWizardInput): Step<ConnectState> {
  return async (s, ask) => {
    for (;;) {
      const picked = await ask.pickMany({
        placeholder: 'Tick the options to set (each gets its own step)',
        options: optionChoices(s, input.capabilities),
      });
      const problem = picked.map(key => optionProblem(key, s)).find(Boolean);
      if (!problem) {
        s.chosen = picked;
        return;
      }
      await ask.explain('That option cannot be used here', problem);
    }
  };
}

/** A network given up front (a tree node or a drop) that cannot take these containers is refused before any step. */
function upfrontRefusal(input: ConnectWizardInput, askForContainers: boolean): string | undefined {
  if (!input.network) return undefined;
  const problem = connectProblem(input.network, input.containers ?? []);
  if (problem && !askForContainers) return problem;
  return connectRestrictions(input.network.network).connect;
}

export async function runConnectWizard(prompter: Prompter, input: ConnectWizardInput): Promise<ConnectPlan | undefined> {
  const state: ConnectState = {
    containers: [...(input.containers ?? [])],
    network: input.network,
    configure: false,
    chosen: [],
    options: emptyConnectOptions(),
  };
  const askForContainers = !input.containers?.length;
  const refusal = upfrontRefusal(input, askForContainers);
  if (refusal) {
    await prompter.confirm({ message: `Cannot connect to "${input.network!.name}"`, detail: refusal, choices: [] });
    return undefined;
  }
  const steps = (s: ConnectState): Step<ConnectState>[] => [
    ...(askForContainers ? [containerStep(input)] : []),
    ...(input.network ? [] : [networkStep(input)]),
    defaultsOrOptionsStep(input),
    ...(s.configure ? [checklistStep(input), ...s.chosen.map(key => optionStep(key, input.addresses))] : []),
  ];
  const finished = await runFlow(prompter, TITLE, state, steps);
  if (!finished || !state.network) return undefined;
  return { containers: state.containers, network: state.network, options: effectiveOptions(state) };
}

/** Why these containers cannot join this network, in the engine's words; undefined when they can. */
function connectProblem(network: NetworkModel, containers: readonly ContainerModel[]): string | undefined {
  const blocked = connectRestrictions(network.network).connect;
  if (blocked) return blocked;
  const isolated = containers.filter(c => c.networks.some(n => n.networkName === NONE_NETWORK));
  if (isolated.length)
    return `${isolated.map(c => `"${c.name}"`).join(', ')} ${isolated.length === 1 ? 'is' : 'are'} on the none network (networking disabled): the engine refuses to add other networks ("container cannot be connected to multiple networks with one of the networks in private (none) mode"). Disconnect from none first.`;
  const already = containers.filter(c => isOn(c, network));
  if (already.length)
    return `${already.map(c => `"${c.name}"`).join(', ')} ${already.length === 1 ? 'is' : 'are'} already connected to "${network.name}" (the engine would refuse: "endpoint with name … already exists").`;
  return undefined;
}
