// What the Networks view shows, given the explorer model and the user's view options: filter, built-ins, sort,
// grouping. Pure, so the same rules are tested without VS Code.
import type { ExplorerModel, NetworkModel } from './explorer';
import { arrangeNetworks, NetworkGroup, NetworkGroupKey, NetworkSortKey } from './filters/arrange';
import { emptyFilter, isEmptyFilter, matchesFilter, NetworkFilter } from './filters/networkFilter';

export interface NetworkViewOptions {
  readonly filter: NetworkFilter;
  readonly showBuiltIn: boolean;
  readonly sortBy: NetworkSortKey;
  readonly groupBy: NetworkGroupKey;
}

export const DEFAULT_VIEW_OPTIONS: NetworkViewOptions = { filter: emptyFilter(), showBuiltIn: true, sortBy: 'name', groupBy: 'none' };

export interface GroupModel {
  readonly kind: 'group';
  readonly key: string;
  readonly label: string;
  readonly groupBy: NetworkGroupKey;
  readonly networks: readonly NetworkModel[];
}

/** A node that invites an action (runs `command` when clicked). */
export interface HintModel {
  readonly kind: 'hint';
  readonly label: string;
  readonly description: string;
  readonly command: string;
  readonly icon: string;
}

export const NO_CUSTOM_NETWORKS_HINT: HintModel = {
  kind: 'hint',
  label: 'Create Network…',
  description: 'no custom networks yet',
  command: 'dockerNetworks.network.create',
  icon: 'add',
};

/**
 * What the views offer while the engine cannot be reached; the cause is the view's message above them. (A welcome
 * view cannot show here: VS Code hides welcome content while a view has a message.)
 */
export const ENGINE_UNREACHABLE_HINTS: readonly HintModel[] = [
  {
    kind: 'hint',
    label: 'Retry Connection',
    description: 'reconnect now (it also retries by itself)',
    command: 'dockerNetworks.retryConnection',
    icon: 'debug-restart',
  },
  {
    kind: 'hint',
    label: 'Open Settings',
    description: 'dockerNetworks.host and more',
    command: 'dockerNetworks.openSettings',
    icon: 'settings-gear',
  },
  { kind: 'hint', label: 'Show Log', description: 'every engine call and error', command: 'dockerNetworks.showLog', icon: 'output' },
];

/** Offered above the others when an ssh:// engine's host key is not known yet (a changed key is never offered). */
/** Under an engine's root in the Containers view (several engines), where the single-engine view has its welcome text. */
export const NO_CONTAINERS_HINT: HintModel = {
  kind: 'hint',
  label: 'No containers',
  description: 'on this engine; they appear here as they are created',
  command: 'dockerNetworks.refresh',
  icon: 'info',
};

export const TRUST_HOST_KEY_HINT: HintModel = {
  kind: 'hint',
  label: 'Trust SSH Host Key…',
  description: 'compare its fingerprint first',
  command: 'dockerNetworks.engine.trustHostKey',
  icon: 'key',
};

/** Networks a stopped or running container is configured on: the data `dangling` needs, right on every engine. */
export function inUseIds(model: ExplorerModel): Set<string> {
  return new Set(model.networks.filter(network => network.endpoints.length > 0).map(network => network.id));
}

export function visibleNetworks(model: ExplorerModel, options: NetworkViewOptions): NetworkModel[] {
  if (isEmptyFilter(options.filter)) return [...model.networks];
  const context = { inUseNetworkIds: inUseIds(model) };
  return model.networks.filter(network => matchesFilter(network.network, options.filter, context));
}

/** The view's top level: networks, or groups of them. */
export function networkRoots(model: ExplorerModel, options: NetworkViewOptions): readonly (NetworkModel | GroupModel | HintModel)[] {
  const groups: NetworkGroup[] = arrangeNetworks(visibleNetworks(model, options), {
    sortBy: options.sortBy,
    groupBy: options.groupBy,
    hideBuiltIn: !options.showBuiltIn,
  });
  const roots: (NetworkModel | GroupModel)[] =
    options.groupBy === 'none'
      ? groups.flatMap(group => group.networks)
      : groups.map(group => ({ kind: 'group', key: group.key, label: group.label, groupBy: options.groupBy, networks: group.networks }));
  // With built-ins showing the view is never empty, so its welcome button never appears: offer creation in the tree.
  const noCustom = !model.networks.some(network => !network.builtIn);
  return noCustom && roots.length && isEmptyFilter(options.filter) ? [...roots, NO_CUSTOM_NETWORKS_HINT] : roots;
}
