// Where a command's targets come from: the node(s) it was invoked on in a tree, or a quick pick from the loaded
// model (commands that pick declare `needs: 'explorer'`).
import * as vscode from 'vscode';
import { ContainerModel, describeNetwork, NetworkModel } from '../../model/explorer';
import { askOnce } from '../wizard/flow';
import { ExplorerNode, isTreeNode, nodeId } from '../tree/treeItems';
import type { CommandContext } from './commandContext';

type NodeOfKind<K extends ExplorerNode['kind']> = Extract<ExplorerNode, { kind: K }>;

/**
 * VS Code passes (clicked node, selected nodes) to tree context-menu commands. The selection counts only when it
 * includes the clicked node: it can hold nodes of another kind or nodes a refresh has since replaced.
 */
export function selectedNodes<K extends ExplorerNode['kind']>(
  clicked: unknown,
  selection: unknown,
  kind: K | readonly K[],
): NodeOfKind<K>[] | undefined {
  const kinds: readonly string[] = Array.isArray(kind) ? kind : [kind];
  const ofKind = (node: ExplorerNode): node is NodeOfKind<K> => kinds.includes(node.kind);
  const selected = (Array.isArray(selection) ? selection : []).filter(isTreeNode).filter(ofKind);
  const target = isTreeNode(clicked) && ofKind(clicked) ? clicked : undefined;
  if (!target) return selected.length ? selected : undefined;
  return selected.some(node => nodeId(node) === nodeId(target)) ? selected : [target];
}

/** The node a single-target command was invoked on: the right-clicked one, else the first selected. */
export function clickedNode<K extends ExplorerNode['kind']>(
  clicked: unknown,
  selection: unknown,
  kind: K | readonly K[],
): NodeOfKind<K> | undefined {
  const nodes = selectedNodes(clicked, selection, kind);
  const target = isTreeNode(clicked) ? nodes?.find(node => nodeId(node) === nodeId(clicked)) : undefined;
  return target ?? nodes?.[0];
}

export async function pickNetworks(
  context: CommandContext,
  title: string,
  placeholder: string,
  options: { customOnly?: boolean; swarmOnly?: boolean } = {},
): Promise<NetworkModel[] | undefined> {
  const model = context.model();
  const networks = model.networks.filter(
    network => (!options.customOnly || !network.builtIn) && (!options.swarmOnly || network.scope === 'swarm'),
  );
  if (!networks.length) {
    void vscode.window.showInformationMessage(
      `There are no ${options.swarmOnly ? 'swarm ' : options.customOnly ? 'custom ' : ''}networks on this engine.`,
    );
    return undefined;
  }
  return askOnce(context.prompter, title, ask =>
    ask.pickMany({
      placeholder,
      options: networks.map(network => ({ label: network.name, description: describeNetwork(network), value: network })),
    }),
  );
}

export async function pickContainers(context: CommandContext, title: string, placeHolder: string): Promise<ContainerModel[] | undefined> {
  const model = context.model();
  if (!model.containers.length) {
    void vscode.window.showInformationMessage('There are no containers on this engine.');
    return undefined;
  }
  return askOnce(context.prompter, title, ask =>
    ask.pickMany({
      placeholder: placeHolder,
      options: model.containers.map(container => ({
        label: container.name,
        description: `${container.state} · ${container.image}`,
        value: container,
      })),
    }),
  );
}

/** One network, for commands that act on a single one (Duplicate). */
export async function pickNetwork(
  context: CommandContext,
  title: string,
  placeholder: string,
  options: { customOnly?: boolean } = {},
): Promise<NetworkModel | undefined> {
  const model = context.model();
  const networks = model.networks.filter(network => !options.customOnly || !network.builtIn);
  if (!networks.length) {
    void vscode.window.showInformationMessage(`There are no ${options.customOnly ? 'custom ' : ''}networks on this engine.`);
    return undefined;
  }
  return askOnce(context.prompter, title, ask =>
    ask.pick({
      placeholder,
      options: networks.map(network => ({ label: network.name, description: describeNetwork(network), value: network })),
    }),
  );
}
