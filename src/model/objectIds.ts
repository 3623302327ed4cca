// The 64-hex IDs in an inspect document, and what each names (a network or a container of the explorer model),
// so the document can link and describe them.
import type { ExplorerModel } from './explorer';

export interface IdOccurrence {
  readonly id: string;
  readonly offset: number;
}

export interface NamedObject {
  readonly kind: 'network' | 'container';
  readonly id: string;
  readonly name: string;
  /** One line: `network "web" · bridge · 3 endpoints`, `container "api" · running · Up 2 hours`. */
  readonly summary: string;
}

export function findObjectIds(text: string): IdOccurrence[] {
  const found: IdOccurrence[] = [];
  for (const match of text.matchAll(/(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/g)) found.push({ id: match[0], offset: match.index ?? 0 });
  return found;
}

export function resolveObjectId(model: ExplorerModel, id: string): NamedObject | undefined {
  const network = model.networks.find(n => n.id === id);
  if (network) {
    const count = network.endpoints.length;
    return {
      kind: 'network',
      id,
      name: network.name,
      summary: `network "${network.name}" · ${network.driver} · ${count} ${count === 1 ? 'endpoint' : 'endpoints'}`,
    };
  }
  const container = model.containers.find(c => c.id === id);
  if (container)
    return {
      kind: 'container',
      id,
      name: container.name,
      summary: `container "${container.name}" · ${container.state} · ${container.status}`,
    };
  return undefined;
}
