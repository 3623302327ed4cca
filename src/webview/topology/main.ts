// The topology panel's page: draws the picture the extension sends (whole, then as diffs), lets the user zoom, pan,
// search and move between boxes with the keyboard, and sends back what the user asks for (reveal, inspect, the
// actions of a container dropped on a network, an export). The context menu is VS Code's own (webview/context in
// the manifest, fed by each box's data-vscode-context). It never talks to the engine: the extension checks every
// message and runs its own commands, with their confirmations. Every message names the engine to act in.
import { searchableText, TopologyEdge } from '../../model/topology/graph';
import type { Bounds, LaidOutGroup, LaidOutNode, LaidOutTopology } from '../../model/topology/layout';
import type { TopologyDiff } from '../../model/topology/diff';
import type { ExportFormat, FromWebview, TopologyStatus, ToWebview } from '../../model/topology/protocol';
import { exportPng, exportSvg } from './export';
import { drawEdge, drawGroup, drawNode } from './render';

interface SavedState {
  readonly query: string;
  readonly view?: { k: number; tx: number; ty: number };
  readonly selected?: string;
}

declare function acquireVsCodeApi(): {
  postMessage(message: FromWebview): void;
  getState(): SavedState | undefined;
  setState(state: SavedState): void;
};

const vscode = acquireVsCodeApi();
const post = (message: FromWebview) => vscode.postMessage(message);

const byId = <T extends Element>(id: string) => document.getElementById(id) as unknown as T;
const svg = byId<SVGSVGElement>('picture');
const viewport = byId<SVGGElement>('viewport');
const edgeLayer = byId<SVGGElement>('edges');
const nodeLayer = byId<SVGGElement>('nodes');
const groupLayer = byId<SVGGElement>('groups');
const dragLine = byId<SVGLineElement>('drag-line');
const search = byId<HTMLInputElement>('search');
const matchCount = byId<HTMLElement>('matches');
const statusLine = byId<HTMLElement>('status');
const filterLine = byId<HTMLElement>('filter');
const summary = byId<HTMLElement>('summary');

const nodes = new Map<string, LaidOutNode>();
const edges = new Map<string, TopologyEdge>();
const nodeElements = new Map<string, SVGGElement>();
const edgeElements = new Map<string, SVGGElement>();
const groupElements = new Map<string, SVGGElement>();
/** Edge IDs per node ID, to redraw a node's lines when it moves. */
const edgesOfNode = new Map<string, Set<string>>();
let bounds: Bounds = { x: 0, y: 0, width: 0, height: 0 };
let hasPicture = false;

const saved = vscode.getState();
let view = saved?.view ?? { k: 1, tx: 0, ty: 0 };
let selected = saved?.selected;
search.value = saved?.query ?? '';

function saveState(): void {
  vscode.setState({ query: search.value, view, selected });
}

// ---------- drawing ----------
function link(edge: TopologyEdge): void {
  for (const end of [edge.source, edge.target]) {
    let set = edgesOfNode.get(end);
    if (!set) edgesOfNode.set(end, (set = new Set()));
    set.add(edge.id);
  }
}
function unlink(edge: TopologyEdge): void {
  for (const end of [edge.source, edge.target]) edgesOfNode.get(end)?.delete(edge.id);
}

/** New elements are collected here during one update and put into the document at once. */
let newEdges: DocumentFragment | undefined;
let newNodes: DocumentFragment | undefined;

function drawEdgeById(id: string): void {
  const edge = edges.get(id);
  const from = edge && nodes.get(edge.source);
  const to = edge && nodes.get(edge.target);
  if (!edge || !from || !to) return;
  const existing = edgeElements.get(id);
  const siblings = [...(edgesOfNode.get(edge.target) ?? [])]
    .map(other => edges.get(other))
    .filter((other): other is TopologyEdge => Boolean(other))
    .sort((a, b) => (nodes.get(a.source)?.x ?? 0) - (nodes.get(b.source)?.x ?? 0) || (a.id < b.id ? -1 : 1));
  const element = drawEdge(edge, from, to, existing, Math.max(0, siblings.indexOf(edge)), siblings.length);
  if (!existing) {
    edgeElements.set(id, element);
    (newEdges ?? edgeLayer).append(element);
  }
}

