// The engines a window shows: the default one (found as the docker CLI finds it), then those listed in the
// machine-scoped setting, then those added with Add Engine… Each has a stable id, so its tree rows, documents and
// state survive a reload of the list.

export interface EngineEntry {
  readonly id: string;
  readonly name: string;
  /** undefined: the default engine, resolved from dockerNetworks.host, DOCKER_HOST, the context, the platform. */
  readonly host?: string;
  readonly origin: 'default' | 'setting' | 'added';
}

export const DEFAULT_ENGINE_ID = 'default';

export function engineIdOf(host: string): string {
  return `engine:${host.trim()}`;
}

/** The setting's entries, with a message per entry that is not `{ "name": "…", "host": "…" }`. */
export function parseEngineSetting(raw: unknown): { engines: EngineEntry[]; problems: string[] } {
  if (raw === undefined || raw === null) return { engines: [], problems: [] };
  if (!Array.isArray(raw)) return { engines: [], problems: ['dockerNetworks.engines must be a list of { "name", "host" } entries'] };
  const engines: EngineEntry[] = [];
  const problems: string[] = [];
  raw.forEach((entry, index) => {
    const host = typeof entry?.host === 'string' ? entry.host.trim() : '';
    const name = typeof entry?.name === 'string' && entry.name.trim() ? entry.name.trim() : host;
    if (!host) problems.push(`dockerNetworks.engines[${index}] has no "host" (e.g. "ssh://me@build-box" or "tcp://10.0.0.5:2376")`);
    else engines.push({ id: engineIdOf(host), name, host, origin: 'setting' });
  });
  return { engines, problems };
}

/** Default first, then the setting's, then the added ones; an engine listed twice (same host) shows once. */
export function mergeEngineLists(defaultName: string, fromSetting: readonly EngineEntry[], added: readonly EngineEntry[]): EngineEntry[] {
  const merged: EngineEntry[] = [{ id: DEFAULT_ENGINE_ID, name: defaultName, origin: 'default' }];
  const seen = new Set<string>();
  for (const entry of [...fromSetting, ...added]) {
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    merged.push(entry);
  }
  return merged;
}
