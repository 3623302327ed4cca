// Read-only inspect documents in editor tabs (`docker-networks-inspect:` URIs), one per object. They follow the
// explorer store, so an open document refreshes itself when the engine reports a change.
import * as vscode from 'vscode';
import type { EngineConnection } from '../../engine/engineConnection';
import { EngineError } from '../../engine/errors';
import type { ExplorerStore } from '../../engine/explorerStore';
import { DisposableOwner } from '../disposable';

export const INSPECT_SCHEME = 'docker-networks-inspect';

export type InspectKind = 'network' | 'container';

export interface InspectTarget {
  readonly kind: InspectKind;
  readonly id: string;
  readonly name: string;
}

/** `docker-networks-inspect:/network/<id>/<name>`: the tab shows the object's name. */
export function inspectUri(target: InspectTarget): vscode.Uri {
  return vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/${target.kind}/${target.id}/${target.name}` });
}

export function parseInspectUri(uri: vscode.Uri): InspectTarget | undefined {
  const [, kind, id, ...name] = uri.path.split('/');
  if ((kind !== 'network' && kind !== 'container') || !id) return undefined;
  return { kind, id, name: name.join('/') || id };
}

export class InspectDocuments extends DisposableOwner implements vscode.TextDocumentContentProvider {
  private readonly changeEmitter = this.own(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changeEmitter.event;
  /** The last good content per document, kept to show under a "removed" notice. */
  private readonly lastContent = new Map<string, string>();

  constructor(private readonly connection: EngineConnection, store: ExplorerStore) {
    super();
    this.own(vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, this));
    this.own(store.onDidChange(() => this.refreshOpenDocuments()));
    this.own(vscode.workspace.onDidCloseTextDocument(document => this.lastContent.delete(document.uri.toString())));
  }

  async open(target: InspectTarget): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(inspectUri(target));
    const jsonDocument = document.languageId === 'jsonc' ? document : await vscode.languages.setTextDocumentLanguage(document, 'jsonc');
    return vscode.window.showTextDocument(jsonDocument, { preview: false });
  }

  refreshOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === INSPECT_SCHEME) this.changeEmitter.fire(document.uri);
    }
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const target = parseInspectUri(uri);
    if (!target) return `// Not an inspect document: ${uri.toString()}`;
    const key = uri.toString();
    try {
      const gateway = this.connection.requireGateway();
      const data = target.kind === 'network' ? await gateway.inspectNetwork(target.id) : await gateway.inspectContainer(target.id);
      const content = JSON.stringify(data, null, 2) + '\n';
      this.lastContent.set(key, content);
      return content;
    } catch (err) {
      const removed = err instanceof EngineError && err.statusCode === 404;
      const notice = removed
        ? `// The ${target.kind} "${target.name}" has been removed from the engine. Last known state:`
        : `// Could not inspect ${target.kind} "${target.name}": ${(err as Error).message}`;
      const previous = this.lastContent.get(key);
      return previous ? `${notice}\n${previous}` : `${notice}\n`;
    }
  }
}