function upsertNode(node: LaidOutNode): void {
  nodes.set(node.id, node);
  const existing = nodeElements.get(node.id);
  const element = drawNode(node, existing);
  if (!existing) {
    nodeElements.set(node.id, element);
    (newNodes ?? nodeLayer).append(element);
  }
  if (node.id === selected) element.classList.add('selected');
}

function removeNode(id: string): void {
  nodes.delete(id);
  nodeElements.get(id)?.remove();
  nodeElements.delete(id);
  if (selected === id) selected = undefined;
}

function removeEdge(id: string): void {
  const edge = edges.get(id);
  if (edge) unlink(edge);
  edges.delete(id);
  edgeElements.get(id)?.remove();
  edgeElements.delete(id);
}

function upsertGroup(group: LaidOutGroup): void {
  const existing = groupElements.get(group.id);
  const element = drawGroup(group, existing);
  if (!existing) {
    groupElements.set(group.id, element);
    groupLayer.append(element);
  }
}

function removeGroup(id: string): void {
  groupElements.get(id)?.remove();
  groupElements.delete(id);
}

/** The engine an action on an item runs in: its own; a swarm network spanning several engines, the first of them. */
function engineOf(id: string): string {
  const node = nodes.get(id);
  if (node) return node.kind === 'network' ? node.engineIds[0] : node.engineId;
  return edges.get(id)?.engineId ?? '';
}

function showPicture(picture: LaidOutTopology, fit: boolean): void {
  for (const id of [...nodes.keys()]) removeNode(id);
  for (const id of [...edges.keys()]) removeEdge(id);
  for (const id of [...groupElements.keys()]) removeGroup(id);
  // Zoom first: measuring the page after the boxes are in would lay out all their text at the old zoom.
  bounds = picture.bounds;
  if (fit || (!hasPicture && !saved?.view)) fitToView();
  applyDiff({
    upsertNodes: picture.nodes,
    removeNodes: [],
    upsertEdges: picture.edges,
    removeEdges: [],
    upsertGroups: picture.groups ?? [],
    removeGroups: [],
    bounds: picture.bounds,
    addedNodes: picture.nodes.length,
    addedEdges: picture.edges.length,
  });
  hasPicture = true;
}

function applyDiff(diff: TopologyDiff): void {
  const started = performance.now();
  newEdges = document.createDocumentFragment();
  newNodes = document.createDocumentFragment();
  const redraw = new Set<string>();
  for (const id of diff.removeGroups) removeGroup(id);
  for (const group of diff.upsertGroups) upsertGroup(group);
  // The container's other lines may take other label places now.
  const touched = diff.removeEdges.map(id => edges.get(id)?.target).filter((id): id is string => Boolean(id));
  for (const id of diff.removeEdges) removeEdge(id);
  for (const id of diff.removeNodes) removeNode(id);
  for (const node of diff.upsertNodes) {
    upsertNode(node);
    for (const edgeId of edgesOfNode.get(node.id) ?? []) redraw.add(edgeId);
  }
  for (const edge of diff.upsertEdges) {
    const old = edges.get(edge.id);
    if (old) unlink(old);
    edges.set(edge.id, edge);
    link(edge);
    // The container's other lines may take other label places now.
    for (const sibling of edgesOfNode.get(edge.target) ?? []) redraw.add(sibling);
  }
  for (const target of touched) for (const sibling of edgesOfNode.get(target) ?? []) redraw.add(sibling);
  for (const id of redraw) drawEdgeById(id);
  edgeLayer.append(newEdges);
  nodeLayer.append(newNodes);
  newEdges = newNodes = undefined;
  bounds = diff.bounds;
  const engines = groupElements.size > 1 ? `${groupElements.size} engines · ` : '';
  summary.textContent = `${engines}${count('network')} networks · ${count('container')} containers · ${edges.size} endpoints`;
  applySearch();
  // How long the script took to draw the update: the benchmark reads it.
  (window as unknown as { __topologyDrawMs: number }).__topologyDrawMs = performance.now() - started;
}

const count = (kind: LaidOutNode['kind']) => [...nodes.values()].filter(n => n.kind === kind).length;

function showStatus(status: TopologyStatus, filter: string | undefined): void {
  statusLine.textContent = status.kind === 'ready' ? '' : (status.text ?? status.kind);
  statusLine.dataset.kind = status.kind;
  filterLine.textContent = filter ? `Networks view filter: ${filter}` : '';
}

