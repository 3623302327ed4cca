// The Create Network wizard: name → driver → defaults or options → one step per ticked option → summary with the
// equivalent CLI line. Every value is checked as it is typed (ip-num based model rules), so invalid input never
// reaches the engine. Answers live in one state object: Back and Retry show what was typed. No `vscode` here.
import type { EngineCapabilities } from '../../model/apiVersion';
import { CreateNetworkAnswers, DriverOptionKeys, emptyAnswers, ipamRequestOf, SubnetAnswer, toComposeSnippet, toDockerCliCommand } from '../../model/createNetwork';
import type { Network } from '../../model/engineTypes';
import { BUILT_IN_NETWORK_NAMES, BUILT_IN_ONLY_DRIVERS } from '../../model/builtInNetworks';
import {
  AddressPool, checkAgainstExisting, checkAgainstHostAddresses, defaultGateway, HostAddress, IpamIssue, parseKeyValueList,
  suggestFreeSubnet, takenSubnets, validateIpamRequest,
} from '../../model/ipam';
import { BACK, Prompter, runSteps, ValidationMessage, WizardStep } from './prompter';

export const CREATE_TITLE = 'Create Network';

export interface CreateWizardInput {
  readonly existingNetworks: readonly Network[];
  /** Network drivers the engine offers (`/info` Plugins.Network). */
  readonly drivers: readonly string[];
  readonly swarmActive: boolean;
  readonly capabilities: EngineCapabilities;
  readonly hostAddresses: readonly HostAddress[];
  readonly hostInterfaces: readonly string[];
  readonly pools: readonly AddressPool[];
  readonly subnetSize?: number;
  readonly copy: (text: string, what: string) => Promise<void>;
  /** Prefilled answers: Duplicate Network, or Retry after the engine refused. */
  readonly initial?: CreateNetworkAnswers;
  readonly title?: string;
}

type OptionKey =
  | 'ipv4' | 'ipv6' | 'internal' | 'attachable' | 'ingress' | 'scope' | 'configOnly' | 'configFrom' | 'ipam' | 'driverOpts' | 'labels'
  | 'bridgeName' | 'mtu' | 'iccOff' | 'masqueradeOff' | 'hostBinding' | 'mode' | 'encrypted';

export interface WizardState {
  answers: CreateNetworkAnswers;
  configure: boolean;
  chosen: OptionKey[];
  /** Whether the user asked for one more IPv4 / IPv6 subnet after the last one. */
  moreIpv4: boolean;
  moreIpv6: boolean;
}

/** Drivers that can be created (host and null exist once, built in), in a useful order. */
export function creatableDrivers(engineDrivers: readonly string[]): string[] {
  const known = ['bridge', 'macvlan', 'ipvlan', 'overlay'];
  const plugins = engineDrivers.filter(d => !known.includes(d) && !BUILT_IN_ONLY_DRIVERS.includes(d));
  return [...known.filter(d => engineDrivers.length === 0 || engineDrivers.includes(d)), ...plugins];
}

const isMacvlanLike = (driver: string) => driver === 'macvlan' || driver === 'ipvlan';

function firstError(issues: readonly IpamIssue[], fieldPrefix?: string): string | ValidationMessage | undefined {
  const relevant = fieldPrefix ? issues.filter(issue => issue.field.startsWith(fieldPrefix)) : [...issues];
  const error = relevant.find(issue => issue.severity === 'error');
  if (error) return error.message + (error.suggestion ? ` Suggested: ${error.suggestion}` : '');
  const warning = relevant.find(issue => issue.severity === 'warning');
  return warning ? { message: warning.message, severity: 'warning' } : undefined;
}

export function validateAnswersIpam(answers: CreateNetworkAnswers, input: Pick<CreateWizardInput, 'existingNetworks' | 'hostAddresses'>): IpamIssue[] {
  const request = ipamRequestOf(answers);
  return [
    ...validateIpamRequest(request, { driver: answers.driver }),
    ...checkAgainstExisting(request, input.existingNetworks),
    ...checkAgainstHostAddresses(request, input.hostAddresses),
  ];
}

export function nameProblem(name: string, existing: readonly Network[]): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'A network needs a name.';
  if (/\s/.test(trimmed)) return `"${trimmed}" contains whitespace, which docker commands cannot address without quoting.`;
  if (BUILT_IN_NETWORK_NAMES.includes(trimmed)) return `"${trimmed}" is a built-in network name: the engine refuses to create it ("operation is not permitted on predefined ${trimmed} network").`;
  const clash = existing.find(n => n.Name === trimmed);
  if (clash) return `A network named "${trimmed}" already exists (ID ${clash.Id.slice(0, 12)}, driver ${clash.Driver}).`;
  return undefined;
}

