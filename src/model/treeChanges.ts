// Which rows of a tree view must be redrawn after the data changed. VS Code's tree keeps what it has drawn by
// element id; telling it about the changed elements only (instead of the whole tree) keeps expansion, selection and
// scroll, and costs one getTreeItem per changed row instead of one per row. Pure, so the rules are tested without
// VS Code.

/** The tree as it is now: the root ids, and each node's children and look (undefined: the node is gone). */
export interface CurrentTree {
  readonly rootIds: readonly string[];
  childIds(id: string): readonly string[] | undefined;
  /** Everything VS Code draws for the row (label, description, icon, tooltip, menus), as one comparable string. */
  look(id: string): string | undefined;
}

export type TreeRedraw<N> = { readonly kind: 'none' } | { readonly kind: 'all' } | { readonly kind: 'nodes'; readonly nodes: readonly N[] };

interface DrawnNode<N> {
  /** The element VS Code holds for this id: what a change event must name. */
  node: N;
  look?: string;
  /** Set once VS Code asked for the node's children. */
  childIds?: readonly string[];
}

/** What VS Code has been given: the elements it holds, how each looked, and the children it asked for. */
export class DrawnTree<N> {
  private rootIds: readonly string[] | undefined;
  private readonly nodes = new Map<string, DrawnNode<N>>();

  /** VS Code asked for the children of `parentId` (undefined: the roots) and got these. */
  gaveChildren(parentId: string | undefined, children: readonly { id: string; node: N }[]): void {
    this.settle(
      parentId,
      children.map(child => child.id),
    );
    for (const child of children) {
      const drawn = this.nodes.get(child.id);
      if (drawn) drawn.node = child.node;
      else this.nodes.set(child.id, { node: child.node });
    }
  }

  /** VS Code drew the row of `id` like this. */
  drewLook(id: string, look: string): void {
    const drawn = this.nodes.get(id);
    if (drawn) drawn.look = look;
  }

  /** The element VS Code holds for `id`, if it holds one. */
  elementFor(id: string): N | undefined {
    return this.nodes.get(id)?.node;
  }

  /** Forget everything: the whole tree is about to be asked for again. */
  clear(): void {
    this.rootIds = undefined;
    this.nodes.clear();
  }

  /**
   * What to redraw so that VS Code shows `current`: nothing; everything (the top level changed); or the rows that
   * look different or whose drawn children changed (a redrawn row redraws its children too).
   */
  changesTo(current: CurrentTree): TreeRedraw<N> {
    if (this.rootIds === undefined) return { kind: 'none' };
    if (!sameIds(this.rootIds, current.rootIds)) {
      this.settle(undefined, current.rootIds);
      return { kind: 'all' };
    }
    const nodes: N[] = [];
    for (const [id, drawn] of [...this.nodes]) {
      const look = current.look(id);
      // Gone: the parent's children changed, and the parent is redrawn.
      if (look === undefined) continue;
      const childIds = drawn.childIds && (current.childIds(id) ?? []);
      const lookChanged = drawn.look !== undefined && look !== drawn.look;
      const childrenChanged = childIds !== undefined && !sameIds(drawn.childIds ?? [], childIds);
      if (!lookChanged && !childrenChanged) continue;
      nodes.push(drawn.node);
      if (drawn.look !== undefined) drawn.look = look;
      if (childIds) this.settle(id, childIds);
    }
    return nodes.length ? { kind: 'nodes', nodes } : { kind: 'none' };
  }

  /**
   * Takes a redraw as done: VS Code asks again for what it redraws, but not always at once (or not at all, for a
   * collapsed row), and the same change must not be announced again meanwhile.
   */
  private settle(parentId: string | undefined, childIds: readonly string[]): void {
    const before = parentId === undefined ? this.rootIds : this.nodes.get(parentId)?.childIds;
    const kept = new Set(childIds);
    for (const id of before ?? []) if (!kept.has(id)) this.forget(id);
    if (parentId === undefined) this.rootIds = childIds;
    else {
      const parent = this.nodes.get(parentId);
      if (parent) parent.childIds = childIds;
    }
  }

  private forget(id: string): void {
    const drawn = this.nodes.get(id);
    if (!drawn) return;
    this.nodes.delete(id);
    for (const child of drawn.childIds ?? []) this.forget(child);
  }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}
