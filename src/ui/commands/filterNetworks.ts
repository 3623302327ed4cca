import * as vscode from 'vscode';
import { emptyFilter, formatFilter, parseFilterText } from '../../model/filters/networkFilter';
import { visibleNetworks } from '../../model/networkView';
import { askOnce } from '../wizard/flow';
import type { CommandDefinition } from './commandContext';

const EXAMPLES = 'e.g. driver=bridge label=env=prod name=web dangling=true type=custom';

/** Filters the Networks view with `docker network ls --filter` syntax and semantics; shows live how many match. */
export const filterNetworksCommand: CommandDefinition = {
  id: 'dockerNetworks.network.filter',
  run: async context => {
    const answer = await askOnce(context.prompter, 'Filter Networks', ask =>
      ask.input({
        prompt:
          'Filter like `docker network ls --filter`: driver, id, label (k or k=v), name, scope, type (custom|builtin), dangling (true|false). Names and IDs match exactly or as a regular expression. Empty clears the filter.',
        placeholder: EXAMPLES,
        value: formatFilter(context.viewState.filter),
        validate: text => {
          const parsed = parseFilterText(text);
          if ('error' in parsed) return parsed.error;
          const model = context.store.model;
          if (!model) return undefined;
          const options = { ...context.viewState.options, filter: parsed.filter };
          const count = visibleNetworks(model, options).length;
          return { message: `${count} of ${model.networks.length} networks match`, severity: 'info' };
        },
      }),
    );
    if (answer === undefined) return;
    const parsed = parseFilterText(answer);
    if ('error' in parsed) throw new Error(`Filter "${answer}" is not valid: ${parsed.error}`);
    await context.viewState.setFilter(parsed.filter);
    await vscode.commands.executeCommand('dockerNetworks.networksView.focus');
  },
};

export const clearFilterCommand: CommandDefinition = {
  id: 'dockerNetworks.network.clearFilter',
  run: context => context.viewState.setFilter(emptyFilter()),
};
