// The Connect wizard: which containers, which network, and (optionally) every `docker network connect` option the
// engine honours. Restrictions are explained in the step where they bite, never silently hidden. No `vscode` here.
import type { EngineCapabilities } from '../../model/apiVersion';
import { connectRestrictions, staticAddressRestriction } from '../../model/connectRules';
import { aliasProblem, ConnectOptions, emptyConnectOptions, macAddressProblem, splitList } from '../../model/connectRequest';
import { NONE_NETWORK } from '../../model/builtInNetworks';
import type { ContainerModel, ExplorerModel, NetworkModel } from '../../model/explorer';
import { describeNetwork } from '../../model/explorer';
import { AddressFamily, familyName } from '../../model/ipam';
import { runFlow, Step } from './flow';
import type { Prompter } from './prompter';

const TITLE = 'Connect Container to Network';

/** Address checks against the network's subnets and used addresses (ip-num based, in the model). */
export interface EndpointAddressTools {
  validate(address: string, family: AddressFamily, network: NetworkModel): string | undefined;
  suggest(family: AddressFamily, network: NetworkModel): string | undefined;
}

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

type OptionKey = 'aliases' | 'ipv4' | 'ipv6' | 'links' | 'linkLocal' | 'driverOpts' | 'mac' | 'gwPriority';

