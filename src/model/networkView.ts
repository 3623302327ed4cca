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
export function networkRoots(model: ExplorerModel, options: NetworkViewOptions): readonly (NetworkModel | GroupModel)[] {
  const groups: NetworkGroup[] = arrangeNetworks(visibleNetworks(model, options), { sortBy: options.sortBy, groupBy: options.groupBy, hideBuiltIn: !options.showBuiltIn });
  if (options.groupBy === 'none') return groups.flatMap(group => group.networks);
  return groups.map(group => ({ kind: 'group', key: group.key, label: group.label, groupBy: options.groupBy, networks: group.networks }));
}
