// "Can A reach B?" answers as read-only Markdown documents (`docker-networks-connectivity:` URIs), shown in the
// Markdown preview. They are worked out from the explorer's data each time they are read and follow it, so an open
// answer changes as soon as the engine reports a connect, a start or a stop.
import * as vscode from 'vscode';
import { analyseConnectivity, connectivityMarkdown, ConnectivityReport, ContainerRef } from '../../model/connectivity';
import { DEFAULT_ENGINE_ID } from '../../model/engineList';
import { DisposableOwner } from '../disposable';
import type { EngineSessions } from '../engines/engineSessions';

export const CONNECTIVITY_SCHEME = 'docker-networks-connectivity';

/** `docker-networks-connectivity:/<A id>/<B id>/web → db.md?engine=…`: the tab names both containers. */
export function connectivityUri(a: ContainerRef, b: ContainerRef, engineId = DEFAULT_ENGINE_ID): vscode.Uri {
  const query = engineId === DEFAULT_ENGINE_ID ? '' : new URLSearchParams({ engine: engineId }).toString();
  return vscode.Uri.from({ scheme: CONNECTIVITY_SCHEME, path: `/${a.id}/${b.id}/${a.name} → ${b.name}.md`, query });
}

export function parseConnectivityUri(uri: vscode.Uri): { aId: string; bId: string; engineId: string } | undefined {
  const [, aId, bId] = uri.path.split('/');
  const engineId = new URLSearchParams(uri.query).get('engine') ?? DEFAULT_ENGINE_ID;
  return uri.scheme === CONNECTIVITY_SCHEME && aId && bId ? { aId, bId, engineId } : undefined;
}

export const FIX_HINT =
  'The notification next to this document offers the fix; it runs Connect Container to Network with its confirmation.';

export class ConnectivityDocuments extends DisposableOwner implements vscode.TextDocumentContentProvider {
  private readonly changeEmitter = this.own(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changeEmitter.event;

  private storeSubscriptions: vscode.Disposable[] = [];

  constructor(private readonly sessions: EngineSessions) {
    super();
    this.own(vscode.workspace.registerTextDocumentContentProvider(CONNECTIVITY_SCHEME, this));
    const follow = () => {
      this.storeSubscriptions.forEach(s => s.dispose());
      this.storeSubscriptions = sessions.all.map(session =>
        session.store.onDidChange(() => {
          for (const document of vscode.workspace.textDocuments)
            if (parseConnectivityUri(document.uri)?.engineId === session.entry.id) this.changeEmitter.fire(document.uri);
        }),
      );
    };
    follow();
    this.own(sessions.onDidChange(follow));
    this.own({ dispose: () => this.storeSubscriptions.forEach(s => s.dispose()) });
  }

  private storeOf(pair: { engineId: string } | undefined) {
    return pair ? this.sessions.byId(pair.engineId)?.store : undefined;
  }

  /** The current answer for a document's pair, from its engine's loaded explorer data. */
  report(uri: vscode.Uri): ConnectivityReport | undefined {
    const pair = parseConnectivityUri(uri);
    const model = this.storeOf(pair)?.model;
    return pair && model ? analyseConnectivity(model, pair.aId, pair.bId) : undefined;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const pair = parseConnectivityUri(uri);
    if (!pair) return `Not a connectivity document: ${uri.toString()}`;
    const store = this.storeOf(pair);
    if (!store) return '# Connectivity\n\nThe engine this answer was worked out on is no longer in the list of engines.';
    const snapshot = store.snapshot;
    if (snapshot.kind !== 'ready')
      return `# Connectivity\n\nThe networks and containers are not loaded: ${snapshot.kind === 'unavailable' ? snapshot.reason : 'loading…'}`;
    const report = analyseConnectivity(snapshot.model, pair.aId, pair.bId);
    if (!report) return '# Connectivity\n\nOne of the two containers no longer exists on this engine.';
    const stale = snapshot.stale ? `> Not refreshed since ${new Date(snapshot.stale.since).toLocaleTimeString()}.\n\n` : '';
    return stale + connectivityMarkdown(report, { loadedAt: new Date(snapshot.loadedAt), fixHint: report.fix ? FIX_HINT : undefined });
  }

  /** Opens the answer in the Markdown preview (or as Markdown text where no preview is available). */
  async open(a: ContainerRef, b: ContainerRef, engineId?: string): Promise<vscode.Uri> {
    const uri = connectivityUri(a, b, engineId);
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      await vscode.window.showTextDocument(document, { preview: false });
    }
    return uri;
  }
}
