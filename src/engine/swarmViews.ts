// What each engine's Networks view shows when several engines of the window belong to one swarm: its store's
// snapshot, with the swarm networks merged under one engine of that swarm (see mergeSwarmModels). An engine in no
// swarm, or alone in its swarm, is shown exactly as its store has it: the same snapshot object, at no cost.
import { Emitter, Listener, Subscription } from '../model/emitter';
import type { ExplorerModel } from '../model/explorer';
import { mergeSwarmModels } from '../model/swarm';
import type { ExplorerSnapshot } from './explorerStore';

/** What a view reads: a snapshot, its model, and a change event. An ExplorerStore is one. */
export interface ExplorerSource {
  readonly snapshot: ExplorerSnapshot;
  readonly model: ExplorerModel | undefined;
  readonly onDidChange: (listener: Listener<ExplorerSnapshot>) => Subscription;
}

export interface SwarmViewMember {
  readonly engineId: string;
  readonly engineName: string;
  readonly store: ExplorerSource;
}

class MergedSource implements ExplorerSource {
  readonly changes = new Emitter<ExplorerSnapshot>();
  readonly onDidChange = this.changes.event;
  current: ExplorerSnapshot;

  constructor(readonly store: ExplorerSource) {
    this.current = store.snapshot;
  }

  get snapshot(): ExplorerSnapshot {
    return this.current;
  }

  get model(): ExplorerModel | undefined {
    return this.current.kind === 'ready' ? this.current.model : undefined;
  }
}

export class SwarmViews {
  private members: readonly SwarmViewMember[] = [];
  private readonly sources = new Map<string, MergedSource>();
  private subscriptions: Subscription[] = [];

  /** The source an engine's Networks view reads. */
  sourceFor(engineId: string, store: ExplorerSource): ExplorerSource {
    return this.mergedSource(engineId, store);
  }

  private mergedSource(engineId: string, store: ExplorerSource): MergedSource {
    let source = this.sources.get(engineId);
    if (!source || source.store !== store) {
      source = new MergedSource(store);
      this.sources.set(engineId, source);
    }
    return source;
  }

  /** The window's engines changed: follow the new list's stores. */
  setMembers(members: readonly SwarmViewMember[]): void {
    this.members = members;
    this.subscriptions.forEach(s => s.dispose());
    this.subscriptions = members.map(member => member.store.onDidChange(() => this.update()));
    for (const id of [...this.sources.keys()]) if (!members.some(m => m.engineId === id)) this.sources.delete(id);
    this.update();
  }

  private update(): void {
    const merged = mergeSwarmModels(
      this.members.map(member => ({ engineId: member.engineId, engineName: member.engineName, model: member.store.model })),
    );
    for (const member of this.members) {
      const source = this.mergedSource(member.engineId, member.store);
      const snapshot = member.store.snapshot;
      const model = merged.get(member.engineId);
      if (snapshot.kind !== 'ready' || !model || model === snapshot.model) {
        if (source.current !== snapshot) this.show(source, snapshot);
        continue;
      }
      const next: ExplorerSnapshot = { ...snapshot, model };
      if (!sameView(source.current, next)) this.show(source, next);
    }
  }

  private show(source: MergedSource, snapshot: ExplorerSnapshot): void {
    source.current = snapshot;
    source.changes.fire(snapshot);
  }

  dispose(): void {
    this.subscriptions.forEach(s => s.dispose());
    for (const source of this.sources.values()) source.changes.dispose();
  }
}

/** Another engine's change redraws a merged view only when what it shows changed. */
function sameView(a: ExplorerSnapshot, b: ExplorerSnapshot & { kind: 'ready' }): boolean {
  if (a.kind !== 'ready') return false;
  return a.stale === b.stale && JSON.stringify(a.model.networks) === JSON.stringify(b.model.networks);
}
