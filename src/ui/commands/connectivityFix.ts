import * as vscode from 'vscode';
import { connectRestrictions } from '../../model/connectRules';
import type { CommandDefinition } from './commandContext';
import { connectFlow } from './connectContainer';

export const CONNECTIVITY_FIX_COMMAND = 'dockerNetworks.container.applyConnectivityFix';

/** IDs only: whatever passes them (a notification button, a test) is checked against the current model. */
export interface ConnectivityFixArguments {
  readonly container: string;
  readonly network: string;
}

function isFixArguments(value: unknown): value is ConnectivityFixArguments {
  const args = value as Partial<ConnectivityFixArguments> | undefined;
  return typeof args === 'object' && args !== null && typeof args.container === 'string' && typeof args.network === 'string';
}

/**
 * The fix a connectivity answer suggests: connect a container to a network, through the normal Connect flow and its
 * confirmation (defaults or options), after checking the suggestion still holds.
 */
export const connectivityFixCommand: CommandDefinition = {
  id: CONNECTIVITY_FIX_COMMAND,
  needs: 'explorer',
  run: async (context, args) => {
    if (!isFixArguments(args)) throw new Error('The connectivity fix needs a container ID and a network ID.');
    const model = context.model();
    const container = model.containers.find(c => c.id === args.container);
    const network = model.networks.find(n => n.id === args.network);
    if (!container || !network) {
      void vscode.window.showWarningMessage(
        `The suggested fix no longer applies: the ${container ? 'network' : 'container'} is gone from the engine. Check connectivity again.`,
      );
      return undefined;
    }
    if (container.networks.some(n => n.networkId === network.id)) {
      void vscode.window.showInformationMessage(`"${container.name}" is already on "${network.name}".`);
      return undefined;
    }
    const refusal = connectRestrictions(network.network).connect;
    if (refusal) throw new Error(refusal);
    return connectFlow(context, { containers: [container], network });
  },
};
