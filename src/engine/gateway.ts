// The one way into the Docker Engine. Every call gets its own abort signal (the caller's cancellation plus the
// timeout), goes through dockerode's modem, where one hook logs method, path, status and duration, and fails only
// with EngineError. Results come typed as the engine's JSON the extension reads, so callers never cast.
import Docker from 'dockerode';
import * as os from 'os';
import { dockerFor, SshConnection } from './dockerClient';
import { defaultSshClientOptions, HostKeyGuard, hostKeyMessage, readIdentity, resolveSshTarget, SshClientOptions } from './sshHostKeys';
import { readEventLines } from './eventLines';
import type { IncomingMessage } from 'http';
import { capabilitiesOf, EngineCapabilities, negotiateApiVersion } from '../model/apiVersion';
import type { ConnectRequestBody } from '../model/connectRequest';
import type { CreateNetworkBody } from '../model/createNetwork';
import type { ManagedPlugin } from '../model/pluginDrivers';
import type {
  ContainerInspect,
  ContainerSummary,
  EngineEvent,
  EngineSystemInfo,
  EngineVersionInfo,
  Network,
  SwarmNodeInfo,
  SwarmServiceInfo,
  SwarmTaskInfo,
} from '../model/engineTypes';
import { SwarmState, swarmMembership, swarmNodesFrom, swarmServicesFrom, swarmTasksFrom } from '../model/swarm';
import { describeEngineAddress, EngineAddress } from './engineAddress';
import { EngineError, toEngineError } from './errors';

export interface EngineLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Overrides the gateway's default timeout; 0 disables it (event streams). */
  readonly timeoutMs?: number;
}

export interface GatewayOptions {
  readonly timeoutMs: number;
  readonly logger: EngineLogger;
  /** For ssh:// engines: known_hosts, identities, agent. OpenSSH's defaults under the home directory when left out. */
  readonly ssh?: SshClientOptions;
}

export interface EngineInfo {
  readonly apiVersion: string;
  readonly engineVersion: string;
  readonly os: string;
  readonly platformName: string;
  readonly capabilities: EngineCapabilities;
  /** False for Podman, whose `/events` never reports networks created or removed: the explorer polls it instead. */
  readonly sendsNetworkEvents: boolean;
}

export type EngineFilters = Record<string, string[]>;

/** `POST /networks/{id}/connect` body. */
export type ConnectBody = ConnectRequestBody;

/** `Record<string, string[]>` → the JSON the engine expects in `?filters=`. */
function filtersQuery(filters: EngineFilters | undefined): { filters?: string } {
  if (!filters || Object.keys(filters).length === 0) return {};
  return { filters: JSON.stringify(filters) };
}

/** Every dockerode call takes the signal that ends it; docker-modem keeps it out of the query string and the body. */
interface Cancellable {
  readonly abortSignal: AbortSignal;
}

/** The dockerode calls the gateway makes, with the options it passes and the engine JSON they resolve to. */
interface EngineApi {
  version(options: Cancellable): Promise<EngineVersionInfo>;
  ping(options: Cancellable): Promise<unknown>;
  info(options: Cancellable): Promise<EngineSystemInfo>;
  listNetworks(options: Cancellable & { filters?: string }): Promise<Network[]>;
  listContainers(options: Cancellable & { all: boolean }): Promise<ContainerSummary[]>;
  listPlugins(options: Cancellable): Promise<ManagedPlugin[]>;
  createNetwork(options: Cancellable & CreateNetworkBody): Promise<{ id: string }>;
  getEvents(options: Cancellable & { filters?: string }): Promise<IncomingMessage>;
  getNetwork(idOrName: string): {
    inspect(options: Cancellable & { verbose?: boolean }): Promise<Network>;
    remove(options: Cancellable): Promise<unknown>;
    connect(options: Cancellable & ConnectBody): Promise<unknown>;
    disconnect(options: Cancellable & { Container: string; Force: boolean }): Promise<unknown>;
  };
  getContainer(idOrName: string): { inspect(options: Cancellable): Promise<ContainerInspect> };
  listNodes(options: Cancellable): Promise<SwarmNodeInfo[]>;
  listServices(options: Cancellable): Promise<SwarmServiceInfo[]>;
  listTasks(options: Cancellable & { filters?: string }): Promise<SwarmTaskInfo[]>;
}