/** Combinations the engine refuses for config-only and config-from networks (libnetwork network.validateConfiguration). */
export function configProblem(a: CreateNetworkAnswers): string | undefined {
  if (a.configOnly && a.configFrom) return 'A config-only network cannot take its settings from another config-only network (the engine refuses: "a configuration network cannot depend on another configuration network").';
  if (a.configOnly) {
    const operator = ([['Internal', a.internal], ['Attachable', a.attachable], ['Ingress', a.ingress], ['Scope', Boolean(a.scope)]] as const).filter(([, on]) => on).map(([flag]) => flag);
    if (operator.length) return `${operator.join(', ')} cannot be set on a config-only network: set ${operator.length === 1 ? 'it' : 'them'} on the networks created from it (the engine refuses: "configuration network can only contain network specific fields").`;
  }
  if (a.configFrom) {
    const own = [
      ...(a.ipv4Subnets.length || a.ipv6Subnets.length ? ['subnets'] : []), ...(a.enableIPv6 ? ['IPv6'] : []),
      ...(a.ipamDriver || Object.keys(a.ipamOptions).length ? ['IPAM settings'] : []), ...(Object.keys(a.labels).length ? ['labels'] : []),
      ...(Object.keys(a.driverOptions).length ? ['driver options'] : []),
    ];
    if (own.length) return `"${a.name}" takes its settings from "${a.configFrom}", so ${own.join(', ')} cannot be given here (the engine refuses: "user specified configurations are not supported if the network depends on a configuration network").`;
  }
  return undefined;
}

export async function runCreateNetworkWizard(prompter: Prompter, input: CreateWizardInput): Promise<CreateNetworkAnswers | undefined> {
  const title = input.title ?? CREATE_TITLE;
  const initial = input.initial ? structuredClone(input.initial) : emptyAnswers();
  const state: WizardState = { answers: initial, configure: Boolean(input.initial), chosen: input.initial ? chosenFrom(input.initial) : [], moreIpv4: false, moreIpv6: false };
  const ask = (position: { step: number; totalSteps: number }, prompt: string, placeholder: string, value: string, validate?: (text: string) => string | ValidationMessage | undefined) =>
    prompter.input({ title, ...position, prompt, placeholder, value, validate });
  const outcome = (answer: string | typeof BACK | undefined, apply: (text: string) => void): 'next' | 'back' | 'cancel' => {
    if (answer === BACK) return 'back';
    if (answer === undefined) return 'cancel';
    apply(answer);
    return 'next';
  };

  const nameStep: WizardStep<WizardState> = async (s, position) => outcome(
    await ask(position, 'Name of the new network', 'e.g. backend', s.answers.name, text => nameProblem(text, input.existingNetworks)),
    text => { s.answers.name = text.trim(); });

  const driverStep: WizardStep<WizardState> = async (s, position) => {
    for (;;) {
      const picked = await prompter.pick({
        title, ...position, placeholder: `Network driver for "${s.answers.name}"`,
        options: creatableDrivers(input.drivers).map(driver => ({ label: driver, description: driverDescription(driver, input.swarmActive), value: driver, picked: driver === s.answers.driver })),
      });
      if (picked === BACK) return 'back';
      if (picked === undefined) return 'cancel';
      if (picked === 'overlay' && !input.swarmActive) {
        await prompter.confirm({ message: 'Overlay networks need swarm mode', detail: 'This engine is not a swarm manager: the engine would refuse ("This node is not a swarm manager"). Run docker swarm init first, or pick another driver.', choices: [] });
        continue;
      }
      if (picked !== s.answers.driver) resetDriverOptions(s, picked);
      s.answers.driver = picked;
      return 'next';
    }
  };

  const parentStep: WizardStep<WizardState> = async (s, position) => {
    const current = s.answers.driverOptions[DriverOptionKeys.parent] ?? '';
    const picked = await prompter.pick({
      title, ...position, placeholder: `Parent interface for the ${s.answers.driver} network: its traffic leaves through this host interface`,
      options: [...input.hostInterfaces.filter(i => i !== 'lo').map(i => ({ label: i, value: i, picked: i === current })), { label: 'Type an interface name…', description: 'e.g. eth0.10 for a VLAN sub-interface', value: '' }],
    });
    if (picked === BACK) return 'back';
    if (picked === undefined) return 'cancel';
    if (picked) { s.answers.driverOptions[DriverOptionKeys.parent] = picked; return 'next'; }
    return outcome(await ask(position, 'Name of the parent interface (a VLAN sub-interface like eth0.10 is created by the driver)', 'e.g. eth0.10', current,
      text => (/^[A-Za-z0-9_.@-]{1,15}$/.test(text.trim()) ? undefined : `"${text}" is not an interface name (1–15 letters, digits, ".", "-", "_")`)),
    text => { s.answers.driverOptions[DriverOptionKeys.parent] = text.trim(); });
  };

  const modeStep: WizardStep<WizardState> = async (s, position) => {
    const picked = await prompter.pick({
      title, ...position, placeholder: `Create "${s.answers.name}" (${s.answers.driver}) with the defaults, or configure it?`,
      options: [
        { label: 'Create with defaults', description: 'the engine picks the subnet and gateway', value: false, picked: !s.configure },
        { label: 'Configure options…', description: 'subnets, IPv6, internal, labels, driver options and more', value: true, picked: s.configure },
      ],
    });
    if (picked === BACK) return 'back';
    if (picked === undefined) return 'cancel';
    s.configure = picked;
    return 'next';
  };

  const checklistStep: WizardStep<WizardState> = async (s, position) => {
    const picked = await prompter.pickMany({
      title, ...position, placeholder: 'Tick what to configure (value options get a step each; ticks like Internal apply as they are)',
      options: optionChoices(s, input),
    });
    if (picked === BACK) return 'back';
    if (picked === undefined) return 'cancel';
    applyChecklist(s, picked);
    return 'next';
  };

  const steps = (s: WizardState): WizardStep<WizardState>[] => [
    nameStep,
    driverStep,
    ...(isMacvlanLike(s.answers.driver) ? [parentStep] : []),
    modeStep,
    ...(s.configure ? [checklistStep, ...valueSteps(s, input, prompter, title)] : []),
    summaryStep(prompter, input, title),
  ];

  const finished = await runSteps(state, steps);
  return finished ? effectiveAnswers(state) : undefined;
}

