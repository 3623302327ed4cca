// Network and IPAM drivers that plugins provide, as far as the engine lets us see them. `/info` Plugins.Network is the
// built-in drivers, the enabled managed network plugins and the driver of every existing network: a legacy (socket)
// plugin shows there only while some network uses it, and never in `GET /plugins` (managed plugins only). IPAM
// drivers show in neither, except as managed plugins. So the drivers existing networks use are offered too, each with
// the scopes of those networks (docs/engine-behaviour.md, "Network plugins").
import { creatableDrivers } from './createRules';
import type { Network } from './engineTypes';

/** The network drivers built into the engine; any other driver name is a plugin's. */
export const BUILT_IN_NETWORK_DRIVERS: readonly string[] = ['bridge', 'host', 'null', 'overlay', 'macvlan', 'ipvlan'];
/** libnetwork's own IPAM drivers: "default", and "null" (the none and host networks), "windows" on Windows hosts. */
export const BUILT_IN_IPAM_DRIVERS: readonly string[] = ['default', 'null', 'windows'];
export const DEFAULT_IPAM_DRIVER = 'default';

export const isPluginDriver = (driver: string): boolean => Boolean(driver) && !BUILT_IN_NETWORK_DRIVERS.includes(driver);
export const isPluginIpamDriver = (driver: string | undefined): boolean => Boolean(driver) && !BUILT_IN_IPAM_DRIVERS.includes(driver!);

/** A driver some plugin provides, with the scopes of the networks that use it (none when no network does yet). */
export interface PluginDriver {
  readonly name: string;
  readonly scopes: readonly string[];
  readonly networks: number;
}

/** A managed plugin as `GET /plugins` lists it (the fields read here). */
export interface ManagedPlugin {
  readonly Name: string;
  readonly Enabled?: boolean;
  readonly Config?: { readonly Interface?: { readonly Types?: readonly string[] | null } };
}

const NETWORK_DRIVER_TYPE = /^docker\.networkdriver\//;
const IPAM_DRIVER_TYPE = /^docker\.ipamdriver\//;

/** The enabled managed plugins that are network drivers and IPAM drivers, by their names. */
export function managedPluginDrivers(plugins: readonly ManagedPlugin[]): { network: string[]; ipam: string[] } {
  const enabled = plugins.filter(p => p.Enabled !== false);
  const ofType = (type: RegExp) => enabled.filter(p => (p.Config?.Interface?.Types ?? []).some(t => type.test(t))).map(p => p.Name);
  return { network: ofType(NETWORK_DRIVER_TYPE), ipam: ofType(IPAM_DRIVER_TYPE) };
}

function collect(names: readonly string[], networks: readonly Network[], driverOf: (n: Network) => string | undefined): PluginDriver[] {
  const all = new Set([...names, ...networks.map(driverOf).filter((d): d is string => Boolean(d))]);
  return [...all].sort().map(name => {
    const using = networks.filter(n => driverOf(n) === name);
    return { name, scopes: [...new Set(using.map(n => n.Scope).filter(Boolean))].sort(), networks: using.length };
  });
}

/** Plugin network drivers: those the engine reports plus those existing networks use. */
export function pluginNetworkDrivers(engineDrivers: readonly string[], networks: readonly Network[]): PluginDriver[] {
  return collect(engineDrivers.filter(isPluginDriver), networks, n => (isPluginDriver(n.Driver) ? n.Driver : undefined));
}

/** Plugin IPAM drivers: managed IPAM plugins plus those existing networks use. */
export function pluginIpamDrivers(networks: readonly Network[], managedIpamDrivers: readonly string[] = []): PluginDriver[] {
  const ipamOf = (n: Network) => (isPluginIpamDriver(n.IPAM?.Driver) ? n.IPAM!.Driver : undefined);
  return collect(managedIpamDrivers.filter(isPluginIpamDriver), networks, ipamOf);
}

/** The drivers the Create wizard offers: the creatable built-in ones, then every plugin driver known. */
export function offeredNetworkDrivers(engineDrivers: readonly string[], networks: readonly Network[]): string[] {
  const offered = creatableDrivers(engineDrivers);
  for (const plugin of pluginNetworkDrivers(engineDrivers, networks)) if (!offered.includes(plugin.name)) offered.push(plugin.name);
  return offered;
}

/** e.g. "network plugin · scope local (2 networks)", or "network plugin · no network uses it yet". */
export function describePluginDriver(driver: PluginDriver | undefined, kind: 'network' | 'IPAM' = 'network'): string {
  const what = `${kind} plugin`;
  if (!driver || driver.networks === 0) return `${what} · no network uses it yet`;
  const count = `${driver.networks} network${driver.networks === 1 ? '' : 's'}`;
  return `${what} · scope ${driver.scopes.join(', ') || 'unknown'} (${count})`;
}