interface DialOptions {
  path: string;
  method: string;
  abortSignal?: AbortSignal;
  options?: Record<string, unknown>;
}
type DialCallback = ((err: unknown, data: unknown) => void) & { status?: number; requestPath?: string };
interface HookableModem {
  version?: string;
  dial(options: DialOptions, callback: DialCallback): void;
  buildPayload(
    err: unknown,
    isStream: boolean,
    statusCodes: unknown,
    openStdin: boolean,
    req: { path?: string } | undefined,
    res: { statusCode?: number } | undefined,
    json: unknown,
    cb: DialCallback,
  ): void;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

export class DockerGateway {
  private readonly docker: Docker;
  private readonly api: EngineApi;
  private readonly addressLabel: string;
  private info: EngineInfo | undefined;
  private readonly hostKeys: HostKeyGuard | undefined;

  private constructor(
    readonly address: EngineAddress,
    private readonly options: GatewayOptions,
  ) {
    this.addressLabel = describeEngineAddress(address);
    const ssh = this.sshConnection(address);
    this.hostKeys = ssh?.guard;
    this.docker = dockerFor(address, ssh?.connection);
    // dockerode's typings leave out the abort signal of most calls and type the results loosely: one view fixes both.
    this.api = this.docker as unknown as EngineApi;
    this.hookModem(this.docker.modem as unknown as HookableModem);
  }

  private sshConnection(address: EngineAddress): { guard: HostKeyGuard; connection: SshConnection } | undefined {
    if (!address.url.toLowerCase().startsWith('ssh://')) return undefined;
    const options = this.options.ssh ?? defaultSshClientOptions(os.homedir(), process.env);
    const target = resolveSshTarget(options, new URL(address.url));
    // known_hosts is checked for the host the connection really goes to, as OpenSSH does after HostName.
    const guard = new HostKeyGuard(options, target.host, target.port);
    const privateKey = readIdentity({ ...options, identityFiles: target.identityFiles });
    return {
      guard,
      connection: { ...target, hostVerifier: guard.verify, privateKey, agentSocket: options.agentSocket },
    };
  }

  /** Connects and negotiates the API version once (`GET /version`). */
  static async open(address: EngineAddress, options: GatewayOptions, signal?: AbortSignal): Promise<DockerGateway> {
    const gateway = new DockerGateway(address, options);
    await gateway.negotiate(signal);
    return gateway;
  }

  get engine(): EngineInfo {
    if (!this.info) throw new Error('gateway used before negotiation');
    return this.info;
  }

  get capabilities(): EngineCapabilities {
    return this.engine.capabilities;
  }

  get addressDescription(): string {
    return this.addressLabel;
  }

  private async negotiate(signal?: AbortSignal): Promise<void> {
    const version = await this.call('read the engine version', { signal }, abortSignal => this.api.version({ abortSignal }));
    const result = negotiateApiVersion(version.ApiVersion, version.MinAPIVersion);
    if (!result.ok) {
      throw new EngineError(`Docker Engine at ${this.addressLabel}: ${result.reason}`, {
        kind: 'api-version',
        engineAddress: this.addressLabel,
        operation: 'negotiate the API version',
      });
    }
    (this.docker.modem as unknown as HookableModem).version = `v${result.apiVersion}`;
    const podman = Boolean(version.Components?.some(c => /podman/i.test(c.Name)));
    this.info = {
      apiVersion: result.apiVersion,
      engineVersion: version.Version,
      os: [version.Os, version.Arch].filter(Boolean).join('/'),
      platformName: version.Platform?.Name ?? (podman ? 'Podman' : 'Docker Engine'),
      capabilities: capabilitiesOf(result.apiVersion),
      sendsNetworkEvents: !podman,
    };
    this.options.logger.info(
      `connected to ${this.info.platformName} ${this.info.engineVersion} at ${this.addressLabel}, API ${result.apiVersion} (engine offers ${version.ApiVersion})`,
    );
  }

  ping(options: CallOptions = {}): Promise<void> {
    return this.call('ping', options, abortSignal => this.api.ping({ abortSignal })).then(() => undefined);
  }

  listNetworks(filters?: EngineFilters, options: CallOptions = {}): Promise<Network[]> {
    return this.call('list networks', options, abortSignal => this.api.listNetworks({ ...filtersQuery(filters), abortSignal }));
  }

