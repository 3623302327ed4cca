// Where each box of the topology picture goes. dagre (chosen by bench/topology-bench.js: the fastest of the
// candidates and by far the smallest) lays out each connected part of the graph on its own, networks above the
// containers on them; the parts are packed on shelves. An update lays out again only the parts that changed and
// puts each where its old nodes were, so the rest of the picture does not move. Networks that join many parts
// (a reverse proxy every project is on) are drawn in a row above the parts instead of fusing them into one graph
// too big to lay out quickly or to read.
import { graphlib, layout as dagreLayout } from '@dagrejs/dagre';
import { endpointLabel, networkMarks, TopologyEdge, TopologyGraph, TopologyGroup, TopologyNode } from './graph';

export type LaidOutNode = TopologyNode & {
  /** Centre of the box. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Drawn in the row of networks that join many parts of the picture. */
  readonly hub?: boolean;
};

export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** An engine's box: `x`, `y` its top-left corner; its name is drawn in the band at the top. */
export type LaidOutGroup = TopologyGroup & Bounds;

export interface LaidOutTopology {
  readonly nodes: readonly LaidOutNode[];
  readonly edges: readonly TopologyEdge[];
  readonly bounds: Bounds;
  /** With several engines only. */
  readonly groups?: readonly LaidOutGroup[];
}

/** A part bigger than this is split at its busiest networks: dagre's time grows with the square of a part's size. */
export const MAX_PART_NODES = 120;
const MAX_HUBS = 60;
const GAP = 60;
const HUB_ROW_GAP = 140;
const SEARCH_STEP = 80;
const SEARCH_RINGS = 30;

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));
/** About what one character takes in the picture's font (13 px UI font, 12 px details). */
const CHAR_WIDTH = 6.8;

/** The box a node is drawn in: wide enough for its longest line, within limits. */
export function boxSize(node: TopologyNode): { width: number; height: number } {
  if (node.kind === 'network') {
    const details = [node.driver, ...node.subnets].join(' · ');
    const marks = networkMarks(node).join(' · ');
    const longest = Math.max(node.name.length + 2, details.length, marks.length);
    return { width: clamp(longest * CHAR_WIDTH + 32, 150, 360), height: marks ? 62 : 46 };
  }
  const details = `${node.state}${node.bridge ? ' · bridge' : ''}`;
  return { width: clamp(Math.max(node.name.length, details.length) * CHAR_WIDTH + 32, 120, 320), height: 46 };
}

/** How far an edge label reaches: edges are not part of the layout, but their label should fit between rows. */
export function edgeLabelWidth(edge: TopologyEdge): number {
  return endpointLabel(edge).length * CHAR_WIDTH;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w + GAP && b.x < a.x + a.w + GAP && a.y < b.y + b.h + GAP && b.y < a.y + a.h + GAP;

interface Sized {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

interface Part {
  readonly key: string;
  readonly nodes: Sized[];
  readonly edges: TopologyEdge[];
}

interface PlacedPart {
  readonly part: Part;
  readonly box: Box;
}

type Point = { x: number; y: number };

/** Connected parts of the graph without the hub networks, biggest first (ties: first node ID). */
function partsOf(nodes: readonly Sized[], edges: readonly TopologyEdge[], hubs: ReadonlySet<string>): Part[] {
  const parent = new Map<string, string>();
  for (const node of nodes) if (!hubs.has(node.id)) parent.set(node.id, node.id);
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    while (parent.get(x) !== root) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  const inner = edges.filter(edge => parent.has(edge.source) && parent.has(edge.target));
  for (const edge of inner) parent.set(find(edge.source), find(edge.target));
  const groups = new Map<string, { nodes: Sized[]; edges: TopologyEdge[] }>();
  for (const node of nodes) {
    if (hubs.has(node.id)) continue;
    const root = find(node.id);
    let group = groups.get(root);
    if (!group) groups.set(root, (group = { nodes: [], edges: [] }));
    group.nodes.push(node);
  }
  for (const edge of inner) groups.get(find(edge.source))!.edges.push(edge);
  const parts = [...groups.values()].map(group => ({
    ...group,
    key: `${group.nodes
      .map(n => `${n.id}/${n.width}/${n.height}`)
      .sort()
      .join(',')}|${group.edges
      .map(e => e.id)
      .sort()
      .join(',')}`,
  }));
  return parts.sort((a, b) => b.nodes.length - a.nodes.length || (a.nodes[0].id < b.nodes[0].id ? -1 : 1));
}

/** One part laid out by dagre, networks above their containers; centres relative to the part's top-left corner. */
function layOutPart(part: Part): Map<string, Point> {
  const g = new graphlib.Graph();
  // Every edge runs from a network to a container, so there are two ranks whatever the ranker: the cheapest one
  // (longest-path) gives the same ranks as the default network simplex at about half the time of the whole layout.
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 110, marginx: 0, marginy: 0, ranker: 'longest-path' });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of part.nodes) g.setNode(node.id, { width: node.width, height: node.height });
  for (const edge of part.edges) g.setEdge(edge.source, edge.target);
  dagreLayout(g);
  const local = new Map<string, Point>();
  for (const node of part.nodes) {
    const p = g.node(node.id);
    local.set(node.id, { x: p.x ?? 0, y: p.y ?? 0 });
  }
  return local;
}

