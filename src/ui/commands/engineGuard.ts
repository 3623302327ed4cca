// Commands that need the engine wait for the connection instead of refusing: the first palette command in a new
// window often runs while the first connection attempt is still under way. Quick answers stay silent; a slow one
// shows a cancellable notification; an unreachable engine is named with its cause, in the views' own words.
import * as vscode from 'vscode';
import type { DockerGateway } from '../../engine/gateway';
import type { CommandContext, EngineNeed } from './commandContext';
import { settings, SETTINGS_SECTION } from '../settings';

/** How long a wait stays silent before the notification appears. */
const QUIET_MS = 500;

type Readiness = { readonly kind: 'ready' } | { readonly kind: 'cancelled' } | { readonly kind: 'failed'; readonly cause: string };

const RETRY = 'Retry Connection';
const OPEN_SETTINGS = 'Open Settings';
const SHOW_LOG = 'Show Log';

/**
 * Resolves true once what the command needs is there. Otherwise tells the user why (offering Retry Connection,
 * which waits again, Open Settings and Show Log) and resolves false; a cancelled wait resolves false silently.
 */
export async function ensureEngine(context: CommandContext, need: EngineNeed, commandTitle: string): Promise<boolean> {
  for (;;) {
    const readiness = await waitForEngine(context, need);
    if (readiness.kind === 'ready') return true;
    if (readiness.kind === 'cancelled') return false;
    context.log.warn(`${commandTitle}: ${readiness.cause}`);
    const choice = await context.prompter.error(`${commandTitle}: ${readiness.cause}`, [RETRY, OPEN_SETTINGS, SHOW_LOG]);
    if (choice === RETRY) {
      context.connection.reconnect();
      continue;
    }
    if (choice === OPEN_SETTINGS) void vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS_SECTION);
    if (choice === SHOW_LOG) context.log.show(true);
    return false;
  }
}

/**
 * The gateway to act with after the user answered questions: the engine may have restarted meanwhile, so this is
 * the current connection's, waited for (bounded by the request timeout); throws the cause when there is none.
 */
export async function gatewayAfterQuestions(context: CommandContext): Promise<DockerGateway> {
  await context.connection.settled(AbortSignal.timeout(settings.requestTimeoutMs()));
  return context.gateway();
}

async function waitForEngine(context: CommandContext, need: EngineNeed): Promise<Readiness> {
  const controller = new AbortController();
  const timeoutMs = settings.requestTimeoutMs();
  const timer = setTimeout(() => controller.abort('timeout'), timeoutMs);
  const answer = settle(context, need, controller.signal).then(
    readiness =>
      readiness ??
      (controller.signal.reason === 'timeout'
        ? {
            kind: 'failed' as const,
            cause: `${endpointOf(context)} did not answer within ${timeoutMs / 1000} s (setting ${SETTINGS_SECTION}.requestTimeoutSeconds)`,
          }
        : { kind: 'cancelled' as const }),
  );
  try {
    const quick = await Promise.race([answer, new Promise<undefined>(resolve => setTimeout(() => resolve(undefined), QUIET_MS))]);
    if (quick) return quick;
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Connecting to ${endpointOf(context)}…`, cancellable: true },
      (_progress, token) => {
        token.onCancellationRequested(() => controller.abort('cancelled'));
        return answer;
      },
    );
  } finally {
    clearTimeout(timer);
  }
}

/** What the command needs, once known; undefined when the wait was aborted. */
async function settle(context: CommandContext, need: EngineNeed, signal: AbortSignal): Promise<Readiness | undefined> {
  const state = await context.connection.settled(signal);
  if (!state) return undefined;
  if (state.kind === 'unreachable') return { kind: 'failed', cause: state.error.message };
  if (need === 'engine') return { kind: 'ready' };
  const snapshot = await context.store.loaded(signal);
  if (!snapshot) return undefined;
  return snapshot.kind === 'unavailable' ? { kind: 'failed', cause: snapshot.reason } : { kind: 'ready' };
}

function endpointOf(context: CommandContext): string {
  const state = context.connection.state;
  if (state.kind === 'connected') return `the Docker Engine at ${state.gateway.addressDescription}`;
  return state.engineAddress ? `the Docker Engine at ${state.engineAddress}` : 'the Docker Engine';
}

/** Another engine of the window, for an object that lives there (an endpoint or container of a swarm peer). */
export function gatewayOfEngine(context: CommandContext, engineId: string): DockerGateway {
  const session = context.sessions.byId(engineId);
  const state = session?.connection.state;
  if (state?.kind !== 'connected') throw new Error(`engine "${session?.entry.name ?? engineId}" is not connected`);
  return state.gateway;
}
