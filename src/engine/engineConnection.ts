// Keeps one live connection to the engine: connects, follows `/events`, notices when the engine goes away,
// reconnects with backoff and asks everyone to resynchronise when it is back. Falls back to polling only when the
// event stream keeps failing while the engine itself answers.
import { Emitter } from '../model/emitter';
import type { EngineEvent } from '../model/engineTypes';
import { describeEngineAddress, EngineAddress } from './engineAddress';
import { EngineError } from './errors';
import { DockerGateway, EngineFilters, EngineLogger } from './gateway';
import type { SshClientOptions } from './sshHostKeys';

export type ConnectionState =
  | { readonly kind: 'connecting'; readonly engineAddress?: string }
  | { readonly kind: 'connected'; readonly gateway: DockerGateway }
  /** `retryInMs` 0 means a retry is under way: the cause stays visible while the engine is asked again. */
  | { readonly kind: 'unreachable'; readonly engineAddress: string; readonly error: Error; readonly retryInMs: number };

export interface EngineConnectionOptions {
  /** Resolves the engine address each time a connection is made, so setting changes apply on the next attempt. */
  readonly resolveEngineAddress: () => EngineAddress;
  readonly timeoutMs: () => number;
  readonly logger: EngineLogger;
  /** Known hosts and identities for ssh:// engines, read at each connection. OpenSSH's defaults when left out. */
  readonly ssh?: () => SshClientOptions;
  readonly eventFilters?: EngineFilters;
  readonly retryDelaysMs?: readonly number[];
  readonly pollIntervalMs?: number;
  /**
   * How long the event stream may stay silent before the engine is pinged. A remote engine that vanishes without a
   * reset (NAT drop, laptop sleep) leaves the stream open and silent; without a ping the views would go on showing
   * the last data as live.
   */
  readonly idleCheckMs?: number;
}

/** Backs off, but not so far that an engine that is back waits long to be noticed. */
const DEFAULT_RETRY_DELAYS_MS = [500, 1000, 2000, 3000];
const DEFAULT_IDLE_CHECK_MS = 15000;
// Service and node events come from swarm managers only: they change the tasks shown on swarm networks.
const DEFAULT_EVENT_FILTERS: EngineFilters = { type: ['network', 'container', 'service', 'node'] };
/** Event-stream failures in a row (with the engine still answering) before falling back to polling. */
const STREAM_FAILURES_BEFORE_POLLING = 3;

export class EngineConnection {
  // A listener's bug is logged, not mistaken for a connection failure.
  private readonly stateEmitter = new Emitter<ConnectionState>(err => this.logListenerError(err));
  private readonly eventEmitter = new Emitter<EngineEvent>(err => this.logListenerError(err));
  private readonly resyncEmitter = new Emitter<void>(err => this.logListenerError(err));
  readonly onDidChangeState = this.stateEmitter.event;
  readonly onEngineEvent = this.eventEmitter.event;
  /** Fired when events may have been missed (reconnect, polling tick): consumers reload everything. */
  readonly onResync = this.resyncEmitter.event;

  private current: ConnectionState = { kind: 'connecting' };
  /** Each (re)connection gets a new controller; aborting it ends that generation's loops. */
  private generation = new AbortController();
  private retryTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private disposed = false;
  /** While nothing of ours is visible, an unreachable engine is not asked again until something is. */
  private paused = false;
  private retryDue = false;
  /** When the engine last answered anything on the current connection (an event, a call). */
  private lastActivity = Date.now();

  constructor(private readonly options: EngineConnectionOptions) {}