// ---------- zoom, pan, fit ----------
/**
 * Below this zoom the text would be a few pixels high: it is not drawn (it stays in the document, and every box's
 * aria-label says it all), which halves the time the first picture of a large engine takes to draw.
 */
const TEXT_ZOOM = 0.4;

function applyView(): void {
  viewport.setAttribute('transform', `translate(${view.tx} ${view.ty}) scale(${view.k})`);
  svg.classList.toggle('far', view.k < TEXT_ZOOM);
  saveState();
}

function fitToView(): void {
  const rect = svg.getBoundingClientRect();
  if (!bounds.width || !bounds.height || !rect.width || !rect.height) {
    view = { k: 1, tx: 20, ty: 20 };
  } else {
    const k = Math.max(0.02, Math.min(1.5, Math.min((rect.width - 40) / bounds.width, (rect.height - 40) / bounds.height)));
    view = {
      k,
      tx: (rect.width - bounds.width * k) / 2 - bounds.x * k,
      ty: (rect.height - bounds.height * k) / 2 - bounds.y * k,
    };
  }
  applyView();
}

function zoomAt(factor: number, cx: number, cy: number): void {
  const k = Math.max(0.02, Math.min(4, view.k * factor));
  const f = k / view.k;
  view = { k, tx: cx - (cx - view.tx) * f, ty: cy - (cy - view.ty) * f };
  applyView();
}

function zoomCentre(factor: number): void {
  const rect = svg.getBoundingClientRect();
  zoomAt(factor, rect.width / 2, rect.height / 2);
}

/** Pans so a node is on screen (centred when it was off screen or `centre` says so), at a readable zoom. */
function bringIntoView(id: string, centre = false): void {
  const node = nodes.get(id);
  if (!node) return;
  const rect = svg.getBoundingClientRect();
  const sx = node.x * view.k + view.tx;
  const sy = node.y * view.k + view.ty;
  const margin = 40;
  if (centre || sx < margin || sy < margin || sx > rect.width - margin || sy > rect.height - margin) {
    if (centre && view.k < 0.6) view.k = 0.8;
    view = { k: view.k, tx: rect.width / 2 - node.x * view.k, ty: rect.height / 2 - node.y * view.k };
    applyView();
  }
}

svg.addEventListener(
  'wheel',
  event => {
    event.preventDefault();
    const rect = svg.getBoundingClientRect();
    zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
  },
  { passive: false },
);

// ---------- selection and focus ----------
function select(id: string | undefined): void {
  if (selected) nodeElements.get(selected)?.classList.remove('selected');
  selected = id && nodes.has(id) ? id : undefined;
  if (selected) nodeElements.get(selected)?.classList.add('selected');
  saveState();
}

function focusNode(id: string, centre = false): void {
  const element = nodeElements.get(id);
  if (!element) return;
  select(id);
  bringIntoView(id, centre);
  element.focus({ preventScroll: true });
}

const itemOf = (target: EventTarget | null): { id: string; kind: 'node' | 'edge' } | undefined => {
  const element = target instanceof Element ? target.closest('[data-id]') : null;
  if (!element) return undefined;
  return { id: element.getAttribute('data-id')!, kind: element.classList.contains('edge') ? 'edge' : 'node' };
};

/** The nearest node from the focused one in the arrow's direction (within a 45° cone either side). */
function neighbour(fromId: string, dx: number, dy: number): string | undefined {
  const from = nodes.get(fromId);
  if (!from) return undefined;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const node of nodes.values()) {
    if (node.id === fromId) continue;
    const vx = node.x - from.x;
    const vy = node.y - from.y;
    const along = vx * dx + vy * dy;
    const across = Math.abs(vx * dy - vy * dx);
    if (along <= 0 || across > along) continue;
    const score = along + across * 2;
    if (score < bestScore) {
      bestScore = score;
      best = node.id;
    }
  }
  return best;
}

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

nodeLayer.addEventListener('focusin', event => {
  const item = itemOf(event.target);
  if (item) {
    select(item.id);
    bringIntoView(item.id);
  }
});