/** "Create with defaults" means defaults: options configured before going back to that choice are not sent. */
export function effectiveAnswers(s: WizardState): CreateNetworkAnswers {
  if (s.configure) return s.answers;
  const parent = s.answers.driverOptions[DriverOptionKeys.parent];
  return { ...emptyAnswers(), name: s.answers.name, driver: s.answers.driver, driverOptions: parent ? { [DriverOptionKeys.parent]: parent } : {} };
}

function driverDescription(driver: string, swarmActive: boolean): string {
  switch (driver) {
    case 'bridge': return 'containers on this host, NAT to the outside (the default)';
    case 'macvlan': return 'containers appear as hosts on a physical network, each with its own MAC';
    case 'ipvlan': return 'like macvlan, sharing the parent\'s MAC address';
    case 'overlay': return swarmActive ? 'spans the hosts of the swarm' : 'spans swarm hosts: needs swarm mode (not active here)';
    default: return 'network plugin';
  }
}

/** Switching driver drops options only the old driver understood. */
function resetDriverOptions(s: WizardState, driver: string): void {
  const bridgeKeys: string[] = [DriverOptionKeys.bridgeName, DriverOptionKeys.mtu, DriverOptionKeys.icc, DriverOptionKeys.ipMasquerade, DriverOptionKeys.hostBindingIpv4];
  for (const key of Object.keys(s.answers.driverOptions)) {
    if ((driver !== 'bridge' && bridgeKeys.includes(key)) || (!isMacvlanLike(driver) && [DriverOptionKeys.parent, DriverOptionKeys.macvlanMode, DriverOptionKeys.ipvlanMode].includes(key as never))
      || (driver !== 'overlay' && key === DriverOptionKeys.overlayEncrypted)) delete s.answers.driverOptions[key];
  }
  if (driver === 'bridge') s.answers.ipv4Subnets = s.answers.ipv4Subnets.slice(0, 1);
  if (driver !== 'overlay') s.answers.ingress = false;
  s.chosen = s.chosen.filter(key => optionAvailable(key, driver));
}

function optionAvailable(key: OptionKey, driver: string): boolean {
  if (['bridgeName', 'mtu', 'iccOff', 'masqueradeOff', 'hostBinding'].includes(key)) return driver === 'bridge';
  if (key === 'mode') return isMacvlanLike(driver);
  if (key === 'encrypted' || key === 'ingress') return driver === 'overlay';
  return true;
}