  inspectNetwork(idOrName: string, options: CallOptions & { verbose?: boolean } = {}): Promise<Network> {
    return this.call(`inspect network "${idOrName}"`, options, abortSignal =>
      this.api.getNetwork(idOrName).inspect({ ...(options.verbose ? { verbose: true } : {}), abortSignal }),
    );
  }

  listContainers(options: CallOptions = {}): Promise<ContainerSummary[]> {
    return this.call('list containers', options, abortSignal => this.api.listContainers({ all: true, abortSignal }));
  }

  inspectContainer(idOrName: string, options: CallOptions = {}): Promise<ContainerInspect> {
    return this.call(`inspect container "${idOrName}"`, options, abortSignal => this.api.getContainer(idOrName).inspect({ abortSignal }));
  }

  createNetwork(body: CreateNetworkBody, options: CallOptions = {}): Promise<{ Id: string }> {
    return this.call(`create network "${body.Name}"`, options, abortSignal =>
      this.api.createNetwork({ ...body, abortSignal }).then(network => ({ Id: network.id })),
    );
  }

  removeNetwork(idOrName: string, label = idOrName, options: CallOptions = {}): Promise<void> {
    return this.call(`remove network "${label}"`, options, abortSignal => this.api.getNetwork(idOrName).remove({ abortSignal })).then(
      () => undefined,
    );
  }

  connectContainer(
    network: string,
    body: ConnectBody,
    label: { network: string; container: string },
    options: CallOptions = {},
  ): Promise<void> {
    return this.call(`connect container "${label.container}" to network "${label.network}"`, options, abortSignal =>
      this.api.getNetwork(network).connect({ ...body, abortSignal }),
    ).then(() => undefined);
  }

  disconnectContainer(
    network: string,
    container: string,
    force: boolean,
    label: { network: string; container: string },
    options: CallOptions = {},
  ): Promise<void> {
    return this.call(`disconnect container "${label.container}" from network "${label.network}"`, options, abortSignal =>
      this.api.getNetwork(network).disconnect({ Container: container, Force: force, abortSignal }),
    ).then(() => undefined);
  }

  /** Network driver plugins the engine offers (`/info` → Plugins.Network), and whether swarm mode is active. */
  async engineDetails(
    options: CallOptions = {},
  ): Promise<{ networkDrivers: string[]; swarmActive: boolean; swarmWorker: boolean; name: string }> {
    const info = await this.call('read engine information', options, abortSignal => this.api.info({ abortSignal }));
    return {
      networkDrivers: info.Plugins?.Network ?? [],
      swarmActive: info.Swarm?.LocalNodeState === 'active' && Boolean(info.Swarm.ControlAvailable),
      swarmWorker: info.Swarm?.LocalNodeState === 'active' && !info.Swarm.ControlAvailable,
      name: info.Name ?? '',
    };
  }

  /** Managed plugins (`GET /plugins`). Legacy socket plugins are never listed here (docs/engine-behaviour.md). */
  listManagedPlugins(options: CallOptions = {}): Promise<ManagedPlugin[]> {
    return this.call('list plugins', options, abortSignal => this.api.listPlugins({ abortSignal }));
  }

  /**
   * The engine's place in its swarm, if it takes part in one. A manager also gives the nodes and the tasks meant to
   * run, with their addresses on each network (`NetworksAttachments`); a worker refuses those calls, so none is made.
   */
  async swarmState(options: CallOptions = {}): Promise<SwarmState | undefined> {
    const info = await this.call('read engine information', options, abortSignal => this.api.info({ abortSignal }));
    const membership = swarmMembership(info);
    if (!membership) return undefined;
    if (!membership.manager) return { ...membership, nodes: [], tasks: [] };
    const [nodes, services, tasks] = await Promise.all([
      this.call('list swarm nodes', options, abortSignal => this.api.listNodes({ abortSignal })),
      this.call('list swarm services', options, abortSignal => this.api.listServices({ abortSignal })),
      this.call('list swarm tasks', options, abortSignal =>
        this.api.listTasks({ ...filtersQuery({ 'desired-state': ['running'] }), abortSignal }),
      ),
    ]);
    return { ...membership, nodes: swarmNodesFrom(nodes), tasks: swarmTasksFrom(tasks, services), services: swarmServicesFrom(services) };
  }

