// The messages between the topology panel (extension) and its webview, and the check every message from the
// webview goes through before anything runs: a webview is a web page showing engine text, so what it sends is
// treated like input from outside — known message types only, fields of the right type and size, and node IDs that
// are in the picture the extension last sent, of the kind the action needs, in an engine that item is on.
import type { TopologyDiff } from './diff';
import { engineIdsOf } from './graph';
import type { LaidOutTopology } from './layout';

export const TOPOLOGY_VIEW_TYPE = 'dockerNetworks.topology';

/** What the picture says above itself while it cannot show live data. */
export interface TopologyStatus {
  readonly kind: 'loading' | 'ready' | 'stale' | 'unavailable';
  readonly text?: string;
}

export type ToWebview =
  | { readonly type: 'picture'; readonly picture: LaidOutTopology; readonly status: TopologyStatus; readonly filter?: string }
  | { readonly type: 'diff'; readonly diff: TopologyDiff; readonly status: TopologyStatus; readonly filter?: string }
  | { readonly type: 'status'; readonly status: TopologyStatus; readonly filter?: string }
  | { readonly type: 'focus'; readonly id: string }
  | { readonly type: 'export'; readonly format: ExportFormat };

export type ExportFormat = 'svg' | 'png';

/** The actions of the picture's context menu: each runs the extension's command of the same name. */
export type TopologyAction = 'connect' | 'disconnect' | 'remove' | 'inspect' | 'reveal';

/** `engine`: the engine to act in (a swarm network spanning several engines names one of them). */
export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly id: string; readonly engine: string }
  | { readonly type: 'inspect'; readonly id: string; readonly engine: string }
  | { readonly type: 'action'; readonly action: TopologyAction; readonly id: string; readonly engine: string }
  | { readonly type: 'drop'; readonly container: string; readonly network: string; readonly engine: string }
  | { readonly type: 'export'; readonly format: ExportFormat; readonly data: string }
  | { readonly type: 'exportFailed'; readonly reason: string }
  | { readonly type: 'relayout' };

export type Validated = { readonly ok: true; readonly message: FromWebview } | { readonly ok: false; readonly reason: string };

/** An exported picture of 900 boxes is a few MB of SVG; a PNG of it a little more as base64. */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;
const MAX_REASON_CHARS = 500;

type Kind = 'network' | 'container' | 'endpoint';
/** Which kinds of item each action applies to. */
const ACTION_KINDS: Record<TopologyAction, readonly Kind[]> = {
  connect: ['network', 'container'],
  disconnect: ['endpoint', 'container'],
  remove: ['network'],
  inspect: ['network', 'container', 'endpoint'],
  reveal: ['network', 'container', 'endpoint'],
};