/** Which options an existing answer set already uses (Duplicate Network, Retry). */
function chosenFrom(a: CreateNetworkAnswers): OptionKey[] {
  const o = a.driverOptions;
  const flags: [OptionKey, boolean][] = [
    ['ipv4', a.ipv4Subnets.length > 0], ['ipv6', a.enableIPv6], ['internal', a.internal], ['attachable', a.attachable], ['ingress', a.ingress],
    ['scope', Boolean(a.scope)], ['configOnly', a.configOnly], ['configFrom', Boolean(a.configFrom)],
    ['ipam', Boolean(a.ipamDriver) || Object.keys(a.ipamOptions).length > 0], ['labels', Object.keys(a.labels).length > 0],
    ['bridgeName', DriverOptionKeys.bridgeName in o], ['mtu', DriverOptionKeys.mtu in o], ['iccOff', o[DriverOptionKeys.icc] === 'false'],
    ['masqueradeOff', o[DriverOptionKeys.ipMasquerade] === 'false'], ['hostBinding', DriverOptionKeys.hostBindingIpv4 in o],
    ['mode', DriverOptionKeys.macvlanMode in o || DriverOptionKeys.ipvlanMode in o], ['encrypted', DriverOptionKeys.overlayEncrypted in o],
    ['driverOpts', Object.keys(o).some(key => !(Object.values(DriverOptionKeys) as string[]).includes(key))],
  ];
  return flags.filter(([, on]) => on).map(([key]) => key);
}

function optionChoices(s: WizardState, input: CreateWizardInput) {
  const driver = s.answers.driver;
  const configOnlyNetworks = input.existingNetworks.filter(n => n.ConfigOnly);
  const all: { key: OptionKey; label: string; description: string; group: string }[] = [
    { key: 'ipv4', label: driver === 'bridge' ? 'IPv4 subnet…' : 'IPv4 subnets…', description: driver === 'bridge' ? 'subnet, gateway, IP range, auxiliary addresses (a bridge takes one)' : 'one or more, each with gateway, IP range, auxiliary addresses', group: 'Addressing' },
    { key: 'ipv6', label: 'IPv6…', description: 'enable IPv6 with its own subnet (dual stack)', group: 'Addressing' },
    { key: 'ipam', label: 'IPAM driver and options…', description: 'a third-party address manager', group: 'Addressing' },
    { key: 'internal', label: 'Internal', description: 'no route to the outside world', group: 'Behaviour' },
    { key: 'attachable', label: 'Attachable', description: 'standalone containers may join (swarm networks)', group: 'Behaviour' },
    { key: 'ingress', label: 'Ingress', description: 'the swarm routing-mesh network', group: 'Behaviour' },
    { key: 'scope', label: 'Scope…', description: 'local, swarm or global', group: 'Behaviour' },
    { key: 'configOnly', label: 'Config only', description: 'a template other networks take settings from (--config-from)', group: 'Behaviour' },
    { key: 'configFrom', label: 'Config from…', description: configOnlyNetworks.length ? 'take settings from a config-only network' : 'not available: no config-only network exists', group: 'Behaviour' },
    { key: 'bridgeName', label: 'Bridge interface name…', description: 'name of the Linux bridge (max 15 characters)', group: 'Bridge driver' },
    { key: 'mtu', label: 'MTU…', description: 'maximum transmission unit of the bridge', group: 'Bridge driver' },
    { key: 'iccOff', label: 'Disable inter-container communication', description: 'containers on this network cannot talk to each other (ICC off)', group: 'Bridge driver' },
    { key: 'masqueradeOff', label: 'Disable IP masquerading', description: 'no NAT for outgoing traffic', group: 'Bridge driver' },
    { key: 'hostBinding', label: 'Host binding address…', description: 'default host IP for published ports', group: 'Bridge driver' },
    { key: 'mode', label: `${driver} mode…`, description: driver === 'ipvlan' ? 'l2, l3 or l3s' : 'bridge, private, vepa or passthru', group: `${driver} driver` },
    { key: 'encrypted', label: 'Encrypted', description: 'IPsec between swarm hosts', group: 'Overlay driver' },
    { key: 'driverOpts', label: 'Other driver options…', description: 'key=value options passed to the driver (-o)', group: 'More' },
    { key: 'labels', label: 'Labels…', description: 'key=value metadata (--label)', group: 'More' },
  ];
  return all.filter(o => optionAvailable(o.key, driver)).map(o => ({ label: o.label, description: o.description, group: o.group, value: o.key, picked: s.chosen.includes(o.key) }));
}