svg.addEventListener('keydown', event => {
  const item = itemOf(event.target);
  if (!item) return;
  const arrow = ARROWS[event.key];
  if (arrow) {
    event.preventDefault();
    const next = neighbour(item.id, ...arrow);
    if (next) focusNode(next);
  } else if (event.key === 'Enter') {
    event.preventDefault();
    post({ type: 'inspect', id: item.id, engine: engineOf(item.id) });
  } else if (event.key === ' ') {
    event.preventDefault();
    post({ type: 'reveal', id: item.id, engine: engineOf(item.id) });
  } else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
    // VS Code opens its menu on a contextmenu event: raise one on the focused box, at the box.
    event.preventDefault();
    const target = event.target as Element;
    const box = target.getBoundingClientRect();
    target.dispatchEvent(
      new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: box.left + box.width / 2, clientY: box.bottom, button: 2 }),
    );
  }
});

document.addEventListener('keydown', event => {
  if (event.target === search) return;
  if (event.key === '+' || event.key === '=') zoomCentre(1.25);
  else if (event.key === '-') zoomCentre(0.8);
  else if (event.key === '0') fitToView();
  else if (event.key === '/' || (event.key === 'f' && (event.ctrlKey || event.metaKey))) {
    event.preventDefault();
    search.focus();
    search.select();
  } else return;
});

// ---------- mouse: click reveals, double-click inspects, drag a container onto a network, drag the background pans ----------
type Gesture =
  | { kind: 'pan'; x: number; y: number; tx: number; ty: number; moved: boolean }
  | { kind: 'drag'; id: string; x: number; y: number; active: boolean; over?: string };
let gesture: Gesture | undefined;

svg.addEventListener('pointerdown', event => {
  if (event.button !== 0) return;
  const item = itemOf(event.target);
  if (item?.kind === 'node' && nodes.get(item.id)?.kind === 'container') {
    gesture = { kind: 'drag', id: item.id, x: event.clientX, y: event.clientY, active: false };
  } else if (!item) {
    gesture = { kind: 'pan', x: event.clientX, y: event.clientY, tx: view.tx, ty: view.ty, moved: false };
    svg.classList.add('panning');
  } else return;
  svg.setPointerCapture(event.pointerId);
});

function networkUnder(clientX: number, clientY: number): string | undefined {
  const element = document.elementFromPoint(clientX, clientY)?.closest('.node.network');
  return element?.getAttribute('data-id') ?? undefined;
}

svg.addEventListener('pointermove', event => {
  if (!gesture) return;
  const dx = event.clientX - gesture.x;
  const dy = event.clientY - gesture.y;
  if (gesture.kind === 'pan') {
    gesture.moved ||= Math.hypot(dx, dy) > 3;
    view = { k: view.k, tx: gesture.tx + dx, ty: gesture.ty + dy };
    applyView();
    return;
  }
  if (!gesture.active && Math.hypot(dx, dy) < 6) return;
  gesture.active = true;
  const from = nodes.get(gesture.id);
  if (!from) return;
  dragLine.setAttribute('x1', String(from.x * view.k + view.tx));
  dragLine.setAttribute('y1', String(from.y * view.k + view.ty));
  const rect = svg.getBoundingClientRect();
  dragLine.setAttribute('x2', String(event.clientX - rect.left));
  dragLine.setAttribute('y2', String(event.clientY - rect.top));
  dragLine.classList.add('visible');
  const over = networkUnder(event.clientX, event.clientY);
  if (over !== gesture.over) {
    if (gesture.over) nodeElements.get(gesture.over)?.classList.remove('drop-target');
    if (over) nodeElements.get(over)?.classList.add('drop-target');
    gesture.over = over;
  }
});

function endGesture(event: PointerEvent, cancelled: boolean): void {
  const done = gesture;
  gesture = undefined;
  svg.classList.remove('panning');
  dragLine.classList.remove('visible');
  if (!done) return;
  if (done.kind === 'drag') {
    if (done.over) nodeElements.get(done.over)?.classList.remove('drop-target');
    if (!done.active) return; // a click: the click handler reveals
    const network = cancelled ? undefined : networkUnder(event.clientX, event.clientY);
    if (network) post({ type: 'drop', container: done.id, network, engine: engineOf(done.id) });
    suppressClick = true;
  } else if (done.moved) suppressClick = true;
}
let suppressClick = false;
svg.addEventListener('pointerup', event => endGesture(event, false));
svg.addEventListener('pointercancel', event => endGesture(event, true));

