import * as vscode from 'vscode';
import { removeNetworks } from '../../engine/networkOperations';
import { planPrune, PruneOptions, validatePruneOptions } from '../../model/filters/prunePlan';
import { removalReport } from '../../model/removal';
import { splitList } from '../../model/connectRequest';
import { BACK, Prompter, runSteps } from '../wizard/prompter';
import type { CommandDefinition } from './commandContext';

const TITLE = 'Prune Unused Networks';

interface PruneFilters {
  filtered: boolean;
  until: string;
  labels: string;
}

/** Asks whether to narrow the prune by age or labels (the engine's `until`, `label`, `label!`). */
async function askFilters(prompter: Prompter): Promise<PruneFilters | undefined> {
  const state: PruneFilters = { filtered: false, until: '', labels: '' };
  const now = new Date();
  const done = await runSteps(state, s => [
    async (st, position) => {
      const picked = await prompter.pick({ title: TITLE, ...position, placeholder: 'Which unused custom networks should be considered?', options: [
        { label: 'All unused networks', description: 'like docker network prune', value: false },
        { label: 'Only some: by age or labels…', description: 'until=24h, label=env=dev, label!=keep', value: true },
      ] });
      if (picked === BACK) return 'back';
      if (picked === undefined) return 'cancel';
      st.filtered = picked;
      return 'next';
    },
    ...(s.filtered ? [
      async (st: PruneFilters, position: { step: number; totalSteps: number }) => {
        const answer = await prompter.input({ title: TITLE, ...position, prompt: 'Only networks created before this: a duration (24h, 90m) or a timestamp (2026-11-01T00:00:00Z). Empty: any age.',
          placeholder: 'e.g. 24h', value: st.until, validate: text => (text.trim() ? validatePruneOptions({ until: text.trim(), now }) : undefined) });
        if (answer === BACK) return 'back';
        if (answer === undefined) return 'cancel';
        st.until = answer.trim();
        return 'next';
      },
      async (st: PruneFilters, position: { step: number; totalSteps: number }) => {
        const answer = await prompter.input({ title: TITLE, ...position, prompt: 'Only networks with these labels (k or k=v), or without them (!k, !k=v). Empty: any labels.',
          placeholder: 'e.g. env=dev !keep', value: st.labels, validate: text => validatePruneOptions({ labels: splitList(text), now }) });
        if (answer === BACK) return 'back';
        if (answer === undefined) return 'cancel';
        st.labels = answer;
        return 'next';
      },
    ] : []),
  ]);
  return done ? state : undefined;
}

/**
 * Computes what prune would remove from fresh engine data (right on every engine), keeps networks that stopped
 * containers still reference unless ticked, asks once more, and reports what was removed.
 */
export const pruneNetworksCommand: CommandDefinition = {
  id: 'dockerNetworks.network.prune',
  run: async context => {
    const filters = await askFilters(context.prompter);
    if (!filters) return;
    const gateway = context.connection.requireGateway();
    const [networks, containers] = await Promise.all([gateway.listNetworks(), gateway.listContainers()]);
    const options: PruneOptions = { now: new Date(), ...(filters.until ? { until: filters.until } : {}), ...(filters.labels.trim() ? { labels: splitList(filters.labels) } : {}) };
    const plan = planPrune(networks, containers, options);
    const candidates = [
      ...plan.removable.map(network => ({ label: network.Name, description: `${network.Driver} · unused`, value: network, picked: true })),
      ...plan.keptReferencedByStopped.map(entry => ({
        label: entry.network.Name, value: entry.network, picked: false, group: 'Used only by stopped containers (kept unless ticked)',
        description: `used by stopped ${entry.containers.map(n => `"${n}"`).join(', ')}`, detail: 'If removed, those containers will fail to start ("network not found").',
      })),
    ];
    if (!candidates.length) {
      void vscode.window.showInformationMessage('Nothing to prune: every custom network is in use' + (filters.filtered ? ' or outside the filters.' : '.'));
      return { removed: [], failed: [] };
    }
    const chosen = await context.prompter.pickMany({
      title: TITLE, step: 1, totalSteps: 1, options: candidates,
      placeholder: `${plan.removable.length} unused ${plan.removable.length === 1 ? 'network' : 'networks'} will be removed; untick any to keep them`,
    });
    if (chosen === BACK || !chosen?.length) return;
    const confirmed = await context.prompter.confirm({
      message: `Remove ${chosen.length} ${chosen.length === 1 ? 'network' : 'networks'}?`,
      detail: chosen.map(n => `"${n.Name}"`).join(', '),
      choices: ['Prune'],
    });
    if (!confirmed) return;
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Pruning networks', cancellable: true }, (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return removeNetworks(gateway, chosen.map(n => ({ network: { id: n.Id, name: n.Name }, running: [] })), {
        disconnectRunning: false, signal: controller.signal, onProgress: name => progress.report({ message: `"${name}"`, increment: 100 / chosen.length }),
      });
    });
    await context.store.reload();
    const report = removalReport(outcome);
    context.log.info(`prune: ${report.message}`);
    if (report.isError) void vscode.window.showErrorMessage(report.message);
    else void vscode.window.showInformationMessage(report.message);
    return outcome;
  },
};
