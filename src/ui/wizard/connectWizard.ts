// The Connect wizard: which containers, which network, and (optionally) every `docker network connect` option the
// engine honours. Restrictions are explained in the step where they bite, never silently hidden. No `vscode` here.
import type { EngineCapabilities } from '../../model/apiVersion';
import { connectRestrictions, staticAddressRestriction } from '../../model/connectRules';
import { aliasProblem, ConnectOptions, emptyConnectOptions, macAddressProblem, splitList } from '../../model/connectRequest';
import { NONE_NETWORK } from '../../model/builtInNetworks';
import type { ContainerModel, ExplorerModel, NetworkModel } from '../../model/explorer';
import { describeNetwork } from '../../model/explorer';
import { AddressFamily, familyName } from '../../model/ipam';
import { BACK, Prompter, runSteps, WizardStep } from './prompter';

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

export async function runConnectWizard(prompter: Prompter, input: ConnectWizardInput): Promise<ConnectPlan | undefined> {
  const state: ConnectState = { containers: [...(input.containers ?? [])], network: input.network, configure: false, chosen: [], options: emptyConnectOptions() };
  const askForContainers = !input.containers?.length;
  const askForNetwork = !input.network;

  const containerStep: WizardStep<ConnectState> = async (s, position) => {
    const candidates = input.model.containers.filter(c => !s.network || !isOn(c, s.network));
    if (!candidates.length) {
      const message = s.network ? `Every container is already on "${s.network.name}".` : 'There are no containers on this engine.';
      await prompter.confirm({ message, detail: 'There is nothing to connect.', choices: [] });
      return 'cancel';
    }
    const picked = await prompter.pickMany({
      title: TITLE, ...position,
      placeholder: s.network ? `Pick the containers to connect to "${s.network.name}" (running or stopped)` : 'Pick the containers to connect (running or stopped)',
      options: candidates.map(c => ({ label: c.name, description: `${c.state} · ${c.networks.map(n => n.networkName).join(', ') || 'no network'}`, value: c, picked: s.containers.some(p => p.id === c.id) })),
    });
    if (picked === BACK) return 'back';
    if (!picked?.length) return 'cancel';
    s.containers = picked;
    return 'next';
  };

  const networkStep: WizardStep<ConnectState> = async (s, position) => {
    for (;;) {
      const names = s.containers.map(c => `"${c.name}"`).join(', ');
      const picked = await prompter.pick({
        title: TITLE, ...position,
        placeholder: `Pick the network to connect ${names} to`,
        options: input.model.networks.map(n => {
          const blocked = connectRestrictions(n.network).connect;
          const already = s.containers.every(c => isOn(c, n));
          return { label: n.name, description: already ? 'already connected' : describeNetwork(n), detail: blocked ? `Not possible: ${blocked}` : undefined, value: n };
        }),
      });
      if (picked === BACK) return 'back';
      if (!picked) return 'cancel';
      const problem = networkProblem(picked, s.containers);
      if (!problem) {
        s.network = picked;
        return 'next';
      }
      await prompter.confirm({ message: `Cannot connect to "${picked.name}"`, detail: problem, choices: [] });
    }
  };

  const modeStep: WizardStep<ConnectState> = async (s, position) => {
    const picked = await prompter.pick({
      title: TITLE, ...position,
      placeholder: `Connect ${s.containers.map(c => `"${c.name}"`).join(', ')} to "${s.network!.name}" with the defaults, or set options?`,
      options: [
        { label: 'Connect with defaults', description: 'the engine picks the address; no aliases', value: false },
        { label: 'Set options…', description: 'aliases, fixed IPv4/IPv6 address, links, link-local IPs, driver options' + (input.capabilities.connectMacAddress ? ', MAC address' : '') + (input.capabilities.gatewayPriority ? ', gateway priority' : ''), value: true },
      ],
    });
    if (picked === BACK) return 'back';
    if (picked === undefined) return 'cancel';
    s.configure = picked;
    return 'next';
  };

  const checklistStep: WizardStep<ConnectState> = async (s, position) => {
    for (;;) {
      const picked = await prompter.pickMany({
        title: TITLE, ...position,
        placeholder: 'Tick the options to set (each gets its own step)',
        options: optionChoices(s, input.capabilities),
      });
      if (picked === BACK) return 'back';
      if (picked === undefined) return 'cancel';
      const problem = picked.map(key => optionProblem(key, s)).find(Boolean);
      if (!problem) {
        s.chosen = picked;
        return 'next';
      }
      await prompter.confirm({ message: 'That option cannot be used here', detail: problem, choices: [] });
    }
  };

  const steps = (s: ConnectState): WizardStep<ConnectState>[] => [
    ...(askForContainers ? [containerStep] : []),
    ...(askForNetwork ? [networkStep] : []),
    modeStep,
    ...(s.configure ? [checklistStep, ...s.chosen.map(key => optionStep(prompter, key, input.addresses))] : []),
  ];

  if (!askForNetwork && input.network) {
    const problem = networkProblem(input.network, state.containers);
    if (problem && !askForContainers) {
      await prompter.confirm({ message: `Cannot connect to "${input.network.name}"`, detail: problem, choices: [] });
      return undefined;
    }
    const blocked = connectRestrictions(input.network.network).connect;
    if (blocked) {
      await prompter.confirm({ message: `Cannot connect to "${input.network.name}"`, detail: blocked, choices: [] });
      return undefined;
    }
  }
  const finished = await runSteps(state, steps);
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

function networkProblem(network: NetworkModel, containers: readonly ContainerModel[]): string | undefined {
  const blocked = connectRestrictions(network.network).connect;
  if (blocked) return blocked;
  const isolated = containers.filter(c => c.networks.some(n => n.networkName === NONE_NETWORK));
  if (isolated.length) return `${isolated.map(c => `"${c.name}"`).join(', ')} ${isolated.length === 1 ? 'is' : 'are'} on the none network (networking disabled): the engine refuses to add other networks ("container cannot be connected to multiple networks with one of the networks in private (none) mode"). Disconnect from none first.`;
  const already = containers.filter(c => isOn(c, network));
  if (already.length) return `${already.map(c => `"${c.name}"`).join(', ')} ${already.length === 1 ? 'is' : 'are'} already connected to "${network.name}" (the engine would refuse: "endpoint with name … already exists").`;
  return undefined;
}

function optionChoices(s: ConnectState, capabilities: EngineCapabilities) {
  const network = s.network!;
  const restrictions = connectRestrictions(network.network);
  const many = s.containers.length > 1;
  const choice = (key: OptionKey, label: string, description: string, unavailable?: string) => ({
    label, description: unavailable ? `not available: ${unavailable}` : description, value: key, picked: s.chosen.includes(key),
  });
  const choices = [
    choice('aliases', 'Aliases', 'extra DNS names on this network (--alias)', restrictions.aliases ? 'default bridge' : undefined),
    choice('ipv4', 'IPv4 address', 'a fixed address in the network\'s subnet (--ip)', staticAddressRestriction(network.network, 'ipv4') ? 'no IPv4 subnet configured' : many ? 'one address cannot go to several containers' : undefined),
    choice('ipv6', 'IPv6 address', 'a fixed IPv6 address (--ip6)', staticAddressRestriction(network.network, 'ipv6') ? 'no IPv6 subnet configured' : many ? 'one address cannot go to several containers' : undefined),
    choice('links', 'Links', 'legacy links to other containers: name:alias (--link)'),
    choice('linkLocal', 'Link-local IPs', 'extra link-local addresses (--link-local-ip)'),
    choice('driverOpts', 'Driver options', 'key=value options for the network driver (--driver-opt)'),
  ];
  if (capabilities.connectMacAddress) choices.push(choice('mac', 'MAC address', 'a fixed MAC address for this endpoint', many ? 'one MAC address cannot go to several containers' : undefined));
  if (capabilities.gatewayPriority) choices.push(choice('gwPriority', 'Gateway priority', 'which network provides the default route (--gw-priority)'));
  return choices;
}

function optionProblem(key: OptionKey, s: ConnectState): string | undefined {
  const network = s.network!.network;
  const many = s.containers.length > 1;
  switch (key) {
    case 'aliases': return connectRestrictions(network).aliases;
    case 'ipv4': return staticAddressRestriction(network, 'ipv4') ?? (many ? 'A fixed IPv4 address can only be given when connecting one container.' : undefined);
    case 'ipv6': return staticAddressRestriction(network, 'ipv6') ?? (many ? 'A fixed IPv6 address can only be given when connecting one container.' : undefined);
    case 'mac': return many ? 'A fixed MAC address can only be given when connecting one container.' : undefined;
    default: return undefined;
  }
}

function optionStep(prompter: Prompter, key: OptionKey, addresses: EndpointAddressTools): WizardStep<ConnectState> {
  return async (s, position) => {
    const network = s.network!;
    const ask = (prompt: string, placeholder: string, value: string, validate: (text: string) => string | undefined) =>
      prompter.input({ title: TITLE, ...position, prompt, placeholder, value, validate });
    let answer: string | typeof BACK | undefined;
    switch (key) {
      case 'aliases':
        answer = await ask(`Aliases for the container on "${network.name}": other containers there can reach it by these names`, 'e.g. db, primary-db (comma or space separated)',
          s.options.aliases.join(', '), text => splitList(text).length ? splitList(text).map(aliasProblem).find(Boolean) : 'Enter at least one alias, or go back and untick Aliases');
        if (typeof answer === 'string') s.options.aliases = splitList(answer);
        break;
      case 'ipv4':
      case 'ipv6': {
        const family: AddressFamily = key;
        const suggestion = addresses.suggest(family, network);
        answer = await ask(`Fixed ${familyName(family)} address for "${s.containers[0].name}" on "${network.name}" (${network.subnets.join(', ')})`,
          suggestion ? `next free address: ${suggestion}` : `an ${familyName(family)} address inside the network's subnet`,
          (family === 'ipv4' ? s.options.ipv4 : s.options.ipv6) ?? suggestion ?? '', text => addresses.validate(text.trim(), family, network));
        if (typeof answer === 'string') family === 'ipv4' ? s.options.ipv4 = answer.trim() : s.options.ipv6 = answer.trim();
        break;
      }
      case 'links':
        answer = await ask('Links to other containers, as container or container:alias', 'e.g. db:database, cache', s.options.links.join(', '),
          text => splitList(text).length ? undefined : 'Enter at least one link, or go back and untick Links');
        if (typeof answer === 'string') s.options.links = splitList(answer);
        break;
      case 'linkLocal':
        answer = await ask('Link-local addresses for the endpoint (169.254.0.0/16 or fe80::/10)', 'e.g. 169.254.10.10, fe80::10', s.options.linkLocalIps.join(', '),
          text => splitList(text).length ? undefined : 'Enter at least one address, or go back and untick Link-local IPs');
        if (typeof answer === 'string') s.options.linkLocalIps = splitList(answer);
        break;
      case 'driverOpts':
        answer = await ask('Driver options for this endpoint, as key=value', 'e.g. com.example.opt=1', Object.entries(s.options.driverOptions).map(([k, v]) => `${k}=${v}`).join(', '),
          text => splitList(text).map(entry => (/^[^=\s]+=/.test(entry) ? undefined : `"${entry}" is not key=value`)).find(Boolean) ?? (splitList(text).length ? undefined : 'Enter at least one option'));
        if (typeof answer === 'string') s.options.driverOptions = Object.fromEntries(splitList(answer).map(entry => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
        break;
      case 'mac':
        answer = await ask(`MAC address for "${s.containers[0].name}" on "${network.name}"`, 'e.g. 02:42:ac:11:00:02', s.options.macAddress ?? '', text => macAddressProblem(text.trim()));
        if (typeof answer === 'string') s.options.macAddress = answer.trim();
        break;
      case 'gwPriority':
        answer = await ask('Gateway priority: the network with the highest priority provides the default route', 'an integer, e.g. 1 (default 0)', String(s.options.gatewayPriority ?? ''),
          text => (/^-?\d+$/.test(text.trim()) ? undefined : `"${text}" is not an integer`));
        if (typeof answer === 'string') s.options.gatewayPriority = Number(answer.trim());
        break;
    }
    if (answer === BACK) return 'back';
    if (answer === undefined) return 'cancel';
    return 'next';
  };
}
