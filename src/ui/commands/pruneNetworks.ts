import { planPrune } from '../../model/filters/prunePlan';
import { PruneFilters, runPruneWizard } from '../wizard/pruneWizard';
import type { CommandContext, CommandDefinition } from './commandContext';
import { removeNetworks } from '../../engine/networkOperations';
import { removalWords } from '../../model/removal';
import { runBatch } from './batch';

/**
 * Computes what prune would remove from fresh engine data (right on every engine), keeps networks that stopped
 * containers still reference unless ticked, asks once more, and reports what was removed.
 */
export const pruneNetworksCommand: CommandDefinition = {
  id: 'dockerNetworks.network.prune',
  needs: 'engine',
  run: async (context: CommandContext) => {
    const gateway = context.gateway();
    const freshPlan = async (filters: PruneFilters) => {
      const [networks, containers] = await Promise.all([gateway.listNetworks(), gateway.listContainers()]);
      return planPrune(networks, containers, {
        now: new Date(),
        ...(filters.until ? { until: filters.until } : {}),
        ...(filters.labels.length ? { labels: [...filters.labels] } : {}),
      });
    };
    const chosen = await runPruneWizard(context.prompter, freshPlan);
    if (!chosen) return undefined;
    const confirmed = await context.prompter.confirm({
      message: `Remove ${chosen.length} ${chosen.length === 1 ? 'network' : 'networks'}?`,
      detail: chosen.map(n => `"${n.Name}"`).join(', '),
      choices: ['Prune'],
    });
    if (!confirmed) return undefined;
    const entries = chosen.map(n => ({ network: { id: n.Id, name: n.Name }, running: [] }));
    return runBatch(context, {
      title: 'Pruning networks',
      total: entries.length,
      words: removalWords,
      run: options => removeNetworks(gateway, entries, { ...options, disconnectRunning: false }),
    });
  },
};
