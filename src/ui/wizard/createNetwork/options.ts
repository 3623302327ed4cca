// Every option of Create Network in one table: what the checklist shows, which drivers understand it, whether
// answers already use it (Duplicate, Retry), what ticking and unticking does, and the step(s) that ask its value.
// Adding an option means adding one entry here (and its step, if it has a value).
import { CreateNetworkAnswers, DriverOptionKeys } from '../../../model/createNetwork';
import { isMacvlanLike } from '../../../model/createRules';
import type { PickOption } from '../prompter';
import type { Step } from '../flow';
import type { CreateWizardInput, OptionKey, WizardState } from './state';
import { subnetSteps } from './subnetSteps';
import { configFromStep, driverOptionsStep, driverTextOptionStep, ipamStep, labelsStep, modeOptionStep, scopeStep } from './valueSteps';

type Dynamic<T> = T | ((driver: string, input: CreateWizardInput) => T);

export interface CreateOption {
  readonly key: OptionKey;
  readonly label: Dynamic<string>;
  readonly description: Dynamic<string>;
  /** The checklist separator it is listed under. */
  readonly group: Dynamic<string>;
  /** The drivers that understand it; absent means every driver. */
  readonly drivers?: readonly string[];
  /** Whether the answers already use it, so it starts ticked (Duplicate Network, Retry). */
  isSet(answers: CreateNetworkAnswers): boolean;
  /** Ticking a flag applies it at once; a value option prepares its entry. Values typed earlier are kept. */
  tick?(answers: CreateNetworkAnswers): void;
  /** Unticked, or the driver changed to one that does not understand it: nothing of it is sent. */
  clear(answers: CreateNetworkAnswers): void;
  /** The steps that ask its value, in table order after the checklist. */
  steps?(state: WizardState, input: CreateWizardInput): Step<WizardState>[];
}

const BRIDGE = ['bridge'];
const MACVLAN_LIKE = ['macvlan', 'ipvlan'];
const OVERLAY = ['overlay'];
const knownDriverKeys: readonly string[] = Object.values(DriverOptionKeys);
const emptySubnet = () => ({ subnet: '', auxAddresses: {} });

function flag(
  key: OptionKey,
  label: string,
  description: string,
  group: string,
  field: 'internal' | 'attachable' | 'ingress' | 'configOnly',
  drivers?: readonly string[],
): CreateOption {
  return {
    key,
    label,
    description,
    group,
    drivers,
    isSet: a => a[field],
    tick: a => {
      a[field] = true;
    },
    clear: a => {
      a[field] = false;
    },
  };
}

/** A driver option that is a fixed value when ticked (e.g. enable_icc=false). */
function driverFlag(
  key: OptionKey,
  label: string,
  description: string,
  group: string,
  option: string,
  value: string,
  drivers: readonly string[],
): CreateOption {
  return {
    key,
    label,
    description,
    group,
    drivers,
    isSet: a => a.driverOptions[option] === value,
    tick: a => {
      a.driverOptions[option] = value;
    },
    clear: a => {
      delete a.driverOptions[option];
    },
  };
}

/** A driver option with a typed value, asked in its own step. */
function driverValue(key: OptionKey, label: string, description: string, option: string, step: Step<WizardState>): CreateOption {
  return {
    key,
    label,
    description,
    group: 'Bridge driver',
    drivers: BRIDGE,
    isSet: a => option in a.driverOptions,
    clear: a => {
      delete a.driverOptions[option];
    },
    steps: () => [step],
  };
}