/** Ticks apply at once; value options keep their old values so Back and Retry lose nothing. */
function applyChecklist(s: WizardState, picked: OptionKey[]): void {
  const a = s.answers;
  const on = (key: OptionKey) => picked.includes(key);
  a.internal = on('internal');
  a.attachable = on('attachable');
  a.ingress = on('ingress');
  a.configOnly = on('configOnly');
  setFlag(a.driverOptions, DriverOptionKeys.icc, on('iccOff') ? 'false' : undefined);
  setFlag(a.driverOptions, DriverOptionKeys.ipMasquerade, on('masqueradeOff') ? 'false' : undefined);
  setFlag(a.driverOptions, DriverOptionKeys.overlayEncrypted, on('encrypted') ? 'true' : undefined);
  if (on('ipv4') && !a.ipv4Subnets.length) a.ipv4Subnets.push({ subnet: '', auxAddresses: {} });
  if (!on('ipv4')) a.ipv4Subnets = [];
  a.enableIPv6 = on('ipv6');
  if (on('ipv6') && !a.ipv6Subnets.length) a.ipv6Subnets.push({ subnet: '', auxAddresses: {} });
  if (!on('scope')) delete a.scope;
  if (!on('configFrom')) delete a.configFrom;
  if (!on('ipam')) { delete a.ipamDriver; a.ipamOptions = {}; }
  if (!on('labels')) a.labels = {};
  if (!on('bridgeName')) delete a.driverOptions[DriverOptionKeys.bridgeName];
  if (!on('mtu')) delete a.driverOptions[DriverOptionKeys.mtu];
  if (!on('hostBinding')) delete a.driverOptions[DriverOptionKeys.hostBindingIpv4];
  if (!on('mode')) { delete a.driverOptions[DriverOptionKeys.macvlanMode]; delete a.driverOptions[DriverOptionKeys.ipvlanMode]; }
  s.chosen = picked;
}

function setFlag(options: Record<string, string>, key: string, value: string | undefined): void {
  if (value === undefined) delete options[key];
  else options[key] = value;
}

/** One step per value option, in a fixed order; subnets get a step per field. */
function valueSteps(s: WizardState, input: CreateWizardInput, prompter: Prompter, title: string): WizardStep<WizardState>[] {
  const steps: WizardStep<WizardState>[] = [];
  const chosen = new Set(s.chosen);
  if (chosen.has('ipv4')) steps.push(...subnetSteps(s, 'ipv4', input, prompter, title));
  if (chosen.has('ipv6')) steps.push(...subnetSteps(s, 'ipv6', input, prompter, title));
  if (chosen.has('ipam')) steps.push(ipamStep(prompter, title));
  if (chosen.has('scope')) steps.push(scopeStep(prompter, title));
  if (chosen.has('configFrom')) steps.push(configFromStep(prompter, input, title));
  if (chosen.has('bridgeName')) steps.push(textOption(prompter, title, DriverOptionKeys.bridgeName, 'Name of the Linux bridge interface', 'e.g. br-backend',
    text => (/^[A-Za-z0-9_.-]{1,15}$/.test(text) ? undefined : `"${text}" is not a valid interface name: 1–15 letters, digits, ".", "-" or "_"`)));
  if (chosen.has('mtu')) steps.push(textOption(prompter, title, DriverOptionKeys.mtu, 'MTU of the bridge (68–65535; 1500 is usual, less inside tunnels and VPNs)', 'e.g. 1450',
    text => (/^\d+$/.test(text) && Number(text) >= 68 && Number(text) <= 65535 ? undefined : `MTU "${text}" must be a whole number from 68 to 65535`)));
  if (chosen.has('hostBinding')) steps.push(textOption(prompter, title, DriverOptionKeys.hostBindingIpv4, 'Host IPv4 address published ports bind to by default', 'e.g. 127.0.0.1',
    text => (/^(\d{1,3}\.){3}\d{1,3}$/.test(text) && text.split('.').every(part => Number(part) <= 255) ? undefined : `"${text}" is not an IPv4 address`)));
  if (chosen.has('mode')) steps.push(modeOptionStep(prompter, title));
  if (chosen.has('driverOpts')) steps.push(keyValueStep(prompter, title, 'driverOpts'));
  if (chosen.has('labels')) steps.push(keyValueStep(prompter, title, 'labels'));
  return steps;
}

