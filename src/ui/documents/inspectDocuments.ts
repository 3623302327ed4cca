// Read-only inspect documents in editor tabs (`docker-networks-inspect:` URIs), one per object. They follow the
// explorer store, so an open document refreshes itself when the engine reports a change.
import * as vscode from 'vscode';
import { settings } from '../settings';
import { EngineError } from '../../engine/errors';
import { DEFAULT_ENGINE_ID } from '../../model/engineList';
import { DisposableOwner } from '../disposable';
import type { EngineSessions } from '../engines/engineSessions';

export const INSPECT_SCHEME = 'docker-networks-inspect';
/** Our own language id: JSON plus the injected address/ID scopes of syntaxes/, for these documents only. */
export const INSPECT_LANGUAGE = 'docker-networks-inspect';

export type InspectKind = 'network' | 'container';

export interface InspectTarget {
  readonly kind: InspectKind;
  readonly id: string;
  readonly name: string;
  /** Swarm networks: include services and peers (`inspect --verbose`). */
  readonly verbose?: boolean;
  /** The engine the object lives on (the default engine when left out). */
  readonly engineId?: string;
}

/**
 * `docker-networks-inspect:/network/<id>/<name>?engine=<engine id>`: the tab shows the object's name, and the
 * query says which engine to ask (the same network ID can be on several swarm nodes).
 */
export function inspectUri(target: InspectTarget): vscode.Uri {
  const query = new URLSearchParams();
  if (target.verbose) query.set('verbose', '1');
  if (target.engineId && target.engineId !== DEFAULT_ENGINE_ID) query.set('engine', target.engineId);
  return vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/${target.kind}/${target.id}/${target.name}`, query: query.toString() });
}

export function parseInspectUri(uri: vscode.Uri): InspectTarget | undefined {
  const [, kind, id, ...name] = uri.path.split('/');
  if ((kind !== 'network' && kind !== 'container') || !id) return undefined;
  const query = new URLSearchParams(uri.query);
  // `verbose` alone is how documents restored from an earlier version were written.
  const verbose = query.has('verbose');
  return { kind, id, name: name.join('/') || id, verbose, engineId: query.get('engine') ?? DEFAULT_ENGINE_ID };
}

export class InspectDocuments extends DisposableOwner implements vscode.TextDocumentContentProvider {
  private readonly changeEmitter = this.own(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changeEmitter.event;
  /** The last good content per document, kept to show under a "removed" notice. */
  private readonly lastContent = new Map<string, string>();
  /**
   * Documents whose object the engine no longer has (404), with what they show. IDs are never reused, so these are
   * not asked for again on every later event; only the tab's Refresh tries once more.
   */
  private readonly removed = new Map<string, string>();
  /** Follow-up reads while an endpoint is still attaching, per document; capped, and cleared on close. */
  private readonly settling = new Map<string, { tries: number; timer: NodeJS.Timeout }>();

  private storeSubscriptions: vscode.Disposable[] = [];

  constructor(private readonly sessions: EngineSessions) {
    super();
    this.own(vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, this));
    const follow = () => {
      this.storeSubscriptions.forEach(s => s.dispose());
      this.storeSubscriptions = sessions.all.map(session => session.store.onDidChange(() => this.refreshOpenDocuments(session.entry.id)));
    };
    follow();
    this.own(sessions.onDidChange(follow));
    this.own({ dispose: () => this.storeSubscriptions.forEach(s => s.dispose()) });
    this.own(
      vscode.workspace.onDidCloseTextDocument(document => {
        this.lastContent.delete(document.uri.toString());
        this.removed.delete(document.uri.toString());
        this.stopSettling(document.uri.toString());
      }),
    );
    this.own({ dispose: () => [...this.settling.keys()].forEach(key => this.stopSettling(key)) });
    // However a document is opened (command, link, restored tab), it gets our language and so our grammar.
    this.own(vscode.workspace.onDidOpenTextDocument(document => void this.adopt(document)));
  }

  private async adopt(document: vscode.TextDocument): Promise<vscode.TextDocument> {
    if (document.uri.scheme !== INSPECT_SCHEME || document.languageId === INSPECT_LANGUAGE) return document;
    return vscode.languages.setTextDocumentLanguage(document, INSPECT_LANGUAGE);
  }

  async open(target: InspectTarget): Promise<vscode.TextEditor> {
    const document = await this.adopt(await vscode.workspace.openTextDocument(inspectUri(target)));
    return vscode.window.showTextDocument(document, { preview: false });
  }

  /** Re-reads one document from the engine now (editor-title Refresh), even one whose object was removed. */
  refresh(uri: vscode.Uri): void {
    this.removed.delete(uri.toString());
    this.changeEmitter.fire(uri);
  }

  /** After a change on one engine: every open document of that engine whose object still exists. */
  refreshOpenDocuments(engineId?: string): void {
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme !== INSPECT_SCHEME || this.removed.has(document.uri.toString())) continue;
      if (engineId === undefined || parseInspectUri(document.uri)?.engineId === engineId) this.changeEmitter.fire(document.uri);
    }
  }

  private settleLater(uri: vscode.Uri, key: string): void {
    const tries = this.settling.get(key)?.tries ?? 0;
    this.stopSettling(key);
    if (tries >= 5) return;
    this.settling.set(key, { tries: tries + 1, timer: setTimeout(() => this.refresh(uri), 300) });
  }

  private stopSettling(key: string): void {
    clearTimeout(this.settling.get(key)?.timer);
    this.settling.delete(key);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const target = parseInspectUri(uri);
    if (!target) return `// Not an inspect document: ${uri.toString()}`;
    const key = uri.toString();
    const removedNotice = this.removed.get(key);
    if (removedNotice !== undefined) return removedNotice;
    try {
      const session = this.sessions.byId(target.engineId);
      if (!session)
        return `// The engine this document was opened from is no longer in the list of engines.\n${this.lastContent.get(key) ?? ''}`;
      // A document restored with the window may be asked for before the first connection has an answer.
      await session.connection.settled(AbortSignal.timeout(settings.requestTimeoutMs()));
      const gateway = session.connection.requireGateway();
      const network = target.kind === 'network' ? await gateway.inspectNetwork(target.id, { verbose: target.verbose }) : undefined;
      const data = network ?? (await gateway.inspectContainer(target.id));
      const content = JSON.stringify(data, null, 2) + '\n';
      // While a connect is still attaching the sandbox, the engine lists the endpoint under "ep-<endpoint id>";
      // no further event follows, so look again shortly (a few times: a stale endpoint keeps that key for good).
      const attaching = network !== undefined && Object.keys(network.Containers ?? {}).some(k => k.startsWith('ep-'));
      if (attaching) this.settleLater(uri, key);
      else this.stopSettling(key);
      this.lastContent.set(key, content);
      return content;
    } catch (err) {
      const removed = err instanceof EngineError && err.statusCode === 404;
      const notice = removed
        ? `// The ${target.kind} "${target.name}" has been removed from the engine. Last known state:`
        : `// Could not inspect ${target.kind} "${target.name}": ${(err as Error).message}`;
      const previous = this.lastContent.get(key);
      const content = previous ? `${notice}\n${previous}` : `${notice}\n`;
      if (removed) {
        this.removed.set(key, content);
        this.stopSettling(key);
      }
      return content;
    }
  }
}
