// Every engine failure becomes one EngineError whose message a user understands: the engine could not be reached
// (and why), the API versions do not match, the call timed out or was cancelled, or the engine refused the request
// (its status and message verbatim).
import { isPluginDriver } from '../model/pluginDrivers';
import type { TlsMaterial } from './engineAddress';
import type { HostKeyProblem } from './sshHostKeys';
import { explainTlsFailure, isTlsFailureCode } from './tlsFailures';

export type EngineErrorKind = 'unreachable' | 'timeout' | 'cancelled' | 'api-version' | 'refused' | 'config';

export interface EngineErrorDetails {
  readonly kind: EngineErrorKind;
  readonly engineAddress: string;
  /** What was being done, in words: "list networks", "remove network web". */
  readonly operation?: string;
  readonly statusCode?: number;
  /** The engine's own message, verbatim, for refusals. */
  readonly engineMessage?: string;
  /** The system error code behind an unreachable engine: ENOENT, ECONNREFUSED, EACCES, … */
  readonly code?: string;
  /** An ssh:// engine whose host key known_hosts does not vouch for: what the user needs to decide. */
  readonly hostKey?: HostKeyProblem;
  readonly cause?: unknown;
}

export class EngineError extends Error {
  readonly kind: EngineErrorKind;
  readonly engineAddress: string;
  readonly operation?: string;
  readonly statusCode?: number;
  readonly engineMessage?: string;
  readonly code?: string;
  readonly hostKey?: HostKeyProblem;

  constructor(message: string, details: EngineErrorDetails) {
    super(message, { cause: details.cause });
    this.name = 'EngineError';
    this.kind = details.kind;
    this.engineAddress = details.engineAddress;
    this.operation = details.operation;
    this.statusCode = details.statusCode;
    this.engineMessage = details.engineMessage;
    this.code = details.code;
    this.hostKey = details.hostKey;
  }

  /** True when the engine itself is gone (as opposed to refusing one request). */
  get isConnectionLoss(): boolean {
    return this.kind === 'unreachable' || (this.kind === 'timeout' && this.operation === 'ping');
  }

  /** True when the engine may be gone: a lost connection, or any call that got no answer in time. */
  get suggestsConnectionLoss(): boolean {
    return this.isConnectionLoss || this.kind === 'timeout';
  }
}

/** The host key a connection failure offers to trust: an unknown one only (a changed or revoked key never is). */
export function hostKeyToTrust(err: unknown): HostKeyProblem | undefined {
  const problem = err instanceof EngineError ? err.hostKey : undefined;
  return problem?.verdict.kind === 'unknown' ? problem : undefined;
}

