// Every engine the window shows has its own session: its connection (negotiation, events, reconnect), its explorer
// store (stale state, reloads) and its two trees. One engine being slow or down touches no other session.
import * as os from 'os';
import * as vscode from 'vscode';
import { readFileIfExists, resolveEngineAddress, resolveListedEngineAddress } from '../../engine/engineAddress';
import { EngineConnection } from '../../engine/engineConnection';
import { ExplorerStore } from '../../engine/explorerStore';
import { SwarmViews } from '../../engine/swarmViews';
import type { EngineLogger } from '../../engine/gateway';
import { EngineEntry, engineIdOf, mergeEngineLists, parseEngineSetting } from '../../model/engineList';
import { SwarmMember, swarmPeers } from '../../model/swarm';
import { DisposableOwner } from '../disposable';
import { settings } from '../settings';
import { containersShape, ExplorerTreeProvider, networksShape } from '../tree/explorerTree';
import type { NetworkDisplaySettings } from '../tree/networkDisplay';
import type { NetworkViewState } from '../tree/networkViewState';

const ADDED_ENGINES_KEY = 'dockerNetworks.addedEngines';

export interface EngineSession {
  readonly entry: EngineEntry;
  readonly connection: EngineConnection;
  readonly store: ExplorerStore;
  readonly networksTree: ExplorerTreeProvider;
  readonly containersTree: ExplorerTreeProvider;
}

interface OwnedSession extends EngineSession {
  dispose(): void;
}

export interface EngineSessionsDependencies {
  readonly logger: EngineLogger;
  readonly trace: (message: string) => void;
  readonly viewState: NetworkViewState;
  readonly display: NetworkDisplaySettings;
  /** Where engines added with Add Engine… are remembered (machine-wide, like the setting). */
  readonly memory: vscode.Memento;
  readonly warn: (message: string) => void;
}

function environment() {
  return { env: process.env, homeDir: os.homedir(), platform: process.platform, readFile: readFileIfExists };
}

export class EngineSessions extends DisposableOwner {
  private readonly changeEmitter = this.own(new vscode.EventEmitter<void>());
  /** The list changed: an engine was added or removed (not its state). */
  readonly onDidChange = this.changeEmitter.event;
  private current: OwnedSession[] = [];
  private paused = false;
  /** Engines of one swarm show each swarm network once: the Networks views read through this. */
  private readonly swarmViews = new SwarmViews();

  constructor(private readonly deps: EngineSessionsDependencies) {
    super();
    this.own({ dispose: () => this.current.forEach(session => session.dispose()) });
    this.own(this.swarmViews);
    this.reload();
    this.watchDefaultResolution();
  }

  /**
   * `docker context use` outside VS Code changes which engine the default one is: look every 2 s (two small file
   * reads) and reconnect when the resolution gives another address. The setting and DOCKER_HOST win over contexts,
   * so this only matters when neither is set.
   */
  private watchDefaultResolution(): void {
    const resolved = () => {
      try {
        return resolveEngineAddress({ settingHost: settings.host(), ...environment() }).url;
      } catch (err) {
        return `unresolved: ${(err as Error).message}`;
      }
    };
    let last = resolved();
    const timer = setInterval(() => {
      const now = resolved();
      if (now === last) return;
      last = now;
      this.deps.logger.info(`the default engine is now ${now} (Docker context or environment changed): reconnecting`);
      this.defaultSession.connection.reconnect();
    }, 2000);
    timer.unref?.();
    this.own({ dispose: () => clearInterval(timer) });
  }

  get all(): readonly EngineSession[] {
    return this.current;
  }

  /** The engine the resolution order picks (dockerNetworks.host, DOCKER_HOST, the context, the platform's socket). */
  get defaultSession(): EngineSession {
    return this.current[0];
  }

  /** Each engine of the window with what it knows of its swarm: what swarm-wide answers are worked out from. */
  swarmMembers(): SwarmMember[] {
    return this.current.map(s => ({ engineId: s.entry.id, engineName: s.entry.name, model: s.store.model }));
  }

