import * as vscode from 'vscode';
import type { EngineSession, EngineSessions } from '../engines/engineSessions';
import { engineLook } from '../tree/engineTree';

/** "Which engine?" for a palette command in a window with several: each with its endpoint and state. */
export async function pickEngine(sessions: EngineSessions, commandTitle: string): Promise<EngineSession | undefined> {
  const items = sessions.all.map(session => {
    const look = engineLook(session.connection.state, session.entry.host);
    return { label: `$(${look.icon.replace(/~spin$/, '')}) ${session.entry.name}`, description: look.description, session };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: commandTitle,
    placeHolder: `Which engine should ${commandTitle} act on?`,
    matchOnDescription: true,
  });
  return picked?.session;
}
