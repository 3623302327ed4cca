// What changed between two laid-out pictures, so the panel sends the webview only that and the webview redraws only
// those boxes and lines.
import type { TopologyEdge } from './graph';
import type { Bounds, LaidOutGroup, LaidOutNode, LaidOutTopology } from './layout';

export interface TopologyDiff {
  /** Added nodes and nodes whose text, marks or place changed, as they are now. */
  readonly upsertNodes: readonly LaidOutNode[];
  readonly removeNodes: readonly string[];
  readonly upsertEdges: readonly TopologyEdge[];
  readonly removeEdges: readonly string[];
  /** Engine boxes added or moved, and those of engines no longer in the picture. */
  readonly upsertGroups: readonly LaidOutGroup[];
  readonly removeGroups: readonly string[];
  readonly bounds: Bounds;
  /** Counts, for the log and the tests: how many of the upserts are new. */
  readonly addedNodes: number;
  readonly addedEdges: number;
}

/** Same content: these are plain data (strings, numbers, booleans, arrays of strings), compared field by field. */
function same(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const key of ka) {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => v === y[i])) continue;
    return false;
  }
  return true;
}

export function diffTopology(previous: LaidOutTopology | undefined, next: LaidOutTopology): TopologyDiff {
  const oldNodes = new Map((previous?.nodes ?? []).map(n => [n.id, n]));
  const oldEdges = new Map((previous?.edges ?? []).map(e => [e.id, e]));
  const newNodeIds = new Set(next.nodes.map(n => n.id));
  const newEdgeIds = new Set(next.edges.map(e => e.id));
  const upsertNodes = next.nodes.filter(n => {
    const old = oldNodes.get(n.id);
    return !old || !same(old, n);
  });
  const upsertEdges = next.edges.filter(e => {
    const old = oldEdges.get(e.id);
    return !old || !same(old, e);
  });
  const oldGroups = new Map((previous?.groups ?? []).map(g => [g.id, g]));
  const newGroupIds = new Set((next.groups ?? []).map(g => g.id));
  return {
    upsertNodes,
    upsertGroups: (next.groups ?? []).filter(g => {
      const old = oldGroups.get(g.id);
      return !old || !same(old, g);
    }),
    removeGroups: [...oldGroups.keys()].filter(id => !newGroupIds.has(id)),
    removeNodes: [...oldNodes.keys()].filter(id => !newNodeIds.has(id)),
    upsertEdges,
    removeEdges: [...oldEdges.keys()].filter(id => !newEdgeIds.has(id)),
    bounds: next.bounds,
    addedNodes: upsertNodes.filter(n => !oldNodes.has(n.id)).length,
    addedEdges: upsertEdges.filter(e => !oldEdges.has(e.id)).length,
  };
}

export function isEmptyDiff(diff: TopologyDiff): boolean {
  return (
    !diff.upsertNodes.length &&
    !diff.removeNodes.length &&
    !diff.upsertEdges.length &&
    !diff.removeEdges.length &&
    !diff.upsertGroups.length &&
    !diff.removeGroups.length
  );
}

/** A diff applied to a picture: what the webview holds after it (the tests check the two stay the same). */
export function applyDiff(picture: LaidOutTopology | undefined, diff: TopologyDiff): LaidOutTopology {
  const nodes = new Map((picture?.nodes ?? []).map(n => [n.id, n]));
  const edges = new Map((picture?.edges ?? []).map(e => [e.id, e]));
  for (const id of diff.removeNodes) nodes.delete(id);
  for (const id of diff.removeEdges) edges.delete(id);
  for (const n of diff.upsertNodes) nodes.set(n.id, n);
  for (const e of diff.upsertEdges) edges.set(e.id, e);
  const groups = new Map((picture?.groups ?? []).map(g => [g.id, g]));
  for (const id of diff.removeGroups) groups.delete(id);
  for (const g of diff.upsertGroups) groups.set(g.id, g);
  return {
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    bounds: diff.bounds,
    ...(groups.size ? { groups: [...groups.values()] } : {}),
  };
}
