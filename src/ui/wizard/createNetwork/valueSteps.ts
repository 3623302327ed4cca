// The value steps of Create Network's options, other than addressing: driver options typed as text, IPAM, scope,
// config-from, macvlan/ipvlan mode, and the key=value lists (labels, other driver options).
import { DriverOptionKeys } from '../../../model/createNetwork';
import { parseKeyValueList } from '../../../model/ipam';
import { DEFAULT_IPAM_DRIVER, describePluginDriver, pluginIpamDrivers } from '../../../model/pluginDrivers';
import type { Step } from '../flow';
import { CreateWizardInput, firstIssue, WizardState } from './state';

const knownDriverKeys: readonly string[] = Object.values(DriverOptionKeys);
const joinPairs = (values: Record<string, string>, bareKeys = false) =>
  Object.entries(values)
    .map(([k, v]) => (bareKeys && v === '' ? k : `${k}=${v}`))
    .join(', ');

/** One well-known driver option typed as text (bridge name, MTU, host binding). */
export function driverTextOptionStep(
  key: string,
  prompt: string,
  placeholder: string,
  problem: (text: string) => string | undefined,
): Step<WizardState> {
  return async (s, ask) => {
    const answer = await ask.input({
      prompt,
      placeholder,
      value: s.answers.driverOptions[key] ?? '',
      validate: text => problem(text.trim()),
    });
    s.answers.driverOptions[key] = answer.trim();
  };
}

export const labelsStep: Step<WizardState> = async (s, ask) => {
  const parse = (text: string) => parseKeyValueList(text, 'label', 'labels');
  const answer = await ask.input({
    prompt: `Labels of "${s.answers.name}" as key=value, comma separated (a bare key is a label without value)`,
    placeholder: 'e.g. env=dev, team=payments',
    value: joinPairs(s.answers.labels, true),
    validate: text => firstIssue(parse(text).issues),
  });
  s.answers.labels = parse(answer).values;
};

/** Driver options other than the well-known ones, which have steps of their own. */
export const driverOptionsStep: Step<WizardState> = async (s, ask) => {
  const parse = (text: string) => parseKeyValueList(text, 'driverOption', 'driverOpts');
  const [known, other] = [true, false].map(wanted =>
    Object.fromEntries(Object.entries(s.answers.driverOptions).filter(([k]) => knownDriverKeys.includes(k) === wanted)),
  );
  const answer = await ask.input({
    prompt: `Driver options for ${s.answers.driver} as key=value, comma separated`,
    placeholder: 'e.g. com.docker.network.bridge.inhibit_ipv4=true',
    value: joinPairs(other),
    validate: text => firstIssue(parse(text).issues),
  });
  s.answers.driverOptions = { ...known, ...parse(answer).values };
};

const OTHER_IPAM_DRIVER = Symbol('other IPAM driver');

/** IPAM driver typed as text, then its options: for a driver neither the engine nor any network has shown. */
const otherIpamDriver = async (s: WizardState, ask: Parameters<Step<WizardState>>[1]): Promise<void> => {
  const answer = await ask.input({
    prompt: 'IPAM driver, then its options as key=value (space separated)',
    placeholder: 'e.g. default   or   infoblox a=b',
    value: [s.answers.ipamDriver ?? DEFAULT_IPAM_DRIVER, ...Object.entries(s.answers.ipamOptions).map(([k, v]) => `${k}=${v}`)].join(' '),
    validate: text => {
      const [driver, ...options] = text.trim().split(/\s+/);
      if (!driver) return "Enter the IPAM driver name (default is Docker's own)";
      return firstIssue(parseIpamOptions(options).issues);
    },
  });
  const [driver, ...options] = answer.trim().split(/\s+/);
  s.answers.ipamDriver = driver === DEFAULT_IPAM_DRIVER ? undefined : driver;
  s.answers.ipamOptions = parseIpamOptions(options).values;
};

const parseIpamOptions = (options: string[]) => parseKeyValueList(options.join(','), 'ipamOption', 'ipamOptions');

