// The explorer's data: one snapshot of networks and containers (two engine calls), reloaded when the connection
// comes up, when events arrive (debounced, so a burst costs one reload) and on resync. A connect or disconnect event
// is also applied at once from one container inspect, so the tree shows it without waiting for the full reload.
// Views only read it.
import { Emitter } from '../model/emitter';
import type { ContainerSummary, EngineEvent, Network } from '../model/engineTypes';
import {
  aliasesFromInspect,
  aliasSignature,
  buildExplorerModel,
  ExplorerModel,
  linksFromInspect,
  summaryFromInspect,
} from '../model/explorer';
import { AliasCache } from './aliasCache';
import { SwarmState, withSwarmEndpoints } from '../model/swarm';
import { EngineConnection, whenEmitted } from './engineConnection';
import type { EngineLogger } from './gateway';

export type ExplorerSnapshot =
  | { readonly kind: 'loading' }
  /** `stale`: the last refresh failed; the model is the last one loaded, `since` when it was. */
  | {
      readonly kind: 'ready';
      readonly model: ExplorerModel;
      readonly loadedAt: number;
      readonly stale?: { readonly since: number; readonly reason: string };
    }
  | {
      readonly kind: 'unavailable';
      readonly reason: string;
      /** The connection's error, when the engine could not be reached (its host key, TLS or socket cause). */
      readonly cause?: Error;
    };

/** Container actions that change what the explorer shows; others (exec, health, …) do not. */
const RELEVANT_CONTAINER_ACTIONS = new Set(['create', 'start', 'stop', 'die', 'destroy', 'rename', 'pause', 'unpause', 'kill', 'restart']);

/**
 * How often an engine that reports no network events (Podman) is listed again while something of ours is on screen,
 * so that networks made elsewhere show without a manual refresh.
 */
const EVENTLESS_POLL_MS = 3000;

/** How often a manager's tasks are asked again while some are starting (their nodes' events never reach it). */
const TASKS_UNDER_WAY_POLL_MS = 2000;

/** Container inspects run for events at the same time, at most. */
const PATCH_CONCURRENCY = 4;

export function isRelevantEvent(event: EngineEvent): boolean {
  if (event.Type === 'network' || event.Type === 'service' || event.Type === 'node') return true;
  if (event.Type === 'container') return RELEVANT_CONTAINER_ACTIONS.has(event.Action.split(':')[0]);
  return false;
}

export class ExplorerStore {
  private readonly changeEmitter = new Emitter<ExplorerSnapshot>(err =>
    this.logger.error(`a view failed to take the new data: ${(err as Error)?.stack ?? String(err)}`),
  );
  readonly onDidChange = this.changeEmitter.event;
  private current: ExplorerSnapshot = { kind: 'loading' };
  private readonly aliases = new AliasCache();
  /** The last engine lists, which event patches apply to. */
  private lists: { networks: Network[]; containers: ContainerSummary[] } | undefined;
  /** The swarm membership, nodes and tasks, read only while the engine lists swarm-scope networks. */
  private swarm: SwarmState | undefined;
  /** Containers re-read for an event, newer than any list loaded before the event; dropped once a list is newer. */
  private readonly patches = new Map<string, { container: ContainerSummary | undefined; at: number }>();
  /** Networks created (their inspect) or destroyed (undefined) since the lists, applied the same way. */
  private readonly networkPatches = new Map<string, { network: Network | undefined; at: number }>();
  private publishQueued = false;
  /** When the request behind the current lists started: a patch begun before it is older than the lists. */
  private listsStartedAt = 0;
  private debounceTimer: NodeJS.Timeout | undefined;
  private eventlessPoll: NodeJS.Timeout | undefined;
  /** A manager's tasks on other nodes change without any event here: asked again while some are on their way. */
  private tasksTimer: NodeJS.Timeout | undefined;
  private loading: Promise<void> | undefined;
  private reloadRequested = false;
  private readonly subscriptions: { dispose(): void }[] = [];
  private waiters: (() => void)[] = [];
  /** Container inspects for events: one per container at a time, a bounded number at once. */
  private readonly patching = new Map<string, { again: boolean }>();
  private patchesRunning = 0;
  private readonly patchSlotWaiters: (() => void)[] = [];
  /** How many reloads ran: tests and the benchmark read it. */
  loadCount = 0;

  constructor(
    private readonly connection: EngineConnection,
    private readonly logger: EngineLogger,
    private readonly debounceMs = 100,
  ) {
    this.subscriptions.push(
      connection.onDidChangeState(state => {
        if (state.kind === 'connected') void this.reload();
        // Each retry repeats the state; the views need to hear about a new cause only.
        else if (state.kind === 'unreachable' && !this.isUnavailableBecause(state.error.message))
          this.set({ kind: 'unavailable', reason: state.error.message, cause: state.error });
      }),
      connection.onEngineEvent(event => this.onEvent(event)),
      connection.onResync(() => this.scheduleReload()),
    );
    if (connection.state.kind === 'connected') void this.reload();
    this.eventlessPoll = setInterval(() => this.pollIfEventless(), EVENTLESS_POLL_MS);
    this.eventlessPoll.unref?.();
  }

