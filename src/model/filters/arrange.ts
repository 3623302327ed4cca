// Order and grouping of the networks view.
// - `name`: natural order, as the docker CLI sorts (`net-2` before `net-10`); equal names (possible across scopes)
//   by ID.
// - `created`: newest first, as `docker ps` and `docker images` list; networks whose creation time is unknown come
//   last, in name order; equal times in name order.
// Groups (`driver`, `scope`) are sorted by natural order of their key; within a group networks keep the order they
// were given in (sort first, then group). `none` gives a single group holding every network.
import type { NetworkModel } from '../explorer';
import { naturalCompare } from '../naturalSort';
import { epochNanosOfTimestamp } from './goTime';

export type NetworkSortKey = 'name' | 'created';
export type NetworkGroupKey = 'none' | 'driver' | 'scope';

export interface NetworkGroup {
  /** The driver or scope this group holds (`''` for `none`, and for networks that report none). */
  readonly key: string;
  /** What to show: the key, `(none)` when empty, `All networks` for `none`. */
  readonly label: string;
  readonly networks: readonly NetworkModel[];
}

export interface ArrangeOptions {
  readonly sortBy?: NetworkSortKey;
  readonly groupBy?: NetworkGroupKey;
  /** Leave out bridge, host and none. */
  readonly hideBuiltIn?: boolean;
}

function byName(a: NetworkModel, b: NetworkModel): number {
  return naturalCompare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A sorted copy; the input is left as it is. */
export function sortNetworks(models: readonly NetworkModel[], by: NetworkSortKey): NetworkModel[] {
  if (by === 'name') return [...models].sort(byName);
  const created = new Map(models.map(model => [model, epochNanosOfTimestamp(model.network.Created)]));
  return [...models].sort((a, b) => {
    const ta = created.get(a);
    const tb = created.get(b);
    if (ta === undefined || tb === undefined) {
      if (ta !== tb) return ta === undefined ? 1 : -1;
      return byName(a, b);
    }
    return tb > ta ? 1 : tb < ta ? -1 : byName(a, b);
  });
}

function groupKeyOf(model: NetworkModel, by: Exclude<NetworkGroupKey, 'none'>): string {
  return (by === 'driver' ? model.driver : model.scope) ?? '';
}

/** Groups in natural order of their key; each group keeps the order of `models`. */
export function groupNetworks(
  models: readonly NetworkModel[],
  by: NetworkGroupKey,
  options: { readonly hideBuiltIn?: boolean } = {},
): NetworkGroup[] {
  const shown = options.hideBuiltIn ? models.filter(model => !model.builtIn) : [...models];
  if (by === 'none') return [{ key: '', label: 'All networks', networks: shown }];
  const groups = new Map<string, NetworkModel[]>();
  for (const model of shown) {
    const key = groupKeyOf(model, by);
    const list = groups.get(key);
    if (list) list.push(model);
    else groups.set(key, [model]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : naturalCompare(a, b)) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, networks]) => ({ key, label: key || '(none)', networks }));
}

/** Hide, sort, then group: what the networks view shows. Defaults: by name, no groups, built-ins shown. */
export function arrangeNetworks(models: readonly NetworkModel[], options: ArrangeOptions = {}): NetworkGroup[] {
  return groupNetworks(sortNetworks(models, options.sortBy ?? 'name'), options.groupBy ?? 'none', { hideBuiltIn: options.hideBuiltIn });
}
