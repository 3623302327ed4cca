// Multi-step network changes that must report per object and never stop at the first failure.
import type { RemovalOutcome } from '../model/removal';
import type { DockerGateway } from './gateway';

/** One network to remove, and the running containers to disconnect from it first. */
export interface NetworkToRemove {
  readonly network: { readonly id: string; readonly name: string };
  readonly running: readonly { readonly containerId: string; readonly containerName: string }[];
}

/** Removes each network in turn (disconnecting its running containers first when asked); failures are collected. */
export async function removeNetworks(gateway: DockerGateway, entries: readonly NetworkToRemove[], options: { disconnectRunning: boolean; signal?: AbortSignal; onProgress?: (name: string) => void }): Promise<RemovalOutcome> {
  const outcome: RemovalOutcome = { removed: [], failed: [] };
  for (const entry of entries) {
    if (options.signal?.aborted) break;
    const name = entry.network.name;
    options.onProgress?.(name);
    try {
      if (options.disconnectRunning) {
        for (const endpoint of entry.running) {
          await gateway.disconnectContainer(entry.network.id, endpoint.containerId, false, { network: name, container: endpoint.containerName }, { signal: options.signal });
        }
      }
      await gateway.removeNetwork(entry.network.id, name, { signal: options.signal });
      outcome.removed.push(name);
    } catch (err) {
      outcome.failed.push({ name, reason: (err as Error).message });
    }
  }
  return outcome;
}