  private pollIfEventless(): void {
    const state = this.connection.state;
    if (state.kind === 'connected' && !state.gateway.engine.sendsNetworkEvents && !this.connection.isPaused) this.scheduleReload();
  }

  get snapshot(): ExplorerSnapshot {
    return this.current;
  }

  /** The loaded model, if any: for views and hints that do without it. */
  get model(): ExplorerModel | undefined {
    return this.current.kind === 'ready' ? this.current.model : undefined;
  }

  /** The loaded model; throws why there is none (commands run only after `loaded` said it is there). */
  requireModel(): ExplorerModel {
    if (this.current.kind === 'ready') return this.current.model;
    throw new Error(this.current.kind === 'unavailable' ? this.current.reason : 'the networks and containers have not been loaded yet');
  }

  /** The snapshot once the first load has an answer (ready or unavailable); undefined when `signal` aborts first. */
  loaded(signal: AbortSignal): Promise<ExplorerSnapshot | undefined> {
    return whenEmitted(this.onDidChange, () => (this.current.kind === 'loading' ? undefined : this.current), signal);
  }

  /**
   * Every relevant event is applied at once from what it names (one inspect at most), so the views show it without
   * waiting; a throttled full reload follows only to reconcile.
   */
  private onEvent(event: EngineEvent): void {
    if (!isRelevantEvent(event)) return;
    const action = event.Action.split(':')[0];
    if (event.Type === 'network') {
      const container = event.Actor.Attributes?.container;
      if ((action === 'connect' || action === 'disconnect') && container) void this.patchContainer(container);
      else if (action === 'create' && event.Actor.ID) void this.patchNetwork(event.Actor.ID);
      else if (action === 'destroy' && event.Actor.ID) this.forgetNetwork(event.Actor.ID);
    } else if (event.Type === 'container' && event.Actor.ID) {
      if (action === 'destroy') this.forgetContainer(event.Actor.ID);
      else void this.patchContainer(event.Actor.ID);
    }
    this.scheduleReload();
  }

  private async patchNetwork(networkId: string): Promise<void> {
    if (!this.lists || this.connection.state.kind !== 'connected') return;
    const at = Date.now();
    try {
      const gateway = this.connection.state.gateway;
      const network = await this.withPatchSlot(() => gateway.inspectNetwork(networkId));
      if (at < this.listsStartedAt) return;
      this.networkPatches.set(networkId, { network, at });
      this.queuePublish();
    } catch {
      // Removed meanwhile: its destroy event, or the reload, tells.
    }
  }

  private forgetNetwork(networkId: string): void {
    this.networkPatches.set(networkId, { network: undefined, at: Date.now() });
    this.queuePublish();
  }

  private forgetContainer(containerId: string): void {
    this.patches.set(containerId, { container: undefined, at: Date.now() });
    this.queuePublish();
  }

  /** Patches arriving together (a burst) are drawn together, once per turn of the event loop. */
  private queuePublish(): void {
    if (this.publishQueued) return;
    this.publishQueued = true;
    setImmediate(() => {
      this.publishQueued = false;
      this.publish();
    });
  }

  /**
   * Applies one container's current networks (from its inspect) to the last lists and publishes at once. A burst
   * of events costs at most one inspect in flight per container (plus one more if events came meanwhile) and at
   * most PATCH_CONCURRENCY inspects at once.
   */
  private async patchContainer(containerId: string): Promise<void> {
    const inFlight = this.patching.get(containerId);
    if (inFlight) {
      inFlight.again = true;
      return;
    }
    const entry = { again: false };
    this.patching.set(containerId, entry);
    try {
      do {
        entry.again = false;
        await this.withPatchSlot(() => this.patchOnce(containerId));
      } while (entry.again);
    } finally {
      this.patching.delete(containerId);
    }
  }

  private async withPatchSlot<T>(work: () => Promise<T>): Promise<T> {
    while (this.patchesRunning >= PATCH_CONCURRENCY) await new Promise<void>(resolve => this.patchSlotWaiters.push(resolve));
    this.patchesRunning++;
    try {
      return await work();
    } finally {
      this.patchesRunning--;
      this.patchSlotWaiters.shift()?.();
    }
  }

  private async patchOnce(containerId: string): Promise<void> {
    if (!this.lists || this.connection.state.kind !== 'connected') return;
    const at = Date.now();
    try {
      const inspect = await this.connection.state.gateway.inspectContainer(containerId);
      const previous = this.lists.containers.find(c => c.Id === inspect.Id);
      if (at < this.listsStartedAt) return;
      const container = summaryFromInspect(inspect, previous);
      this.patches.set(container.Id, { container, at });
      this.aliases.learn(container.Id, aliasSignature(container), aliasesFromInspect(inspect), linksFromInspect(inspect));
      this.queuePublish();
    } catch {
      // Removed meanwhile: the full reload that follows every event tells.
    }
  }