  /** The engine `engineId` when it is in the same swarm as `of` (its containers may join that swarm's networks). */
  swarmPeerOf(engineId: string, of: EngineSession): EngineSession | undefined {
    const inSwarm = swarmPeers(this.swarmMembers(), of.entry.id)?.some(peer => peer.member.engineId === engineId);
    return inSwarm ? this.byId(engineId) : undefined;
  }

  byId(id: string | undefined): EngineSession | undefined {
    return this.current.find(session => session.entry.id === id);
  }

  added(): EngineEntry[] {
    return this.deps.memory.get<EngineEntry[]>(ADDED_ENGINES_KEY, []).filter(entry => typeof entry?.host === 'string');
  }

  async add(name: string, host: string): Promise<EngineSession> {
    const entry: EngineEntry = { id: engineIdOf(host), name, host, origin: 'added' };
    await this.deps.memory.update(ADDED_ENGINES_KEY, [...this.added().filter(e => e.id !== entry.id), entry]);
    this.reload();
    return this.byId(entry.id)!;
  }

  async remove(id: string): Promise<void> {
    await this.deps.memory.update(
      ADDED_ENGINES_KEY,
      this.added().filter(entry => entry.id !== id),
    );
    this.reload();
  }

  /** Rebuilds the list from the setting and the remembered engines, keeping the sessions that stay. */
  reload(): void {
    const parsed = parseEngineSetting(settings.enginesRaw());
    for (const problem of parsed.problems) this.deps.warn(`Setting ${problem}.`);
    const entries = mergeEngineLists('Default engine', parsed.engines, this.added());
    const kept = new Map(this.current.map(session => [session.entry.id, session]));
    const next = entries.map(entry => {
      const existing = kept.get(entry.id);
      if (existing && existing.entry.host === entry.host && existing.entry.name === entry.name) {
        kept.delete(entry.id);
        return existing;
      }
      return this.create(entry);
    });
    for (const gone of kept.values()) gone.dispose();
    const changed = next.length !== this.current.length || next.some((session, i) => session !== this.current[i]);
    this.current = next;
    if (changed) this.swarmViews.setMembers(next.map(s => ({ engineId: s.entry.id, engineName: s.entry.name, store: s.store })));
    if (changed) this.changeEmitter.fire();
  }

  /** Every connection reconnects (a connection setting changed). */
  reconnectAll(): void {
    for (const session of this.current) session.connection.reconnect();
  }

  /** Unreachable engines are asked again only while something of ours is on screen. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    for (const session of this.current) session.connection.setPaused(paused);
  }

  private create(entry: EngineEntry): OwnedSession {
    const { logger, trace, viewState, display } = this.deps;
    const label = entry.host ? `[${entry.name}] ` : '';
    const prefixed: EngineLogger = entry.host
      ? {
          debug: m => logger.debug(label + m),
          info: m => logger.info(label + m),
          warn: m => logger.warn(label + m),
          error: m => logger.error(label + m),
        }
      : logger;
    const connection = new EngineConnection({
      resolveEngineAddress: () =>
        entry.host
          ? resolveListedEngineAddress(entry.host, entry.name, environment())
          : resolveEngineAddress({ settingHost: settings.host(), ...environment() }),
      timeoutMs: settings.requestTimeoutMs,
      ssh: settings.sshClient,
      logger: prefixed,
    });
    const store = new ExplorerStore(connection, prefixed);
    const networksTree = new ExplorerTreeProvider(
      this.swarmViews.sourceFor(entry.id, store),
      networksShape(() => viewState.options),
      () => display.current,
      message => trace(`${label}networks ${message}`),
    );
    const containersTree = new ExplorerTreeProvider(store, containersShape, undefined, message => trace(`${label}containers ${message}`));
    connection.setPaused(this.paused);
    connection.start();
    return {
      entry,
      connection,
      store,
      networksTree,
      containersTree,
      dispose: () => {
        networksTree.dispose();
        containersTree.dispose();
        store.dispose();
        connection.dispose();
      },
    };
  }
}