export const CREATE_OPTIONS: readonly CreateOption[] = [
  {
    key: 'ipv4',
    group: 'Addressing',
    label: driver => (driver === 'bridge' ? 'IPv4 subnet…' : 'IPv4 subnets…'),
    description: driver =>
      driver === 'bridge'
        ? 'subnet, gateway, IP range, auxiliary addresses (a bridge takes one)'
        : 'one or more, each with gateway, IP range, auxiliary addresses',
    isSet: a => a.ipv4Subnets.length > 0,
    tick: a => {
      if (!a.ipv4Subnets.length) a.ipv4Subnets.push(emptySubnet());
    },
    clear: a => {
      a.ipv4Subnets = [];
    },
    steps: (s, input) => subnetSteps(s, 'ipv4', input),
  },
  {
    key: 'ipv6',
    group: 'Addressing',
    label: 'IPv6…',
    description: 'enable IPv6 with its own subnet (dual stack)',
    isSet: a => a.enableIPv6,
    tick: a => {
      a.enableIPv6 = true;
      if (!a.ipv6Subnets.length) a.ipv6Subnets.push(emptySubnet());
    },
    clear: a => {
      a.enableIPv6 = false;
    },
    steps: (s, input) => subnetSteps(s, 'ipv6', input),
  },
  {
    key: 'ipam',
    group: 'Addressing',
    label: 'IPAM driver and options…',
    description: 'a third-party address manager',
    isSet: a => Boolean(a.ipamDriver) || Object.keys(a.ipamOptions).length > 0,
    clear: a => {
      delete a.ipamDriver;
      a.ipamOptions = {};
    },
    steps: (_s, input) => [ipamStep(input)],
  },
  flag('internal', 'Internal', 'no route to the outside world', 'Behaviour', 'internal'),
  flag('attachable', 'Attachable', 'standalone containers may join (swarm networks)', 'Behaviour', 'attachable'),
  flag('ingress', 'Ingress', 'the swarm routing-mesh network', 'Behaviour', 'ingress', OVERLAY),
  {
    key: 'scope',
    group: 'Behaviour',
    label: 'Scope…',
    description: 'local, swarm or global',
    isSet: a => Boolean(a.scope),
    clear: a => {
      delete a.scope;
    },
    steps: () => [scopeStep],
  },
  flag('configOnly', 'Config only', 'a template other networks take settings from (--config-from)', 'Behaviour', 'configOnly'),
  {
    key: 'configFrom',
    group: 'Behaviour',
    label: 'Config from…',
    description: (_driver, input) =>
      input.existingNetworks.some(n => n.ConfigOnly)
        ? 'take settings from a config-only network'
        : 'not available: no config-only network exists',
    isSet: a => Boolean(a.configFrom),
    clear: a => {
      delete a.configFrom;
    },
    steps: (_s, input) => [configFromStep(input)],
  },
  driverValue(
    'bridgeName',
    'Bridge interface name…',
    'name of the Linux bridge (max 15 characters)',
    DriverOptionKeys.bridgeName,
    driverTextOptionStep(DriverOptionKeys.bridgeName, 'Name of the Linux bridge interface', 'e.g. br-backend', text =>
      /^[A-Za-z0-9_.-]{1,15}$/.test(text) ? undefined : `"${text}" is not a valid interface name: 1–15 letters, digits, ".", "-" or "_"`,
    ),
  ),
  driverValue(
    'mtu',
    'MTU…',
    'maximum transmission unit of the bridge',
    DriverOptionKeys.mtu,
    driverTextOptionStep(
      DriverOptionKeys.mtu,
      'MTU of the bridge (68–65535; 1500 is usual, less inside tunnels and VPNs)',
      'e.g. 1450',
      text =>
        /^\d+$/.test(text) && Number(text) >= 68 && Number(text) <= 65535
          ? undefined
          : `MTU "${text}" must be a whole number from 68 to 65535`,
    ),
  ),
  driverFlag(
    'iccOff',
    'Disable inter-container communication',
    'containers on this network cannot talk to each other (ICC off)',
    'Bridge driver',
    DriverOptionKeys.icc,
    'false',
    BRIDGE,
  ),
  driverFlag(
    'masqueradeOff',
    'Disable IP masquerading',
    'no NAT for outgoing traffic',
    'Bridge driver',
    DriverOptionKeys.ipMasquerade,
    'false',
    BRIDGE,
  ),
  driverValue(
    'hostBinding',
    'Host binding address…',
    'default host IP for published ports',
    DriverOptionKeys.hostBindingIpv4,
    driverTextOptionStep(
      DriverOptionKeys.hostBindingIpv4,
      'Host IPv4 address published ports bind to by default',
      'e.g. 127.0.0.1',
      text =>
        /^(\d{1,3}\.){3}\d{1,3}$/.test(text) && text.split('.').every(part => Number(part) <= 255)
          ? undefined
          : `"${text}" is not an IPv4 address`,
    ),
  ),
  {
    key: 'mode',
    group: driver => `${driver} driver`,
    drivers: MACVLAN_LIKE,
    label: driver => `${driver} mode…`,
    description: driver => (driver === 'ipvlan' ? 'l2, l3 or l3s' : 'bridge, private, vepa or passthru'),
    isSet: a => DriverOptionKeys.macvlanMode in a.driverOptions || DriverOptionKeys.ipvlanMode in a.driverOptions,
    clear: a => {
      delete a.driverOptions[DriverOptionKeys.macvlanMode];
      delete a.driverOptions[DriverOptionKeys.ipvlanMode];
    },
    steps: () => [modeOptionStep],
  },
  driverFlag('encrypted', 'Encrypted', 'IPsec between swarm hosts', 'Overlay driver', DriverOptionKeys.overlayEncrypted, 'true', OVERLAY),
  {
    key: 'driverOpts',
    group: 'More',
    label: 'Other driver options…',
    description: 'key=value options passed to the driver (-o)',
    isSet: a => Object.keys(a.driverOptions).some(key => !knownDriverKeys.includes(key)),
    clear: a => {
      for (const key of Object.keys(a.driverOptions)) if (!knownDriverKeys.includes(key)) delete a.driverOptions[key];
    },
    steps: () => [driverOptionsStep],
  },
  {
    key: 'labels',
    group: 'More',
    label: 'Labels…',
    description: 'key=value metadata (--label)',
    isSet: a => Object.keys(a.labels).length > 0,
    clear: a => {
      a.labels = {};
    },
    steps: () => [labelsStep],
  },
];