function subnetSteps(s: WizardState, family: 'ipv4' | 'ipv6', input: CreateWizardInput, prompter: Prompter, title: string): WizardStep<WizardState>[] {
  const list = family === 'ipv4' ? s.answers.ipv4Subnets : s.answers.ipv6Subnets;
  const offset = family === 'ipv4' ? 0 : s.answers.ipv4Subnets.length;
  const label = family === 'ipv4' ? 'IPv4' : 'IPv6';
  const steps: WizardStep<WizardState>[] = [];
  list.forEach((_entry, index) => {
    const field = `subnets[${offset + index}]`;
    const entry = (st: WizardState) => (family === 'ipv4' ? st.answers.ipv4Subnets : st.answers.ipv6Subnets)[index];
    const count = list.length > 1 ? ` ${index + 1}` : '';
    const check = (st: WizardState, change: (e: SubnetAnswer) => void, prefix: string) => {
      const trial = structuredClone(st.answers);
      change((family === 'ipv4' ? trial.ipv4Subnets : trial.ipv6Subnets)[index]);
      return firstError(validateAnswersIpam(trial, input), prefix);
    };
    steps.push(async (st, position) => {
      const suggestion = suggestSubnet(st, family, input);
      const answer = await prompter.input({
        title, ...position, prompt: `${label} subnet${count} of "${st.answers.name}" in CIDR notation`,
        placeholder: suggestion ? `free subnet: ${suggestion}` : family === 'ipv4' ? 'e.g. 172.30.0.0/16' : 'e.g. fd00:1::/64',
        value: entry(st).subnet || suggestion || '',
        validate: text => check(st, e => { e.subnet = text.trim(); }, `${field}.subnet`) ?? check(st, e => { e.subnet = text.trim(); }, field),
      });
      if (answer === BACK) return 'back';
      if (answer === undefined) return 'cancel';
      entry(st).subnet = answer.trim();
      return 'next';
    });
    steps.push(async (st, position) => {
      const suggestion = defaultGateway(entry(st).subnet);
      const answer = await prompter.input({
        title, ...position, prompt: `Gateway of ${entry(st).subnet}: the address the host takes on this network. Empty: the engine picks the first address.`,
        placeholder: suggestion ? `e.g. ${suggestion}` : 'an address inside the subnet', value: entry(st).gateway ?? '',
        validate: text => check(st, e => { e.gateway = text.trim() || undefined; }, `${field}.gateway`),
      });
      if (answer === BACK) return 'back';
      if (answer === undefined) return 'cancel';
      entry(st).gateway = answer.trim() || undefined;
      return 'next';
    });
    steps.push(async (st, position) => {
      const answer = await prompter.input({
        title, ...position, prompt: `IP range inside ${entry(st).subnet} the engine assigns container addresses from. Empty: the whole subnet.`,
        placeholder: family === 'ipv4' ? 'e.g. 172.30.5.0/24' : 'e.g. fd00:1::/80', value: entry(st).ipRange ?? '',
        validate: text => check(st, e => { e.ipRange = text.trim() || undefined; }, `${field}.ipRange`),
      });
      if (answer === BACK) return 'back';
      if (answer === undefined) return 'cancel';
      entry(st).ipRange = answer.trim() || undefined;
      return 'next';
    });
    steps.push(async (st, position) => {
      const current = Object.entries(entry(st).auxAddresses).map(([k, v]) => `${k}=${v}`).join(', ');
      const answer = await prompter.input({
        title, ...position, prompt: `Auxiliary addresses in ${entry(st).subnet} the engine must not hand out, as name=address. Empty: none.`,
        placeholder: family === 'ipv4' ? 'e.g. router=172.30.0.2, nas=172.30.0.3' : 'e.g. router=fd00:1::2', value: current,
        validate: text => {
          const parsed = parseKeyValueList(text, 'auxAddress', `${field}.auxAddresses`);
          return firstError(parsed.issues) ?? check(st, e => { e.auxAddresses = parsed.values; }, `${field}.auxAddresses`);
        },
      });
      if (answer === BACK) return 'back';
      if (answer === undefined) return 'cancel';
      entry(st).auxAddresses = parseKeyValueList(answer, 'auxAddress', `${field}.auxAddresses`).values;
      return 'next';
    });
    // One "add another?" after each entry, so a new entry's steps come after the pick that added it.
    if (family === 'ipv6' || s.answers.driver !== 'bridge') {
      steps.push(async (st, position) => {
        const current = family === 'ipv4' ? st.answers.ipv4Subnets : st.answers.ipv6Subnets;
        const picked = await prompter.pick({
          title, ...position, placeholder: `Add another ${label} subnet to "${st.answers.name}"?`,
          options: [{ label: 'No, continue', value: false, picked: current.length === index + 1 }, { label: `Add another ${label} subnet`, value: true, picked: current.length > index + 1 }],
        });
        if (picked === BACK) return 'back';
        if (picked === undefined) return 'cancel';
        if (picked && current.length === index + 1) current.push({ subnet: '', auxAddresses: {} });
        if (!picked) current.splice(index + 1);
        return 'next';
      });
    }
  });
  return steps;
}