  private publish(): void {
    if (!this.lists) return;
    const containers = applyPatches(this.lists.containers, this.patches, patch => patch.container);
    const networks = applyPatches(this.lists.networks, this.networkPatches, patch => patch.network);
    const model = buildExplorerModel(networks, containers, this.aliases.current(), this.aliases.currentLinks());
    this.set({ kind: 'ready', model: withSwarmEndpoints(model, this.swarm), loadedAt: Date.now() });
  }

  /**
   * Coalesces a burst of events into one reload at most `debounceMs` after its first event. The timer is not pushed
   * back by later events, so a long burst still updates the tree every `debounceMs` instead of only at its end.
   */
  scheduleReload(): void {
    if (this.debounceTimer) return;
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = undefined;
      void this.reload();
    }, this.debounceMs);
  }

  /** Reloads now (or right after the reload in flight) and resolves when the view-model is current. */
  reload(): Promise<void> {
    clearTimeout(this.debounceTimer);
    this.debounceTimer = undefined;
    if (this.loading) {
      this.reloadRequested = true;
      return new Promise(resolve => this.waiters.push(resolve));
    }
    this.loading = this.load().finally(() => {
      this.loading = undefined;
      if (this.reloadRequested) {
        this.reloadRequested = false;
        const waiting = this.waiters;
        this.waiters = [];
        void this.reload().then(() => waiting.forEach(resolve => resolve()));
      }
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    if (this.connection.state.kind !== 'connected') return;
    const gateway = this.connection.state.gateway;
    const started = Date.now();
    try {
      const [networks, containers] = await Promise.all([gateway.listNetworks(), gateway.listContainers()]);
      this.loadCount++;
      this.lists = { networks, containers };
      this.listsStartedAt = started;
      for (const patches of [this.patches, this.networkPatches])
        for (const [id, patch] of patches) if (patch.at < started) patches.delete(id);
      // Publish at once with the aliases known so far; inspect only the containers that changed, then publish again.
      this.publish();
      const [aliasesChanged, swarmChanged] = await Promise.all([this.aliases.refresh(gateway, containers), this.refreshSwarm(networks)]);
      if (aliasesChanged || swarmChanged) this.publish();
    } catch (err) {
      this.logger.error(`could not load networks and containers: ${(err as Error).message}`);
      this.connection.reportFailure(err);
      // Never old data presented as live: a model that could not be refreshed says so, and since when.
      if (this.current.kind !== 'ready') this.set({ kind: 'unavailable', reason: (err as Error).message });
      else
        this.set({ ...this.current, stale: { since: this.current.stale?.since ?? this.current.loadedAt, reason: (err as Error).message } });
    }
  }

  /**
   * Swarm-scope networks are listed only in swarm mode (every swarm node has `ingress`), so an engine outside any
   * swarm costs no extra call. A manager that cannot answer leaves the last known tasks shown.
   */
  private async refreshSwarm(networks: readonly Network[]): Promise<boolean> {
    const before = this.swarm;
    if (!networks.some(network => network.Scope === 'swarm')) this.swarm = undefined;
    else if (this.connection.state.kind === 'connected') {
      try {
        this.swarm = await this.connection.state.gateway.swarmState();
      } catch (err) {
        this.logger.warn(`could not read the swarm's nodes and tasks: ${(err as Error).message}`);
      }
    }
    this.followTasksUnderWay();
    if (before === this.swarm || JSON.stringify(before) === JSON.stringify(this.swarm)) {
      this.swarm = before;
      return false;
    }
    return true;
  }

  private followTasksUnderWay(): void {
    if (this.tasksTimer || !this.swarm?.tasks.some(task => task.state !== 'running')) return;
    this.tasksTimer = setTimeout(() => {
      this.tasksTimer = undefined;
      this.scheduleReload();
    }, TASKS_UNDER_WAY_POLL_MS);
  }

  private isUnavailableBecause(reason: string): boolean {
    return this.current.kind === 'unavailable' && this.current.reason === reason;
  }

  private set(snapshot: ExplorerSnapshot): void {
    this.logger.debug(
      `explorer: ${snapshot.kind === 'ready' ? `published ${snapshot.model.networks.length} networks, ${snapshot.model.containers.length} containers` : snapshot.kind}`,
    );
    this.current = snapshot;
    this.changeEmitter.fire(snapshot);
  }

  dispose(): void {
    clearTimeout(this.debounceTimer);
    clearTimeout(this.tasksTimer);
    clearInterval(this.eventlessPoll);
    this.subscriptions.forEach(subscription => subscription.dispose());
    this.changeEmitter.dispose();
  }
}

/** The list with newer versions replacing, adding (present) or removing (undefined) entries by ID. */
function applyPatches<T extends { Id: string }, P>(
  list: readonly T[],
  patches: ReadonlyMap<string, P>,
  entryOf: (patch: P) => T | undefined,
): T[] {
  if (!patches.size) return [...list];
  const result = list
    .filter(item => !patches.has(item.Id) || entryOf(patches.get(item.Id)!) !== undefined)
    .map(item => (patches.has(item.Id) ? entryOf(patches.get(item.Id)!)! : item));
  for (const [id, patch] of patches) {
    const value = entryOf(patch);
    if (value && !list.some(item => item.Id === id)) result.push(value);
  }
  return result;
}
