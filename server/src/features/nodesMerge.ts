/**
 * The editor's half of a side-bar view answered by deltas (`nodeDeltas.ts` is the server's; the Comment Letters and
 * Commitments views): an answer that is a delta is merged into the nodes the view holds (changed and new nodes replace
 * theirs, removed ids go, `order` when given puts them in order; else the held order stands, new ids last); a whole
 * answer replaces them. Pure; no vscode, so that tests hold the two halves together.
 */
import type { NodesUpdate } from './nodeDeltas';

export interface HeldNodes<N extends { readonly id: string }> {
  readonly byId: ReadonlyMap<string, N>;
  readonly threads: readonly N[];
}

export function mergeNodes<N extends { readonly id: string }>(held: HeldNodes<N>, answer: NodesUpdate<N>): { byId: Map<string, N>; threads: N[] } {
  if (!answer.delta) return { byId: new Map(answer.threads.map((t) => [t.id, t])), threads: [...answer.threads] };
  const byId = new Map(held.byId);
  for (const id of answer.removed ?? []) byId.delete(id);
  for (const t of answer.threads) byId.set(t.id, t);
  const order = answer.order ?? [
    ...held.threads.map((t) => t.id).filter((id) => byId.has(id)),
    ...answer.threads.map((t) => t.id).filter((id) => !held.byId.has(id)),
  ];
  return { byId, threads: order.flatMap((id) => byId.get(id) ?? []) };
}
