/**
 * The server's half of a side-bar view answered by deltas (the Comment Letters and Commitments views): the editor asks
 * again whenever diagnostics change, so at every keystroke while a view shows, and on a repository of 500 threads a
 * whole answer is about 4 MB of nodes. A view keeps its nodes between asks (a node is the same object while nothing it
 * is made of changed: each view decides that); this says which of them changed since the version a caller holds. The
 * editor's half is `nodesMerge.ts`. Pure: no IO, no protocol types.
 */

/** What a view is sent: every node, or (`delta`) only those that changed since the version the caller holds. */
export interface NodesUpdate<N> {
  readonly version: string;
  /** True: `threads` are the changed and new nodes only, `removed` the ids gone, `order` (when given) every id in order. */
  readonly delta: boolean;
  readonly threads: readonly N[];
  readonly removed?: readonly string[];
  readonly order?: readonly string[];
}

export class NodeDeltas<N extends { readonly id: string }> {
  private version = 0;
  /** Versions are this server's own: one a client kept from a server before a restart is not mistaken for one of ours. */
  private readonly run = Math.random().toString(36).slice(2, 8);
  private order: readonly string[] = [];
  /** Which nodes (by id, as objects) the last answer's version stood for. */
  private sent: { readonly version: string; readonly nodes: ReadonlyMap<string, N> } | undefined;

  /**
   * The answer for a caller holding `since`, given the view's nodes now (by id; an unchanged node is the object it was)
   * and their ids in order: nothing when nothing changed (the same version), the changed nodes when `since` is the
   * version last answered, else every node under a new version.
   */
  answer(current: ReadonlyMap<string, N>, order: readonly string[], since?: string): NodesUpdate<N> {
    const orderChanged = order.length !== this.order.length || order.some((id, i) => id !== this.order[i]);
    this.order = order;
    const before = since !== undefined && this.sent?.version === since ? this.sent.nodes : undefined;
    const changed = [...current.values()].filter((n) => before?.get(n.id) !== n);
    if (before && changed.length === 0 && !orderChanged && before.size === current.size) return { version: since!, delta: true, threads: [] };
    const version = `${this.run}.${++this.version}`;
    this.sent = { version, nodes: current };
    if (!before) return { version, delta: false, threads: order.map((id) => current.get(id)!) };
    const removed = [...before.keys()].filter((id) => !current.has(id));
    return {
      version,
      delta: true,
      threads: changed,
      ...(removed.length > 0 ? { removed } : {}),
      ...(orderChanged || removed.length > 0 || changed.some((n) => !before.has(n.id)) ? { order } : {}),
    };
  }
}