function boxOf(positions: ReadonlyMap<string, Point>, nodes: readonly Sized[]): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const node of nodes) {
    const p = positions.get(node.id)!;
    x0 = Math.min(x0, p.x - node.width / 2);
    y0 = Math.min(y0, p.y - node.height / 2);
    x1 = Math.max(x1, p.x + node.width / 2);
    y1 = Math.max(y1, p.y + node.height / 2);
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/**
 * Keeps the picture from one update to the next: `update` takes the whole graph and returns every node with its
 * place; what did not change keeps its place. `reset` makes the next update lay everything out afresh.
 */
export class TopologyLayout {
  private placed = new Map<string, PlacedPart>();
  private positions = new Map<string, Point>();
  /** Which placed part each node is in: an update anchors a changed part where most of its old nodes were. */
  private partOfNode = new Map<string, string>();
  private hubs = new Set<string>();
  private hubRowY: number | undefined;
  private shelf = { x: 0, y: 0, rowHeight: 0, width: 0 };
  /** How far left and right the picture reaches: with `keepWidth`, a changed part is put back within it. */
  private extent: { x0: number; x1: number } | undefined;

  /**
   * `keepWidth`: a changed part that does not fit back where it was goes to a free place within the picture's width,
   * else on a new shelf below, never beside the picture. Engine boxes stand side by side: one growing sideways would
   * push the next engine's box, and all its nodes, along.
   */
  constructor(private readonly options: { readonly keepWidth?: boolean } = {}) {}

  reset(): void {
    this.extent = undefined;
    this.placed = new Map();
    this.positions = new Map();
    this.partOfNode = new Map();
    this.hubs = new Set();
    this.hubRowY = undefined;
  }

  update(graph: TopologyGraph): LaidOutTopology {
    const sized = graph.nodes.map(node => ({ node, id: node.id, ...boxSize(node) }));
    const hubs = this.chooseHubs(sized, graph.edges);
    const parts = partsOf(sized, graph.edges, hubs);
    const first = this.placed.size === 0;
    if (first) {
      const area = sized.reduce((sum, n) => sum + (n.width + GAP) * (n.height + GAP * 2), 0);
      this.shelf = { x: 0, y: 0, rowHeight: 0, width: Math.max(1200, Math.sqrt(area) * 1.6) };
    }
    const positions = new Map<string, Point>();
    const placed = new Map<string, PlacedPart>();
    const boxes: Box[] = [];
    const changed: Part[] = [];
    for (const part of parts) {
      const kept = this.placed.get(part.key);
      if (!kept) {
        changed.push(part);
        continue;
      }
      for (const node of part.nodes) positions.set(node.id, this.positions.get(node.id)!);
      placed.set(part.key, kept);
      boxes.push(kept.box);
    }
    for (const part of changed) {
      const local = layOutPart(part);
      const at = first ? undefined : this.anchoredPlace(part, local, boxes);
      const moved = at ?? this.shelfPlace(boxOf(local, part.nodes));
      for (const node of part.nodes) {
        const p = local.get(node.id)!;
        positions.set(node.id, { x: p.x + moved.dx, y: p.y + moved.dy });
      }
      const box = boxOf(positions, part.nodes);
      boxes.push(box);
      placed.set(part.key, { part, box });
    }
    this.placeHubs(sized, graph.edges, hubs, positions, boxes);
    if (boxes.length) {
      const x0 = Math.min(...boxes.map(b => b.x));
      const x1 = Math.max(...boxes.map(b => b.x + b.w));
      this.extent = this.extent ? { x0: Math.min(x0, this.extent.x0), x1: Math.max(x1, this.extent.x1) } : { x0, x1 };
    }
    this.placed = placed;
    this.positions = positions;
    this.hubs = hubs;
    this.partOfNode = new Map([...placed].flatMap(([key, { part }]) => part.nodes.map(node => [node.id, key] as [string, string])));
    const nodes = sized.map(({ node, width, height }) => {
      const p = positions.get(node.id)!;
      return { ...node, x: Math.round(p.x), y: Math.round(p.y), width, height, ...(hubs.has(node.id) ? { hub: true } : {}) };
    });
    return { nodes, edges: graph.edges, bounds: boundsOf(nodes) };
  }

  /**
   * Networks to draw in the hub row: while a part is too big, its busiest network (one already in the row first,
   * so the row does not change with every update) leaves the part.
   */
  private chooseHubs(nodes: readonly (Sized & { node: TopologyNode })[], edges: readonly TopologyEdge[]): Set<string> {
    const hubs = new Set<string>();
    const networks = new Map(nodes.filter(n => n.node.kind === 'network').map(n => [n.id, n.node]));
    for (;;) {
      const big = partsOf(nodes, edges, hubs).filter(part => part.nodes.length > MAX_PART_NODES);
      if (!big.length || hubs.size >= MAX_HUBS) return hubs;
      let added = false;
      for (const part of big) {
        const inPart = new Set(part.nodes.map(n => n.id));
        const degree = new Map<string, number>();
        for (const edge of part.edges) if (inPart.has(edge.source)) degree.set(edge.source, (degree.get(edge.source) ?? 0) + 1);
        const candidates = [...degree].filter(([id, d]) => networks.has(id) && d >= 3);
        if (!candidates.length) continue;
        candidates.sort(
          ([a, da], [b, db]) =>
            Number(this.hubs.has(b)) - Number(this.hubs.has(a)) || db - da || (networks.get(a)!.name < networks.get(b)!.name ? -1 : 1),
        );
        hubs.add(candidates[0][0]);
        added = true;
      }
      if (!added) return hubs;
    }
  }

  /** Where a changed part goes: its old nodes stay put if nothing is in the way, else the nearest free place. */
  private anchoredPlace(part: Part, local: ReadonlyMap<string, Point>, boxes: readonly Box[]): { dx: number; dy: number } | undefined {
    const byOldPart = new Map<string, Sized[]>();
    for (const node of part.nodes) {
      const key = this.partOfNode.get(node.id);
      if (!key || !this.positions.has(node.id)) continue;
      const list = byOldPart.get(key) ?? [];
      list.push(node);
      byOldPart.set(key, list);
    }
    const anchor = [...byOldPart.values()].sort((a, b) => b.length - a.length)[0];
    if (!anchor) return undefined;
    let dx = 0;
    let dy = 0;
    for (const node of anchor) {
      const was = this.positions.get(node.id)!;
      const now = local.get(node.id)!;
      dx += was.x - now.x;
      dy += was.y - now.y;
    }
    dx /= anchor.length;
    dy /= anchor.length;
    const box = boxOf(local, part.nodes);
    const extent = this.options.keepWidth ? this.extent : undefined;
    const free = (ox: number, oy: number) => {
      const candidate = { x: box.x + ox, y: box.y + oy, w: box.w, h: box.h };
      if (extent && (candidate.x < extent.x0 || candidate.x + candidate.w > extent.x1)) return false;
      return !boxes.some(b => overlaps(b, candidate)) && (this.hubRowY === undefined || candidate.y > this.hubRowY + HUB_ROW_GAP / 2);
    };
    if (free(dx, dy)) return { dx, dy };
    // Rings of candidate places around the anchor, nearest first.
    for (let ring = 1; ring <= SEARCH_RINGS; ring++) {
      const offsets: [number, number][] = [];
      for (let i = -ring; i <= ring; i++)
        for (let j = -ring; j <= ring; j++)
          if (Math.max(Math.abs(i), Math.abs(j)) === ring) offsets.push([i * SEARCH_STEP, j * SEARCH_STEP]);
      offsets.sort((a, b) => Math.hypot(...a) - Math.hypot(...b));
      for (const [ox, oy] of offsets) if (free(dx + ox, dy + oy)) return { dx: dx + ox, dy: dy + oy };
    }
    return undefined;
  }

  /** The next place on the shelves: rows about as wide as a screen is, continued from the last part placed. */
  private shelfPlace(box: Box): { dx: number; dy: number } {
    const shelf = this.shelf;
    if (shelf.x > 0 && shelf.x + box.w > shelf.width) {
      shelf.x = 0;
      shelf.y += shelf.rowHeight + GAP;
      shelf.rowHeight = 0;
    }
    const at = { dx: shelf.x - box.x, dy: shelf.y - box.y };
    shelf.x += box.w + GAP;
    shelf.rowHeight = Math.max(shelf.rowHeight, box.h);
    return at;
  }

  /** The hub row above the parts: each hub over the middle of what it connects, pushed right where they would touch. */
  private placeHubs(
    nodes: readonly Sized[],
    edges: readonly TopologyEdge[],
    hubs: ReadonlySet<string>,
    positions: Map<string, Point>,
    boxes: readonly Box[],
  ): void {
    if (!hubs.size) return;
    const top = Math.min(0, ...boxes.map(b => b.y));
    const height = Math.max(...nodes.filter(n => hubs.has(n.id)).map(n => n.height));
    if (this.hubRowY === undefined || this.hubRowY + height / 2 + HUB_ROW_GAP > top) this.hubRowY = top - HUB_ROW_GAP - height / 2;
    const wanted = nodes
      .filter(n => hubs.has(n.id))
      .map(n => {
        const xs = edges.filter(e => e.source === n.id && positions.has(e.target)).map(e => positions.get(e.target)!.x);
        const previous = this.positions.get(n.id);
        return { n, x: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : (previous?.x ?? 0) };
      })
      .sort((a, b) => a.x - b.x || (a.n.id < b.n.id ? -1 : 1));
    let right = -Infinity;
    for (const { n, x } of wanted) {
      const cx = Math.max(x, right + GAP + n.width / 2);
      positions.set(n.id, { x: cx, y: this.hubRowY });
      right = cx + n.width / 2;
    }
  }
}

export function boundsOf(nodes: readonly LaidOutNode[]): Bounds {
  if (!nodes.length) return { x: 0, y: 0, width: 0, height: 0 };
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    x0 = Math.min(x0, n.x - n.width / 2);
    y0 = Math.min(y0, n.y - n.height / 2);
    x1 = Math.max(x1, n.x + n.width / 2);
    y1 = Math.max(y1, n.y + n.height / 2);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