function suggestSubnet(s: WizardState, family: 'ipv4' | 'ipv6', input: CreateWizardInput): string | undefined {
  const taken = [...takenSubnets([...input.existingNetworks]), ...input.hostAddresses.map(h => h.cidr),
    ...s.answers.ipv4Subnets.map(e => e.subnet), ...s.answers.ipv6Subnets.map(e => e.subnet)].filter(Boolean);
  if (family === 'ipv6') return suggestFreeSubnet([{ base: 'fd00::/48', size: 64 }], taken);
  return suggestFreeSubnet(input.pools, taken, input.subnetSize);
}

function textOption(prompter: Prompter, title: string, key: string, prompt: string, placeholder: string, validate: (text: string) => string | undefined): WizardStep<WizardState> {
  return async (s, position) => {
    const answer = await prompter.input({ title, ...position, prompt, placeholder, value: s.answers.driverOptions[key] ?? '', validate: text => validate(text.trim()) });
    if (answer === BACK) return 'back';
    if (answer === undefined) return 'cancel';
    s.answers.driverOptions[key] = answer.trim();
    return 'next';
  };
}

function keyValueStep(prompter: Prompter, title: string, which: 'driverOpts' | 'labels'): WizardStep<WizardState> {
  const kind = which === 'labels' ? 'label' : 'driverOption';
  return async (s, position) => {
    const known = Object.values(DriverOptionKeys) as string[];
    const current = which === 'labels' ? s.answers.labels : Object.fromEntries(Object.entries(s.answers.driverOptions).filter(([k]) => !known.includes(k)));
    const answer = await prompter.input({
      title, ...position,
      prompt: which === 'labels' ? `Labels of "${s.answers.name}" as key=value, comma separated (a bare key is a label without value)` : `Driver options for ${s.answers.driver} as key=value, comma separated`,
      placeholder: which === 'labels' ? 'e.g. env=dev, team=payments' : 'e.g. com.docker.network.bridge.inhibit_ipv4=true',
      value: Object.entries(current).map(([k, v]) => (v === '' && which === 'labels' ? k : `${k}=${v}`)).join(', '),
      validate: text => firstError(parseKeyValueList(text, kind, which).issues),
    });
    if (answer === BACK) return 'back';
    if (answer === undefined) return 'cancel';
    const values = parseKeyValueList(answer, kind, which).values;
    if (which === 'labels') s.answers.labels = values;
    else s.answers.driverOptions = { ...Object.fromEntries(Object.entries(s.answers.driverOptions).filter(([k]) => known.includes(k))), ...values };
    return 'next';
  };
}

function ipamStep(prompter: Prompter, title: string): WizardStep<WizardState> {
  return async (s, position) => {
    const current = [s.answers.ipamDriver ?? 'default', ...Object.entries(s.answers.ipamOptions).map(([k, v]) => `${k}=${v}`)].join(' ');
    const answer = await prompter.input({
      title, ...position, prompt: 'IPAM driver, then its options as key=value (space separated)', placeholder: 'e.g. default   or   infoblox a=b', value: current,
      validate: text => {
        const [driver, ...options] = text.trim().split(/\s+/);
        if (!driver) return 'Enter the IPAM driver name (default is Docker\'s own)';
        return firstError(parseKeyValueList(options.join(','), 'ipamOption', 'ipamOptions').issues);
      },
    });
    if (answer === BACK) return 'back';
    if (answer === undefined) return 'cancel';
    const [driver, ...options] = answer.trim().split(/\s+/);
    s.answers.ipamDriver = driver === 'default' ? undefined : driver;
    s.answers.ipamOptions = parseKeyValueList(options.join(','), 'ipamOption', 'ipamOptions').values;
    return 'next';
  };
}

