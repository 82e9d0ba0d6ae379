/**
 * The editor's half of the Comment Letters view's answers (`ThreadsViewState` is the server's): an answer that is a
 * delta is merged into the nodes the view holds (changed and new nodes replace theirs, removed ids go, `order` when
 * given puts them in order; else the held order stands, new ids last); a whole answer replaces them. Pure; no vscode,
 * so that tests hold the two halves together.
 */
import type { ThreadsUpdate } from './threadsView';

type Node = ThreadsUpdate['threads'][number];

export interface HeldThreads {
  readonly byId: ReadonlyMap<string, Node>;
  readonly threads: readonly Node[];
}

export function mergeThreads(held: HeldThreads, answer: ThreadsUpdate): { byId: Map<string, Node>; threads: Node[] } {
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