  /**
   * Streams `/events` until the stream ends, the signal aborts, or the connection breaks (then it rejects).
   * Resolves when the engine closes the stream cleanly.
   */
  /** `onSubscribed` runs once the engine has taken the subscription: from then on no change goes unreported. */
  async streamEvents(
    filters: EngineFilters,
    onEvent: (event: EngineEvent) => void,
    signal: AbortSignal,
    onSubscribed?: () => void,
  ): Promise<void> {
    const stream = await this.call('follow engine events', { signal, timeoutMs: 0 }, abortSignal =>
      this.api.getEvents({ ...filtersQuery(filters), abortSignal }),
    );
    const stop = () => stream.destroy();
    if (signal.aborted) {
      stop();
      return;
    }
    onSubscribed?.();
    signal.addEventListener('abort', stop, { once: true });
    try {
      await readEventLines(stream, onEvent, this.options.logger).catch(err => {
        if (!signal.aborted) throw toEngineError(err, { engineAddress: this.addressLabel, operation: 'follow engine events' });
      });
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  /**
   * Runs one engine call with a timeout and the caller's cancellation, mapping every failure to EngineError. `start`
   * gets the signal that ends this call alone: calls running side by side never share one.
   */
  private async call<T>(operation: string, options: CallOptions, start: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    let timedOut = false;
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, timeoutMs)
        : undefined;
    const forwardAbort = () => controller.abort();
    options.signal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      if (options.signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      return await start(controller.signal);
    } catch (err) {
      const error =
        this.hostKeyRefusal(operation, err) ??
        toEngineError(err, {
          engineAddress: this.addressLabel,
          operation,
          timedOut,
          cancelled: options.signal?.aborted,
          tls: this.address.tls,
          host: hostOf(this.address.url),
        });
      if (error.kind !== 'cancelled') this.options.logger.error(`${operation} failed: ${error.message}${causeSuffix(err)}`);
      throw error;
    } finally {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', forwardAbort);
    }
  }

  /** A handshake our host-key check ended: said as such, with the fingerprint, instead of ssh2's "Host denied". */
  private hostKeyRefusal(operation: string, err: unknown): EngineError | undefined {
    const problem = this.hostKeys?.problem;
    if (!problem || !/Host denied|verification failed/i.test(String((err as Error)?.message))) return undefined;
    return new EngineError(`Docker Engine not reachable at ${this.addressLabel}: ${hostKeyMessage(problem)}`, {
      kind: 'unreachable',
      engineAddress: this.addressLabel,
      operation,
      code: 'HOST_KEY',
      hostKey: problem,
      cause: err,
    });
  }

  /** Wraps the modem so every HTTP exchange is cancellable and logged with its real status. */
  private hookModem(modem: HookableModem): void {
    const dial = modem.dial.bind(modem);
    const buildPayload = modem.buildPayload.bind(modem);
    const logger = this.options.logger;
    modem.buildPayload = (err, isStream, statusCodes, openStdin, req, res, json, cb) => {
      if (res && typeof res.statusCode === 'number') cb.status = res.statusCode;
      if (req && typeof req.path === 'string') cb.requestPath = req.path;
      buildPayload(err, isStream, statusCodes, openStdin, req, res, json, cb);
    };
    modem.dial = (options, callback) => {
      // dockerode hands most calls' signal to the modem itself; network inspect leaves it in the call's own options.
      const carried = options.options?.abortSignal;
      if (!options.abortSignal && carried instanceof AbortSignal) options.abortSignal = carried;
      const started = Date.now();
      const logged: DialCallback = (err, data) => {
        // dial prefixes options.path with the API version; the request itself also carries the query.
        const label = `${options.method} ${logged.requestPath ?? options.path}`;
        const status = logged.status ?? (err as { statusCode?: number } | null)?.statusCode;
        const outcome =
          status !== undefined
            ? String(status)
            : `failed (${(err as { code?: string; name?: string } | null)?.code ?? (err as { name?: string } | null)?.name ?? 'error'})`;
        logger.debug(`${label.replace(/\?$/, '')} → ${outcome} in ${Date.now() - started} ms`);
        callback(err, data);
      };
      dial(options, logged);
    };
  }

  dispose(): void {
    const agent = (this.docker.modem as unknown as { agent?: { destroy?: () => void } }).agent;
    agent?.destroy?.();
  }
}

function causeSuffix(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  return code ? ` [cause: ${code}]` : '';
}
