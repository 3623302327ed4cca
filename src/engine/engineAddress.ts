// Where the Docker Engine is: the setting, DOCKER_HOST, the Docker context, then the platform's default socket.
// dockerode ignores Docker contexts, so they are resolved here from ~/.docker the way the docker CLI does.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export type EngineAddressSource = 'setting' | 'DOCKER_HOST' | 'context' | 'default' | 'engine list';

export interface TlsMaterial {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  /** False when the context says SkipTLSVerify: the server certificate is not checked. */
  readonly verify: boolean;
  /** The folder the files were read from (or would have been), for messages. */
  readonly dir?: string;
}

export interface EngineAddress {
  /** Normalised address: unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host, npipe:////./pipe/docker_engine */
  readonly url: string;
  readonly source: EngineAddressSource;
  readonly contextName?: string;
  /** For an engine of the dockerNetworks.engines list (or added with Add Engine…): its display name. */
  readonly engineName?: string;
  readonly tls?: TlsMaterial;
}

export interface EngineAddressEnvironment {
  readonly settingHost?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  readonly platform: string;
  /** Returns the file's text, or undefined when it does not exist. */
  readonly readFile: (file: string) => string | undefined;
}

export class EngineAddressError extends Error {}

const DEFAULT_UNIX_SOCKET = 'unix:///var/run/docker.sock';
const DEFAULT_WINDOWS_PIPE = 'npipe:////./pipe/docker_engine';

/** An engine of the list: its own address, with TLS as the docker CLI would decide it for that host. */
export function resolveListedEngineAddress(host: string, name: string, environment: EngineAddressEnvironment): EngineAddress {
  return { url: normaliseHostUrl(host.trim()), source: 'engine list', engineName: name, tls: envTls(environment, host.trim()) };
}

export function resolveEngineAddress(environment: EngineAddressEnvironment): EngineAddress {
  const setting = environment.settingHost?.trim();
  if (setting) return { url: normaliseHostUrl(setting), source: 'setting', tls: envTls(environment, setting) };

  const dockerHost = environment.env.DOCKER_HOST?.trim();
  if (dockerHost) return { url: normaliseHostUrl(dockerHost), source: 'DOCKER_HOST', tls: envTls(environment, dockerHost) };

  const contextAddress = resolveContext(environment);
  if (contextAddress) return contextAddress;

  return { url: environment.platform === 'win32' ? DEFAULT_WINDOWS_PIPE : DEFAULT_UNIX_SOCKET, source: 'default' };
}

