// Turns explorer view-models into VS Code tree items: labels, descriptions, icons, tooltips and context values.
import * as vscode from 'vscode';
import {
  ContainerModel,
  ContainerNetworkModel,
  describeEndpoint,
  describeNetwork,
  EndpointModel,
  NetworkModel,
} from '../../model/explorer';
import type { CompiledTemplate } from '../../model/filters/formatTemplate';
import type { GroupModel, HintModel } from '../../model/networkView';
import { endpointTooltip, networkTooltip } from '../../model/tooltips';

export type ExplorerNode = NetworkModel | EndpointModel | ContainerModel | ContainerNetworkModel | GroupModel | HintModel;

/** Whether a command argument is one of our tree nodes (VS Code passes the clicked node and the selection). */
export function isTreeNode(value: unknown): value is ExplorerNode {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

/** How network nodes are labelled: `--format`-style templates, full or short IDs. */
export interface NetworkDisplay {
  readonly label?: CompiledTemplate;
  /** undefined: the built-in description (driver · subnets · endpoints). */
  readonly description?: CompiledTemplate;
  readonly fullIds: boolean;
}

const DRIVER_ICONS: Record<string, string> = {
  bridge: 'symbol-structure',
  host: 'server',
  null: 'circle-slash',
  overlay: 'globe',
  macvlan: 'radio-tower',
  ipvlan: 'broadcast',
};

/** The puzzle piece: any driver not built into the engine is a network plugin's. */
const PLUGIN_DRIVER_ICON = 'extensions';

export function driverIcon(driver: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(DRIVER_ICONS[driver] ?? PLUGIN_DRIVER_ICON);
}

export const networkNodeId = (networkId: string) => `network/${networkId}`;
export const endpointNodeId = (networkId: string, containerId: string) => `network/${networkId}/endpoint/${containerId}`;
export const containerNodeId = (containerId: string) => `container/${containerId}`;

export function nodeId(node: ExplorerNode): string {
  switch (node.kind) {
    case 'network':
      return networkNodeId(node.id);
    case 'endpoint':
      return endpointNodeId(node.networkId, node.containerId);
    case 'container':
      return containerNodeId(node.id);
    case 'containerNetwork':
      return `container/${node.containerId}/network/${node.networkName}`;
    case 'group':
      return `group/${node.groupBy}/${node.key}`;
    case 'hint':
      return `hint/${node.label}`;
  }
}

/** Space-separated tokens, so menus can match precisely: `viewItem =~ /^network custom/`, `/\bswarm\b/`. */
export function networkContextValue(node: NetworkModel): string {
  const tokens = ['network', node.builtIn ? 'builtin' : 'custom', node.endpoints.length ? 'inUse' : 'unused'];
  if (node.scope === 'swarm') tokens.push('swarm');
  if (node.network.ConfigOnly) tokens.push('configOnly');
  return tokens.join(' ');
}

export function toTreeItem(node: ExplorerNode, display: NetworkDisplay = { fullIds: false }): vscode.TreeItem {
  switch (node.kind) {
    case 'hint': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.description = node.description;
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.command = { command: node.command, title: node.label };
      item.contextValue = 'hint';
      return withId(item, node);
    }
    case 'group': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.networks.length} ${node.networks.length === 1 ? 'network' : 'networks'}`;
      item.iconPath = node.groupBy === 'driver' ? driverIcon(node.key) : new vscode.ThemeIcon(node.key === 'swarm' ? 'globe' : 'home');
      item.contextValue = 'group';
      return withId(item, node);
    }
    case 'network': {
      const label = display.label?.render(node, { noTrunc: display.fullIds }) || node.name;
      const item = new vscode.TreeItem(
        label,
        node.endpoints.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      item.description = display.description ? display.description.render(node, { noTrunc: display.fullIds }) : describeNetwork(node);
      item.iconPath = driverIcon(node.driver);
      item.contextValue = networkContextValue(node);
      return withId(item, node);
    }
    case 'endpoint': {
      const item = new vscode.TreeItem(node.containerName, vscode.TreeItemCollapsibleState.None);
      item.description = describeEndpoint(node);
      item.iconPath = endpointIcon(node);
      // A task only the manager reports runs on a node the window has no engine for: no container action reaches it.
      item.contextValue = `${node.taskOnly ? 'task' : 'endpoint'} ${node.running ? 'running' : 'stopped'}${node.task ? ' swarmTask' : ''}`;
      return withId(item, node);
    }
    case 'container': {
      const item = new vscode.TreeItem(
        node.name,
        node.networks.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      item.description = `${node.state} · ${node.image}`;
      item.iconPath = node.running
        ? new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('testing.iconPassed'))
        : new vscode.ThemeIcon('vm-outline', new vscode.ThemeColor('disabledForeground'));
      item.tooltip = `${node.name} (${node.id.slice(0, 12)})\n${node.status}\nimage: ${node.image}`;
      item.contextValue = `container ${node.running ? 'running' : 'stopped'}`;
      return withId(item, node);
    }
    case 'containerNetwork': {
      const item = new vscode.TreeItem(node.networkName, vscode.TreeItemCollapsibleState.None);
      item.description = [node.ipv4, node.ipv6].filter(Boolean).join(' · ') + (node.networkExists ? '' : ' (network missing)');
      item.iconPath = new vscode.ThemeIcon(node.networkExists ? 'link' : 'warning');
      item.contextValue = 'containerNetwork';
      return withId(item, node);
    }
  }
}

function endpointIcon(node: EndpointModel): vscode.ThemeIcon {
  const color = new vscode.ThemeColor(node.running ? 'testing.iconPassed' : 'disabledForeground');
  if (node.task) return new vscode.ThemeIcon('layers', color);
  return new vscode.ThemeIcon(node.running ? 'vm-running' : 'vm-outline', color);
}

/**
 * The hover text of a row. Networks and endpoints get theirs only when hovered (resolveTreeItem): VS Code converts
 * and sends every Markdown tooltip with each redraw, which made redrawing 300 networks take three times as long.
 */
export function tooltipOf(node: ExplorerNode): vscode.MarkdownString | undefined {
  if (node.kind === 'network') return new vscode.MarkdownString(networkTooltip(node));
  if (node.kind === 'endpoint') return new vscode.MarkdownString(endpointTooltip(node));
  return undefined;
}

function withId(item: vscode.TreeItem, node: ExplorerNode): vscode.TreeItem {
  item.id = nodeId(node);
  return item;
}
