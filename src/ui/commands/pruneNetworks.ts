import { splitList } from '../../model/connectRequest';
import type { Network } from '../../model/engineTypes';
import { planPrune, PrunePlan, validatePruneOptions } from '../../model/filters/prunePlan';
import { BACK, PickOption, Prompter, runSteps, WizardStep } from '../wizard/prompter';
import type { CommandContext, CommandDefinition } from './commandContext';
import { removeWithProgress } from './removeWithProgress';

const TITLE = 'Prune Unused Networks';

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
      label: entry.network.Name, value: entry.network, picked: false, group: 'Used only by stopped containers (kept unless ticked)',
      description: `used by stopped ${entry.containers.map(n => `"${n}"`).join(', ')}`, detail: 'If removed, those containers will fail to start ("network not found").',
    })),
  ];
}

/** The steps: which networks to consider (all, or by age / labels), then the list to untick from. */
function pruneSteps(prompter: Prompter, plan: (state: PruneState) => Promise<PrunePlan>): (state: PruneState) => WizardStep<PruneState>[] {
  const now = new Date();
  const scope: WizardStep<PruneState> = async (s, position) => {
    const picked = await prompter.pick({ title: TITLE, ...position, placeholder: 'Which unused custom networks should be considered?', options: [
      { label: 'All unused networks', description: 'like docker network prune', value: false, picked: !s.filtered },
      { label: 'Only some: by age or labels…', description: 'until=24h, label=env=dev, label!=keep', value: true, picked: s.filtered },
    ] });
    if (picked === BACK) return 'back';
    if (picked === undefined) return 'cancel';
    s.filtered = picked;
    return 'next';
  };
  const until: WizardStep<PruneState> = async (s, position) => {
    const answer = await prompter.input({ title: TITLE, ...position, prompt: 'Only networks created before this: a duration (24h, 90m) or a timestamp (2026-11-01T00:00:00Z). Empty: any age.',
      placeholder: 'e.g. 24h', value: s.until, validate: text => (text.trim() ? validatePruneOptions({ until: text.trim(), now }) : undefined) });
    if (answer === BACK) return 'back';
    if (answer === undefined) return 'cancel';
    s.until = answer.trim();
    return 'next';
  };
  const labels: WizardStep<PruneState> = async (s, position) => {
    const answer = await prompter.input({ title: TITLE, ...position, prompt: 'Only networks with these labels (k or k=v), or without them (!k, !k=v). Empty: any labels.',
      placeholder: 'e.g. env=dev !keep', value: s.labels, validate: text => validatePruneOptions({ labels: splitList(text), now }) });
    if (answer === BACK) return 'back';
    if (answer === undefined) return 'cancel';
    s.labels = answer;
    return 'next';
  };
  const choose: WizardStep<PruneState> = async (s, position) => {
    const current = await plan(s);
    const options = candidatesOf(current);
    if (!options.length) {
      await prompter.confirm({ message: 'Nothing to prune', detail: `Every custom network is in use${s.filtered ? ' or outside the filters' : ''}.`, choices: [] });
      return s.filtered ? 'back' : 'cancel';
    }
    const count = current.removable.length;
    const chosen = await prompter.pickMany({ title: TITLE, ...position, options,
      placeholder: `${count} unused ${count === 1 ? 'network' : 'networks'} will be removed; untick any to keep them` });
    if (chosen === BACK) return 'back';
    if (!chosen?.length) return 'cancel';
    s.chosen = chosen;
    return 'next';
  };
  return s => [scope, ...(s.filtered ? [until, labels] : []), choose];
}

/**
 * Computes what prune would remove from fresh engine data (right on every engine), keeps networks that stopped
 * containers still reference unless ticked, asks once more, and reports what was removed.
 */
export const pruneNetworksCommand: CommandDefinition = {
  id: 'dockerNetworks.network.prune',
  needs: 'engine',
  run: async (context: CommandContext) => {
    const gateway = context.gateway();
    const freshPlan = async (s: PruneState) => {
      const [networks, containers] = await Promise.all([gateway.listNetworks(), gateway.listContainers()]);
      return planPrune(networks, containers, { now: new Date(), ...(s.until ? { until: s.until } : {}), ...(s.labels.trim() ? { labels: splitList(s.labels) } : {}) });
    };
    const state: PruneState = { filtered: false, until: '', labels: '', chosen: [] };
    if (!(await runSteps(state, pruneSteps(context.prompter, freshPlan)))) return undefined;
    const confirmed = await context.prompter.confirm({
      message: `Remove ${state.chosen.length} ${state.chosen.length === 1 ? 'network' : 'networks'}?`,
      detail: state.chosen.map(n => `"${n.Name}"`).join(', '),
      choices: ['Prune'],
    });
    if (!confirmed) return undefined;
    return removeWithProgress(context, gateway, 'Pruning networks', state.chosen.map(n => ({ network: { id: n.Id, name: n.Name }, running: [] })), false);
  },
};