/** Accepts what users type: a bare socket path, `unix://`, `tcp://`, `http(s)://`, `ssh://`, `npipe://`. */
export function normaliseHostUrl(host: string): string {
  if (host.startsWith('/')) return `unix://${host}`;
  if (!/^[a-z]+:\/\//i.test(host))
    throw new EngineAddressError(
      `"${redactCredentials(host)}" is not a Docker host address: use unix:///path, tcp://host:port or ssh://user@host`,
    );
  const scheme = host.slice(0, host.indexOf(':')).toLowerCase();
  if (!['unix', 'tcp', 'http', 'https', 'ssh', 'npipe'].includes(scheme)) {
    throw new EngineAddressError(
      `"${redactCredentials(host)}" uses the unsupported scheme "${scheme}": use unix, tcp, http, https, ssh or npipe`,
    );
  }
  return host;
}

function dockerConfigDir(environment: EngineAddressEnvironment): string {
  return environment.env.DOCKER_CONFIG?.trim() || path.join(environment.homeDir, '.docker');
}

function resolveContext(environment: EngineAddressEnvironment): EngineAddress | undefined {
  const configDir = dockerConfigDir(environment);
  const name = environment.env.DOCKER_CONTEXT?.trim() || currentContextName(environment, configDir);
  if (!name || name === 'default') return undefined;

  const contextId = createHash('sha256').update(name).digest('hex');
  const metaFile = path.join(configDir, 'contexts', 'meta', contextId, 'meta.json');
  const metaText = environment.readFile(metaFile);
  if (metaText === undefined) throw new EngineAddressError(`Docker context "${name}" does not exist (no ${metaFile})`);

  const docker = parseJson<ContextMeta>(metaText, metaFile)?.Endpoints?.docker;
  if (!docker?.Host) throw new EngineAddressError(`Docker context "${name}" has no Docker endpoint (${metaFile})`);

  const tlsDir = path.join(configDir, 'contexts', 'tls', contextId, 'docker');
  const tls = readTls(environment, tlsDir, !docker.SkipTLSVerify);
  return { url: normaliseHostUrl(docker.Host), source: 'context', contextName: name, tls };
}

interface ContextMeta {
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

function currentContextName(environment: EngineAddressEnvironment, configDir: string): string | undefined {
  const configFile = path.join(configDir, 'config.json');
  const text = environment.readFile(configFile);
  if (text === undefined) return undefined;
  return parseJson<{ currentContext?: string }>(text, configFile)?.currentContext;
}

/**
 * TLS for tcp/https hosts, as the docker CLI decides it: wanted with DOCKER_TLS_VERIFY, DOCKER_TLS, an https:// address
 * or port 2376; certificates from DOCKER_CERT_PATH (default ~/.docker); the server is verified unless only DOCKER_TLS
 * is set.
 */
function envTls(environment: EngineAddressEnvironment, host: string): TlsMaterial | undefined {
  if (!/^(tcp|https):/i.test(host)) return undefined;
  const { DOCKER_TLS_VERIFY, DOCKER_TLS, DOCKER_CERT_PATH } = environment.env;
  const wanted = Boolean(DOCKER_TLS_VERIFY) || Boolean(DOCKER_TLS) || /^https:/i.test(host) || /:2376\b/.test(host);
  if (!wanted) return undefined;
  const verify = Boolean(DOCKER_TLS_VERIFY) || !DOCKER_TLS;
  return readTls(environment, DOCKER_CERT_PATH?.trim() || dockerConfigDir(environment), verify) ?? { verify };
}

function readTls(environment: EngineAddressEnvironment, dir: string, verify: boolean): TlsMaterial | undefined {
  const ca = environment.readFile(path.join(dir, 'ca.pem'));
  const cert = environment.readFile(path.join(dir, 'cert.pem'));
  const key = environment.readFile(path.join(dir, 'key.pem'));
  if (ca === undefined && cert === undefined && key === undefined) return verify ? undefined : { verify, dir };
  return { ca, cert, key, verify, dir };
}

function parseJson<T>(text: string, file: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new EngineAddressError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}

/** How the engine address is named in messages: the address, plus the context it came from. */
export function describeEngineAddress(address: EngineAddress): string {
  const origin =
    address.source === 'engine list'
      ? `engine "${address.engineName}"`
      : address.source === 'context'
        ? `context "${address.contextName}"`
        : address.source === 'setting'
          ? 'setting dockerNetworks.host'
          : address.source === 'DOCKER_HOST'
            ? 'DOCKER_HOST'
            : 'default';
  return `${redactCredentials(address.url)} (${origin})`;
}

/**
 * The address as it may be shown or logged: a password in it (`tcp://user:secret@host`, `ssh://user:secret@host`)
 * becomes `***`. Every message, view and log line names the engine through describeEngineAddress, so through this.
 */
export function redactCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@]*)@/i, (_match, scheme: string, userInfo: string) => {
    const colon = userInfo.indexOf(':');
    return `${scheme}${colon < 0 ? userInfo : `${userInfo.slice(0, colon)}:***`}@`;
  });
}

/** Reads a file for resolving the engine address; undefined when it does not exist. */
export function readFileIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export interface DockerContextInfo {
  readonly name: string;
  readonly host: string;
  readonly current: boolean;
}

/** The Docker contexts in ~/.docker (or DOCKER_CONFIG) that have a Docker endpoint, the current one marked. */
export function listDockerContexts(environment: EngineAddressEnvironment): DockerContextInfo[] {
  const configDir = dockerConfigDir(environment);
  const metaDir = path.join(configDir, 'contexts', 'meta');
  let ids: string[] = [];
  try {
    ids = fs.readdirSync(metaDir);
  } catch {
    return [];
  }
  let current: string | undefined;
  try {
    current = environment.env.DOCKER_CONTEXT?.trim() || currentContextName(environment, configDir);
  } catch {
    current = undefined;
  }
  return ids.flatMap(id => {
    try {
      const meta = JSON.parse(environment.readFile(path.join(metaDir, id, 'meta.json')) ?? 'null') as
        | (ContextMeta & { Name?: string })
        | null;
      const host = meta?.Endpoints?.docker?.Host;
      return meta?.Name && host ? [{ name: meta.Name, host, current: meta.Name === current }] : [];
    } catch {
      return [];
    }
  });
}
