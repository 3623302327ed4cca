// Draws the picture as SVG, element by element. Every text from the engine goes in through textContent or an
// attribute value set with setAttribute, never through markup, so a name such as `<img src=x onerror=…>` is shown as
// those characters and nothing else.
import { endpointLabel, GROUP_HEADER, networkMarks, TopologyEdge } from '../../model/topology/graph';
import type { LaidOutGroup, LaidOutNode } from '../../model/topology/layout';
import { menuContextOf } from '../../model/topology/protocol';

export const SVG_NS = 'http://www.w3.org/2000/svg';

const KNOWN_DRIVERS = new Set(['bridge', 'overlay', 'macvlan', 'ipvlan', 'host', 'null']);

export function svgElement<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number> = {},
  text?: string,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** The lines a node's box shows, top to bottom. */
export function nodeLines(node: LaidOutNode): { text: string; className: string }[] {
  if (node.kind === 'network') {
    const lines = [
      { text: node.name, className: 'name' },
      { text: [node.driver, ...node.subnets].join(' · '), className: 'details' },
    ];
    const marks = networkMarks(node);
    if (marks.length) lines.push({ text: marks.join(' · '), className: 'marks' });
    return lines;
  }
  return [
    { text: node.name, className: 'name' },
    { text: `${node.state}${node.bridge ? ' · bridge' : ''}`, className: 'details' },
  ];
}

/** What a screen reader says for a node. */
export function nodeDescription(node: LaidOutNode): string {
  if (node.kind === 'network') {
    const marks = networkMarks(node);
    return `network ${node.name}, ${node.driver}${node.subnets.length ? `, ${node.subnets.join(', ')}` : ''}${marks.length ? `, ${marks.join(', ')}` : ''}`;
  }
  return `container ${node.name}, ${node.state}${node.bridge ? ', bridges networks' : ''}`;
}

export function nodeClasses(node: LaidOutNode): string {
  const classes = ['node', node.kind];
  if (node.kind === 'network') {
    classes.push(`driver-${KNOWN_DRIVERS.has(node.driver) ? node.driver : 'other'}`);
    if (node.builtIn) classes.push('builtin');
    if (node.internal) classes.push('internal');
    if (node.hub) classes.push('hub');
  } else {
    classes.push(node.running ? 'running' : 'stopped');
    if (node.bridge) classes.push('bridge');
  }
  return classes.join(' ');
}

/** A node's group: box, its lines of text, and a tooltip with all of it. */
export function drawNode(node: LaidOutNode, existing?: SVGGElement): SVGGElement {
  const g = existing ?? svgElement('g', { tabindex: 0, role: 'button' });
  g.replaceChildren();
  g.setAttribute('class', nodeClasses(node));
  g.setAttribute('data-id', node.id);
  g.setAttribute('aria-label', nodeDescription(node));
  // VS Code's own context menu for the picture (webview/context in the manifest) reads this, and hands it to the
  // command run: the item and its engine, as the extension checks them against the picture it sent.
  g.setAttribute(
    'data-vscode-context',
    JSON.stringify(
      node.kind === 'network'
        ? menuContextOf(node.id, 'network', node.engineIds[0], { builtIn: node.builtIn })
        : menuContextOf(node.id, 'container', node.engineId, { connected: node.connected }),
    ),
  );
  g.setAttribute('transform', `translate(${node.x - node.width / 2} ${node.y - node.height / 2})`);
  const lines = nodeLines(node);
  g.append(svgElement('title', {}, lines.map(line => line.text).join('\n')));
  g.append(svgElement('rect', { class: 'box', width: node.width, height: node.height, rx: node.kind === 'network' ? 3 : 14 }));
  if (node.kind === 'container' && node.bridge)
    g.append(svgElement('rect', { class: 'bridge-ring', x: -4, y: -4, width: node.width + 8, height: node.height + 8, rx: 18 }));
  lines.forEach((line, i) => {
    g.append(svgElement('text', { class: line.className, x: 14, y: 19 + i * 16 }, line.text));
  });
  return g;
}

interface Point {
  x: number;
  y: number;
}

/** Where the line from a box's centre towards `toward` leaves the box. */
function boxExit(node: LaidOutNode, toward: Point): Point {
  const dx = toward.x - node.x;
  const dy = toward.y - node.y;
  if (!dx && !dy) return { x: node.x, y: node.y };
  const sx = dx ? node.width / 2 / Math.abs(dx) : Infinity;
  const sy = dy ? node.height / 2 / Math.abs(dy) : Infinity;
  const s = Math.min(sx, sy);
  return { x: node.x + dx * s, y: node.y + dy * s };
}

/** An edge: a wide invisible line to click, the drawn line, and its label near the container end. */
/**
 * `slot` of `slots`: this line's place among the lines of its container, left to right. Their labels sit at
 * different heights, so the addresses of a container on several networks do not cover each other.
 */
export function drawEdge(edge: TopologyEdge, from: LaidOutNode, to: LaidOutNode, existing?: SVGGElement, slot = 0, slots = 1): SVGGElement {
  const g = existing ?? svgElement('g');
  g.replaceChildren();
  g.setAttribute('class', `edge ${edge.running ? 'running' : 'stopped'}${from.hub ? ' to-hub' : ''}`);
  g.setAttribute('data-id', edge.id);
  g.setAttribute('data-vscode-context', JSON.stringify(menuContextOf(edge.id, 'endpoint', edge.engineId)));
  const a = boxExit(from, to);
  const b = boxExit(to, from);
  const label = endpointLabel(edge);
  g.append(svgElement('line', { class: 'hit', x1: a.x, y1: a.y, x2: b.x, y2: b.y }));
  g.append(svgElement('line', { class: 'wire', x1: a.x, y1: a.y, x2: b.x, y2: b.y }));
  if (label) {
    // Between a third and two thirds of the way, by slot; a hub's long lines near the container.
    const t = from.hub ? 0.85 : slots > 1 ? 0.3 + (0.4 * slot) / (slots - 1) : 0.5;
    g.append(
      svgElement('text', { class: 'label', 'text-anchor': 'middle', x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t + 4 }, label),
    );
  }
  return g;
}

/** An engine's box, behind its nodes: its name and address in the band at the top, and why it is empty or old. */
export function drawGroup(group: LaidOutGroup, existing?: SVGGElement): SVGGElement {
  const g = existing ?? svgElement('g', { role: 'group' });
  g.replaceChildren();
  g.setAttribute('class', `group${group.note ? ' noted' : ''}`);
  g.setAttribute('data-group', group.id);
  g.setAttribute('aria-label', `engine ${group.name}${group.host ? ` (${group.host})` : ''}${group.note ? `: ${group.note}` : ''}`);
  g.setAttribute('transform', `translate(${group.x} ${group.y})`);
  g.append(svgElement('rect', { class: 'group-box', width: group.width, height: group.height, rx: 6 }));
  g.append(svgElement('text', { class: 'group-name', x: 14, y: GROUP_HEADER / 2 + 6 }, group.name));
  const details = [group.host, group.note].filter(Boolean).join(' · ');
  if (details) g.append(svgElement('text', { class: 'group-details', x: 14, y: GROUP_HEADER / 2 + 24 }, details));
  return g;
}
