// The Create Network wizard: name → driver → (parent interface) → defaults or options → one step per ticked option →
// summary with the equivalent CLI line. Every value is checked as it is typed (ip-num based model rules), so invalid
// input never reaches the engine. Answers live in one state object: Back and Retry show what was typed.
import { CreateNetworkAnswers, DriverOptionKeys, emptyAnswers } from '../../../model/createNetwork';
import { isMacvlanLike, nameProblem } from '../../../model/createRules';
import { describePluginDriver, offeredNetworkDrivers, PluginDriver, pluginNetworkDrivers } from '../../../model/pluginDrivers';
import type { Prompter } from '../prompter';
import { runFlow, Step } from '../flow';
import { applyChecklist, checklistOptions, chosenFrom, resetForDriver, valueSteps } from './options';
import type { CreateWizardInput, WizardState } from './state';
import { effectiveAnswers, summaryStep } from './summary';

export type { CreateWizardInput } from './state';
export const CREATE_TITLE = 'Create Network';

function driverDescription(driver: string, swarmActive: boolean, swarmWorker: boolean, plugins: readonly PluginDriver[]): string {
  switch (driver) {
    case 'bridge':
      return 'containers on this host, NAT to the outside (the default)';
    case 'macvlan':
      return 'containers appear as hosts on a physical network, each with its own MAC';
    case 'ipvlan':
      return "like macvlan, sharing the parent's MAC address";
    case 'overlay':
      if (swarmWorker) return 'spans the hosts of the swarm: created on a manager (this engine is a worker)';
      return swarmActive ? 'spans the hosts of the swarm' : 'spans swarm hosts: needs swarm mode (not active here)';
    default:
      return describePluginDriver(plugins.find(p => p.name === driver));
  }
}

function nameStep(input: CreateWizardInput): Step<WizardState> {
  return async (s, ask) => {
    const name = await ask.input({
      prompt: 'Name of the new network',
      placeholder: 'e.g. backend',
      value: s.answers.name,
      validate: text => nameProblem(text, input.existingNetworks),
    });
    s.answers.name = name.trim();
  };
}

function driverStep(input: CreateWizardInput): Step<WizardState> {
  return async (s, ask) => {
    // The engine's list names a legacy plugin only while a network uses it; the networks give its scope.
    const plugins = pluginNetworkDrivers(input.drivers, input.existingNetworks);
    for (;;) {
      const driver = await ask.pick({
        placeholder: `Network driver for "${s.answers.name}"`,
        options: offeredNetworkDrivers(input.drivers, input.existingNetworks).map(d => ({
          label: d,
          description: driverDescription(d, input.swarmActive, input.swarmWorker ?? false, plugins),
          value: d,
          picked: d === s.answers.driver,
        })),
      });
      if (driver === 'overlay' && input.swarmWorker) {
        await ask.explain(
          'Overlay networks are created on a swarm manager',
          'This engine is a swarm worker: it refuses to create overlays ("Cannot create a multi-host network from a worker node"). Create the network on a manager (Add Engine… to see it here); mark it attachable so standalone containers on this worker can connect. It then appears on this worker as soon as something here attaches to it.',
        );
        continue;
      }
      if (driver === 'overlay' && !input.swarmActive) {
        await ask.explain(
          'Overlay networks need swarm mode',
          'This engine is not a swarm manager: the engine would refuse ("This node is not a swarm manager"). Run docker swarm init first, or pick another driver.',
        );
        continue;
      }
      if (driver !== s.answers.driver) resetForDriver(s, driver);
      s.answers.driver = driver;
      return;
    }
  };
}

/** Two macvlan networks cannot share a parent: a VLAN sub-interface of it (`eth0.10`) can be another's parent. */
function parentUse(input: CreateWizardInput, parent: string): string | undefined {
  const users = input.existingNetworks.filter(n => n.Options?.parent === parent).map(n => `"${n.Name}"`);
  return users.length ? `parent of ${users.join(', ')}: another network needs a VLAN sub-interface such as ${parent}.10` : undefined;
}

/** macvlan and ipvlan need the host interface their traffic leaves through. */
function parentStep(input: CreateWizardInput): Step<WizardState> {
  return async (s, ask) => {
    const current = s.answers.driverOptions[DriverOptionKeys.parent] ?? '';
    const picked = await ask.pick({
      placeholder: `Parent interface for the ${s.answers.driver} network: its traffic leaves through this host interface`,
      options: [
        ...input.hostInterfaces
          .filter(i => i !== 'lo')
          .map(i => ({ label: i, description: parentUse(input, i), value: i, picked: i === current })),
        { label: 'Type an interface name…', description: 'e.g. eth0.10 for a VLAN sub-interface', value: '' },
      ],
    });
    const parent =
      picked ||
      (await ask.input({
        prompt: 'Name of the parent interface (a VLAN sub-interface like eth0.10 is created by the driver)',
        placeholder: 'e.g. eth0.10',
        value: current,
        validate: text =>
          /^[A-Za-z0-9_.@-]{1,15}$/.test(text.trim())
            ? undefined
            : `"${text}" is not an interface name (1–15 letters, digits, ".", "-", "_")`,
      }));
    s.answers.driverOptions[DriverOptionKeys.parent] = parent.trim();
  };
}

const defaultsOrConfigureStep: Step<WizardState> = async (s, ask) => {
  s.configure = await ask.pick({
    placeholder: `Create "${s.answers.name}" (${s.answers.driver}) with the defaults, or configure it?`,
    options: [
      { label: 'Create with defaults', description: 'the engine picks the subnet and gateway', value: false, picked: !s.configure },
      {
        label: 'Configure options…',
        description: 'subnets, IPv6, internal, labels, driver options and more',
        value: true,
        picked: s.configure,
      },
    ],
  });
};

function checklistStep(input: CreateWizardInput): Step<WizardState> {
  return async (s, ask) => {
    const picked = await ask.pickMany({
      placeholder: 'Tick what to configure (value options get a step each; ticks like Internal apply as they are)',
      options: checklistOptions(s, input),
    });
    applyChecklist(s, picked);
  };
}

export async function runCreateNetworkWizard(prompter: Prompter, input: CreateWizardInput): Promise<CreateNetworkAnswers | undefined> {
  const answers = input.initial ? structuredClone(input.initial) : emptyAnswers();
  const state: WizardState = { answers, configure: Boolean(input.initial), chosen: input.initial ? chosenFrom(answers) : [] };
  const steps = (s: WizardState): Step<WizardState>[] => [
    nameStep(input),
    driverStep(input),
    ...(isMacvlanLike(s.answers.driver) ? [parentStep(input)] : []),
    defaultsOrConfigureStep,
    ...(s.configure ? [checklistStep(input), ...valueSteps(s, input)] : []),
    summaryStep(input),
  ];
  const finished = await runFlow(prompter, input.title ?? CREATE_TITLE, state, steps);
  return finished ? effectiveAnswers(state) : undefined;
}