/** The item of the picture an ID names, with its kind and the engines it can be acted on in. */
function itemOf(picture: LaidOutTopology | undefined, id: string): { kind: Kind; engines: readonly string[] } | undefined {
  if (!picture) return undefined;
  const item = picture.nodes.find(n => n.id === id) ?? picture.edges.find(e => e.id === id);
  return item && { kind: item.kind, engines: engineIdsOf(item) };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a message from the webview against the picture it was drawn from. */
export function validateFromWebview(raw: unknown, picture: LaidOutTopology | undefined): Validated {
  if (!isRecord(raw) || typeof raw.type !== 'string') return { ok: false, reason: 'not a message' };
  const fail = (reason: string): Validated => ({ ok: false, reason: `${String(raw.type).slice(0, 40)}: ${reason}` });
  const engine = raw.engine;
  const item = (field: string, kinds: readonly Kind[]): string | Validated => {
    const id = raw[field];
    if (typeof id !== 'string' || id.length > MAX_ID_CHARS) return fail(`${field} is not an ID`);
    const found = itemOf(picture, id);
    if (!found) return fail(`${field} "${id}" is not in the picture`);
    if (!kinds.includes(found.kind)) return fail(`${field} "${id}" is a ${found.kind}, not a ${kinds.join(' or ')}`);
    if (typeof engine !== 'string' || !found.engines.includes(engine))
      return fail(`${field} "${id}" is not on engine "${String(engine).slice(0, MAX_ID_CHARS)}"`);
    return id;
  };
  switch (raw.type) {
    case 'ready':
    case 'relayout':
      return { ok: true, message: { type: raw.type } };
    case 'reveal':
    case 'inspect': {
      const id = item('id', ACTION_KINDS[raw.type]);
      return typeof id === 'string' ? { ok: true, message: { type: raw.type, id, engine: engine as string } } : id;
    }
    case 'action': {
      const action = raw.action;
      if (typeof action !== 'string' || !Object.hasOwn(ACTION_KINDS, action)) return fail('unknown action');
      const id = item('id', ACTION_KINDS[action as TopologyAction]);
      return typeof id === 'string'
        ? { ok: true, message: { type: 'action', action: action as TopologyAction, id, engine: engine as string } }
        : id;
    }
    case 'drop': {
      // Both ends in the same engine: a container is connected to a network its own engine has.
      const container = item('container', ['container']);
      if (typeof container !== 'string') return container;
      const network = item('network', ['network']);
      if (typeof network !== 'string') return network;
      return { ok: true, message: { type: 'drop', container, network, engine: engine as string } };
    }
    case 'export': {
      const { format, data } = raw;
      if (format !== 'svg' && format !== 'png') return fail('unknown format');
      if (typeof data !== 'string' || data.length > MAX_EXPORT_CHARS) return fail('no picture, or too big');
      if (format === 'svg' && !/^(<\?xml[^>]*>\s*)?<svg[\s>]/.test(data)) return fail('not an SVG document');
      if (format === 'png' && !/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/.test(data)) return fail('not a PNG data URL');
      return { ok: true, message: { type: 'export', format, data } };
    }
    case 'exportFailed':
      return { ok: true, message: { type: 'exportFailed', reason: String(raw.reason ?? '').slice(0, MAX_REASON_CHARS) } };
    default:
      return fail('unknown message type');
  }
}

/** Engine IDs are `engine:` + a host address: longer than a Docker ID, still bounded. */
const MAX_ID_CHARS = 600;

/**
 * What VS Code passes to a command run from the picture's own context menu (the `webview/context` menu): the
 * `data-vscode-context` of the right-clicked element and its ancestors, and `webview`, the panel's view type.
 */
export interface TopologyMenuContext {
  readonly webview: typeof TOPOLOGY_VIEW_TYPE;
  readonly webviewSection: Kind;
  readonly topologyId: string;
  readonly topologyEngine: string;
}

export function isTopologyMenuContext(value: unknown): value is TopologyMenuContext {
  return isRecord(value) && value.webview === TOPOLOGY_VIEW_TYPE && typeof value.topologyId === 'string';
}

/** The `data-vscode-context` of a node or edge of the picture (as its attribute, JSON). */
export function menuContextOf(
  id: string,
  kind: Kind,
  engine: string,
  marks: { builtIn?: boolean; connected?: boolean } = {},
): Record<string, string | boolean> {
  return {
    webviewSection: kind,
    topologyId: id,
    topologyEngine: engine,
    ...(marks.builtIn ? { topologyBuiltIn: true } : {}),
    ...(marks.connected ? { topologyConnected: true } : {}),
  };
}

/**
 * A command run from the picture's context menu: the item it names must be in the picture last sent, in the
 * engine named, like every message of the webview — the context comes from the page's DOM.
 */
export function validateMenuContext(
  raw: unknown,
  picture: LaidOutTopology | undefined,
): { ok: true; id: string; engine: string; kind: Kind } | { ok: false; reason: string } {
  if (!isTopologyMenuContext(raw)) return { ok: false, reason: 'not from the topology picture' };
  const { topologyId: id, topologyEngine: engine } = raw;
  if (id.length > MAX_ID_CHARS) return { ok: false, reason: 'not an ID' };
  const found = itemOf(picture, id);
  if (!found) return { ok: false, reason: `"${id}" is not in the picture` };
  if (typeof engine !== 'string' || !found.engines.includes(engine)) return { ok: false, reason: `"${id}" is not on that engine` };
  return { ok: true, id, engine, kind: found.kind };
}