/** Why a connection failed, in words, from the system error code. */
export function explainConnectionCode(code: string | undefined, engineAddress: string): string {
  const socket = engineAddress.replace(/^unix:\/\//, '').replace(/ \(.*\)$/, '');
  switch (code) {
    case 'ENOENT':
      return `no socket at ${socket} (is the Docker Engine running?)`;
    case 'ECONNREFUSED':
      return 'connection refused (the engine is not listening there)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied on ${socket} (add your user to the "docker" group, or point dockerNetworks.host at a socket you may use)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be resolved';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host is unreachable';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was reset by the engine';
    case 'ETIMEDOUT':
      return 'the connection timed out';
    default:
      if (code && /CERT|TLS|SSL|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_OSSL/.test(code))
        return `TLS failure (${code}): check the CA, client certificate and key`;
      return code ? `connection failed (${code})` : 'connection failed';
  }
}

const CONNECTION_CODES = new Set([
  'ENOENT',
  'ECONNREFUSED',
  'EACCES',
  'EPERM',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

interface RawModemError {
  message?: string;
  code?: string;
  statusCode?: number;
  reason?: string;
  json?: unknown;
  name?: string;
  level?: string;
}

/** The engine's own message from a modem error: `{"message": "..."}`, a bare string, or a Buffer. */
export function engineMessageOf(json: unknown): string | undefined {
  if (json === null || json === undefined) return undefined;
  if (typeof json === 'string') return json.trim() || undefined;
  if (Buffer.isBuffer(json)) return json.toString('utf8').trim() || undefined;
  if (typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string') return (json as { message: string }).message;
  return undefined;
}

/**
 * A removal that timed out on a network of a plugin driver, said as what it most likely is: the plugin does not
 * answer. Engine 20.10 takes the network off its list at once, then retries each of its three plugin calls for 15 s
 * and answers only after that (45 s), removing the network anyway. Other errors come back unchanged.
 */
export function explainPluginRemovalTimeout(err: unknown, network: { name: string; driver?: string }): unknown {
  if (!(err instanceof EngineError) || err.kind !== 'timeout' || !network.driver || !isPluginDriver(network.driver)) return err;
  const message = `${err.message}. "${network.name}" belongs to the network plugin "${network.driver}", which seems not to answer: the engine retries each plugin call for 15 s, then finishes the removal anyway (the network is already off its list). Is the plugin running?`;
  return new EngineError(message, { kind: err.kind, engineAddress: err.engineAddress, operation: err.operation, cause: err });
}

/** The message of an engine refusal, e.g. `Docker Engine refused to remove network "web": … (HTTP 403)`. */
export function refusalMessage(operation: string, engineMessage: string, statusCode: number): string {
  const explanation = explainPluginFailure(engineMessage);
  const said = explanation ? `${explanation} The engine said: ${engineMessage}` : engineMessage;
  return `Docker Engine refused to ${operation}: ${said} (HTTP ${statusCode})`;
}

// A plugin that stopped answering reaches the user as Go's HTTP client error, which names the plugin only inside
// its socket path, URL-escaped ("Post "http://%2Frun%2Fdocker%2Fplugins%2Fweave.sock/IpamDriver.RequestAddress":
// dial unix /run/docker/plugins/weave.sock: connect: no such file or directory"). Engine 20.10 retries for 15 s first.
const PLUGIN_DIAL_FAILURE = /dial unix (\/\S*\/plugins\/(?:[^/\s"]+\/)?([^/\s":]+)\.sock): connect: ([^"\n]+)/;
const PLUGIN_METHOD = /\/(NetworkDriver|IpamDriver)\.\w+"/;
const PLUGIN_NOT_FOUND = /^plugin "([^"]+)" not found$/;

/**
 * Says which plugin failed and why, when the engine's message is about a network or IPAM plugin it could not reach
 * (or could not find at all); undefined for every other message.
 */
export function explainPluginFailure(engineMessage: string): string | undefined {
  const notFound = PLUGIN_NOT_FOUND.exec(engineMessage.trim());
  if (notFound)
    return `no plugin named "${notFound[1]}" is installed (docker plugin ls) or listening in /run/docker/plugins, so it cannot be the driver.`;
  const dial = PLUGIN_DIAL_FAILURE.exec(engineMessage);
  if (!dial) return undefined;
  const [, socket, name, cause] = dial;
  const role = PLUGIN_METHOD.exec(engineMessage)?.[1] === 'IpamDriver' ? 'IPAM plugin' : 'network plugin';
  const why = /no such file/i.test(cause)
    ? `its socket ${socket} is gone`
    : /refused/i.test(cause)
      ? `nothing listens on its socket ${socket} any more`
      : `its socket ${socket} fails (${cause.trim()})`;
  return `${role} "${name}" does not answer: ${why}. Is the plugin running?`;
}

export function toEngineError(
  err: unknown,
  context: {
    engineAddress: string;
    operation: string;
    timedOut?: boolean;
    cancelled?: boolean;
    /** The TLS material sent, so a refused handshake can be explained from it. */
    tls?: TlsMaterial;
    host?: string;
  },
): EngineError {
  if (err instanceof EngineError) return err;
  const raw = (err ?? {}) as RawModemError;
  const { engineAddress, operation } = context;

  if (context.timedOut) {
    return new EngineError(`Docker Engine at ${engineAddress} did not answer "${operation}" in time (timeout)`, {
      kind: 'timeout',
      engineAddress,
      operation,
      cause: err,
    });
  }
  if (context.cancelled || raw.name === 'AbortError') {
    return new EngineError(`"${operation}" was cancelled`, { kind: 'cancelled', engineAddress, operation, cause: err });
  }
  if (typeof raw.statusCode === 'number') {
    const engineMessage = engineMessageOf(raw.json) ?? raw.reason ?? `HTTP ${raw.statusCode}`;
    if (raw.statusCode === 400 && /client version .* is too (new|old)|minimum supported API version/i.test(engineMessage)) {
      return new EngineError(`Docker Engine at ${engineAddress} does not speak this API version: ${engineMessage}`, {
        kind: 'api-version',
        engineAddress,
        operation,
        statusCode: raw.statusCode,
        engineMessage,
        cause: err,
      });
    }
    return new EngineError(refusalMessage(operation, engineMessage, raw.statusCode), {
      kind: 'refused',
      engineAddress,
      operation,
      statusCode: raw.statusCode,
      engineMessage,
      cause: err,
    });
  }
  const code = raw.code;
  if (
    (code && (CONNECTION_CODES.has(code) || isTlsFailureCode(code))) ||
    raw.level === 'client-socket' ||
    raw.level === 'client-authentication'
  ) {
    const why =
      raw.level === 'client-authentication'
        ? `SSH authentication failed (${raw.message ?? 'no details'})`
        : code && !CONNECTION_CODES.has(code) && isTlsFailureCode(code)
          ? explainTlsFailure(code, context.tls, context.host ?? 'this host')
          : explainConnectionCode(code, engineAddress);
    return new EngineError(`Docker Engine not reachable at ${engineAddress}: ${why}`, {
      kind: 'unreachable',
      engineAddress,
      operation,
      code,
      cause: err,
    });
  }
  const message = raw.message ?? String(err);
  return new EngineError(`Docker Engine at ${engineAddress} failed to ${operation}: ${message}`, {
    kind: 'unreachable',
    engineAddress,
    operation,
    code,
    cause: err,
  });
}