svg.addEventListener('click', event => {
  if (suppressClick) {
    suppressClick = false;
    return;
  }
  const item = itemOf(event.target);
  if (!item) {
    select(undefined);
    return;
  }
  if (item.kind === 'node') focusNode(item.id);
  post({ type: 'reveal', id: item.id, engine: engineOf(item.id) });
});

svg.addEventListener('dblclick', event => {
  const item = itemOf(event.target);
  if (item) post({ type: 'inspect', id: item.id, engine: engineOf(item.id) });
});

// A right-click selects the box; VS Code then shows its own menu for it (the event is left to it).
svg.addEventListener('contextmenu', event => {
  const item = itemOf(event.target);
  if (item?.kind === 'node') select(item.id);
});

// ---------- search: highlights every box and line whose text matches ----------
function applySearch(): void {
  const query = search.value.trim().toLowerCase();
  svg.classList.toggle('searching', Boolean(query));
  let matches = 0;
  const matchedNodes = new Set<string>();
  for (const [id, edge] of edges) {
    const hit = Boolean(query) && searchableText(edge).toLowerCase().includes(query);
    edgeElements.get(id)?.classList.toggle('match', hit);
    if (hit) {
      matches++;
      matchedNodes.add(edge.target);
    }
  }
  for (const [id, node] of nodes) {
    const hit = Boolean(query) && searchableText(node).toLowerCase().includes(query);
    if (hit) matches++;
    nodeElements.get(id)?.classList.toggle('match', hit);
    // A container whose address matches stays readable too.
    nodeElements.get(id)?.classList.toggle('near-match', !hit && matchedNodes.has(id));
  }
  matchCount.textContent = query ? (matches === 1 ? '1 match' : `${matches} matches`) : '';
  saveState();
}

let searchCursor = -1;
search.addEventListener('input', () => {
  searchCursor = -1;
  applySearch();
});
search.addEventListener('keydown', event => {
  if (event.key === 'Escape') {
    search.value = '';
    applySearch();
  } else if (event.key === 'Enter') {
    const hits = [...nodeElements.values()].filter(e => e.classList.contains('match') || e.classList.contains('near-match'));
    if (!hits.length) return;
    searchCursor = (searchCursor + (event.shiftKey ? hits.length - 1 : 1)) % hits.length;
    const id = hits[searchCursor].getAttribute('data-id')!;
    select(id);
    bringIntoView(id, true);
  }
});

// ---------- toolbar ----------
let fitAfterRelayout = false;
byId<HTMLButtonElement>('fit').addEventListener('click', () => fitToView());
byId<HTMLButtonElement>('zoom-in').addEventListener('click', () => zoomCentre(1.25));
byId<HTMLButtonElement>('zoom-out').addEventListener('click', () => zoomCentre(0.8));
byId<HTMLButtonElement>('relayout').addEventListener('click', () => {
  fitAfterRelayout = true;
  post({ type: 'relayout' });
});
byId<HTMLButtonElement>('export-svg').addEventListener('click', () => void exportAs('svg'));
byId<HTMLButtonElement>('export-png').addEventListener('click', () => void exportAs('png'));

async function exportAs(format: ExportFormat): Promise<void> {
  try {
    const data = format === 'svg' ? exportSvg(svg, bounds) : await exportPng(svg, bounds);
    post({ type: 'export', format, data });
  } catch (err) {
    post({ type: 'exportFailed', reason: String((err as Error)?.message ?? err) });
  }
}

// ---------- messages from the extension ----------
window.addEventListener('message', event => {
  const message = event.data as ToWebview;
  switch (message?.type) {
    case 'picture':
      showPicture(message.picture, fitAfterRelayout);
      showStatus(message.status, message.filter);
      fitAfterRelayout = false;
      break;
    case 'diff':
      applyDiff(message.diff);
      showStatus(message.status, message.filter);
      break;
    case 'status':
      showStatus(message.status, message.filter);
      break;
    case 'focus':
      focusNode(message.id, true);
      break;
    case 'export':
      void exportAs(message.format);
      break;
  }
});
applyView();
post({ type: 'ready' });