function scopeStep(prompter: Prompter, title: string): WizardStep<WizardState> {
  return async (s, position) => {
    const picked = await prompter.pick({
      title, ...position, placeholder: `Scope of "${s.answers.name}"`,
      options: [
        { label: 'local', description: 'this engine only', value: 'local', picked: s.answers.scope === 'local' },
        { label: 'swarm', description: 'every node of the swarm', value: 'swarm', picked: s.answers.scope === 'swarm' },
        { label: 'global', description: 'every node, managed by a global driver', value: 'global', picked: s.answers.scope === 'global' },
      ],
    });
    if (picked === BACK) return 'back';
    if (picked === undefined) return 'cancel';
    s.answers.scope = picked;
    return 'next';
  };
}

function configFromStep(prompter: Prompter, input: CreateWizardInput, title: string): WizardStep<WizardState> {
  return async (s, position) => {
    const sources = input.existingNetworks.filter(n => n.ConfigOnly);
    if (!sources.length) {
      await prompter.confirm({ message: 'No config-only network exists', detail: 'Create one first (tick "Config only"), then create networks from it.', choices: [] });
      return 'back';
    }
    const picked = await prompter.pick({
      title, ...position, placeholder: `Config-only network "${s.answers.name}" takes its settings from`,
      options: sources.map(n => ({ label: n.Name, description: `${n.Driver} · ${(n.IPAM?.Config ?? []).map(c => c.Subnet).filter(Boolean).join(', ')}`, value: n.Name, picked: s.answers.configFrom === n.Name })),
    });
    if (picked === BACK) return 'back';
    if (picked === undefined) return 'cancel';
    s.answers.configFrom = picked;
    return 'next';
  };
}

function modeOptionStep(prompter: Prompter, title: string): WizardStep<WizardState> {
  return async (s, position) => {
    const key = s.answers.driver === 'ipvlan' ? DriverOptionKeys.ipvlanMode : DriverOptionKeys.macvlanMode;
    const modes = s.answers.driver === 'ipvlan' ? ['l2', 'l3', 'l3s'] : ['bridge', 'private', 'vepa', 'passthru'];
    const picked = await prompter.pick({
      title, ...position, placeholder: `${s.answers.driver} mode of "${s.answers.name}"`,
      options: modes.map(mode => ({ label: mode, value: mode, picked: s.answers.driverOptions[key] === mode, description: mode === modes[0] ? 'the default' : undefined })),
    });
    if (picked === BACK) return 'back';
    if (picked === undefined) return 'cancel';
    s.answers.driverOptions[key] = picked;
    return 'next';
  };
}

const SummaryActions = { create: 'create', copyCli: 'copyCli', copyCompose: 'copyCompose' } as const;

function summaryStep(prompter: Prompter, input: CreateWizardInput, title: string): WizardStep<WizardState> {
  return async (s, position) => {
    for (;;) {
      const answers = effectiveAnswers(s);
      const problem = [nameProblem(answers.name, input.existingNetworks), configProblem(answers), firstError(validateAnswersIpam(answers, input))]
        .find(p => typeof p === 'string') as string | undefined;
      const command = toDockerCliCommand(answers);
      const picked = await prompter.pick({
        title, ...position, placeholder: problem ? `Cannot create yet: ${problem}` : `Create "${answers.name}"? Equivalent: ${command}`,
        options: [
          ...(problem ? [] : [{ label: `Create network "${answers.name}"`, description: summaryLine(answers), value: SummaryActions.create as string }]),
          { label: 'Copy docker CLI command', description: command, value: SummaryActions.copyCli },
          { label: 'Copy as Compose', description: 'a networks: entry', value: SummaryActions.copyCompose },
        ],
      });
      if (picked === BACK) return 'back';
      if (picked === undefined) return 'cancel';
      if (picked === SummaryActions.create) return 'next';
      if (picked === SummaryActions.copyCli) await input.copy(command, 'the docker CLI command');
      else await input.copy(toComposeSnippet(answers), 'the Compose networks: entry');
    }
  };
}

function summaryLine(a: CreateNetworkAnswers): string {
  const parts = [a.driver, ...a.ipv4Subnets.map(s => s.subnet), ...(a.enableIPv6 ? a.ipv6Subnets.map(s => s.subnet) : [])];
  for (const [flag, on] of [['internal', a.internal], ['attachable', a.attachable], ['config-only', a.configOnly], ['IPv6', a.enableIPv6 && !a.ipv6Subnets.length]] as const) if (on) parts.push(flag);
  if (Object.keys(a.labels).length) parts.push(`${Object.keys(a.labels).length} label(s)`);
  return parts.join(' · ');
}

