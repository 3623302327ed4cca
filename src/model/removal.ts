// What removing networks would do, in words, before anything is sent: which containers are attached (they must be
// disconnected first), and which stopped containers are configured on a network (the engine removes it without a
// word, and those containers then fail to start).
import { BatchWords, quoted } from './batch';
import type { EndpointModel, NetworkModel } from './explorer';

export interface RemovalEntry {
  readonly network: NetworkModel;
  readonly running: readonly EndpointModel[];
  readonly stopped: readonly EndpointModel[];
  /** Swarm services whose tasks use the network: the engine refuses to remove it while they do. */
  readonly services: readonly string[];
}

export interface RemovalPlan {
  readonly entries: readonly RemovalEntry[];
  /** Built-in networks are never removed; they are named so the user knows why they were left out. */
  readonly builtIns: readonly NetworkModel[];
}

export function planRemoval(networks: readonly NetworkModel[]): RemovalPlan {
  return {
    entries: networks
      .filter(n => !n.builtIn)
      .map(network => {
        // A service's tasks are not disconnected: the swarm would start them again. The services are named instead.
        const containers = network.endpoints.filter(e => !e.task);
        return {
          network,
          running: containers.filter(e => e.running),
          stopped: containers.filter(e => !e.running),
          services: [...new Set(network.endpoints.flatMap(e => (e.task ? [e.task.service] : [])))].sort(),
        };
      }),
    builtIns: networks.filter(n => n.builtIn),
  };
}

export const RemoveChoices = {
  remove: 'Remove',
  disconnectAndRemove: 'Disconnect Them and Remove',
  keepStoppedOnes: 'Remove Only Networks No Stopped Container Uses',
} as const;

export interface RemovalQuestion {
  readonly message: string;
  readonly detail: string;
  readonly choices: string[];
}

export function removalQuestion(plan: RemovalPlan): RemovalQuestion {
  const names = plan.entries.map(e => e.network.name);
  const message = names.length === 1 ? `Remove network "${names[0]}"?` : `Remove ${names.length} networks: ${quoted(names)}?`;
  const lines: string[] = [];
  for (const entry of plan.entries) {
    if (entry.network.network.Ingress)
      lines.push(
        `"${entry.network.name}" is the swarm routing-mesh (ingress) network: published service ports stop working until an ingress network is created again.`,
      );
    if (entry.services.length)
      lines.push(
        `"${entry.network.name}" is used by swarm ${entry.services.length === 1 ? 'service' : 'services'} ${quoted(entry.services)}: the engine refuses to remove it until they are removed or no longer use it.`,
      );
    if (entry.running.length)
      lines.push(
        `"${entry.network.name}" has running containers attached: ${quoted(entry.running.map(e => e.containerName))}. They will be disconnected first.`,
      );
    if (entry.stopped.length)
      lines.push(
        `Stopped containers are configured on "${entry.network.name}": ${quoted(entry.stopped.map(e => e.containerName))}. After removal they will fail to start ("network ${entry.network.name} not found").`,
      );
  }
  if (plan.builtIns.length) lines.push(`Built-in networks are never removed: ${quoted(plan.builtIns.map(n => n.name))}.`);
  if (!lines.length) lines.push('No container uses ' + (names.length === 1 ? 'it.' : 'them.'));
  const anyRunning = plan.entries.some(e => e.running.length);
  const anyStopped = plan.entries.some(e => e.stopped.length);
  const choices: string[] = [anyRunning ? RemoveChoices.disconnectAndRemove : RemoveChoices.remove];
  if (anyStopped && plan.entries.some(e => !e.stopped.length)) choices.push(RemoveChoices.keepStoppedOnes);
  return { message, detail: lines.join('\n'), choices };
}

/** The entries a choice removes. */
export function entriesFor(plan: RemovalPlan, choice: string): RemovalEntry[] {
  if (choice === RemoveChoices.keepStoppedOnes) return plan.entries.filter(e => !e.stopped.length);
  return [...plan.entries];
}

/** How a removal is reported: names of what was removed, and each refusal with the engine's reason. */
export const removalWords: BatchWords = {
  done: names => `Removed ${names.length === 1 ? 'network' : `${names.length} networks:`} ${quoted(names)}.`,
  failed: (name, reason) => `Could not remove "${name}": ${reason}`,
};
