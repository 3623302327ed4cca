// The explorer's data: one snapshot of networks and containers (two engine calls), reloaded when the connection
// comes up, when events arrive (debounced, so a burst costs one reload) and on resync. Views only read it.
import { Emitter } from '../model/emitter';
import type { EngineEvent } from '../model/engineTypes';
import { buildExplorerModel, ExplorerModel } from '../model/explorer';
import { AliasCache } from './aliasCache';
import type { EngineConnection } from './engineConnection';
import type { EngineLogger } from './gateway';

export type ExplorerSnapshot =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly model: ExplorerModel; readonly loadedAt: number }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** Container actions that change what the explorer shows; others (exec, health, …) do not. */
const RELEVANT_CONTAINER_ACTIONS = new Set(['create', 'start', 'stop', 'die', 'destroy', 'rename', 'pause', 'unpause', 'kill', 'restart']);

export function isRelevantEvent(event: EngineEvent): boolean {
  if (event.Type === 'network') return true;
  if (event.Type === 'container') return RELEVANT_CONTAINER_ACTIONS.has(event.Action.split(':')[0]);
  return false;
}

export class ExplorerStore {
  private readonly changeEmitter = new Emitter<ExplorerSnapshot>();
  readonly onDidChange = this.changeEmitter.event;
  private current: ExplorerSnapshot = { kind: 'loading' };
  private readonly aliases = new AliasCache();
  private debounceTimer: NodeJS.Timeout | undefined;
  private loading: Promise<void> | undefined;
  private reloadRequested = false;
  private readonly subscriptions: { dispose(): void }[] = [];
  private waiters: (() => void)[] = [];
  /** How many reloads ran: tests and the benchmark read it. */
  loadCount = 0;

  constructor(private readonly connection: EngineConnection, private readonly logger: EngineLogger, private readonly debounceMs = 100) {
    this.subscriptions.push(
      connection.onDidChangeState(state => {
        if (state.kind === 'connected') void this.reload();
        else if (state.kind === 'unreachable') this.set({ kind: 'unavailable', reason: state.error.message });
      }),
      connection.onEngineEvent(event => { if (isRelevantEvent(event)) this.scheduleReload(); }),
      connection.onResync(() => this.scheduleReload()),
    );
    if (connection.state.kind === 'connected') void this.reload();
  }

  get snapshot(): ExplorerSnapshot {
    return this.current;
  }

  /** Coalesces bursts of events into one reload after `debounceMs`. */
  scheduleReload(): void {
    clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => void this.reload(), this.debounceMs);
  }

  /** Reloads now (or right after the reload in flight) and resolves when the view-model is current. */
  reload(): Promise<void> {
    clearTimeout(this.debounceTimer);
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
    try {
      const [networks, containers] = await Promise.all([gateway.listNetworks(), gateway.listContainers()]);
      this.loadCount++;
      // Publish at once with the aliases known so far; inspect only the containers that changed, then publish again.
      this.set({ kind: 'ready', model: buildExplorerModel(networks, containers, this.aliases.current()), loadedAt: Date.now() });
      if (await this.aliases.refresh(gateway, containers)) {
        this.set({ kind: 'ready', model: buildExplorerModel(networks, containers, this.aliases.current()), loadedAt: Date.now() });
      }
    } catch (err) {
      this.logger.error(`could not load networks and containers: ${(err as Error).message}`);
      this.connection.reportFailure(err);
      if (this.current.kind !== 'ready') this.set({ kind: 'unavailable', reason: (err as Error).message });
    }
  }

  private set(snapshot: ExplorerSnapshot): void {
    this.current = snapshot;
    this.changeEmitter.fire(snapshot);
  }

  dispose(): void {
    clearTimeout(this.debounceTimer);
    this.subscriptions.forEach(subscription => subscription.dispose());
    this.changeEmitter.dispose();
  }
}
