// `docker network ls --filter` for the explorer: parsing what users type, printing it back, and matching networks with
// the engine's semantics (moby daemon/network/filter.go FilterNetworks, api/types/filters Args):
// - `driver`, `scope`: exact; several values: any of them.
// - `name`, `id`: exact, or an unanchored, case-sensitive Go regular expression (`name=dge` finds `bridge`), matched
//   with RE2 in linear time (goRegexp.ts); an invalid expression matches nothing on the engine, and the filter box
//   refuses it with Go's message (parseFilterText); several values: any of them.
// - `label`: `k` (present) or `k=v`; several values: ALL of them (Args.MatchKVList), and a network without labels
//   never matches.
// - `type`: `builtin` (bridge, host, none) or `custom`; several values: any of them.
// - `dangling`: one value, true/1 or false/0. True: custom networks no container is configured on; false: the others,
//   built-ins included. Engines before 29 get this wrong (every custom network is "dangling"), so it is computed here
//   from container data: a network is in use when any container, running or stopped, names it.
// - different keys: all must match.
import { isBuiltInNetwork } from '../builtInNetworks';
import type { ContainerSummary, Network } from '../engineTypes';
import { goRegExpError, goRegExpMatches } from './goRegexp';

export const FILTER_KEYS = ['driver', 'id', 'label', 'name', 'scope', 'type', 'dangling'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type NetworkFilter = Record<FilterKey, string[]>;

export const NETWORK_TYPES = ['builtin', 'custom'] as const;
const DANGLING_VALUES = ['true', '1', 'false', '0'];

export function emptyFilter(): NetworkFilter {
  return { driver: [], id: [], label: [], name: [], scope: [], type: [], dangling: [] };
}

export function isEmptyFilter(filter: NetworkFilter): boolean {
  return FILTER_KEYS.every(key => !filter[key]?.length);
}

function isFilterKey(key: string): key is FilterKey {
  return (FILTER_KEYS as readonly string[]).includes(key);
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

/** A separator comma is one followed by another term (`key=` or `--filter`); other commas belong to the value. */
const NEXT_TERM = /^\s*(?:--filter\b|-f\b|[^\s=,"']+=)/;

/** Splits on whitespace and separator commas; single or double quotes group (`\"` and `\\` escape inside "…"). */
function tokenize(text: string): { tokens: string[] } | { error: string } {
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  const flush = () => {
    if (inToken) tokens.push(current);
    current = '';
    inToken = false;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"' || char === "'") {
      const close = char;
      inToken = true;
      let j = i + 1;
      for (; j < text.length && text[j] !== close; j++) {
        if (close === '"' && text[j] === '\\' && (text[j + 1] === '"' || text[j + 1] === '\\')) j++;
        current += text[j];
      }
      if (j >= text.length) return { error: `unterminated quote in ${JSON.stringify(text.slice(i))}` };
      i = j;
    } else if (/\s/.test(char)) {
      flush();
    } else if (char === ',' && NEXT_TERM.test(text.slice(i + 1))) {
      flush();
    } else {
      current += char;
      inToken = true;
    }
  }
  flush();
  return { tokens };
}

/** Drops `--filter` / `-f` in their CLI spellings: `--filter k=v`, `--filter=k=v`, `-f k=v`, `-f=k=v`, `-fk=v`. */
function filterTerms(tokens: string[]): string[] {
  const terms: string[] = [];
  for (const token of tokens) {
    if (token === '--filter' || token === '-f') continue;
    const prefixed = /^(?:--filter=|-f=?)(.*)$/s.exec(token);
    terms.push(prefixed ? prefixed[1]! : token);
  }
  return terms.filter(term => term !== '');
}

/** Checks values the engine would reject; the messages are the engine's. */
export function validateFilter(filter: Partial<Record<string, readonly string[]>>): string | undefined {
  for (const key of Object.keys(filter)) {
    if (!isFilterKey(key) && filter[key]?.length) return `Invalid filter '${key}'`;
  }
  const dangling = [...new Set(filter.dangling ?? [])];
  if (dangling.length > 1) return 'got more than one value for filter key "dangling"';
  if (dangling.length === 1 && !DANGLING_VALUES.includes(dangling[0]!)) {
    return `invalid value '${dangling[0]}' for filter 'dangling': must be "true" (or "1"), or "false" (or "0")`;
  }
  for (const value of filter.type ?? []) {
    if (!(NETWORK_TYPES as readonly string[]).includes(value)) return `invalid filter: 'type'='${value}'`;
  }
  return undefined;
}

/**
 * What users type in the filter box, CLI style: `driver=bridge label=env=prod name=web`, terms separated by spaces or
 * commas, `--filter`/`-f` tolerated, values quoted when they hold spaces. As in the CLI, keys are case-insensitive
 * and trimmed, values trimmed; a term without `=` is an error.
 */
export function parseFilterText(text: string): { filter: NetworkFilter } | { error: string } {
  const tokenized = tokenize(text);
  if ('error' in tokenized) return tokenized;
  const filter = emptyFilter();
  const unknown: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const term of filterTerms(tokenized.tokens)) {
    const equals = term.indexOf('=');
    if (equals < 0) return { error: `bad format of filter '${term}' (expected name=value)` };
    const key = term.slice(0, equals).trim().toLowerCase();
    const value = term.slice(equals + 1).trim();
    const values = isFilterKey(key) ? filter[key] : (unknown[key] ??= []);
    if (!values.includes(value)) values.push(value);
  }
  const error = validateFilter({ ...unknown, ...filter }) ?? patternError(filter);
  return error ? { error } : { filter };
}

/**
 * A `name` or `id` value Go cannot compile. The engine does not refuse it (it matches nothing: no network name or ID
 * can equal such a value exactly), but a filter that silently shows nothing is a mistake worth saying as one types.
 */
function patternError(filter: NetworkFilter): string | undefined {
  for (const key of ['name', 'id'] as const) {
    for (const value of filter[key]) {
      const error = goRegExpError(value);
      if (error) return `invalid ${key} filter '${value}': ${error}`;
    }
  }
  return undefined;
}

function quoteValue(value: string): string {
  if (value !== '' && !/[\s"',\\]/.test(value)) return value;
  return `"${value.replace(/[\\"]/g, match => `\\${match}`)}"`;
}

/** The canonical text of a filter, keys in a fixed order: `driver=bridge label=env=prod name=web`. Parses back. */
export function formatFilter(filter: NetworkFilter): string {
  const terms: string[] = [];
  for (const key of FILTER_KEYS) for (const value of filter[key] ?? []) terms.push(`${key}=${quoteValue(value)}`);
  return terms.join(' ');
}

// ---------------------------------------------------------------------------------------------------------------
// Matching

export interface FilterContext {
  /** IDs of the networks some container (running or stopped) is configured on; see `inUseNetworkIds`. */
  readonly inUseNetworkIds: ReadonlySet<string>;
}

/**
 * The networks any container, running or stopped, names in its `NetworkSettings.Networks`, by `NetworkID` or by name
 * (stopped containers may carry an empty or stale `NetworkID`).
 */
export function inUseNetworkIds(networks: readonly Network[], containers: readonly ContainerSummary[]): Set<string> {
  const byId = new Map(networks.map(network => [network.Id, network]));
  const byName = new Map(networks.map(network => [network.Name, network]));
  const used = new Set<string>();
  for (const container of containers) {
    for (const [name, settings] of Object.entries(container.NetworkSettings?.Networks ?? {})) {
      const byItsId = settings?.NetworkID ? byId.get(settings.NetworkID) : undefined;
      if (byItsId) used.add(byItsId.Id);
      const byItsName = byName.get(name);
      if (byItsName) used.add(byItsName.Id);
    }
  }
  return used;
}

/** Go's Args.Match: exact, or an unanchored regular expression. */
function matchesAny(values: readonly string[], source: string): boolean {
  return values.includes(source) || values.some(pattern => goRegExpMatches(pattern, source));
}

/** Go's Args.MatchKVList: every `k` / `k=v` must hold; no labels at all never matches. */
export function matchesLabels(values: readonly string[], labels: Readonly<Record<string, string>> | null | undefined): boolean {
  if (!values.length) return true;
  if (!labels || Object.keys(labels).length === 0) return false;
  return values.every(value => {
    const equals = value.indexOf('=');
    const key = equals < 0 ? value : value.slice(0, equals);
    if (!Object.hasOwn(labels, key)) return false;
    return equals < 0 || labels[key] === value.slice(equals + 1);
  });
}

function danglingWanted(values: readonly string[]): boolean | undefined {
  const distinct = [...new Set(values)];
  if (distinct.length !== 1) return undefined;
  if (distinct[0] === 'true' || distinct[0] === '1') return true;
  if (distinct[0] === 'false' || distinct[0] === '0') return false;
  return undefined;
}

/** Whether the engine's `docker network ls` filter keeps this network. A filter that fails validation matches nothing. */
export function matchesFilter(network: Network, filter: NetworkFilter, context: FilterContext): boolean {
  if (filter.driver?.length && !filter.driver.includes(network.Driver)) return false;
  if (filter.name?.length && !matchesAny(filter.name, network.Name)) return false;
  if (filter.id?.length && !matchesAny(filter.id, network.Id)) return false;
  if (filter.label?.length && !matchesLabels(filter.label, network.Labels)) return false;
  if (filter.scope?.length && !filter.scope.includes(network.Scope)) return false;
  const builtIn = isBuiltInNetwork(network);
  if (filter.dangling?.length) {
    const dangling = danglingWanted(filter.dangling);
    if (dangling === undefined) return false;
    const unused = !builtIn && !context.inUseNetworkIds.has(network.Id);
    if (unused !== dangling) return false;
  }
  if (filter.type?.length) {
    const ok = filter.type.some(type => (type === 'builtin' && builtIn) || (type === 'custom' && !builtIn));
    if (!ok) return false;
  }
  return true;
}

/** The networks a filter keeps, in their order. */
export function filterNetworks<T extends Network>(networks: readonly T[], filter: NetworkFilter, context: FilterContext): T[] {
  return isEmptyFilter(filter) ? [...networks] : networks.filter(network => matchesFilter(network, filter, context));
}
