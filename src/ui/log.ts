// The "Docker Networks" log channel; also the engine layer's logger.
import * as vscode from 'vscode';
import type { EngineLogger } from '../engine/gateway';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Docker Networks', { log: true });
}

export function engineLoggerFor(channel: vscode.LogOutputChannel): EngineLogger {
  return {
    debug: message => channel.debug(message),
    info: message => channel.info(message),
    warn: message => channel.warn(message),
    error: message => channel.error(message),
  };
}
