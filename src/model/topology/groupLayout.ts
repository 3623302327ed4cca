// The picture of several engines: each engine's nodes are laid out on their own, exactly as a single engine's
// picture (TopologyLayout: dagre per connected part, parts on shelves, busy networks in a hub row), and put in a box
// of their own; the boxes stand side by side. Swarm-scope networks that several engines see are drawn in a row
// above the boxes, each over the middle of the containers it reaches in them. One dagre compound graph of every
// engine (each engine a cluster) was the alternative: bench/topology-bench.js measures 0.7–1.4 s for one layout of
// 900 nodes, and every update would lay out everything again (far over the 100 ms an update may take) and move the
// nodes of every engine; here an update lays out only the parts that changed, in the engine that changed.
import { GROUP_HEADER, TopologyEdge, TopologyGraph, TopologyGroup } from './graph';
import { Bounds, boundsOf, boxSize, LaidOutGroup, LaidOutNode, LaidOutTopology, TopologyLayout } from './layout';

/** Room around an engine's nodes inside its box. */
export const GROUP_PADDING = 30;
const GROUP_GAP = 80;
const SPANNING_ROW_GAP = 150;
const SPANNING_GAP = 60;
/** An engine with nothing to show still gets a box, so the picture says it is there (and why it is empty). */
const EMPTY_GROUP = { width: 260, height: 70 };

interface Offset {
  dx: number;
  dy: number;
}

/**
 * Keeps the picture of several engines from one update to the next: an engine's box stays where it was (its nodes
 * keep their places, by its own TopologyLayout) unless a box to its left grew into it, then it moves right as a
 * whole. With one engine (no groups in the graph) it is the single-engine layout, unchanged.
 */
export class EnginesLayout {
  private readonly single = new TopologyLayout();
  private perEngine = new Map<string, TopologyLayout>();
  private offsets = new Map<string, Offset>();

  reset(): void {
    this.single.reset();
    this.perEngine = new Map();
    this.offsets = new Map();
  }

  update(graph: TopologyGraph): LaidOutTopology {
    if (!graph.groups) {
      this.perEngine = new Map();
      this.offsets = new Map();
      return this.single.update(graph);
    }
    this.single.reset();
    const placed: { group: TopologyGroup; nodes: LaidOutNode[]; box: Bounds }[] = [];
    const layouts = new Map<string, TopologyLayout>();
    const offsets = new Map<string, Offset>();
    let right = -Infinity;
    for (const group of graph.groups) {
      const layout = this.perEngine.get(group.engineId) ?? new TopologyLayout({ keepWidth: true });
      layouts.set(group.engineId, layout);
      const local = layout.update(groupGraph(graph, group.id));
      const inner = local.nodes.length ? local.bounds : { x: 0, y: 0, ...EMPTY_GROUP };
      const size = { width: inner.width + 2 * GROUP_PADDING, height: inner.height + 2 * GROUP_PADDING + GROUP_HEADER };
      // Local coordinates → the picture's: where the box's top-left corner goes, minus where it is locally.
      const corner = { x: inner.x - GROUP_PADDING, y: inner.y - GROUP_PADDING - GROUP_HEADER };
      const kept = this.offsets.get(group.engineId);
      let offset: Offset = kept ?? {
        dx: Math.ceil((Number.isFinite(right) ? right + GROUP_GAP : 0) - corner.x),
        dy: Math.round(-corner.y),
      };
      // Pushed right, as a whole, where the box to its left grew into it.
      if (Number.isFinite(right) && corner.x + offset.dx < right + GROUP_GAP)
        offset = { dx: Math.ceil(right + GROUP_GAP - corner.x), dy: offset.dy };
      offsets.set(group.engineId, offset);
      const box = { x: corner.x + offset.dx, y: corner.y + offset.dy, ...size };
      right = box.x + box.width;
      placed.push({
        group,
        box,
        nodes: local.nodes.map(node => ({ ...node, x: node.x + offset.dx, y: node.y + offset.dy })),
      });
    }
    this.perEngine = layouts;
    this.offsets = offsets;
    const grouped = placed.flatMap(p => p.nodes);
    const spanning = placeSpanning(
      graph,
      grouped,
      placed.map(p => p.box),
    );
    const nodes = [...spanning, ...grouped];
    const groups: LaidOutGroup[] = placed.map(p => ({ ...p.group, ...p.box }));
    return { nodes, edges: graph.edges, bounds: union(boundsOf(nodes), groups), groups };
  }
}

/** One engine's part of the graph: its nodes and the edges between them (not those to spanning networks). */
function groupGraph(graph: TopologyGraph, groupId: string): TopologyGraph {
  const nodes = graph.nodes.filter(node => node.group === groupId);
  const ids = new Set(nodes.map(node => node.id));
  return { nodes, edges: graph.edges.filter(edge => ids.has(edge.source) && ids.has(edge.target)) };
}

/** The networks outside every group, in a row above the boxes: each over the middle of what it connects. */
function placeSpanning(graph: TopologyGraph, grouped: readonly LaidOutNode[], boxes: readonly Bounds[]): LaidOutNode[] {
  const spanning = graph.nodes.filter(node => !node.group);
  if (!spanning.length) return [];
  const at = new Map(grouped.map(node => [node.id, node]));
  const top = Math.min(0, ...boxes.map(box => box.y));
  const sized = spanning.map(node => ({ node, ...boxSize(node) }));
  const height = Math.max(...sized.map(s => s.height));
  const y = top - SPANNING_ROW_GAP - height / 2;
  const ends = (id: string) => graph.edges.filter((edge: TopologyEdge) => edge.source === id && at.has(edge.target));
  const wanted = sized
    .map(s => {
      const xs = ends(s.node.id).map(edge => at.get(edge.target)!.x);
      return { ...s, x: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0 };
    })
    .sort((a, b) => a.x - b.x || (a.node.id < b.node.id ? -1 : 1));
  let right = -Infinity;
  return wanted.map(({ node, width, height: h, x }) => {
    const cx = Math.max(x, right + SPANNING_GAP + width / 2);
    right = cx + width / 2;
    return { ...node, x: Math.round(cx), y: Math.round(y), width, height: h };
  });
}

function union(bounds: Bounds, boxes: readonly Bounds[]): Bounds {
  if (!boxes.length) return bounds;
  const all = bounds.width || bounds.height ? [bounds, ...boxes] : boxes;
  const x0 = Math.min(...all.map(b => b.x));
  const y0 = Math.min(...all.map(b => b.y));
  const x1 = Math.max(...all.map(b => b.x + b.width));
  const y1 = Math.max(...all.map(b => b.y + b.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
