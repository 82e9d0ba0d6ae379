/**
 * File-watch events coalesced: an editor reports one save as several events (created, changed, changed …), and a
 * checkout or a sync tool touches hundreds of files at once, each several times. Each file is handled once per batch,
 * as its last event says (deleted or not). Pure; no IO.
 */

export interface FileChange {
  readonly uri: string;
  readonly deleted: boolean;
}

/** One change per URI, in the order the URIs first appear; the last event for a URI decides whether it is deleted. */
export function coalesceChanges(changes: readonly FileChange[]): FileChange[] {
  const last = new Map<string, boolean>();
  for (const c of changes) last.set(c.uri, c.deleted);
  return [...last].map(([uri, deleted]) => ({ uri, deleted }));
}