interface ConnectState {
  containers: ContainerModel[];
  network?: NetworkModel;
  configure: boolean;
  chosen: OptionKey[];
  options: ConnectOptions;
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
        description: `${c.state} · ${c.networks.map(n => n.networkName).join(', ') || 'no network'}`,
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

/** Only what is ticked now: values typed before going Back and unticking, or before choosing defaults, are dropped. */
function effectiveOptions(state: ConnectState): ConnectOptions {
  const o = state.options;
  const on = (key: OptionKey) => state.configure && state.chosen.includes(key);
  return {
    aliases: on('aliases') ? o.aliases : [],
    ipv4: on('ipv4') ? o.ipv4 : undefined,
    ipv6: on('ipv6') ? o.ipv6 : undefined,
    links: on('links') ? o.links : [],
    linkLocalIps: on('linkLocal') ? o.linkLocalIps : [],
    driverOptions: on('driverOpts') ? o.driverOptions : {},
    macAddress: on('mac') ? o.macAddress : undefined,
    gatewayPriority: on('gwPriority') ? o.gatewayPriority : undefined,
  };
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

function optionChoices(s: ConnectState, capabilities: EngineCapabilities) {
  const network = s.network!;
  const restrictions = connectRestrictions(network.network);
  const many = s.containers.length > 1;
  const choice = (key: OptionKey, label: string, description: string, unavailable?: string) => ({
    label,
    description: unavailable ? `not available: ${unavailable}` : description,
    value: key,
    picked: s.chosen.includes(key),
  });
  const choices = [
    choice('aliases', 'Aliases', 'extra DNS names on this network (--alias)', restrictions.aliases ? 'default bridge' : undefined),
    choice(
      'ipv4',
      'IPv4 address',
      "a fixed address in the network's subnet (--ip)",
      staticAddressRestriction(network.network, 'ipv4')
        ? 'no IPv4 subnet configured'
        : many
          ? 'one address cannot go to several containers'
          : undefined,
    ),
    choice(
      'ipv6',
      'IPv6 address',
      'a fixed IPv6 address (--ip6)',
      staticAddressRestriction(network.network, 'ipv6')
        ? 'no IPv6 subnet configured'
        : many
          ? 'one address cannot go to several containers'
          : undefined,
    ),
    choice('links', 'Links', 'legacy links to other containers: name:alias (--link)'),
    choice('linkLocal', 'Link-local IPs', 'extra link-local addresses (--link-local-ip)'),
    choice('driverOpts', 'Driver options', 'key=value options for the network driver (--driver-opt)'),
  ];
  if (capabilities.connectMacAddress)
    choices.push(
      choice(
        'mac',
        'MAC address',
        'a fixed MAC address for this endpoint',
        many ? 'one MAC address cannot go to several containers' : undefined,
      ),
    );
  if (capabilities.gatewayPriority)
    choices.push(choice('gwPriority', 'Gateway priority', 'which network provides the default route (--gw-priority)'));
  return choices;
}

function optionProblem(key: OptionKey, s: ConnectState): string | undefined {
  const network = s.network!.network;
  const many = s.containers.length > 1;
  switch (key) {
    case 'aliases':
      return connectRestrictions(network).aliases;
    case 'ipv4':
      return (
        staticAddressRestriction(network, 'ipv4') ??
        (many ? 'A fixed IPv4 address can only be given when connecting one container.' : undefined)
      );
    case 'ipv6':
      return (
        staticAddressRestriction(network, 'ipv6') ??
        (many ? 'A fixed IPv6 address can only be given when connecting one container.' : undefined)
      );
    case 'mac':
      return many ? 'A fixed MAC address can only be given when connecting one container.' : undefined;
    default:
      return undefined;
  }
}

/** The step that asks one ticked option's value. */
function optionStep(key: OptionKey, addresses: EndpointAddressTools): Step<ConnectState> {
  return async (s, ask) => {
    const network = s.network!;
    const o = s.options;
    const list = (
      prompt: string,
      placeholder: string,
      current: readonly string[],
      emptyMessage: string,
      problem?: (entry: string) => string | undefined,
    ) =>
      ask
        .input({
          prompt,
          placeholder,
          value: current.join(', '),
          validate: text => (splitList(text).length ? (problem ? splitList(text).map(problem).find(Boolean) : undefined) : emptyMessage),
        })
        .then(splitList);
    switch (key) {
      case 'aliases':
        o.aliases = await list(
          `Aliases for the container on "${network.name}": other containers there can reach it by these names`,
          'e.g. db, primary-db (comma or space separated)',
          o.aliases,
          'Enter at least one alias, or go back and untick Aliases',
          aliasProblem,
        );
        return;
      case 'ipv4':
      case 'ipv6': {
        const family: AddressFamily = key;
        const suggestion = addresses.suggest(family, network);
        const answer = await ask.input({
          prompt: `Fixed ${familyName(family)} address for "${s.containers[0].name}" on "${network.name}" (${network.subnets.join(', ')})`,
          placeholder: suggestion
            ? `next free address: ${suggestion}`
            : `an ${familyName(family)} address inside the network's subnet, e.g. ${family === 'ipv4' ? '172.30.0.10' : 'fd00:1::10'}`,
          value: (family === 'ipv4' ? o.ipv4 : o.ipv6) ?? suggestion ?? '',
          validate: text => addresses.validate(text.trim(), family, network),
        });
        if (family === 'ipv4') o.ipv4 = answer.trim();
        else o.ipv6 = answer.trim();
        return;
      }
      case 'links':
        o.links = await list(
          'Links to other containers, as container or container:alias',
          'e.g. db:database, cache',
          o.links,
          'Enter at least one link, or go back and untick Links',
        );
        return;
      case 'linkLocal':
        o.linkLocalIps = await list(
          'Link-local addresses for the endpoint (169.254.0.0/16 or fe80::/10)',
          'e.g. 169.254.10.10, fe80::10',
          o.linkLocalIps,
          'Enter at least one address, or go back and untick Link-local IPs',
        );
        return;
      case 'driverOpts': {
        const entries = await list(
          'Driver options for this endpoint, as key=value',
          'e.g. com.example.opt=1',
          Object.entries(o.driverOptions).map(([k, v]) => `${k}=${v}`),
          'Enter at least one option',
          entry => (/^[^=\s]+=/.test(entry) ? undefined : `"${entry}" is not key=value`),
        );
        o.driverOptions = Object.fromEntries(
          entries.map(entry => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
        );
        return;
      }
      case 'mac':
        o.macAddress = (
          await ask.input({
            prompt: `MAC address for "${s.containers[0].name}" on "${network.name}"`,
            placeholder: 'e.g. 02:42:ac:11:00:02',
            value: o.macAddress ?? '',
            validate: text => macAddressProblem(text.trim()),
          })
        ).trim();
        return;
      case 'gwPriority':
        o.gatewayPriority = Number(
          (
            await ask.input({
              prompt: 'Gateway priority: the network with the highest priority provides the default route',
              placeholder: 'an integer, e.g. 1 (default 0)',
              value: String(o.gatewayPriority ?? ''),
              validate: text => (/^-?\d+$/.test(text.trim()) ? undefined : `"${text}" is not an integer`),
            })
          ).trim(),
        );
        return;
    }
  };
}