/** Docker's own IPAM, the IPAM plugins the engine or its networks show (with their scopes), or one typed in. */
export function ipamStep(input: CreateWizardInput): Step<WizardState> {
  return async (s, ask) => {
    const plugins = pluginIpamDrivers(input.existingNetworks, input.ipamPlugins);
    const current = s.answers.ipamDriver ?? DEFAULT_IPAM_DRIVER;
    const picked = await ask.pick<string | typeof OTHER_IPAM_DRIVER>({
      placeholder: `IPAM driver of "${s.answers.name}": who hands out its subnets and addresses`,
      options: [
        {
          label: DEFAULT_IPAM_DRIVER,
          description: "Docker's own address management",
          value: DEFAULT_IPAM_DRIVER,
          picked: current === DEFAULT_IPAM_DRIVER,
        },
        ...plugins.map(p => ({ label: p.name, description: describePluginDriver(p, 'IPAM'), value: p.name, picked: current === p.name })),
        {
          label: 'Other…',
          description: 'type the name of an IPAM driver',
          value: OTHER_IPAM_DRIVER,
          picked: current !== DEFAULT_IPAM_DRIVER && !plugins.some(p => p.name === current),
        },
      ],
    });
    if (picked === OTHER_IPAM_DRIVER) return otherIpamDriver(s, ask);
    const answer = await ask.input({
      prompt: `Options of IPAM driver ${picked} as key=value (space separated); empty for none`,
      placeholder: 'e.g. a=b c=d',
      value: Object.entries(s.answers.ipamOptions)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
      validate: text => firstIssue(parseIpamOptions(text.trim().split(/\s+/).filter(Boolean)).issues),
    });
    s.answers.ipamDriver = picked === DEFAULT_IPAM_DRIVER ? undefined : picked;
    s.answers.ipamOptions = parseIpamOptions(answer.trim().split(/\s+/).filter(Boolean)).values;
  };
}

export const scopeStep: Step<WizardState> = async (s, ask) => {
  const scopes = [
    ['local', 'this engine only'],
    ['swarm', 'every node of the swarm'],
    ['global', 'every node, managed by a global driver'],
  ];
  s.answers.scope = await ask.pick({
    placeholder: `Scope of "${s.answers.name}"`,
    options: scopes.map(([scope, description]) => ({ label: scope, description, value: scope, picked: s.answers.scope === scope })),
  });
};

export function configFromStep(input: CreateWizardInput): Step<WizardState> {
  return async (s, ask) => {
    const sources = input.existingNetworks.filter(n => n.ConfigOnly);
    if (!sources.length) {
      await ask.explain('No config-only network exists', 'Create one first (tick "Config only"), then create networks from it.');
      ask.back();
    }
    s.answers.configFrom = await ask.pick({
      placeholder: `Config-only network "${s.answers.name}" takes its settings from`,
      options: sources.map(n => ({
        label: n.Name,
        description: `${n.Driver} · ${(n.IPAM?.Config ?? [])
          .map(c => c.Subnet)
          .filter(Boolean)
          .join(', ')}`,
        value: n.Name,
        picked: s.answers.configFrom === n.Name,
      })),
    });
  };
}

export const modeOptionStep: Step<WizardState> = async (s, ask) => {
  const key = s.answers.driver === 'ipvlan' ? DriverOptionKeys.ipvlanMode : DriverOptionKeys.macvlanMode;
  const modes = s.answers.driver === 'ipvlan' ? ['l2', 'l3', 'l3s'] : ['bridge', 'private', 'vepa', 'passthru'];
  s.answers.driverOptions[key] = await ask.pick({
    placeholder: `${s.answers.driver} mode of "${s.answers.name}"`,
    options: modes.map(mode => ({
      label: mode,
      value: mode,
      picked: s.answers.driverOptions[key] === mode,
      description: mode === modes[0] ? 'the default' : undefined,
    })),
  });
};
