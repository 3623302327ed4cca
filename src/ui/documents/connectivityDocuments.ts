// "Can A reach B?" answers as read-only Markdown documents (`docker-networks-connectivity:` URIs), shown in the
// Markdown preview. They are worked out from the explorer's data each time they are read and follow it, so an open
// answer changes as soon as the engine reports a connect, a start or a stop.
import * as vscode from 'vscode';
import type { ExplorerStore } from '../../engine/explorerStore';
import { analyseConnectivity, connectivityMarkdown, ConnectivityReport, ContainerRef } from '../../model/connectivity';
import { DisposableOwner } from '../disposable';

export const CONNECTIVITY_SCHEME = 'docker-networks-connectivity';

/** `docker-networks-connectivity:/<A id>/<B id>/web → db.md`: the tab names both containers. */
export function connectivityUri(a: ContainerRef, b: ContainerRef): vscode.Uri {
  return vscode.Uri.from({ scheme: CONNECTIVITY_SCHEME, path: `/${a.id}/${b.id}/${a.name} → ${b.name}.md` });
}

export function parseConnectivityUri(uri: vscode.Uri): { aId: string; bId: string } | undefined {
  const [, aId, bId] = uri.path.split('/');
  return uri.scheme === CONNECTIVITY_SCHEME && aId && bId ? { aId, bId } : undefined;
}

export const FIX_HINT =
  'The notification next to this document offers the fix; it runs Connect Container to Network with its confirmation.';

export class ConnectivityDocuments extends DisposableOwner implements vscode.TextDocumentContentProvider {
  private readonly changeEmitter = this.own(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly store: ExplorerStore) {
    super();
    this.own(vscode.workspace.registerTextDocumentContentProvider(CONNECTIVITY_SCHEME, this));
    this.own(
      store.onDidChange(() => {
        for (const document of vscode.workspace.textDocuments)
          if (document.uri.scheme === CONNECTIVITY_SCHEME) this.changeEmitter.fire(document.uri);
      }),
    );
  }

  /** The current answer for a document's pair, from the loaded explorer data. */
  report(uri: vscode.Uri): ConnectivityReport | undefined {
    const pair = parseConnectivityUri(uri);
    const model = this.store.model;
    return pair && model ? analyseConnectivity(model, pair.aId, pair.bId) : undefined;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const pair = parseConnectivityUri(uri);
    if (!pair) return `Not a connectivity document: ${uri.toString()}`;
    const snapshot = this.store.snapshot;
    if (snapshot.kind !== 'ready')
      return `# Connectivity\n\nThe networks and containers are not loaded: ${snapshot.kind === 'unavailable' ? snapshot.reason : 'loading…'}`;
    const report = analyseConnectivity(snapshot.model, pair.aId, pair.bId);
    if (!report) return '# Connectivity\n\nOne of the two containers no longer exists on this engine.';
    const stale = snapshot.stale ? `> Not refreshed since ${new Date(snapshot.stale.since).toLocaleTimeString()}.\n\n` : '';
    return stale + connectivityMarkdown(report, { loadedAt: new Date(snapshot.loadedAt), fixHint: report.fix ? FIX_HINT : undefined });
  }

  /** Opens the answer in the Markdown preview (or as Markdown text where no preview is available). */
  async open(a: ContainerRef, b: ContainerRef): Promise<vscode.Uri> {
    const uri = connectivityUri(a, b);
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
