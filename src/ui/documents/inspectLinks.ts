// Inside inspect documents, network and container IDs are links to their own inspect documents, and hovering one
// tells the object's name and state.
import * as vscode from 'vscode';
import { findObjectIds, resolveObjectId } from '../../model/objectIds';
import { DisposableOwner } from '../disposable';
import type { EngineSessions } from '../engines/engineSessions';
import { INSPECT_SCHEME, inspectUri, parseInspectUri } from './inspectDocuments';

export class InspectLinks extends DisposableOwner implements vscode.DocumentLinkProvider, vscode.HoverProvider {
  constructor(private readonly sessions: EngineSessions) {
    super();
    const selector: vscode.DocumentSelector = { scheme: INSPECT_SCHEME };
    this.own(vscode.languages.registerDocumentLinkProvider(selector, this));
    this.own(vscode.languages.registerHoverProvider(selector, this));
  }

  /** IDs are resolved on the document's own engine. */
  private resolve(document: vscode.TextDocument, id: string) {
    const model = this.sessions.byId(parseInspectUri(document.uri)?.engineId)?.store.model;
    return model ? resolveObjectId(model, id) : undefined;
  }

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const own = document.uri.path.split('/')[2];
    return findObjectIds(document.getText()).flatMap(({ id, offset }) => {
      const target = this.resolve(document, id);
      if (!target || target.id === own) return [];
      const range = new vscode.Range(document.positionAt(offset), document.positionAt(offset + id.length));
      const engineId = parseInspectUri(document.uri)?.engineId;
      const link = new vscode.DocumentLink(range, inspectUri({ kind: target.kind, id: target.id, name: target.name, engineId }));
      link.tooltip = `Inspect ${target.summary}`;
      return [link];
    });
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const range = document.getWordRangeAtPosition(position, /[0-9a-f]{64}/);
    if (!range) return undefined;
    const target = this.resolve(document, document.getText(range));
    return new vscode.Hover(target ? target.summary : 'not a network or container on this engine (any more)', range);
  }
}