const resolve = <T>(value: Dynamic<T>, driver: string, input: CreateWizardInput): T =>
  typeof value === 'function' ? (value as (driver: string, input: CreateWizardInput) => T)(driver, input) : value;

const availableFor = (option: CreateOption, driver: string) => !option.drivers || option.drivers.includes(driver);

/** The options already in use by a set of answers. */
export function chosenFrom(answers: CreateNetworkAnswers): OptionKey[] {
  return CREATE_OPTIONS.filter(option => option.isSet(answers)).map(option => option.key);
}

/** The checklist for the chosen driver, ticks where they stand. */
export function checklistOptions(s: WizardState, input: CreateWizardInput): PickOption<OptionKey>[] {
  const driver = s.answers.driver;
  return CREATE_OPTIONS.filter(option => availableFor(option, driver)).map(option => ({
    label: resolve(option.label, driver, input),
    description: resolve(option.description, driver, input),
    group: resolve(option.group, driver, input),
    value: option.key,
    picked: s.chosen.includes(option.key),
  }));
}

export function applyChecklist(s: WizardState, picked: readonly OptionKey[]): void {
  for (const option of CREATE_OPTIONS) {
    if (picked.includes(option.key)) option.tick?.(s.answers);
    else option.clear(s.answers);
  }
  s.chosen = [...picked];
}

/** Switching driver drops what only the old driver understood. */
export function resetForDriver(s: WizardState, driver: string): void {
  for (const option of CREATE_OPTIONS) if (!availableFor(option, driver)) option.clear(s.answers);
  if (!isMacvlanLike(driver)) delete s.answers.driverOptions[DriverOptionKeys.parent];
  if (driver === 'bridge') s.answers.ipv4Subnets = s.answers.ipv4Subnets.slice(0, 1);
  s.chosen = s.chosen.filter(key => availableFor(CREATE_OPTIONS.find(option => option.key === key)!, driver));
}

/** The value steps of the ticked options, in table order. */
export function valueSteps(s: WizardState, input: CreateWizardInput): Step<WizardState>[] {
  return CREATE_OPTIONS.filter(option => s.chosen.includes(option.key)).flatMap(option => option.steps?.(s, input) ?? []);
}
