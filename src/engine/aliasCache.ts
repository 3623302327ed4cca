// Network-scoped aliases (and links) live only in container inspect. Inspecting every container on every refresh would make a
// refresh cost one call per container, so aliases are cached per container and re-read only when the container's
// list entry changed (state, name or endpoints).
import { isBuiltInNetworkName } from '../model/builtInNetworks';
import type { ContainerSummary } from '../model/engineTypes';
import { aliasesFromInspect, aliasSignature, AliasesByContainer, LinksByContainer, linksFromInspect } from '../model/explorer';
import type { DockerGateway } from './gateway';

interface Entry {
  readonly signature: string;
  readonly aliases: Readonly<Record<string, readonly string[]>>;
  readonly links: Readonly<Record<string, readonly string[]>>;
}

/** Inspects at most this many containers at once. */
const CONCURRENCY = 8;

export class AliasCache {
  private readonly entries = new Map<string, Entry>();

  current(): AliasesByContainer {
    return new Map([...this.entries].map(([id, entry]) => [id, entry.aliases]));
  }

  currentLinks(): LinksByContainer {
    return new Map([...this.entries].map(([id, entry]) => [id, entry.links]));
  }

  /** Records aliases read elsewhere (an event's container inspect), so the next refresh need not inspect again. */
  learn(
    containerId: string,
    signature: string,
    aliases: Readonly<Record<string, readonly string[]>>,
    links: Readonly<Record<string, readonly string[]>> = {},
  ): void {
    this.entries.set(containerId, { signature, aliases, links });
  }

  /** Re-reads the containers whose signature changed; true when anything new was learnt. */
  async refresh(gateway: DockerGateway, containers: readonly ContainerSummary[]): Promise<boolean> {
    const present = new Set(containers.map(c => c.Id));
    for (const id of [...this.entries.keys()]) if (!present.has(id)) this.entries.delete(id);
    const stale = containers.filter(c => hasUserNetworks(c) && this.entries.get(c.Id)?.signature !== aliasSignature(c));
    let learnt = false;
    for (let i = 0; i < stale.length; i += CONCURRENCY) {
      await Promise.all(
        stale.slice(i, i + CONCURRENCY).map(async container => {
          try {
            const inspected = await gateway.inspectContainer(container.Id);
            this.entries.set(container.Id, {
              signature: aliasSignature(container),
              aliases: aliasesFromInspect(inspected),
              links: linksFromInspect(inspected),
            });
            learnt = true;
          } catch {
            // Removed meanwhile: the next event-driven refresh drops it.
          }
        }),
      );
    }
    return learnt;
  }
}

/** Aliases exist only on user-defined networks; containers only on the built-in networks need no inspect. */
function hasUserNetworks(container: ContainerSummary): boolean {
  return Object.keys(container.NetworkSettings?.Networks ?? {}).some(name => !isBuiltInNetworkName(name));
}
