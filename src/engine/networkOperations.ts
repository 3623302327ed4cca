// Multi-step network changes that must report per object and never stop at the first failure.
import type { ConnectRequestBody } from '../model/connectRequest';
import { BatchOptions, BatchOutcome, runEach } from '../model/batch';
import { EngineError, explainPluginRemovalTimeout } from './errors';
import type { DockerGateway } from './gateway';

/** One network to remove, and the running containers to disconnect from it first. */
export interface NetworkToRemove {
  /** `network.Driver`: the driver, so a plugin that does not answer can be named (the explorer's network models have it). */
  readonly network: { readonly id: string; readonly name: string; readonly network?: { readonly Driver: string } };
  /** `engineId`: the container is on another engine of the window (an endpoint of a swarm network). */
  readonly running: readonly { readonly containerId: string; readonly containerName: string; readonly engineId?: string }[];
}

/** Removes each network in turn (disconnecting its running containers first when asked); failures are collected. */
export function removeNetworks(
  gateway: DockerGateway,
  entries: readonly NetworkToRemove[],
  options: BatchOptions & {
    disconnectRunning: boolean;
    /** The gateway of another engine of the window, for endpoints on it. */
    gatewayOf?: (engineId: string) => DockerGateway;
  },
): Promise<BatchOutcome> {
  return runEach(
    entries,
    entry => entry.network.name,
    async (entry, signal) => {
      const name = entry.network.name;
      if (options.disconnectRunning) {
        for (const endpoint of entry.running) {
          const where = endpoint.engineId && options.gatewayOf ? options.gatewayOf(endpoint.engineId) : gateway;
          await where.disconnectContainer(
            entry.network.id,
            endpoint.containerId,
            false,
            { network: name, container: endpoint.containerName },
            { signal },
          );
        }
      }
      await gateway.removeNetwork(entry.network.id, name, { signal }).catch(err => {
        throw explainPluginRemovalTimeout(err, { name, driver: entry.network.network?.Driver });
      });
    },
    options,
  );
}

/**
 * Connects a container; when the engine refuses, repairs what Engine 20.10 leaves behind. A running container whose
 * connect failed to allocate its fixed address keeps the refused settings (an entry with no endpoint), which makes
 * later disconnects fail and the next restart fail. Connecting again without options and disconnecting clears it.
 * The original refusal is rethrown either way.
 */
export async function connectRepairingFailures(
  gateway: DockerGateway,
  network: { id: string; name: string },
  body: ConnectRequestBody,
  container: { id: string; name: string; running: boolean },
  log: (message: string) => void,
): Promise<void> {
  const label = { network: network.name, container: container.name };
  try {
    await gateway.connectContainer(network.id, body, label);
  } catch (refusal) {
    let halfConnected = false;
    try {
      const inspected = await gateway.inspectContainer(container.id);
      const leftover = inspected.NetworkSettings.Networks?.[network.name];
      // A stopped container never has an endpoint: only a running one with an entry is left over.
      if (container.running && leftover && leftover.NetworkID === network.id) {
        if (!leftover.EndpointID) {
          log(`the refused connect left a stale entry for "${network.name}" on "${container.name}"; clearing it`);
          await gateway.connectContainer(network.id, { Container: container.id }, label);
          await gateway.disconnectContainer(network.id, container.id, true, label);
        } else {
          const listed = (await gateway.inspectNetwork(network.id)).Containers ?? {};
          halfConnected = !Object.hasOwn(listed, container.id);
        }
      }
    } catch (repairError) {
      log(`could not clear the stale entry: ${(repairError as Error).message}`);
    }
    throw halfConnected ? explainHalfConnected(refusal, label) : refusal;
  }
}

/**
 * A driver that fails after the engine recorded the endpoint (an ipvlan port the kernel cannot make) leaves the
 * container with an address on the network that the network does not list: disconnect, even forced, answers "is
 * not connected", and the container's next start fails the same way. No API call clears it, so the user is told.
 */
function explainHalfConnected(refusal: unknown, label: { network: string; container: string }): unknown {
  if (!(refusal instanceof EngineError)) return refusal;
  const message = `${refusal.message}. The engine still records "${label.container}" on "${label.network}" (with an address, but no endpoint on the network): disconnecting it fails and the container will fail to start again. Remove and recreate the container to clear it.`;
  return new EngineError(message, {
    kind: refusal.kind,
    engineAddress: refusal.engineAddress,
    operation: refusal.operation,
    statusCode: refusal.statusCode,
    engineMessage: refusal.engineMessage,
    cause: refusal,
  });
}
