import type * as vscode from 'vscode';
import type { EngineScopedTree, EngineTreeNode } from './engineTree';

/**
 * Reveals the current node with this id. VS Code matches revealed elements by identity, and a reload between
 * finding the node and VS Code asking for its row replaces it ("Cannot resolve tree item"): find it again and retry.
 * Resolves false when the node is not in the tree (removed, or hidden by the filter).
 */
export async function revealById(
  view: vscode.TreeView<EngineTreeNode>,
  tree: EngineScopedTree,
  id: string,
  options: { select?: boolean; focus?: boolean; expand?: boolean | number },
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const node = tree.findById(id);
    if (!node) return false;
    try {
      await view.reveal(node, options);
      return true;
    } catch (err) {
      if (attempt >= 3 || !/Cannot resolve tree item/.test(String((err as Error)?.message))) throw err;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
}
