// The engines' state at a glance, in the status bar once the window has more than one engine (or the only one is
// not connected); a click lists them.
import * as vscode from 'vscode';
import { DisposableOwner } from '../disposable';
import type { EngineSessions } from './engineSessions';

export const SHOW_ENGINES_COMMAND = 'dockerNetworks.engine.list';

export class EngineStatusBar extends DisposableOwner {
  private readonly item = this.own(vscode.window.createStatusBarItem('dockerNetworks.engines', vscode.StatusBarAlignment.Left, 10));
  private subscriptions: vscode.Disposable[] = [];

  constructor(private readonly sessions: EngineSessions) {
    super();
    this.item.name = 'Docker Networks: engines';
    this.item.command = SHOW_ENGINES_COMMAND;
    const follow = () => {
      this.subscriptions.forEach(s => s.dispose());
      this.subscriptions = sessions.all.map(session => session.connection.onDidChangeState(() => this.show()));
      this.show();
    };
    this.own(sessions.onDidChange(follow));
    this.own({ dispose: () => this.subscriptions.forEach(s => s.dispose()) });
    follow();
  }

  private show(): void {
    const all = this.sessions.all;
    const connected = all.filter(session => session.connection.state.kind === 'connected').length;
    const down = all.filter(session => session.connection.state.kind === 'unreachable');
    if (all.length === 1 && down.length === 0) {
      this.item.hide();
      return;
    }
    this.item.text = `${down.length ? '$(warning)' : '$(server-environment)'} ${connected}/${all.length} engines`;
    this.item.tooltip = all
      .map(session => {
        const state = session.connection.state;
        return `${session.entry.name}: ${state.kind === 'unreachable' ? state.error.message : state.kind}`;
      })
      .join('\n');
    this.item.backgroundColor = down.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }
}