  private logListenerError(err: unknown): void {
    this.options.logger.error(`a listener of the engine connection failed: ${(err as Error)?.stack ?? String(err)}`);
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** The gateway when connected; otherwise throws the reason the engine cannot be used. */
  requireGateway(): DockerGateway {
    if (this.current.kind === 'connected') return this.current.gateway;
    if (this.current.kind === 'unreachable') throw this.current.error;
    throw new Error(`not connected yet to ${this.current.engineAddress ?? 'the Docker Engine'}`);
  }

  /**
   * The state once the attempt under way has an answer: connected, or unreachable with its cause. A retry in
   * progress counts as under way, so a caller waiting on it hears the retry's answer, not the previous one.
   * Resolves undefined when `signal` aborts first.
   */
  settled(signal: AbortSignal): Promise<ConnectionState | undefined> {
    return whenEmitted(this.onDidChangeState, () => (isSettled(this.current) ? this.current : undefined), signal);
  }

  start(): void {
    void this.connect();
  }

  /** Drops the current connection and connects again at once (Retry button, settings change). */
  reconnect(): void {
    this.attempt = 0;
    void this.connect();
  }

  /** Nothing of ours is on screen (see setPaused). */
  get isPaused(): boolean {
    return this.paused;
  }

  /**
   * No view or document of ours is visible: stop retrying an unreachable engine until one is (`paused` false),
   * then try at once.
   */
  setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    if (!paused && this.retryDue) {
      this.retryDue = false;
      void this.connect();
    }
  }

  /** Consumers call this when a request failed in a way that suggests the engine is gone (including any timeout). */
  reportFailure(error: unknown): void {
    if (error instanceof EngineError && error.suggestsConnectionLoss && this.current.kind === 'connected') {
      this.options.logger.warn(`engine call failed (${error.message}); checking the connection`);
      void this.verifyConnection(this.generation.signal);
    }
  }

  private async connect(): Promise<void> {
    if (this.disposed) return;
    this.generation.abort();
    const generation = new AbortController();
    this.generation = generation;
    clearTimeout(this.retryTimer);
    if (this.current.kind === 'connected') this.current.gateway.dispose();

    let address: EngineAddress;
    try {
      address = this.options.resolveEngineAddress();
    } catch (err) {
      this.setUnreachable('(endpoint not resolved)', err as Error, generation.signal);
      return;
    }
    const description = describeEngineAddress(address);
    // A retry of the same engine address keeps the last cause on screen: flipping back to "Connecting…" on every attempt
    // would hide it for as long as each attempt takes.
    if (this.current.kind === 'unreachable' && this.current.engineAddress === description) this.setState({ ...this.current, retryInMs: 0 });
    else this.setState({ kind: 'connecting', engineAddress: description });
    try {
      const gateway = await DockerGateway.open(
        address,
        { timeoutMs: this.options.timeoutMs(), logger: this.options.logger, ssh: this.options.ssh?.() },
        generation.signal,
      );
      if (generation.signal.aborted) {
        gateway.dispose();
        return;
      }
      this.attempt = 0;
      this.setState({ kind: 'connected', gateway });
      void this.followEvents(gateway, generation.signal);
    } catch (err) {
      if (!generation.signal.aborted) this.setUnreachable(describeEngineAddress(address), err as Error, generation.signal);
    }
  }

  private setUnreachable(engineAddress: string, error: Error, signal: AbortSignal): void {
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const retryInMs = delays[Math.min(this.attempt, delays.length - 1)];
    this.attempt++;
    if (this.current.kind !== 'unreachable' || this.current.error.message !== error.message) {
      this.options.logger.warn(`engine unreachable: ${error.message}; retrying every few seconds`);
    }
    this.setState({ kind: 'unreachable', engineAddress, error, retryInMs });
    this.retryTimer = setTimeout(() => {
      if (signal.aborted) return;
      if (this.paused) this.retryDue = true;
      else void this.connect();
    }, retryInMs);
  }

  /** Pings the engine whenever the event stream has been silent for `idleCheckMs`, for as long as `signal` lives. */
  private watchIdle(signal: AbortSignal): void {
    const idleMs = this.options.idleCheckMs ?? DEFAULT_IDLE_CHECK_MS;
    this.lastActivity = Date.now();
    const timer = setInterval(
      () => {
        if (Date.now() - this.lastActivity < idleMs) return;
        this.lastActivity = Date.now();
        void this.verifyConnection(signal);
      },
      Math.max(50, idleMs / 4),
    );
    signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  }

