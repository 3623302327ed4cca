// The Prune wizard: which unused networks to consider (all, or by age and labels), then the list to untick from.
// The plan is computed from fresh engine data each time the list is shown, so it is right on every engine; networks
// that only stopped containers reference are listed but kept unless ticked. No `vscode` here.
import { splitList } from '../../model/connectRequest';
import type { Network } from '../../model/engineTypes';
import { PrunePlan, validatePruneOptions } from '../../model/filters/prunePlan';
import { runFlow, Step } from './flow';
import type { PickOption, Prompter } from './prompter';

export const PRUNE_TITLE = 'Prune Unused Networks';

export interface PruneFilters {
  /** Empty: any age. */
  readonly until: string;
  /** Empty: any labels. */
  readonly labels: readonly string[];
}

interface PruneState {
  filtered: boolean;
  until: string;
  labels: string;
  chosen: Network[];
}

function candidatesOf(plan: PrunePlan): PickOption<Network>[] {
  return [
    ...plan.removable.map(network => ({ label: network.Name, description: `${network.Driver} · unused`, value: network, picked: true })),
    ...plan.keptReferencedByStopped.map(entry => ({
      label: entry.network.Name,
      value: entry.network,
      picked: false,
      group: 'Used only by stopped containers (kept unless ticked)',
      description: `used by stopped ${entry.containers.map(n => `"${n}"`).join(', ')}`,
      detail: 'If removed, those containers will fail to start ("network not found").',
    })),
  ];
}

const scopeStep: Step<PruneState> = async (s, ask) => {
  s.filtered = await ask.pick({
    placeholder: 'Which unused custom networks should be considered?',
    options: [
      { label: 'All unused networks', description: 'like docker network prune', value: false, picked: !s.filtered },
      { label: 'Only some: by age or labels…', description: 'until=24h, label=env=dev, label!=keep', value: true, picked: s.filtered },
    ],
  });
};

function untilStep(now: Date): Step<PruneState> {
  return async (s, ask) => {
    s.until = (
      await ask.input({
        prompt: 'Only networks created before this: a duration (24h, 90m) or a timestamp (2026-11-01T00:00:00Z). Empty: any age.',
        placeholder: 'e.g. 24h',
        value: s.until,
        validate: text => (text.trim() ? validatePruneOptions({ until: text.trim(), now }) : undefined),
      })
    ).trim();
  };
}

function labelsStep(now: Date): Step<PruneState> {
  return async (s, ask) => {
    s.labels = await ask.input({
      prompt: 'Only networks with these labels (k or k=v), or without them (!k, !k=v). Empty: any labels.',
      placeholder: 'e.g. env=dev !keep',
      value: s.labels,
      validate: text => validatePruneOptions({ labels: splitList(text), now }),
    });
  };
}

function chooseStep(plan: (filters: PruneFilters) => Promise<PrunePlan>): Step<PruneState> {
  return async (s, ask) => {
    const current = await plan({ until: s.until, labels: splitList(s.labels) });
    const options = candidatesOf(current);
    if (!options.length) {
      await ask.explain('Nothing to prune', `Every custom network is in use${s.filtered ? ' or outside the filters' : ''}.`);
      if (s.filtered) ask.back();
      ask.cancel();
    }
    const count = current.removable.length;
    const chosen = await ask.pickMany({
      options,
      placeholder: `${count} unused ${count === 1 ? 'network' : 'networks'} will be removed; untick any to keep them`,
    });
    if (!chosen.length) ask.cancel();
    s.chosen = chosen;
  };
}

/** The networks the user chose to prune, or undefined when they cancelled. */
export async function runPruneWizard(
  prompter: Prompter,
  plan: (filters: PruneFilters) => Promise<PrunePlan>,
): Promise<Network[] | undefined> {
  const now = new Date();
  const state: PruneState = { filtered: false, until: '', labels: '', chosen: [] };
  const steps = (s: PruneState) => [scopeStep, ...(s.filtered ? [untilStep(now), labelsStep(now)] : []), chooseStep(plan)];
  return (await runFlow(prompter, PRUNE_TITLE, state, steps)) ? state.chosen : undefined;
}