  private async followEvents(gateway: DockerGateway, signal: AbortSignal): Promise<void> {
    let failuresInARow = 0;
    this.watchIdle(signal);
    while (!signal.aborted) {
      const filters = this.options.eventFilters ?? DEFAULT_EVENT_FILTERS;
      const subscribed = Date.now();
      try {
        await gateway.streamEvents(
          filters,
          event => {
            this.lastActivity = Date.now();
            // At debug level the log times each stage from the engine's event to the rows (the UI benchmark reads it).
            this.options.logger.debug(`event: ${event.Type} ${event.Action} ${event.Actor?.ID ?? ''}`);
            this.eventEmitter.fire(event);
          },
          signal,
          // A change made before the engine took the subscription sends no event to us: look once more now that
          // every later change will (the first load at connect may have run before the subscription).
          () => this.resyncEmitter.fire(),
        );
      } catch (err) {
        if (signal.aborted) return;
        this.options.logger.warn(`event stream broke: ${(err as Error).message}`);
      }
      if (signal.aborted) return;
      if (!(await this.verifyConnection(signal))) return;
      failuresInARow = Date.now() - subscribed < 5000 ? failuresInARow + 1 : 0;
      // Events keep failing while the engine answers: resynchronise on a timer meanwhile, and keep trying the
      // stream after each tick, so live updates come back as soon as the stream does.
      if (failuresInARow >= STREAM_FAILURES_BEFORE_POLLING) {
        if (!(await this.pollOnce(signal, failuresInARow === STREAM_FAILURES_BEFORE_POLLING))) return;
      } else {
        await delay(500, signal);
      }
    }
  }

  /** One polling tick; false when the engine is gone (or the connection replaced). */
  private async pollOnce(signal: AbortSignal, first: boolean): Promise<boolean> {
    const interval = this.options.pollIntervalMs ?? 5000;
    if (first) this.options.logger.warn(`engine events are unavailable; polling every ${interval / 1000} s until they are back`);
    await delay(interval, signal);
    if (signal.aborted || !(await this.verifyConnection(signal))) return false;
    this.resyncEmitter.fire();
    return true;
  }

  /** Pings the engine; when it does not answer, switches to unreachable and starts reconnecting. */
  private async verifyConnection(signal: AbortSignal): Promise<boolean> {
    if (this.current.kind !== 'connected') return false;
    const gateway = this.current.gateway;
    try {
      await gateway.ping({ signal, timeoutMs: Math.min(5000, this.options.timeoutMs()) });
      this.lastActivity = Date.now();
      return true;
    } catch (err) {
      if (signal.aborted || this.current.kind !== 'connected' || this.current.gateway !== gateway) return false;
      gateway.dispose();
      this.generation.abort();
      this.generation = new AbortController();
      this.setUnreachable(gateway.addressDescription, err as Error, this.generation.signal);
      return false;
    }
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.stateEmitter.fire(state);
  }

  dispose(): void {
    this.disposed = true;
    this.generation.abort();
    clearTimeout(this.retryTimer);
    if (this.current.kind === 'connected') this.current.gateway.dispose();
    this.stateEmitter.dispose();
    this.eventEmitter.dispose();
    this.resyncEmitter.dispose();
  }
}

function isSettled(state: ConnectionState): boolean {
  return state.kind === 'connected' || (state.kind === 'unreachable' && state.retryInMs > 0);
}

/** Resolves with `probe()`'s first defined answer, checked now and after each event; undefined once `signal` aborts. */
export function whenEmitted<T>(
  event: (listener: () => void) => { dispose(): void },
  probe: () => T | undefined,
  signal: AbortSignal,
): Promise<T | undefined> {
  return new Promise(resolve => {
    const now = probe();
    if (now !== undefined || signal.aborted) return resolve(now);
    const subscription = event(() => {
      const value = probe();
      if (value !== undefined) finish(value);
    });
    const onAbort = () => finish(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    function finish(value: T | undefined) {
      subscription.dispose();
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    }
  });
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
